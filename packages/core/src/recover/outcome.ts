/**
 * What recover decided and did; notify shows it and the audit trail records it.
 */
export const RECOVER_SCHEMA = 'closed-loop/recover@1';

export type RecoverAction = 'rerun' | 'defer' | 'fix' | 'suggest' | 'rollback' | 'escalate' | 'report' | 'none';
export type BreakerState = 'closed' | 'open' | 'half-open';
export type RecoverMode = 'automatic' | 'supervised' | 'analysis_only';

export interface RecoverOutcome {
  schema: typeof RECOVER_SCHEMA;
  action: RecoverAction;
  mode: RecoverMode;
  /** One sentence a maintainer can read: why this action. */
  reason: string;
  /** Backoff before the re-run, in seconds (rerun/defer). */
  delaySeconds?: number;
  /** defer: ISO time after which a later scheduled check may re-run. */
  notBefore?: string;
  attempt?: number;
  maxAttempts?: number;
  breaker: { state: BreakerState; consecutiveFailures: number; failureRate: number; reopensAt?: string };
  /** Whether the action was carried out (false in analysis_only, or when a guard stopped it). */
  executed: boolean;
  /** Links to what was written: the re-run attempt, the fix commit, the review. */
  links?: { label: string; url: string }[];
}
