import { redactDeep, type Redactor } from '../redact/index.js';
import type { Verdict } from './verdict.js';

/** Log lines and reasons are untrusted: redact them before a verdict leaves the process. */
export function redactVerdict(verdict: Verdict, redactor: Redactor): Verdict {
  return redactDeep(verdict, (text) => redactor.redact(text));
}
