import { table, type AuditLog, type Clock, type Logger, type RecoverOutcome } from '@closed-loop/core';

export const AUDIT_SCHEMA = 'closed-loop/recover-audit@1';

export interface AuditEntry {
  at: string;
  step: string;
  detail: string;
}

/**
 * Everything recover read, decided and wrote, in order: saved as a JSON artifact and shown in the job
 * summary, so a maintainer can always answer "why did it (not) re-run / commit / revert?".
 */
export class Audit implements AuditLog {
  readonly entries: AuditEntry[] = [];
  constructor(
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  add(step: string, detail: string): void {
    this.entries.push({ at: new Date(this.clock.now()).toISOString(), step, detail });
    this.logger.info(`${step}: ${detail}`);
  }

  record(phase: string, outcome: RecoverOutcome, extra: Record<string, unknown> = {}): Record<string, unknown> {
    return { schema: AUDIT_SCHEMA, phase, outcome, ...extra, entries: this.entries };
  }

  summary(phase: string, outcome: RecoverOutcome): string {
    const head = `### closed-loop recover (${phase}): ${outcome.action}${outcome.executed ? '' : ' (not executed)'}`;
    const facts = table(
      ['', ''],
      [
        ['Mode', outcome.mode],
        ['Reason', outcome.reason],
        [
          'Breaker',
          `${outcome.breaker.state} (${outcome.breaker.consecutiveFailures} consecutive failures, ${Math.round(outcome.breaker.failureRate * 100)} % failure rate)`,
        ],
        ...(outcome.delaySeconds !== undefined ? [['Backoff', `${outcome.delaySeconds}s`]] : []),
        ...(outcome.attempt !== undefined ? [['Attempt', `${outcome.attempt} of ${outcome.maxAttempts ?? '?'}`]] : []),
        ...(outcome.links ?? []).map((l) => [l.label, l.url]),
      ],
    );
    const trail = table(
      ['Time', 'Step', 'Detail'],
      this.entries.map((e) => [e.at, e.step, e.detail]),
    );
    return `${head}\n\n${facts}\n\n#### Audit trail\n\n${trail}\n`;
  }
}
