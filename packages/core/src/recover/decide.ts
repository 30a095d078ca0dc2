import type { Random } from '../clock.js';
import type { Verdict } from '../classify/verdict.js';
import { backoffSeconds } from './backoff.js';
import { breakerState, type BreakerView, type RunRecord } from './breaker.js';
import { RECOVER_SCHEMA, type RecoverAction, type RecoverMode, type RecoverOutcome } from './outcome.js';
import type { RecoverSettings } from './settings.js';
import { fixersFor, strategyFor, type StrategyKind } from './strategy.js';

export interface PlanInput {
  verdict: Verdict;
  settings: RecoverSettings;
  now: number;
  random: Random;
  /** Runs of the same workflow on the same branch (the breaker's only source). */
  history?: RunRecord[];
  /** When the failed attempt finished (ms); the backoff counts from there. Defaults to now. */
  failedAt?: number;
  /** Longest wait this runner accepts; a longer backoff becomes `defer`. Infinity when planning offline. */
  maxWaitSeconds?: number;
  /** A rollback we made on this branch (ms): holds the breaker open. */
  forcedOpenAt?: number;
}

export interface RecoverDecision {
  action: RecoverAction;
  mode: RecoverMode;
  reason: string;
  strategy: StrategyKind;
  /** Backoff for this re-run (s), and how long is left of it from `now` (s). */
  delaySeconds?: number;
  waitSeconds?: number;
  /** ISO time before which the re-run must not start (defer). */
  notBefore?: string;
  /** Re-run number this would be (1 = first re-run) and the limit. */
  attempt?: number;
  maxAttempts?: number;
  fixers?: string[];
  breaker: BreakerView;
  /** Whether the mode lets the executor carry the action out. */
  execute: boolean;
}

/** The breaker when no history was read: closed, as far as we know. */
export const NO_HISTORY: BreakerView = {
  state: 'closed',
  consecutiveFailures: 0,
  failureRate: 0,
  volume: 0,
  trialInFlight: false,
  reason: 'closed: no run history given',
};

/** The policy: verdict + history + settings → one decision. Pure; executors re-check its guards on fresh reads. */
export function planRecovery(input: PlanInput): RecoverDecision {
  const { verdict, settings, now } = input;
  const strategy = strategyFor(verdict);
  const breaker = input.history ? breakerState(input.history, now, verdict.category, settings.breaker, input.forcedOpenAt) : NO_HISTORY;
  const base = { mode: settings.mode, strategy: strategy.kind, breaker };
  const decide = (action: RecoverAction, reason: string, extra: Partial<RecoverDecision> = {}): RecoverDecision =>
    withMode({ ...base, action, reason, execute: true, ...extra });

  if (verdict.status !== 'classified') return decide('report', `no verdict to act on (${verdict.status}${verdict.reason ? `: ${verdict.reason}` : ''})`);

  switch (strategy.kind) {
    case 'escalate':
      return decide('escalate', strategy.reason);
    case 'report':
      return decide('report', strategy.reason);
    case 'fix': {
      if (breaker.state === 'open') return decide('escalate', `${strategy.reason}, but the breaker is ${breaker.reason}`);
      const fixers = fixersFor(verdict, settings.fixers);
      if (!fixers.length)
        return decide('report', `${strategy.reason}, but no fixer is configured: add recover.fixers.${verdict.subcategory} to .github/closed-loop.yml`);
      if (verdict.run.fork) return decide('suggest', `${strategy.reason}; the branch is in a fork, so the fix is offered as suggestions`, { fixers });
      return decide('fix', strategy.reason, { fixers });
    }
    default:
      return planRerun(input, breaker, strategy.kind === 'rerun-once' ? 1 : settings.maxAttempts, strategy.reason, decide);
  }
}

function planRerun(
  input: PlanInput,
  breaker: BreakerView,
  maxAttempts: number,
  why: string,
  decide: (a: RecoverAction, r: string, e?: Partial<RecoverDecision>) => RecoverDecision,
): RecoverDecision {
  const { verdict, settings, now, random } = input;
  const attempt = Math.max(1, verdict.run.attempt);
  const limits = { attempt, maxAttempts };
  if (attempt > maxAttempts)
    return decide('escalate', `${why}, but it failed again after ${attempt - 1} re-run${attempt > 2 ? 's' : ''} (limit ${maxAttempts})`, limits);
  if (breaker.state === 'open') return decide('escalate', `${why}, but the breaker is ${breaker.reason}`, limits);
  if (breaker.trialInFlight) return decide('none', `${why}, but the breaker is ${breaker.reason}`, limits);
  const delaySeconds = backoffSeconds(attempt, settings.backoff, random);
  const due = (input.failedAt ?? now) + delaySeconds * 1000;
  const waitSeconds = Math.max(0, Math.ceil((due - now) / 1000));
  const timing = { ...limits, delaySeconds, waitSeconds, notBefore: new Date(due).toISOString() };
  const trial = breaker.state === 'half-open' ? ' (half-open breaker: this is the one trial)' : '';
  if (waitSeconds > (input.maxWaitSeconds ?? Infinity))
    return decide(
      'defer',
      `${why}; the backoff has ${waitSeconds}s left, more than this runner waits, so a later check re-runs it after ${timing.notBefore}${trial}`,
      timing,
    );
  return decide('rerun', `${why}; re-run ${attempt} of ${maxAttempts} after ${delaySeconds}s backoff${trial}`, timing);
}

/** supervised proposes instead of acting; analysis_only acts on nothing. */
function withMode(d: RecoverDecision): RecoverDecision {
  if (d.mode === 'analysis_only') return { ...d, execute: false, reason: `analysis only, nothing done: would ${d.action} — ${d.reason}` };
  if (d.mode !== 'supervised') return d;
  if (d.action === 'fix') return { ...d, action: 'suggest', reason: `${d.reason}; supervised mode: offered as suggestions, nothing pushed` };
  if (d.action === 'rerun' || d.action === 'defer') return { ...d, action: 'report', execute: false, reason: `supervised mode, not re-run: ${d.reason}` };
  if (d.action === 'rollback') return { ...d, action: 'escalate', reason: `supervised mode, not reverted: ${d.reason}` };
  return d;
}

/** What notify and the audit trail receive. */
export function toOutcome(
  d: Pick<RecoverDecision, 'action' | 'mode' | 'reason' | 'delaySeconds' | 'notBefore' | 'attempt' | 'maxAttempts' | 'breaker'>,
  executed: boolean,
  links?: RecoverOutcome['links'],
): RecoverOutcome {
  return {
    schema: RECOVER_SCHEMA,
    action: d.action,
    mode: d.mode,
    reason: d.reason,
    ...(d.delaySeconds !== undefined ? { delaySeconds: d.delaySeconds } : {}),
    ...(d.action === 'defer' && d.notBefore ? { notBefore: d.notBefore } : {}),
    ...(d.attempt !== undefined ? { attempt: d.attempt } : {}),
    ...(d.maxAttempts !== undefined ? { maxAttempts: d.maxAttempts } : {}),
    breaker: {
      state: d.breaker.state,
      consecutiveFailures: d.breaker.consecutiveFailures,
      failureRate: d.breaker.failureRate,
      ...(d.breaker.reopensAt ? { reopensAt: d.breaker.reopensAt } : {}),
    },
    executed,
    ...(links?.length ? { links } : {}),
  };
}

/** An outcome for when a guard stopped the executor before the policy had anything to act on. */
export function guardOutcome(mode: RecoverMode, reason: string, action: RecoverAction = 'none', breaker: BreakerView = NO_HISTORY): RecoverOutcome {
  return toOutcome({ action, mode, reason, breaker }, false);
}
