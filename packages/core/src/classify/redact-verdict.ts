import type { Redactor } from '../redact/index.js';
import type { Evidence, Verdict } from './verdict.js';

/** Log lines and reasons are untrusted: redact them before a verdict leaves the process. */
export function redactVerdict(verdict: Verdict, redactor: Redactor): Verdict {
  const evidence = (e: Evidence): Evidence => ({ ...e, lines: e.lines.map((l) => redactor.redact(l)) });
  return {
    ...verdict,
    evidence: evidence(verdict.evidence),
    ...(verdict.reason ? { reason: redactor.redact(verdict.reason) } : {}),
    jobs: verdict.jobs.map((j) => ({ ...j, evidence: evidence(j.evidence), ...(j.reason ? { reason: redactor.redact(j.reason) } : {}) })),
  };
}
