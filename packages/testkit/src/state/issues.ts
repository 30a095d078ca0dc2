// Issues (pull requests are issues too, as on GitHub; `list` shows only the real issues).
import type { FakeState } from './index.js';
import type { RepoTarget } from './repos.js';

export interface IssueState {
  number: number;
  id: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  state_reason: 'completed' | 'reopened' | 'not_planned' | 'duplicate' | null;
  user: string;
  labels: string[];
  assignees: string[];
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  closed_by: string | null;
  locked: boolean;
  isPull: boolean;
}

export class Issues {
  constructor(private readonly s: FakeState) {}

  /** Adds an issue (shares the number sequence with pull requests). */
  add(
    opts: RepoTarget & {
      title: string;
      body?: string | null;
      user?: string;
      labels?: string[];
      assignees?: string[];
      state?: 'open' | 'closed';
      created_at?: string;
      number?: number;
    },
  ): IssueState {
    const r = this.s.repo(opts);
    const now = opts.created_at ?? this.s.iso();
    const number = opts.number ?? r.nextNumber;
    r.nextNumber = Math.max(r.nextNumber, number + 1);
    for (const name of opts.labels ?? []) this.s.labels.add({ ...opts, name });
    const issue: IssueState = {
      number,
      id: this.s.nextId(),
      title: opts.title,
      body: opts.body ?? null,
      state: opts.state ?? 'open',
      state_reason: opts.state === 'closed' ? 'completed' : null,
      user: this.s.users.add(opts.user ?? 'octocat').login,
      labels: opts.labels ?? [],
      assignees: opts.assignees ?? [],
      created_at: now,
      updated_at: now,
      closed_at: opts.state === 'closed' ? now : null,
      closed_by: opts.state === 'closed' ? (opts.user ?? 'octocat') : null,
      locked: false,
      isPull: false,
    };
    r.issues.set(number, issue);
    return issue;
  }

  /** An issue or a pull request's issue record. */
  get(number: number, t?: RepoTarget): IssueState | undefined {
    return this.s.repo(t).issues.get(number);
  }

  list(t?: RepoTarget): IssueState[] {
    return [...this.s.repo(t).issues.values()].filter((i) => !i.isPull);
  }
}
