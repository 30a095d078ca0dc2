// Repositories: the record each resource keeps its own records in, and creating one.
import type { ArtifactState } from './artifacts.js';
import type { CheckRunState } from './checks.js';
import type { RepoRole } from './collaborators.js';
import type { CommentState } from './comments.js';
import type { BranchState, CommitState } from './commits.js';
import type { FakeState } from './index.js';
import type { IssueState } from './issues.js';
import type { LabelState } from './labels.js';
import type { PullState } from './pulls.js';
import type { ReviewCommentState, ReviewState } from './reviews.js';
import type { JobState } from './jobs.js';
import type { RunState, WorkflowState } from './runs.js';
import type { StatusState } from './statuses.js';

/** Where a seed call or a reader applies; defaults to the fake's main repository. */
export interface RepoTarget {
  owner?: string;
  repo?: string;
}

/** A resource's records, or only those of one parent (a run, an issue, a pull request, a commit) when the reader names it. */
export function recordsUnder<T, K extends keyof T>(records: { values(): Iterable<T> }, key: K, parent: T[K] | undefined): T[] {
  return [...records.values()].filter((record) => parent === undefined || record[key] === parent);
}

export interface RepoState {
  id: number;
  owner: string;
  name: string;
  default_branch: string;
  private: boolean;
  fork: boolean;
  branches: Map<string, BranchState>;
  commits: Map<string, CommitState>;
  workflows: Map<number, WorkflowState>;
  runs: Map<number, RunState>;
  jobs: Map<number, JobState>;
  artifacts: Map<number, ArtifactState>;
  issues: Map<number, IssueState>;
  pulls: Map<number, PullState>;
  comments: Map<number, CommentState>;
  /** Keyed by the lower-cased name: GitHub's label names are case-insensitive. */
  labels: Map<string, LabelState>;
  reviews: Map<number, ReviewState>;
  reviewComments: Map<number, ReviewCommentState>;
  statuses: StatusState[];
  checkRuns: Map<number, CheckRunState>;
  collaborators: Map<string, RepoRole>;
  /** Issues and pull requests share one number sequence. */
  nextNumber: number;
}

export class Repos {
  private readonly byName = new Map<string, RepoState>();

  constructor(private readonly s: FakeState) {}

  /** Creates a repository with a default branch holding one commit (README.md unless `files`). */
  add(opts: { owner: string; repo: string; defaultBranch?: string; private?: boolean; fork?: boolean; files?: Record<string, string> }): RepoState {
    const r: RepoState = {
      id: this.s.nextId(),
      owner: opts.owner,
      name: opts.repo,
      default_branch: opts.defaultBranch ?? 'main',
      private: opts.private ?? false,
      fork: opts.fork ?? false,
      branches: new Map(),
      commits: new Map(),
      workflows: new Map(),
      runs: new Map(),
      jobs: new Map(),
      artifacts: new Map(),
      issues: new Map(),
      pulls: new Map(),
      comments: new Map(),
      labels: new Map(),
      reviews: new Map(),
      reviewComments: new Map(),
      statuses: [],
      checkRuns: new Map(),
      collaborators: new Map([[opts.owner, 'admin']]),
      nextNumber: 1,
    };
    this.byName.set(`${opts.owner}/${opts.repo}`.toLowerCase(), r);
    this.s.users.add(opts.owner);
    const sha = this.s.commits.add({
      owner: opts.owner,
      repo: opts.repo,
      message: 'Initial commit',
      parents: [],
      files: opts.files ?? { 'README.md': `# ${opts.repo}\n` },
    });
    r.branches.set(r.default_branch, { name: r.default_branch, sha, protected: false });
    return r;
  }

  /** The repository `owner/repo` (case-insensitive; each defaults to the main repository's). */
  get(t: RepoTarget = {}): RepoState | undefined {
    return this.byName.get(`${t.owner ?? this.s.defaultOwner}/${t.repo ?? this.s.defaultRepo}`.toLowerCase());
  }

  list(): RepoState[] {
    return [...this.byName.values()];
  }
}
