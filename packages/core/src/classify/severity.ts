import type { Category, HistorySummary, Severity } from './verdict.js';
import { SEVERITIES } from './verdict.js';
import { rateTierSeverity, type FailureRateTiers } from './rate-tiers.js';

const BASE: Record<Category, Severity> = {
  security: 'high',
  build: 'high',
  testing: 'medium',
  dependencies: 'medium',
  infrastructure: 'medium',
  performance: 'medium',
  quality: 'low',
  unknown: 'medium',
};

export interface SeverityInput {
  category: Category;
  /** A rule's own severity wins over the category's. */
  ruleSeverity?: Severity;
  transient: boolean;
  flaky: boolean;
  history?: HistorySummary;
  /** The failing run is on the default branch (breaks everyone) rather than a topic branch. */
  defaultBranch?: boolean;
  /** `classify.failure_rate`; the defaults when absent. */
  rateTiers?: FailureRateTiers;
}

/**
 * Severity from what broke, raised by history (keeps failing, fails often, on the default branch)
 * and lowered when a re-run is expected to fix it. The failure-rate tier is a floor: a workflow failing
 * that often is that urgent whatever broke this time. Priority 1 (act now) … 4 (whenever).
 */
export function assessSeverity(input: SeverityInput): { severity: Severity; priority: 1 | 2 | 3 | 4 } {
  let level = SEVERITIES.indexOf(input.ruleSeverity ?? BASE[input.category]);
  const h = input.history;
  if (h && h.consecutiveFailures >= 3) level--;
  if (input.defaultBranch && input.category !== 'quality') level--;
  if (input.transient || input.flaky) level++;
  const tier = rateTierSeverity(h, input.rateTiers);
  if (tier) level = Math.min(level, SEVERITIES.indexOf(tier));
  const clamped = Math.min(SEVERITIES.length - 1, Math.max(0, level));
  return { severity: SEVERITIES[clamped] as Severity, priority: (clamped + 1) as 1 | 2 | 3 | 4 };
}
