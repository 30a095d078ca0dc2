import { ConfigurationError } from '@closed-loop/core';

/** What the triggering event asks us to scan. */
export interface ScanTarget {
  mode: 'pull_request' | 'push' | 'merge_group';
  /**
   * `base...head` for a PR (what the PR adds since the merge base), `before..after` for a push,
   * `base_sha..head_sha` for a queued merge; empty for a new branch (run() finds the commits new to the repository).
   */
  range: string;
  head: string;
  pullNumber?: number;
  /** The pushed branch (`refs/heads/x`), whose own refs do not count as "already in the repository". */
  ref?: string;
}

const ZERO = /^0+$/;

interface Payload {
  pull_request?: { number?: number; base?: { sha?: string }; head?: { sha?: string } };
  before?: string;
  after?: string;
  ref?: string;
  deleted?: boolean;
  merge_group?: { base_sha?: string; head_sha?: string };
}

/** Pull requests, pushes and merge queues only (never pull_request_target); anything else is a usage error. Undefined: nothing to scan. */
export function targetOf(eventName: string, payload: Payload): ScanTarget | undefined {
  // A review event (the same caller workflow runs the review gate on it) carries the same pull_request.
  if (eventName === 'pull_request' || eventName === 'pull_request_review') {
    const pr = payload.pull_request;
    if (!pr?.base?.sha || !pr.head?.sha || !pr.number)
      throw new ConfigurationError(`the ${eventName} event has no pull_request base/head; run secret-scan on pull_request, push or merge_group.`);
    return { mode: 'pull_request', range: `${pr.base.sha}...${pr.head.sha}`, head: pr.head.sha, pullNumber: pr.number };
  }
  if (eventName === 'push') {
    if (payload.deleted || !payload.after || ZERO.test(payload.after)) return undefined; // branch deletion: nothing added
    // A new branch has no "before": run() scans every commit new to the repository.
    const range = payload.before && !ZERO.test(payload.before) ? `${payload.before}..${payload.after}` : '';
    return { mode: 'push', range, head: payload.after, ...(payload.ref ? { ref: payload.ref } : {}) };
  }
  if (eventName === 'merge_group') {
    // The queued merge commit (one PR or a batch) on top of the base branch's tip: what it adds is base..head.
    const group = payload.merge_group;
    if (!group?.base_sha || !group.head_sha) throw new ConfigurationError(`the merge_group event has no merge_group.base_sha/head_sha; it cannot be scanned.`);
    return { mode: 'merge_group', range: `${group.base_sha}..${group.head_sha}`, head: group.head_sha };
  }
  throw new ConfigurationError(`secret-scan runs on pull_request, push and merge_group events, not ${eventName || 'an unknown event'}.`);
}
