import { runRecoverPhase, type PhaseContext, type RecoverDeps, type RecoverOutcome, type RecoverRequest } from '@closed-loop/core';
import { Audit } from './audit.js';
import { loadSettings, readVerdict, type RunDeps } from './context.js';
import type { ActionInputs } from './inputs.js';

export type { RunDeps } from './context.js';

/**
 * One phase of recover. Inputs are all read and checked before anything is written; every step lands in
 * the audit trail (JSON file + job summary); the outcome is the `outcome` output notify consumes.
 */
export async function run(inputs: ActionInputs, deps: RunDeps): Promise<RecoverOutcome> {
  const { runtime } = deps;
  const settings = loadSettings(inputs, deps.files);
  const verdict = inputs.verdict ? readVerdict(inputs.verdict, deps.files) : undefined;
  const audit = new Audit(deps.clock, runtime.logger);
  const ctx: PhaseContext = { request: requestOf(inputs), deps: flowDeps(deps), settings, audit, ...(verdict ? { verdict } : {}) };
  audit.add(
    'start',
    `phase ${inputs.phase}, mode ${settings.mode}${verdict ? `, verdict ${verdict.category}/${verdict.subcategory} for run ${verdict.run.id} attempt ${verdict.run.attempt}` : ''}`,
  );

  const outcome = await runRecoverPhase(ctx);

  runtime.setOutput('outcome', outcome);
  runtime.setOutput('decision', { action: outcome.action, delaySeconds: outcome.delaySeconds ?? null, reason: outcome.reason, breaker: outcome.breaker });
  runtime.setOutput('action', outcome.action);
  runtime.setOutput('breaker-state', outcome.breaker.state);
  runtime.setOutput('executed', outcome.executed);
  runtime.setOutput('retry-at', outcome.notBefore ?? '');
  deps.files.write(
    inputs.auditPath,
    runtime.redactor.redact(
      `${JSON.stringify(audit.record(inputs.phase, outcome, { repository: `${deps.repo.owner}/${deps.repo.repo}`, ...(verdict ? { run: verdict.run } : {}) }), null, 2)}\n`,
    ),
  );
  runtime.setOutput('audit-path', inputs.auditPath);
  await runtime.writeSummary(audit.summary(inputs.phase, outcome));
  runtime.logger.info(runtime.redactor.redact(`recover ${inputs.phase}: ${outcome.action}${outcome.executed ? '' : ' (not executed)'} — ${outcome.reason}`));
  return outcome;
}

/** The inputs a phase reads; the tokens stay here (the client carries them), the App's only as a yes or no. */
function requestOf(inputs: ActionInputs): RecoverRequest {
  const { phase, maxWaitSeconds, patchPath, pullNumber, headSha, commentId, commentKind, fixMode } = inputs;
  return {
    phase,
    maxWaitSeconds,
    patchPath,
    asApp: !!inputs.appToken,
    ...(pullNumber !== undefined ? { pullNumber } : {}),
    ...(headSha !== undefined ? { headSha } : {}),
    ...(commentId !== undefined ? { commentId } : {}),
    ...(commentKind !== undefined ? { commentKind } : {}),
    ...(fixMode !== undefined ? { fixMode } : {}),
  };
}

/** main.ts's deps as the flow takes them: the fixer runner and git together, when all are given (propose-fix). */
function flowDeps(deps: RunDeps): RecoverDeps {
  const { runCommand, snapshot, diff, headFile, ...rest } = deps;
  return { ...rest, ...(runCommand && snapshot && diff && headFile ? { workspace: { runCommand, snapshot, diff, headFile } } : {}) };
}
