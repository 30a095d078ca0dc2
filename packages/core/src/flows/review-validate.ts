import type { ReviewGit } from '../git/review-hash.js';
import { hasWriteAccess } from '../github/api/collaborators.js';
import { mergeBaseOf, pullHistory } from '../github/api/commits.js';
import { pullReviews } from '../github/api/reviews.js';
import type { GitHubClient, RepoRef } from '../github/github-client.js';
import { withGroup, type Logger } from '../logger.js';
import { candidateApprovals } from '../review-hash/approval.js';
import { earlyFailure, type CheckResult, type ReviewPolicy } from '../review-hash/check.js';
import { partCommits, queueParts } from '../review-hash/merge-group.js';
import { findReviewRecord, type ReviewCommit } from '../review-hash/record.js';

/**
 * review-hash-validate's check against GitHub (the merge guard): GitHub gives the merge-base, the pull
 * request's commits (compare API, paginated) and its reviews; the injected git gives the fingerprint after
 * fetching just the merge-base, head and reviewed commits at depth 1. The decisions are the review-hash
 * engine's.
 */

/** What is being merged, as the triggering event states it. */
export interface ReviewSubject {
  repo: RepoRef;
  base: string;
  head: string;
  /** The PR's own commit count when the event states it (pull_request), to cross-check the list. */
  expectedCommits?: number;
  /** The pull request (for a merge group: the last one queued, from the queue branch's name). */
  pullNumber?: number;
}

export interface ReviewValidateRequest {
  subject: ReviewSubject;
  /** The triggering event: a merge_group is judged pull request by pull request. */
  eventName: string;
  /** The policy at the merge-base; which config files bound it is the caller's (its inputs). */
  policyAt(mergeBase: string): Promise<ReviewPolicy>;
}

export interface ReviewValidateDeps {
  client: GitHubClient;
  git: ReviewGit;
  logger: Logger;
}

export async function validateReview(deps: ReviewValidateDeps, request: ReviewValidateRequest): Promise<{ result: CheckResult; policy: ReviewPolicy }> {
  const { client, git, logger } = deps;
  const { subject } = request;
  const history = await withGroup(logger, 'Reading the pull request history', () =>
    pullHistory(client, subject.repo, subject.base, subject.head, subject.expectedCommits),
  );
  logger.info(`merge-base ${history.mergeBase}; ${history.commits.length} of ${history.totalCommits} commits listed`);
  const record = findReviewRecord(history.commits);
  await withGroup(logger, 'Fetching the merge-base and head', () => git.ensureCommits([history.mergeBase, subject.head, ...(record ? [record.commit] : [])]));
  const policy = await request.policyAt(history.mergeBase);

  if (!history.complete) {
    const hash = await git.fingerprint(history.mergeBase, subject.head, policy);
    const listed = `GitHub listed ${history.commits.length} of ${Math.max(history.totalCommits, subject.expectedCommits ?? 0)} commits of this pull request`;
    return { result: earlyFailure('incomplete', hash, listed), policy };
  }
  const change: Change = { mergeBase: history.mergeBase, head: subject.head, commits: history.commits, commitLogins: history.commitLogins };
  if (subject.pullNumber !== undefined) change.pullNumber = subject.pullNumber;
  let result =
    request.eventName === 'merge_group' ? await checkQueue(deps, request, history.commits, policy) : await checkChange(deps, request, change, policy);
  // With full history we can also see what GitHub's single answer hides: a criss-cross merge-base.
  const count = await git.mergeBaseCount(subject.base, subject.head);
  if (count !== undefined && count > 1)
    result = earlyFailure('merge-base', result.reviewHash, `${subject.base.slice(0, 12)} and ${subject.head.slice(0, 12)} have ${count} merge-bases`);
  return { result, policy };
}

/** One pull request's change: the commits from `mergeBase` to `head`, judged by every proof the policy asks for. */
interface Change {
  mergeBase: string;
  head: string;
  commits: readonly ReviewCommit[];
  pullNumber?: number;
  /** Commit authors (none can approve); read from the pull request's own commits when absent. */
  commitLogins?: ReadonlySet<string>;
}

async function checkChange(deps: ReviewValidateDeps, request: ReviewValidateRequest, change: Change, policy: ReviewPolicy): Promise<CheckResult> {
  const { git, logger } = deps;
  const proofs = policy.proof ?? ['review'];
  const result = proofs.includes('trailer')
    ? await git.checkReviewAt({ mergeBase: change.mergeBase, head: change.head, commits: change.commits, policy })
    : await trailerlessResult(git, change.mergeBase, change.head, policy);
  if (result.status !== 'pass' || !proofs.includes('review')) return result;
  if (change.pullNumber === undefined)
    return earlyFailure('not-approved', result.reviewHash, `the ${request.eventName} event names no pull request whose approvals could be checked`);
  const pullNumber = change.pullNumber;
  return withGroup(logger, `Reading the approvals of #${pullNumber}`, () =>
    checkApproval(deps, {
      repo: request.subject.repo,
      pullNumber,
      base: request.subject.base,
      head: change.head,
      reviewHash: result.reviewHash,
      ...(change.commitLogins ? { commitLogins: change.commitLogins } : {}),
      policy,
    }),
  );
}

/**
 * A merge group: each pull request's part of the queued commit (its queue commit against the one before)
 * is judged against that pull request's own proof; the first part that fails fails the group, naming it.
 */
async function checkQueue(
  deps: ReviewValidateDeps,
  request: ReviewValidateRequest,
  commits: readonly ReviewCommit[],
  policy: ReviewPolicy,
): Promise<CheckResult> {
  const { git } = deps;
  const { base, head, pullNumber } = request.subject;
  const split = queueParts(commits, base, head, pullNumber);
  if ('error' in split) return earlyFailure('merge-group', await git.fingerprint(base, head, policy), split.error);
  deps.logger.info(`merge group of ${split.parts.map((p) => `#${p.pullNumber}`).join(', ')}`);
  let last: CheckResult | undefined;
  for (const part of split.parts) {
    const own = partCommits(commits, part);
    const record = findReviewRecord(own);
    await git.ensureCommits([part.from, part.to, ...(record ? [record.commit] : [])]);
    const result = await checkChange(deps, request, { mergeBase: part.from, head: part.to, commits: own, pullNumber: part.pullNumber }, policy);
    if (result.status !== 'pass')
      return {
        ...result,
        detail: `#${part.pullNumber} (${split.parts.length > 1 ? `part ${split.parts.indexOf(part) + 1} of ${split.parts.length} in the merge group` : 'the merge group'}): ${result.detail}`,
      };
    last = result;
  }
  // The group's own Review-Hash (base to head) is what the output names; the parts each matched their proof.
  const reviewHash = await git.fingerprint(base, head, policy);
  return { ...(last as CheckResult), reviewHash };
}

/** Without the trailer proof there is nothing to judge in the commits, but require_signature still fails closed. */
async function trailerlessResult(git: ReviewGit, mergeBase: string, head: string, policy: ReviewPolicy): Promise<CheckResult> {
  const reviewHash = await git.fingerprint(mergeBase, head, policy);
  if (policy.requireSignature && !policy.signingKey)
    return {
      status: 'signature',
      reviewHash,
      detail: 'require_signature is set but no signing key is available to this run (fork and Dependabot runs get no secrets)',
    };
  return { status: 'pass', reviewHash, detail: '' };
}

export interface ApprovalRequest {
  repo: RepoRef;
  pullNumber: number;
  /** The base the code is merged into (for the approved commit's own merge-base). */
  base: string;
  head: string;
  /** Review-Hash of the code being merged. */
  reviewHash: string;
  /** Logins of the PR's commit authors and committers; read from the PR's own commits when absent (a merge group). */
  commitLogins?: ReadonlySet<string>;
  policy: ReviewPolicy;
}

/**
 * The default proof: an APPROVED review, by a writer who is not the author and wrote none of the commits,
 * on a commit whose Review-Hash (against its own merge-base) equals the Review-Hash being merged. A clean
 * rebase keeps the approval; any content change voids it, and the result lists the files changed since.
 */
export async function checkApproval(deps: ReviewValidateDeps, request: ApprovalRequest): Promise<CheckResult> {
  const { client, git, logger } = deps;
  const { repo, pullNumber, reviewHash } = request;
  const { author, headSha, reviews } = await pullReviews(client, repo, pullNumber);
  let commitLogins = request.commitLogins;
  if (!commitLogins) {
    const own = await pullHistory(client, repo, request.base, headSha);
    if (!own.complete)
      return { status: 'incomplete', reviewHash, detail: `GitHub listed ${own.commits.length} of ${own.totalCommits} commits of #${pullNumber}` };
    commitLogins = own.commitLogins;
  }
  const { approvals, refused } = candidateApprovals(reviews, author, commitLogins);
  for (const r of refused) logger.info(`The approval by ${r.reviewer} does not count: ${r.reviewer} ${r.why}.`);
  let stale: { commit: string; reviewer: string } | undefined;
  for (const approval of approvals) {
    if (!(await hasWriteAccess(client, repo, approval.reviewer))) {
      logger.info(`The approval by ${approval.reviewer} does not count: no write permission on the repository.`);
      continue;
    }
    const mergeBase = await mergeBaseOf(client, repo, request.base, approval.commit);
    await git.ensureCommits([mergeBase, approval.commit]);
    const approved = await git.fingerprint(mergeBase, approval.commit, request.policy);
    if (approved === reviewHash) return { status: 'pass', reviewHash, reviewedCommit: approval.commit, recordedHash: approved, detail: '' };
    stale ??= { commit: approval.commit, reviewer: approval.reviewer };
  }
  if (stale) {
    return {
      status: 'not-approved',
      reviewHash,
      reviewedCommit: stale.commit,
      detail: `the code changed since ${stale.reviewer} approved ${stale.commit.slice(0, 12)}`,
      changedSinceReview: await git.changedPaths(stale.commit, request.head),
    };
  }
  const why = refused.length ? ` (${refused.map((r) => `${r.reviewer} ${r.why}`).join('; ')})` : '';
  return { status: 'not-approved', reviewHash, detail: `no approving review by a writer other than the author${why}` };
}
