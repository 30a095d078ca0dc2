import {
  boundedBy,
  CONFIG_PATH,
  loadReviewPolicy,
  reviewGit,
  validateReview,
  type ActionEvent,
  type ActionRuntime,
  type CheckResult,
  type Git,
  type GitHubClient,
  type ReviewPolicy,
} from '@closed-loop/core';
import type { ActionInputs } from './inputs.js';
import { reviewTarget, type ReviewEventPayload } from './event.js';
import { explainResult, renderSummary } from './summary.js';

export interface RunDeps {
  runtime: ActionRuntime;
  client: GitHubClient;
  git: Git;
  event: ActionEvent<ReviewEventPayload>;
}

/** Review-Hash gate: the event names what is merged, the flow judges it, the result becomes outputs, summary and log line. */
export async function run(inputs: ActionInputs, deps: RunDeps): Promise<CheckResult> {
  const { runtime, client, git } = deps;
  const { logger } = runtime;
  const target = reviewTarget(deps.event.name, deps.event.payload);
  const repository = `${target.repo.owner}/${target.repo.repo}`;
  const { result, policy } = await validateReview(
    { client, git: reviewGit(git), logger },
    { subject: target, eventName: deps.event.name, policyAt: (mergeBase) => mergeBasePolicy(git, mergeBase, inputs, repository) },
  );

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
