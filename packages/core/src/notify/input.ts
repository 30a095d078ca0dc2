import { verdictProblem } from '../classify/verdict-check.js';
import { VERDICT_SCHEMA, type Verdict } from '../classify/verdict.js';
import { ConfigurationError } from '../errors.js';
import { RECOVER_SCHEMA, type RecoverOutcome } from '../recover/outcome.js';

/** A parsed JSON value checked to be a verdict before notify writes anything from it. */
export function asVerdict(value: unknown, where: string): Verdict {
  const problem = verdictProblem(value);
  if (problem)
    throw new ConfigurationError(
      `${where} is not a ${VERDICT_SCHEMA} result (${problem}); pass the \`result\` output (or file) of failure-classify unchanged.`,
    );
  return value as Verdict;
}

export function asRecoverOutcome(value: unknown, where: string): RecoverOutcome {
  const o = value as Partial<RecoverOutcome> | null;
  if (o?.schema !== RECOVER_SCHEMA || typeof o.action !== 'string')
    throw new ConfigurationError(`${where} is not a ${RECOVER_SCHEMA} outcome; pass the \`outcome\` output of recover.`);
  return o as RecoverOutcome;
}
