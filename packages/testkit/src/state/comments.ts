// Issue and pull request conversation comments, with their reactions.
import type { FakeState } from './index.js';
import { recordsUnder, type RepoTarget } from './repos.js';

export interface ReactionState {
  id: number;
  content: string;
  user: string;
  created_at: string;
}

export interface CommentState {
  id: number;
  issueNumber: number;
  body: string;
  user: string;
  created_at: string;
  updated_at: string;
  reactions: ReactionState[];
}

export class Comments {
  constructor(private readonly s: FakeState) {}

  add(opts: RepoTarget & { issueNumber: number; body: string; user?: string }): CommentState {
    const r = this.s.repo(opts);
    const now = this.s.iso();
    const c: CommentState = {
      id: this.s.nextId(),
      issueNumber: opts.issueNumber,
      body: opts.body,
      user: this.s.users.add(opts.user ?? 'octocat').login,
      created_at: now,
      updated_at: now,
      reactions: [],
    };
    r.comments.set(c.id, c);
    return c;
  }

  get(id: number, t?: RepoTarget): CommentState | undefined {
    return this.s.repo(t).comments.get(id);
  }

  /** Comments of the repository, or of one issue / pull request. */
  list(opts: RepoTarget & { issueNumber?: number } = {}): CommentState[] {
    return recordsUnder(this.s.repo(opts).comments, 'issueNumber', opts.issueNumber);
  }
}
