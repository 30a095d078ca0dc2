import { ConfigurationError } from '@closed-loop/core';

/** What the triggering event asks the gate to judge. */
export interface GateTarget {
  base: string;
  head: string;
  pullNumber?: number;
  title?: string;
  /** The repository's default branch (where the benchmark base comes from). */
  defaultBranch?: string;
}

interface Payload {
  pull_request?: { number?: number; title?: string; base?: { sha?: string }; head?: { sha?: string } };
  merge_group?: { base_sha?: string; head_sha?: string };
  before?: string;
  after?: string;
  repository?: { default_branch?: string };
}

/** pull_request and merge_group (the required check), push (the default branch records its results); never pull_request_target. */
export function targetOf(eventName: string, payload: Payload): GateTarget {
  const defaultBranch = payload.repository?.default_branch;
  const extra = defaultBranch ? { defaultBranch } : {};
  if (eventName === 'pull_request') {
    const pr = payload.pull_request;
    if (!pr?.base?.sha || !pr.head?.sha || !pr.number)
      throw new ConfigurationError('the pull_request event has no pull_request base/head; run quality-gate on pull_request or merge_group.');
    return { base: pr.base.sha, head: pr.head.sha, pullNumber: pr.number, title: pr.title ?? '', ...extra };
  }
  if (eventName === 'merge_group') {
    const mg = payload.merge_group;
    if (!mg?.base_sha || !mg.head_sha) throw new ConfigurationError('the merge_group event has no base_sha/head_sha.');
    return { base: mg.base_sha, head: mg.head_sha, ...extra };
  }
  if (eventName === 'push' && payload.before && payload.after && !/^0+$/.test(payload.before) && !/^0+$/.test(payload.after))
    return { base: payload.before, head: payload.after, ...extra };
  throw new ConfigurationError(`quality-gate runs on pull_request, merge_group and push events, not ${eventName || 'an unknown event'}.`);
}
