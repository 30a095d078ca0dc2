// Collaborators: a login's role on a repository (the owner is admin).
import type { FakeState } from './index.js';
import type { RepoTarget } from './repos.js';

export type RepoRole = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none';

export class Collaborators {
  constructor(private readonly s: FakeState) {}

  set(opts: RepoTarget & { username: string; role: RepoRole }): void {
    this.s.repo(opts).collaborators.set(opts.username, opts.role);
    this.s.users.add(opts.username);
  }

  get(username: string, t?: RepoTarget): RepoRole | undefined {
    return this.s.repo(t).collaborators.get(username);
  }
}
