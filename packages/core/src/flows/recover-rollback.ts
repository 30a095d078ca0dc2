import { compareCommits, getCommit } from '../github/api/commits.js';
import { getFileText } from '../github/api/contents.js';
import { createCommitOnBranch } from '../github/api/graphql.js';
import { getBranch } from '../github/api/repos.js';
import { getRunSnapshot } from '../github/api/runs.js';
import type { BreakerView } from '../recover/breaker.js';
import { guardOutcome } from '../recover/decide.js';
import type { RecoverOutcome } from '../recover/outcome.js';
import { decideRollback } from '../recover/rollback.js';
import { rollbackCommitMessage, ROLLBACK_TRAILER } from '../recover/trailers.js';
import { listRunHistory } from './recover-history.js';
import { requireClient, requireVerdict, type PhaseContext } from './recover-context.js';

/**
 * Undo what we broke: the run after our fix commit failed and the fix is the only change since the last
 * green run → a new commit restoring the files (never a force-push), the breaker held open, escalation.
 */
export async function rollbackPhase(ctx: PhaseContext): Promise<RecoverOutcome> {
  const { deps, settings, audit } = ctx;
  const client = requireClient(ctx);
  const { repo } = deps;
  const verdict = requireVerdict(ctx);
  const stop = (reason: string): RecoverOutcome => guardOutcome(settings.mode, reason);
  const run = await getRunSnapshot(client, repo, verdict.run.id);
  if (!run.headBranch || run.fork) return stop('the run has no branch in this repository; nothing to revert');
  const head = await getCommit(client, repo, run.headSha);
  audit.add('read head commit', `${head.sha.slice(0, 12)} by ${head.ours ? 'us' : 'someone else'}`);
  if (!head.ours) return stop('the failed commit is not ours; nothing to revert');
  const branch = await getBranch(client, repo, run.headBranch);
  // This repository's runs only (the default): a fork's green run on a branch named the same never
  // chooses the commit a revert goes back to.
  const history = await listRunHistory(
    client,
    repo,
    run.workflowId,
    run.headBranch,
    new Date(deps.clock.now() - settings.breaker.windowHours * 3600_000).toISOString(),
  );
  const green = history.find((r) => r.conclusion === 'success' && r.headSha && r.headSha !== run.headSha);
  const sinceGreen = green?.headSha ? await compareCommits(client, repo, green.headSha, run.headSha) : undefined;
  const decision = decideRollback({
    enabled: settings.rollback,
    runHeadSha: run.headSha,
    branchHeadSha: branch?.sha ?? '',
    head,
    ...(green?.headSha ? { lastGreenSha: green.headSha } : {}),
    ...(sinceGreen ? { sinceGreen } : {}),
  });
  audit.add('decide', decision.reason);
  if (!decision.rollback) return guardOutcome(settings.mode, `not rolling back: ${decision.reason}`, 'escalate');
  const open: BreakerView = {
    state: 'open',
    consecutiveFailures: 1,
    failureRate: 0,
    volume: history.length,
    trialInFlight: false,
    reason: 'open: we rolled back a fix',
  };
  if (settings.mode !== 'automatic') return guardOutcome(settings.mode, `${settings.mode} mode, not reverted: ${decision.reason}`, 'escalate', open);

  const parent = head.parents[0];
  if (!parent) return stop('our fix commit has no parent');
  const additions: { path: string; contents: string }[] = [];
  for (const f of head.files) {
    const before = await getFileText(client, repo, f.path, parent);
    if (before === undefined) return stop(`${f.path} did not exist before our fix; not deleting files`);
    additions.push({ path: f.path, contents: before });
  }
  const result = await createCommitOnBranch(client, repo, {
    branch: run.headBranch,
    expectedHeadOid: run.headSha,
    ...rollbackCommitMessage(head, run.id),
    additions,
    proof: `${ROLLBACK_TRAILER}: ${head.sha}`,
  });
  if (result.status !== 'committed')
    return stop(result.status === 'stale' ? `the head moved before the revert (${result.reason}); nothing done` : `revert failed: ${result.reason}`);
  audit.add('revert', `${result.oid} reverts ${head.sha.slice(0, 12)} on ${run.headBranch}`);
  return {
    ...guardOutcome(settings.mode, `rolled back: ${decision.reason}; the breaker stays open and a person should look`, 'rollback', open),
    executed: true,
    links: [{ label: `Revert commit ${result.oid.slice(0, 7)}`, url: result.url }],
  };
}
