import {
  boundedBy,
  checkReviewAt,
  CONFIG_PATH,
  earlyFailure,
  ensureCommits,
  findReviewRecord,
  loadReviewPolicy,
  policyFingerprint,
  partCommits,
  pullHistory,
  queueParts,
  reviewTree,
  uniqueMergeBase,
  withGroup,
  type ActionRuntime,
  type CheckResult,
  type Git,
  type GitHubClient,
  type Logger,
  type RepoRef,
  type ReviewCommit,
  type ReviewPolicy,
} from '@closed-loop/core';
import type { ActionInputs } from './inputs.js';
import { checkApproval } from './approval.js';
import { reviewTarget, type ReviewEventPayload, type ReviewTarget } from './event.js';
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
  const policy = await mergeBasePolicy(git, history.mergeBase, inputs, repository);

  let result: CheckResult;
  if (!history.complete) {
    const hash = await policyFingerprint(git, history.mergeBase, await reviewTree(git, target.head), policy);
    result = earlyFailure(
      'incomplete',
      hash,
      `GitHub listed ${history.commits.length} of ${Math.max(history.totalCommits, target.expectedCommits ?? 0)} commits of this pull request`,
    );
  } else {
    const change: Change = { mergeBase: history.mergeBase, head: target.head, commits: history.commits, commitLogins: history.commitLogins };
    if (target.pullNumber !== undefined) change.pullNumber = target.pullNumber;
    result =
      deps.event.name === 'merge_group'
        ? await checkQueue(deps, target, history.commits, policy)
        : await checkChange(deps, target.repo, target.base, change, policy);
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

/** The policy at the merge-base; a `config-path` other than the repository's own config may only tighten it. */
async function mergeBasePolicy(git: Git, mergeBase: string, inputs: ActionInputs, repository: string): Promise<ReviewPolicy> {
  const chosen = await loadReviewPolicy(git, mergeBase, inputs.configPath, inputs.overrides, repository);
  if (inputs.configPath.replace(/^\.\//, '') === CONFIG_PATH) return chosen;
  return boundedBy(await loadReviewPolicy(git, mergeBase, CONFIG_PATH, inputs.overrides, repository), chosen);
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

async function checkChange(deps: RunDeps, repo: RepoRef, base: string, change: Change, policy: ReviewPolicy): Promise<CheckResult> {
  const { client, git } = deps;
  const logger: Logger = deps.runtime.logger;
  const proofs = policy.proof ?? ['review'];
  const result = proofs.includes('trailer')
    ? await checkReviewAt(git, { mergeBase: change.mergeBase, head: change.head, commits: change.commits, policy })
    : await trailerlessResult(git, change.mergeBase, change.head, policy);
  if (result.status !== 'pass' || !proofs.includes('review')) return result;
  if (change.pullNumber === undefined)
    return earlyFailure('not-approved', result.reviewHash, `the ${deps.event.name} event names no pull request whose approvals could be checked`);
  const pullNumber = change.pullNumber;
  return withGroup(logger, `Reading the approvals of #${pullNumber}`, () =>
    checkApproval(client, git, logger, {
      repo,
      pullNumber,
      base,
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
async function checkQueue(deps: RunDeps, target: ReviewTarget, commits: readonly ReviewCommit[], policy: ReviewPolicy): Promise<CheckResult> {
  const { git } = deps;
  const split = queueParts(commits, target.base, target.head, target.pullNumber);
  if ('error' in split) {
    const hash = await policyFingerprint(git, target.base, await reviewTree(git, target.head), policy);
    return earlyFailure('merge-group', hash, split.error);
  }
  deps.runtime.logger.info(`merge group of ${split.parts.map((p) => `#${p.pullNumber}`).join(', ')}`);
  let last: CheckResult | undefined;
  for (const part of split.parts) {
    const own = partCommits(commits, part);
    const record = findReviewRecord(own);
    await ensureCommits(git, [part.from, part.to, ...(record ? [record.commit] : [])]);
    const result = await checkChange(
      deps,
      target.repo,
      target.base,
      { mergeBase: part.from, head: part.to, commits: own, pullNumber: part.pullNumber },
      policy,
    );
    if (result.status !== 'pass')
      return {
        ...result,
        detail: `#${part.pullNumber} (${split.parts.length > 1 ? `part ${split.parts.indexOf(part) + 1} of ${split.parts.length} in the merge group` : 'the merge group'}): ${result.detail}`,
      };
    last = result;
  }
  // The group's own Review-Hash (base to head) is what the output names; the parts each matched their proof.
  const reviewHash = await policyFingerprint(git, target.base, await reviewTree(git, target.head), policy);
  return { ...(last as CheckResult), reviewHash };
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
