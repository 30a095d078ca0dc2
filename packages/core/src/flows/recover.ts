import { withGroup } from '../logger.js';
import type { RecoverOutcome } from '../recover/outcome.js';
import type { PhaseContext, RecoverPhase } from './recover-context.js';
import { commentPhase, commentRequestPhase, replyWithOutcome } from './recover-comment.js';
import { applyFixPhase, proposeFixPhase } from './recover-fix.js';
import { rerunPhase } from './recover-rerun.js';
import { resetBreakerPhase } from './recover-reset-breaker.js';
import { rollbackPhase } from './recover-rollback.js';

const PHASE_RUNNERS: Record<RecoverPhase, (ctx: PhaseContext) => Promise<RecoverOutcome>> = {
  rerun: rerunPhase,
  'propose-fix': proposeFixPhase,
  'apply-fix': applyFixPhase,
  rollback: rollbackPhase,
  comment: commentPhase,
  'comment-request': commentRequestPhase,
  'reset-breaker': resetBreakerPhase,
};

/**
 * One phase of recover, in a log group of its own. After apply-fix for a comment request, the answer on
 * that comment (outside the group: it is about the outcome, not part of making it).
 */
export async function runRecoverPhase(ctx: PhaseContext): Promise<RecoverOutcome> {
  const { phase } = ctx.request;
  const outcome = await withGroup(ctx.deps.runtime.logger, `recover: ${phase}`, () => PHASE_RUNNERS[phase](ctx));
  if (phase === 'apply-fix') await replyWithOutcome(ctx, outcome);
  return outcome;
}
