import { withGroup, type RecoverOutcome } from '@closed-loop/core';
import { Audit } from './audit.js';
import { loadSettings, readVerdict, type PhaseContext, type RunDeps } from './context.js';
import type { ActionInputs } from './inputs.js';
import { commentPhase, commentRequestPhase, replyWithOutcome } from './phases/comment.js';
import { applyFixPhase, proposeFixPhase } from './phases/fix.js';
import { rerunPhase } from './phases/rerun.js';
import { resetBreakerPhase } from './phases/reset-breaker.js';
import { rollbackPhase } from './phases/rollback.js';

export type { RunDeps } from './context.js';

const PHASE_RUNNERS: Record<ActionInputs['phase'], (ctx: PhaseContext) => Promise<RecoverOutcome>> = {
  rerun: rerunPhase,
  'propose-fix': proposeFixPhase,
  'apply-fix': applyFixPhase,
  rollback: rollbackPhase,
  comment: commentPhase,
  'comment-request': commentRequestPhase,
  'reset-breaker': resetBreakerPhase,
};

/**
 * One phase of recover. Inputs are all read and checked before anything is written; every step lands in
 * the audit trail (JSON file + job summary); the outcome is the `outcome` output notify consumes.
 */
export async function run(inputs: ActionInputs, deps: RunDeps): Promise<RecoverOutcome> {
  const { runtime } = deps;
  const settings = loadSettings(inputs, deps.files);
  const verdict = inputs.verdict ? readVerdict(inputs.verdict, deps.files) : undefined;
  const audit = new Audit(deps.clock, runtime.logger);
  const ctx: PhaseContext = { inputs, deps, settings, audit, ...(verdict ? { verdict } : {}) };
  audit.add(
    'start',
    `phase ${inputs.phase}, mode ${settings.mode}${verdict ? `, verdict ${verdict.category}/${verdict.subcategory} for run ${verdict.run.id} attempt ${verdict.run.attempt}` : ''}`,
  );

  const outcome = await withGroup(runtime.logger, `recover: ${inputs.phase}`, () => PHASE_RUNNERS[inputs.phase](ctx));
  if (inputs.phase === 'apply-fix') await replyWithOutcome(ctx, outcome);

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
