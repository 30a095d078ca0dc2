import type { Random } from '../clock.js';
import type { BackoffSettings } from './settings.js';

/**
 * Seconds to wait before re-run number `attempt` (1 = the first re-run): base × multiplier^(attempt-1),
 * capped at max, then spread by ±jitter so many failed runs do not re-run in lock-step.
 */
export function backoffSeconds(attempt: number, settings: BackoffSettings, random: Random): number {
  const raw = settings.baseSeconds * settings.multiplier ** Math.max(0, attempt - 1);
  const capped = Math.min(raw, settings.maxSeconds);
  const spread = (random() * 2 - 1) * settings.jitter;
  return Math.max(0, Math.round(capped * (1 + spread)));
}
