import { ConfigurationError, type ReviewSubject } from '@closed-loop/core';

/** What the check needs from the triggering event: what is merged, and the base branch's name for the summary. */
export interface ReviewTarget extends ReviewSubject {
  /** Base branch name, for fix commands (`origin/<baseRef>`). */
  baseRef: string;
}

/** The parts of the `pull_request` / `pull_request_review` / `merge_group` webhook payloads the check reads. */
export interface ReviewEventPayload {
  repository?: { full_name?: string };
  pull_request?: { number: number; commits?: number; base: { sha: string; ref: string }; head: { sha: string } };
  merge_group?: { base_sha: string; head_sha: string; base_ref: string; head_ref?: string };
}

// GitHub names a queue branch gh-readonly-queue/<base>/pr-<number>-<sha>; the number is the last PR of the group.
const QUEUE_REF = /(?:^|\/)gh-readonly-queue\/.+\/pr-(\d+)-[0-9a-f]+$/;

export function reviewTarget(eventName: string, payload: ReviewEventPayload): ReviewTarget {
  const [owner, repo] = (payload.repository?.full_name ?? '').split('/');
  if (!owner || !repo)
    throw new ConfigurationError(`the ${eventName} event payload has no repository.full_name; run this action from a pull_request or merge_group workflow.`);
  const pr = payload.pull_request;
  // A review event carries the same pull_request object: approving re-runs the check without a push.
  if ((eventName === 'pull_request' || eventName === 'pull_request_review') && pr) {
    return {
      repo: { owner, repo },
      base: pr.base.sha,
      head: pr.head.sha,
      baseRef: pr.base.ref,
      pullNumber: pr.number,
      ...(typeof pr.commits === 'number' ? { expectedCommits: pr.commits } : {}),
    };
  }
  const group = payload.merge_group;
  if (eventName === 'merge_group' && group) {
    const pull = QUEUE_REF.exec(group.head_ref ?? '')?.[1];
    return {
      repo: { owner, repo },
      base: group.base_sha,
      head: group.head_sha,
      baseRef: group.base_ref.replace(/^refs\/heads\//, ''),
      ...(pull ? { pullNumber: Number(pull) } : {}),
    };
  }
  throw new ConfigurationError(
    `review-hash-validate runs on pull_request, pull_request_review and merge_group events, not ${eventName}; change the workflow's on: triggers.`,
  );
}
