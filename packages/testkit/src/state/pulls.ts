// Pull requests: the issue record they share a number with, plus head/base, commits and files.
import { must } from '../must.js';
import { sha1 } from './commits.js';
import type { FakeState } from './index.js';
import type { IssueState } from './issues.js';
import type { RepoTarget } from './repos.js';

export interface PullFile {
  filename: string;
  status: 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';
  additions: number;
  deletions: number;
  patch?: string;
}

export interface PullState {
  number: number;
  id: number;
  head: { ref: string; sha: string; repoFullName: string; fork: boolean };
  base: { ref: string; sha: string };
  draft: boolean;
  merged: boolean;
  merge_commit_sha: string | null;
  commits: string[];
  files: PullFile[];
}

export class Pulls {
  constructor(private readonly s: FakeState) {}

  /**
   * Adds a pull request. `commits` default to one new commit on the head branch (created if missing);
   * a fork head lives in `headRepoFullName` (default `contributor/<repo>`).
   */
  add(
    opts: RepoTarget & {
      title?: string;
      body?: string | null;
      user?: string;
      head?: string;
      base?: string;
      headSha?: string;
      fork?: boolean;
      headRepoFullName?: string;
      draft?: boolean;
      state?: 'open' | 'closed';
      merged?: boolean;
      labels?: string[];
      commits?: string[];
      files?: PullFile[];
      number?: number;
    },
  ): { issue: IssueState; pull: PullState } {
    const r = this.s.repo(opts);
    const headOf = (branch: string): string | undefined => r.branches.get(branch)?.sha;
    const base = opts.base ?? r.default_branch;
    const head = opts.head ?? `feature-${r.nextNumber}`;
    let commits = opts.commits;
    if (!commits) {
      if (!r.branches.has(head)) this.s.branches.set({ ...opts, branch: head, sha: headOf(base) });
      commits = opts.headSha
        ? [opts.headSha]
        : [this.s.commits.add({ ...opts, branch: head, message: `Change for ${head}`, files: { [`src/${head}.txt`]: `${head}\n` } })];
    }
    const headSha = opts.headSha ?? commits[commits.length - 1] ?? must(headOf(head), `head of ${head}`);
    const issue = this.s.issues.add({
      ...opts,
      title: opts.title ?? `Pull request ${head}`,
      state: opts.state ?? (opts.merged ? 'closed' : 'open'),
    });
    issue.isPull = true;
    const pull: PullState = {
      number: issue.number,
      id: this.s.nextId(),
      head: {
        ref: head,
        sha: headSha,
        repoFullName: opts.headRepoFullName ?? (opts.fork ? `contributor/${r.name}` : `${r.owner}/${r.name}`),
        fork: opts.fork ?? false,
      },
      base: { ref: base, sha: must(headOf(base), `head of base ${base}`) },
      draft: opts.draft ?? false,
      merged: opts.merged ?? false,
      merge_commit_sha: sha1(`merge ${issue.number} ${headSha}`),
      commits,
      files: opts.files ?? [{ filename: `src/${head}.txt`, status: 'added', additions: 1, deletions: 0, patch: `@@ -0,0 +1 @@\n+${head}` }],
    };
    r.pulls.set(issue.number, pull);
    return { issue, pull };
  }

  get(number: number, t?: RepoTarget): PullState | undefined {
    return this.s.repo(t).pulls.get(number);
  }

  list(t?: RepoTarget): PullState[] {
    return [...this.s.repo(t).pulls.values()];
  }
}
