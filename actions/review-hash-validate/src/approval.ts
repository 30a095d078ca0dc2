import {
  candidateApprovals,
  changedPaths,
  ensureCommits,
  hasWriteAccess,
  mergeBaseOf,
  policyFingerprint,
  pullHistory,
  pullReviews,
  reviewTree,
  type CheckResult,
  type Git,
  type GitHubClient,
  type Logger,
  type RepoRef,
  type ReviewPolicy,
} from '@closed-loop/core';

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
export async function checkApproval(client: GitHubClient, git: Git, logger: Logger, request: ApprovalRequest): Promise<CheckResult> {
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
    await ensureCommits(git, [mergeBase, approval.commit]);
    const approved = await policyFingerprint(git, mergeBase, await reviewTree(git, approval.commit), request.policy);
    if (approved === reviewHash) return { status: 'pass', reviewHash, reviewedCommit: approval.commit, recordedHash: approved, detail: '' };
    stale ??= { commit: approval.commit, reviewer: approval.reviewer };
  }
  if (stale) {
    return {
      status: 'not-approved',
      reviewHash,
      reviewedCommit: stale.commit,
      detail: `the code changed since ${stale.reviewer} approved ${stale.commit.slice(0, 12)}`,
      changedSinceReview: await changedPaths(git, stale.commit, request.head),
    };
  }
  const why = refused.length ? ` (${refused.map((r) => `${r.reviewer} ${r.why}`).join('; ')})` : '';
  return { status: 'not-approved', reviewHash, detail: `no approving review by a writer other than the author${why}` };
}
