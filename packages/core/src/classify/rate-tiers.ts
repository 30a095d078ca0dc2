import { withDefaults, type ConfigSections } from '../config/defaults.js';
import type { HistorySummary, Severity } from './verdict.js';

/**
 * `classify.failure_rate`: the workflow's failure rate over the history window raises a failure to at
 * least a tier's severity, once the window holds `min_runs` runs (fewer say nothing about a rate).
 */
export type FailureRateTiers = ConfigSections['classify']['failure_rate'];

export const DEFAULT_FAILURE_RATE_TIERS: FailureRateTiers = withDefaults('classify', {}).failure_rate;

/** The severity the failure rate alone calls for, or undefined when it calls for none. */
export function rateTierSeverity(history: HistorySummary | undefined, tiers: FailureRateTiers = DEFAULT_FAILURE_RATE_TIERS): Severity | undefined {
  if (!history || history.runs < tiers.min_runs) return undefined;
  if (history.failureRate >= tiers.critical) return 'critical';
  if (history.failureRate >= tiers.high) return 'high';
  if (history.failureRate >= tiers.medium) return 'medium';
  return undefined;
}
