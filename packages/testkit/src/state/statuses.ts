// Commit statuses: an append-only list per repository; the newest per context wins.
import type { FakeState } from './index.js';
import { recordsUnder, type RepoTarget } from './repos.js';

export interface StatusState {
  id: number;
  sha: string;
  state: 'error' | 'failure' | 'pending' | 'success';
  context: string;
  description: string | null;
  target_url: string | null;
  creator: string;
  created_at: string;
}

export class Statuses {
  constructor(private readonly s: FakeState) {}

  add(
    opts: RepoTarget & { sha: string; state: StatusState['state']; creator: string; context?: string; description?: string | null; targetUrl?: string | null },
  ): StatusState {
    const status: StatusState = {
      id: this.s.nextId(),
      sha: opts.sha,
      state: opts.state,
      context: opts.context ?? 'default',
      description: opts.description ?? null,
      target_url: opts.targetUrl ?? null,
      creator: opts.creator,
      created_at: this.s.iso(),
    };
    this.s.repo(opts).statuses.push(status);
    return status;
  }

  /** Oldest first, of the repository or of one commit. */
  list(opts: RepoTarget & { sha?: string } = {}): StatusState[] {
    return recordsUnder(this.s.repo(opts).statuses, 'sha', opts.sha);
  }
}
