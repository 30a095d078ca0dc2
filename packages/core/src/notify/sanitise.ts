import type { Verdict } from '../classify/verdict.js';
import { redactDeep, type RedactFn } from '../redact/index.js';
import type { RecoverOutcome } from '../recover/outcome.js';

/**
 * Redacts every string of a verdict and outcome before anything is rendered from them: escaping first
 * would break the token shapes the redactor looks for (`github\_pat\_…`).
 */
export function sanitise(verdict: Verdict, outcome: RecoverOutcome | undefined, redact: RedactFn): { verdict: Verdict; outcome: RecoverOutcome | undefined } {
  return { verdict: redactDeep(verdict, redact), outcome: outcome && redactDeep(outcome, redact) };
}
