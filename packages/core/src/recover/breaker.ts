import type { Category } from '../classify/verdict.js';
import type { BreakerState } from './outcome.js';
import type { BreakerSettings } from './settings.js';
import { isFailedConclusion } from '../conclusions.js';

/**
 * One run of the workflow on the branch, as the Actions API lists it (its latest attempt). The
 * breaker needs no store of its own: everything it knows comes from these records.
 */
export interface RunRecord {
  id: number;
  /** Latest attempt number; attempts before it were failures (only failed runs are re-run). */
  attempt: number;
  /** `completed`, or queued/in_progress. */
  status: string;
  conclusion: string | null;
  /** ISO time the run was created and its latest attempt last updated. */
  createdAt: string;
  updatedAt: string;
  /** The latest attempt was started by us (a re-run we made). */
  rerunByUs: boolean;
  headSha?: string;
}

export interface BreakerView {
  state: BreakerState;
  consecutiveFailures: number;
  failureRate: number;
  /** Attempts counted in the window. */
  volume: number;
  /** When the open breaker turns half-open (ISO). */
  reopensAt?: string;
  /** Half-open and our trial re-run is still going: no other re-run until it ends. */
  trialInFlight: boolean;
  reason: string;
}

interface Outcome {
  failed: boolean;
  at: number;
}

/** Flattens runs into attempt outcomes, newest first; earlier attempts count as failures at the run's start. */
function outcomes(history: RunRecord[]): Outcome[] {
  const out: Outcome[] = [];
  for (const run of history) {
    if (run.status === 'completed' && run.conclusion !== 'cancelled' && run.conclusion !== 'skipped')
      out.push({ failed: isFailedConclusion(run.conclusion), at: Date.parse(run.updatedAt) });
    for (let i = 1; i < run.attempt; i++) out.push({ failed: true, at: Date.parse(run.createdAt) });
  }
  return out.sort((a, b) => b.at - a.at);
}

/**
 * Breaker state for one workflow (+branch) at `now`: open at N consecutive failed attempts or a failure
 * rate at or above the threshold (with enough volume); after the category's cooldown it is half-open and
 * allows one trial re-run; a success closes it. `forcedOpenAt` is a rollback we made: it opens the
 * breaker whatever the history says.
 */
export function breakerState(history: RunRecord[], now: number, category: Category, settings: BreakerSettings, forcedOpenAt?: number): BreakerView {
  const windowStart = now - settings.windowHours * 3600_000;
  const all = outcomes(history).filter((o) => o.at >= windowStart && o.at <= now);
  let consecutiveFailures = 0;
  for (const o of all) {
    if (!o.failed) break;
    consecutiveFailures++;
  }
  const failures = all.filter((o) => o.failed).length;
  const volume = all.length;
  const failureRate = volume ? round(failures / volume) : 0;
  const base = { consecutiveFailures, failureRate, volume, trialInFlight: false };
  const latestFailed = all[0]?.failed === true;
  const byCount = consecutiveFailures >= settings.consecutiveFailures;
  const byRate = latestFailed && volume >= settings.minRuns && failureRate >= settings.failureRate;
  const forced = forcedOpenAt !== undefined && forcedOpenAt >= windowStart && !(all[0] && !all[0].failed && all[0].at > forcedOpenAt);
  if (!byCount && !byRate && !forced) return { ...base, state: 'closed', reason: 'closed: the recent history is healthy enough' };

  const trippedAt = Math.max(all[0]?.at ?? 0, forced ? forcedOpenAt : 0);
  const reopens = trippedAt + settings.cooldownMinutes[category] * 60_000;
  const why =
    forced && !byCount && !byRate
      ? 'we rolled back a fix'
      : byCount
        ? `${consecutiveFailures} consecutive failed attempts`
        : `failure rate ${Math.round(failureRate * 100)} % over ${volume} attempts`;
  if (now < reopens)
    return { ...base, state: 'open', reopensAt: new Date(reopens).toISOString(), reason: `open: ${why}; cool-down until ${new Date(reopens).toISOString()}` };
  const trial = history.find((r) => r.rerunByUs && r.status !== 'completed' && Date.parse(r.updatedAt) >= trippedAt);
  if (trial) return { ...base, state: 'half-open', trialInFlight: true, reason: `half-open: trial re-run of run ${trial.id} is still going` };
  return { ...base, state: 'half-open', reason: `half-open: ${why}, cool-down over; one trial re-run allowed` };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
