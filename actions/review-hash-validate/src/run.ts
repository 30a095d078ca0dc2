import {
  checkReviewAt,
  earlyFailure,
  ensureCommits,
  findReviewRecord,
  loadReviewPolicy,
  policyFingerprint,
  pullHistory,
  reviewTree,
  uniqueMergeBase,
  withGroup,
  type ActionRuntime,
  type CheckResult,
  type Git,
  type GitHubClient,
  type ReviewPolicy,
} from '@closed-loop/core';
import type { ActionInputs } from './inputs.js';
import { checkApproval } from './approval.js';
import { reviewTarget, type ReviewEventPayload } from './event.js';
import { explainResult, renderSummary } from './summary.js';

export interface RunDeps {
  runtime: ActionRuntime;
  client: GitHubClient;
  git: Git;
  event: { name: string; payload: ReviewEventPayload };
}

/**
 * Review-Hash gate: GitHub gives the merge-base and the PR's commits (compare API, paginated), git gives
 * the fingerprint after fetching just the merge-base, head and reviewed commit at depth 1.
 */
export async function run(inputs: ActionInputs, deps: RunDeps): Promise<CheckResult> {
  const { runtime, client, git } = deps;
  const { logger } = runtime;
  const target = reviewTarget(deps.event.name, deps.event.payload);
  const repository = `${target.repo.owner}/${target.repo.repo}`;

  const history = await withGroup(logger, 'Reading the pull request history', () =>
    pullHistory(client, target.repo, target.base, target.head, target.expectedCommits),
  );
  logger.info(`merge-base ${history.mergeBase}; ${history.commits.length} of ${history.totalCommits} commits listed`);
  const record = findReviewRecord(history.commits);
  await withGroup(logger, 'Fetching the merge-base and head', () => ensureCommits(git, [history.mergeBase, target.head, ...(record ? [record.commit] : [])]));
  const policy = await loadReviewPolicy(git, history.mergeBase, inputs.configPath, inputs.overrides, repository);

  let result: CheckResult;
  if (!history.complete) {
    const hash = await policyFingerprint(git, history.mergeBase, await reviewTree(git, target.head), policy);
    result = earlyFailure(
      'incomplete',
      hash,
      `GitHub listed ${history.commits.length} of ${Math.max(history.totalCommits, target.expectedCommits ?? 0)} commits of this pull request`,
    );
  } else {
    const proofs = policy.proof ?? ['review'];
    result = proofs.includes('trailer')
      ? await checkReviewAt(git, { mergeBase: history.mergeBase, head: target.head, commits: history.commits, policy })
      : await trailerlessResult(git, history.mergeBase, target.head, policy);
    if (result.status === 'pass' && proofs.includes('review')) {
      if (target.pullNumber === undefined)
        result = earlyFailure('not-approved', result.reviewHash, `the ${deps.event.name} event names no pull request whose approvals could be checked`);
      else
        result = await withGroup(logger, 'Reading the approvals', () =>
          checkApproval(client, git, logger, {
            repo: target.repo,
            pullNumber: target.pullNumber as number,
            base: target.base,
            head: target.head,
            reviewHash: result.reviewHash,
            commitLogins: history.commitLogins,
            policy,
          }),
        );
    }
    // With full history we can also see what GitHub's single answer hides: a criss-cross merge-base.
    if (!(await git.isShallow()) && (await git.tryResolve(target.base))) {
      const { count } = await uniqueMergeBase(git, target.base, target.head);
      if (count > 1)
        result = earlyFailure('merge-base', result.reviewHash, `${target.base.slice(0, 12)} and ${target.head.slice(0, 12)} have ${count} merge-bases`);
    }
  }

  const explanation = explainResult(result, target.baseRef, policy.scope);
  runtime.setOutput('review-hash', result.reviewHash);
  runtime.setOutput('status', result.status);
  runtime.setOutput('reviewed-commit', result.reviewedCommit ?? '');
  await runtime.writeSummary(renderSummary(result, explanation));
  const line = runtime.redactor.redact(`${explanation.title}: ${explanation.message}${explanation.fix.length ? ` Fix: ${explanation.fix.join(' ; ')}` : ''}`);
  if (result.status === 'pass') logger.info(line);
  else logger.error(line, { title: `Review-Hash: ${result.status}` });
  return result;
}

/** Without the trailer proof there is nothing to judge in the commits, but require_signature still fails closed. */
async function trailerlessResult(git: Git, mergeBase: string, head: string, policy: ReviewPolicy): Promise<CheckResult> {
  const reviewHash = await policyFingerprint(git, mergeBase, await reviewTree(git, head), policy);
  if (policy.requireSignature && !policy.signingKey)
    return {
      status: 'signature',
      reviewHash,
      detail: 'require_signature is set but no signing key is available to this run (fork and Dependabot runs get no secrets)',
    };
  return { status: 'pass', reviewHash, detail: '' };
}
