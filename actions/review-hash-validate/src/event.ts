import { ConfigurationError, type RepoRef } from '@closed-loop/core';

/** What the check needs from the triggering event. */
export interface ReviewTarget {
  repo: RepoRef;
  base: string;
  head: string;
  /** Base branch name, for fix commands (`origin/<baseRef>`). */
  baseRef: string;
  /** The PR's own commit count when the event states it (pull_request), to cross-check the list. */
  expectedCommits?: number;
  pullNumber?: number;
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- webhook payloads are dynamic

export function reviewTarget(eventName: string, payload: Json): ReviewTarget {
  const full = String(payload.repository?.full_name ?? '');
  const [owner, repo] = full.split('/');
  if (!owner || !repo) throw new ConfigurationError(`the ${eventName} event payload has no repository.full_name; run this action from a pull_request or merge_group workflow.`);
  if (eventName === 'pull_request') {
    const pr = payload.pull_request as Json;
    return {
      repo: { owner, repo },
      base: String(pr.base.sha),
      head: String(pr.head.sha),
      baseRef: String(pr.base.ref),
      pullNumber: Number(pr.number),
      ...(typeof pr.commits === 'number' ? { expectedCommits: pr.commits } : {}),
    };
  }
  if (eventName === 'merge_group') {
    const group = payload.merge_group as Json;
    return { repo: { owner, repo }, base: String(group.base_sha), head: String(group.head_sha), baseRef: String(group.base_ref).replace(/^refs\/heads\//, '') };
  }
  throw new ConfigurationError(`review-hash-validate runs on pull_request and merge_group events, not ${eventName}; change the workflow's on: triggers.`);
}
