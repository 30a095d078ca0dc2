import { getPull } from '../github/api/pulls.js';
import { getBranch } from '../github/api/repos.js';
import { getRunSnapshot, rerunFailedJobs, type RunSnapshot } from '../github/api/runs.js';
import type { GitHubClient, RepoRef } from '../github/github-client.js';
import { afterReset } from '../recover/breaker-reset.js';
import { guardOutcome, planRecovery, toOutcome } from '../recover/decide.js';
import type { RecoverOutcome } from '../recover/outcome.js';
import { findBreakerReset } from './breaker-reset.js';
import { listRunHistory } from './recover-history.js';
import { requireClient, requireVerdict, type PhaseContext } from './recover-context.js';

/** Where the run's branch points now: the PR head for pull request runs, else the branch; undefined if unreadable (fork). */
async function currentHead(client: GitHubClient, repo: RepoRef, run: RunSnapshot): Promise<string | undefined> {
  if (run.pullRequests[0] !== undefined) return (await getPull(client, repo, run.pullRequests[0])).headSha;
  if (!run.headBranch || run.fork) return undefined;
  return (await getBranch(client, repo, run.headBranch))?.sha;
}

/**
 * Re-run path: fresh reads of the run, the head and the history; the policy decides; the backoff is waited
 * here when it fits max-wait (else `defer`); the re-run itself is single-flight (see rerunFailedJobs).
 */
export async function rerunPhase(ctx: PhaseContext): Promise<RecoverOutcome> {
  const { deps, settings, audit } = ctx;
  const client = requireClient(ctx);
  const verdict = requireVerdict(ctx);
  const run = await getRunSnapshot(client, deps.repo, verdict.run.id);
  audit.add('read run', `run ${run.id} attempt ${run.attempt}: ${run.status}/${run.conclusion ?? '-'} at ${run.headSha.slice(0, 12)}`);
  const now = deps.clock.now();
  const stop = (reason: string): RecoverOutcome => guardOutcome(settings.mode, reason);
  if (run.status !== 'completed') return stop(`run ${run.id} is ${run.status}, not completed`);
  if (run.attempt !== verdict.run.attempt)
    return stop(`the verdict is about attempt ${verdict.run.attempt} but run ${run.id} is at attempt ${run.attempt}; someone already re-ran it`);
  const head = await currentHead(client, deps.repo, run);
  audit.add('read head', head ? `${run.headBranch ?? 'head'} is at ${head.slice(0, 12)}` : 'head not readable here (fork); not checked');
  if (head && head !== run.headSha)
    return stop(`the head moved from ${run.headSha.slice(0, 12)} to ${head.slice(0, 12)} since the failure; the new commit gets its own run`);

  const since = new Date(now - settings.breaker.windowHours * 3600_000).toISOString();
  // A fork's runs are judged by that fork's own history: its `main` is not this repository's `main`.
  const history = await listRunHistory(client, deps.repo, run.workflowId, run.headBranch, since, run.headRepository || undefined);
  audit.add('read history', `${history.length} runs of workflow ${run.workflowId} on ${run.headRepository}:${run.headBranch ?? '(no branch)'} since ${since}`);
  const plan = (runs: typeof history) =>
    planRecovery({
      verdict,
      settings,
      now,
      random: deps.random,
      history: runs,
      failedAt: Date.parse(run.updatedAt),
      maxWaitSeconds: ctx.request.maxWaitSeconds,
    });
  let decision = plan(history);
  // Only a breaker that is not closed is worth a look for a maintainer's reset (one more read).
  if (decision.breaker.state !== 'closed') {
    const reset = await findBreakerReset(client, deps.repo, verdict.signature, verdict.category, Date.parse(since));
    if (reset) {
      audit.add('breaker reset', `${reset.by} reset the ${verdict.category} breaker at ${new Date(reset.at).toISOString()}; earlier runs do not count`);
      decision = plan(afterReset(history, reset.at));
    }
  }
  audit.add('decide', `${decision.action}: ${decision.reason} (breaker ${decision.breaker.reason})`);
  if (decision.action !== 'rerun' || !decision.execute) return toOutcome(decision, false);

  if (decision.waitSeconds) {
    audit.add('wait', `${decision.waitSeconds}s of backoff left`);
    await deps.clock.sleep(decision.waitSeconds * 1000);
  }
  const result = await rerunFailedJobs(client, deps.repo, run.id, run.attempt);
  if (!result.started) {
    audit.add('re-run skipped', result.reason);
    return toOutcome({ ...decision, action: 'none', reason: result.reason }, false);
  }
  audit.add('re-run', `started attempt ${result.attempt} of run ${run.id}`);
  return toOutcome(decision, true, [{ label: `Run ${run.id}, attempt ${result.attempt}`, url: `${run.htmlUrl}/attempts/${result.attempt}` }]);
}
