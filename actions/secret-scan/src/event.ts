import { ConfigurationError } from '@closed-loop/core';

/** What the triggering event asks us to scan. */
export interface ScanTarget {
  mode: 'pull_request' | 'push';
  /** `base...head` for a PR (what the PR adds since the merge base), `before..after` for a push. */
  range: string;
  head: string;
  pullNumber?: number;
}

const ZERO = /^0+$/;

interface Payload {
  pull_request?: { number?: number; base?: { sha?: string }; head?: { sha?: string } };
  before?: string;
  after?: string;
  deleted?: boolean;
}

/** Pull requests and pushes only (never pull_request_target); anything else is a usage error. Undefined: nothing to scan. */
export function targetOf(eventName: string, payload: Payload): ScanTarget | undefined {
  if (eventName === 'pull_request') {
    const pr = payload.pull_request;
    if (!pr?.base?.sha || !pr.head?.sha || !pr.number)
      throw new ConfigurationError(`the ${eventName} event has no pull_request base/head; run secret-scan on pull_request or push.`);
    return { mode: 'pull_request', range: `${pr.base.sha}...${pr.head.sha}`, head: pr.head.sha, pullNumber: pr.number };
  }
  if (eventName === 'push') {
    if (payload.deleted || !payload.after || ZERO.test(payload.after)) return undefined; // branch deletion: nothing added
    // A new branch has no "before": run() scans its tip commit against its parent.
    const range = payload.before && !ZERO.test(payload.before) ? `${payload.before}..${payload.after}` : '';
    return { mode: 'push', range, head: payload.after };
  }
  throw new ConfigurationError(`secret-scan runs on pull_request and push events, not ${eventName || 'an unknown event'}.`);
}
