import type { Verdict } from '../classify/verdict.js';
import type { RecoverOutcome } from '../recover/outcome.js';

export type RedactFn = (text: string) => string;

/**
 * Redacts every string of a verdict and outcome before anything is rendered from them: escaping first
 * would break the token shapes the redactor looks for (`github\_pat\_…`). Evidence lines are redacted
 * as one text, so a private key spread over several lines is removed whole.
 */
export function redactDeep<T>(value: T, redact: RedactFn): T {
  return walk(value, redact) as T;
}

function walk(value: unknown, redact: RedactFn): unknown {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) {
    if (value.length && value.every((v) => typeof v === 'string')) return redact(value.join('\n')).split('\n');
    return value.map((v) => walk(v, redact));
  }
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, redact)]));
  return value;
}

export function sanitise(verdict: Verdict, outcome: RecoverOutcome | undefined, redact: RedactFn): { verdict: Verdict; outcome: RecoverOutcome | undefined } {
  return { verdict: redactDeep(verdict, redact), outcome: outcome && redactDeep(outcome, redact) };
}
