// Pull request reviews and the review comments on a pull request's diff.
import type { ReactionState } from './comments.js';
import type { FakeState } from './index.js';
import { recordsUnder, type RepoTarget } from './repos.js';

export interface ReviewState {
  id: number;
  pullNumber: number;
  user: string;
  body: string;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'PENDING' | 'DISMISSED';
  commit_id: string;
  submitted_at: string;
}

export interface ReviewCommentState {
  id: number;
  pullNumber: number;
  reviewId: number | null;
  body: string;
  path: string;
  line: number | null;
  start_line: number | null;
  side: 'LEFT' | 'RIGHT';
  in_reply_to_id: number | null;
  user: string;
  commit_id: string;
  created_at: string;
  updated_at: string;
  reactions: ReactionState[];
}

export class Reviews {
  constructor(private readonly s: FakeState) {}

  /** A review by `user` on `commitId` (default: the PR's head), as GitHub lists it. */
  add(opts: RepoTarget & { pullNumber: number; user: string; state: ReviewState['state']; commitId?: string; body?: string }): ReviewState {
    const r = this.s.repo(opts);
    const pull = r.pulls.get(opts.pullNumber);
    if (!pull) throw new Error(`fake state: no pull request #${opts.pullNumber}`);
    this.s.users.add(opts.user);
    const review: ReviewState = {
      id: this.s.nextId(),
      pullNumber: opts.pullNumber,
      user: opts.user,
      body: opts.body ?? '',
      state: opts.state,
      commit_id: opts.commitId ?? pull.head.sha,
      submitted_at: this.s.iso(),
    };
    r.reviews.set(review.id, review);
    return review;
  }

  list(opts: RepoTarget & { pullNumber?: number } = {}): ReviewState[] {
    return recordsUnder(this.s.repo(opts).reviews, 'pullNumber', opts.pullNumber);
  }
}

export class ReviewComments {
  constructor(private readonly s: FakeState) {}

  /** Adds a review comment on a pull request's diff (a reply when `inReplyTo`). */
  add(
    opts: RepoTarget & {
      pullNumber: number;
      body: string;
      path: string;
      line?: number | null;
      startLine?: number | null;
      side?: 'LEFT' | 'RIGHT';
      user?: string;
      inReplyTo?: number;
      reviewId?: number;
    },
  ): ReviewCommentState {
    const r = this.s.repo(opts);
    const pull = r.pulls.get(opts.pullNumber);
    if (!pull) throw new Error(`no pull ${opts.pullNumber}`);
    const now = this.s.iso();
    const c: ReviewCommentState = {
      id: this.s.nextId(),
      pullNumber: opts.pullNumber,
      reviewId: opts.reviewId ?? null,
      body: opts.body,
      path: opts.path,
      line: opts.line === undefined ? 1 : opts.line,
      start_line: opts.startLine ?? null,
      side: opts.side ?? 'RIGHT',
      in_reply_to_id: opts.inReplyTo ?? null,
      user: this.s.users.add(opts.user ?? 'octocat').login,
      commit_id: pull.head.sha,
      created_at: now,
      updated_at: now,
      reactions: [],
    };
    r.reviewComments.set(c.id, c);
    return c;
  }

  get(id: number, t?: RepoTarget): ReviewCommentState | undefined {
    return this.s.repo(t).reviewComments.get(id);
  }

  list(opts: RepoTarget & { pullNumber?: number } = {}): ReviewCommentState[] {
    return recordsUnder(this.s.repo(opts).reviewComments, 'pullNumber', opts.pullNumber);
  }
}
