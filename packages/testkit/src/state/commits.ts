// Git data: commits (full tree snapshots), branches and file contents at a ref.
import { createHash } from 'node:crypto';
import type { FakeState } from './index.js';
import type { RepoState, RepoTarget } from './repos.js';

export interface CommitState {
  sha: string;
  message: string;
  parents: string[];
  author: { name: string; email: string; date: string; login?: string };
  /** Full snapshot of the tree: path → file text. */
  files: Map<string, string>;
  treeSha: string;
  /**
   * Made through the API (createCommitOnBranch): GitHub signs such commits itself, with `web-flow` as
   * committer, and reports them verified. A pushed commit is never signed here.
   */
  signedByGitHub?: boolean;
}

export interface BranchState {
  name: string;
  sha: string;
  protected: boolean;
}

export function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/** Resolves a branch name, `heads/x`, `refs/heads/x`, tag-less sha or sha prefix to a commit. */
export function resolveRef(r: RepoState, ref: string | undefined): CommitState | undefined {
  const name = (ref ?? r.default_branch).replace(/^refs\//, '').replace(/^heads\//, '');
  const b = r.branches.get(name);
  if (b) return r.commits.get(b.sha);
  if (/^[0-9a-f]{7,40}$/.test(name)) {
    for (const c of r.commits.values()) if (c.sha.startsWith(name)) return c;
  }
  return undefined;
}

/** Commits reachable from `sha`, newest first (breadth-first over parents). */
export function ancestry(r: RepoState, sha: string): string[] {
  const seen = new Set<string>();
  const queue = [sha];
  const out: string[] = [];
  for (let s = queue.shift(); s !== undefined; s = queue.shift()) {
    if (seen.has(s)) continue;
    seen.add(s);
    const c = r.commits.get(s);
    if (!c) continue;
    out.push(s);
    queue.push(...c.parents);
  }
  return out;
}

export class Commits {
  constructor(private readonly s: FakeState) {}

  /**
   * Adds a commit. With `branch`, the parent defaults to the branch head and the branch moves to it.
   * `files` are changes on top of the parent tree; `null` deletes a path. Returns the new sha.
   */
  add(
    opts: RepoTarget & {
      branch?: string;
      message?: string;
      parents?: string[];
      files?: Record<string, string | null>;
      author?: { name?: string; email?: string; login?: string };
      signedByGitHub?: boolean;
    },
  ): string {
    const r = this.s.repo(opts);
    const branch = opts.branch ? r.branches.get(opts.branch) : undefined;
    const parents = opts.parents ?? (branch ? [branch.sha] : opts.branch ? [] : [r.branches.get(r.default_branch)?.sha].filter((x): x is string => !!x));
    const base = parents[0] ? r.commits.get(parents[0])?.files : undefined;
    const files = new Map(base ?? []);
    for (const [p, c] of Object.entries(opts.files ?? {})) {
      if (c === null) files.delete(p);
      else files.set(p, c);
    }
    const message = opts.message ?? 'Update files';
    const treeSha = sha1(`tree ${[...files].map(([p, c]) => `${p}\0${sha1(c)}`).join('\n')}`);
    const sha = sha1(`commit ${this.s.nextId()} ${treeSha} ${parents.join(',')} ${message}`);
    const login = opts.author?.login ?? r.owner;
    r.commits.set(sha, {
      sha,
      message,
      parents,
      author: {
        name: opts.author?.name ?? login,
        email: opts.author?.email ?? `${login}@users.noreply.github.com`,
        date: this.s.iso(),
        login,
      },
      files,
      treeSha,
      ...(opts.signedByGitHub ? { signedByGitHub: true } : {}),
    });
    if (opts.branch) this.s.branches.set({ ...opts, branch: opts.branch, sha });
    return sha;
  }

  get(sha: string, t?: RepoTarget): CommitState | undefined {
    return this.s.repo(t).commits.get(sha);
  }

  /** The commit a branch name, `refs/heads/x`, sha or sha prefix names (default: the default branch). */
  resolve(ref: string | undefined, t?: RepoTarget): CommitState | undefined {
    return resolveRef(this.s.repo(t), ref);
  }
}

export class Branches {
  constructor(private readonly s: FakeState) {}

  /** Creates or moves a branch (default sha: its current head, else the default branch's head). */
  set(opts: RepoTarget & { branch: string; sha?: string; protected?: boolean }): BranchState {
    const r = this.s.repo(opts);
    const prev = r.branches.get(opts.branch);
    const sha = opts.sha ?? prev?.sha ?? r.branches.get(r.default_branch)?.sha;
    if (!sha) throw new Error(`no sha for branch ${opts.branch}`);
    const b: BranchState = { name: opts.branch, sha, protected: opts.protected ?? prev?.protected ?? false };
    r.branches.set(opts.branch, b);
    return b;
  }

  get(name: string, t?: RepoTarget): BranchState | undefined {
    return this.s.repo(t).branches.get(name);
  }

  list(t?: RepoTarget): BranchState[] {
    return [...this.s.repo(t).branches.values()];
  }
}

export class Contents {
  constructor(private readonly s: FakeState) {}

  /** File text at `ref` (branch or sha; default: the default branch); undefined if absent. */
  get(path: string, opts: RepoTarget & { ref?: string } = {}): string | undefined {
    return resolveRef(this.s.repo(opts), opts.ref)?.files.get(path);
  }
}
