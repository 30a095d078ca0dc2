import { describe, expect, it } from '@jest/globals';
import { seededRandom } from '../../src/clock.js';
import { loadConfig, resolveEnvironment } from '../../src/config/index.js';
import { backoffSeconds } from '../../src/recover/backoff.js';
import { breakerState } from '../../src/recover/breaker.js';
import { planRecovery, toOutcome } from '../../src/recover/decide.js';
import { MAX_ATTEMPTS_CEILING, recoverSettings } from '../../src/recover/settings.js';
import { iso, run, T0, minutes, verdict } from './fixtures.js';

const settings = recoverSettings(loadConfig(undefined));
const fixed = (x: number) => () => x;

describe('backoff', () => {
  it('doubles from 30 s and caps at 1800 s, with no jitter at the midpoint', () => {
    const mid = fixed(0.5);
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((a) => backoffSeconds(a, settings.backoff, mid))).toEqual([30, 60, 120, 240, 480, 960, 1800, 1800]);
  });

  it('spreads by at most ±10 % using the injected random source', () => {
    expect(backoffSeconds(1, settings.backoff, fixed(0))).toBe(27);
    expect(backoffSeconds(1, settings.backoff, fixed(0.999999))).toBe(33);
    const random = seededRandom(7);
    for (let i = 0; i < 200; i++) {
      const s = backoffSeconds(7, settings.backoff, random);
      expect(s).toBeGreaterThanOrEqual(1620);
      expect(s).toBeLessThanOrEqual(1980);
    }
  });
});

describe('settings', () => {
  it('fills the documented defaults', () => {
    expect(settings).toMatchObject({ mode: 'automatic', maxAttempts: 3, maxChangedLines: 500, maxFixesPerPr: 3, rollback: true });
    expect(settings.commentTrigger).toEqual({ enabled: true, phrase: '/closed-loop fix', commit: false, maxAttemptsPerComment: 3, maxFixesPerHour: 5 });
    expect(settings.breaker).toMatchObject({ consecutiveFailures: 5, failureRate: 0.6, windowHours: 24 });
  });

  it('lets environments.production force supervised over an automatic input', () => {
    const config = loadConfig('version: 1\nrecover:\n  mode: automatic\nenvironments:\n  production:\n    recover:\n      force_supervised: true\n');
    expect(recoverSettings(resolveEnvironment(config, 'production'), { mode: 'automatic' }).mode).toBe('supervised');
    expect(recoverSettings(resolveEnvironment(config, 'production'), { mode: 'analysis_only' }).mode).toBe('analysis_only');
    expect(recoverSettings(config, { mode: 'automatic' }).mode).toBe('automatic');
  });

  it('holds max attempts under the hard ceiling whatever the input says', () => {
    expect(recoverSettings({}, { maxAttempts: 49 }).maxAttempts).toBe(MAX_ATTEMPTS_CEILING);
    expect(() => loadConfig('recover:\n  max_attempts: 40\n')).toThrow(/recover\.max_attempts must be <= 10/);
  });

  it('rejects a cooldown outside 5–30 minutes', () => {
    expect(() => loadConfig('recover:\n  breaker:\n    cooldown_minutes:\n      infrastructure: 2\n')).toThrow(/cooldown_minutes\.infrastructure must be >= 5/);
  });
});

describe('circuit breaker', () => {
  const b = settings.breaker;
  it('stays closed on a healthy history', () => {
    const view = breakerState([run(1, 'failure', 1), run(2, 'success', 10), run(3, 'success', 20)], T0, 'infrastructure', b);
    expect(view).toMatchObject({ state: 'closed', consecutiveFailures: 1, volume: 3 });
  });

  it('opens at 5 consecutive failed attempts, counting earlier attempts of a re-run run', () => {
    const view = breakerState([run(1, 'failure', 1, { attempt: 4 }), run(2, 'failure', 30), run(3, 'success', 60)], T0, 'infrastructure', b);
    expect(view.state).toBe('open');
    expect(view.consecutiveFailures).toBe(5);
    expect(view.reopensAt).toBe(new Date(T0 - minutes(1) + minutes(5)).toISOString());
  });

  it('opens at a 60 % failure rate only with the minimum volume', () => {
    const mixed = [run(1, 'failure', 1), run(2, 'success', 2), run(3, 'failure', 3), run(4, 'failure', 4), run(5, 'success', 5)];
    expect(breakerState(mixed, T0, 'quality', b)).toMatchObject({ state: 'open', failureRate: 0.6 });
    expect(breakerState(mixed.slice(0, 4), T0, 'quality', b).state).toBe('closed');
    expect(breakerState([run(0, 'success', 0.5), ...mixed], T0, 'quality', b).state).toBe('closed');
  });

  it('ignores runs outside the window and cancelled runs', () => {
    const old = [1, 2, 3, 4, 5].map((i) => run(i, 'failure', 60 * 25 + i));
    expect(breakerState([run(9, 'cancelled', 1), ...old], T0, 'infrastructure', b)).toMatchObject({ state: 'closed', volume: 0 });
  });

  it('uses the cooldown of the category, then turns half-open with one trial', () => {
    const failing = [1, 2, 3, 4, 5].map((i) => run(i, 'failure', 10 + i));
    expect(breakerState(failing, T0, 'infrastructure', b).state).toBe('half-open');
    expect(breakerState(failing, T0, 'quality', b).state).toBe('open');
    const trial = [run(1, null, 2, { attempt: 2, rerunByUs: true, createdAt: iso(T0 - minutes(11)) }), ...failing.slice(1)];
    expect(breakerState(trial, T0, 'infrastructure', b)).toMatchObject({ state: 'half-open', trialInFlight: true });
  });

  it('closes when the trial succeeds', () => {
    const failing = [2, 3, 4, 5].map((i) => run(i, 'failure', 10 + i));
    expect(breakerState([run(1, 'success', 1, { attempt: 2, rerunByUs: true }), ...failing], T0, 'infrastructure', b).state).toBe('closed');
  });

  it('is held open by a rollback we made', () => {
    expect(breakerState([run(1, 'failure', 1)], T0, 'quality', b, T0 - minutes(2))).toMatchObject({ state: 'open' });
    expect(breakerState([run(1, 'failure', 50)], T0, 'quality', b, T0 - minutes(40)).state).toBe('half-open');
  });
});

describe('planRecovery', () => {
  const plan = (over: Parameters<typeof verdict>[0] = {}, extra: Partial<Parameters<typeof planRecovery>[0]> = {}) =>
    planRecovery({ verdict: verdict(over), settings, now: T0, random: fixed(0.5), history: [run(100, 'failure', 0)], ...extra });

  it('re-runs a transient network failure after the backoff', () => {
    const d = plan();
    expect(d).toMatchObject({ action: 'rerun', delaySeconds: 30, waitSeconds: 30, attempt: 1, maxAttempts: 3, execute: true });
    expect(toOutcome(d, true)).toMatchObject({
      schema: 'closed-loop/recover@1',
      action: 'rerun',
      delaySeconds: 30,
      executed: true,
      breaker: { state: 'closed' },
    });
  });

  it('counts the backoff from when the attempt failed', () => {
    expect(plan({}, { failedAt: T0 - 20_000 })).toMatchObject({ action: 'rerun', delaySeconds: 30, waitSeconds: 10 });
    expect(plan({}, { failedAt: T0 - 60_000 })).toMatchObject({ action: 'rerun', waitSeconds: 0 });
  });

  it('defers a backoff longer than the runner may wait', () => {
    const d = plan({ run: { attempt: 3 } }, { maxWaitSeconds: 60 });
    expect(d).toMatchObject({ action: 'defer', delaySeconds: 120, notBefore: new Date(T0 + 120_000).toISOString() });
  });

  it('escalates the 4th failure instead of re-running', () => {
    const d = plan({ run: { attempt: 4 } });
    expect(d.action).toBe('escalate');
    expect(d.reason).toMatch(/after 3 re-runs \(limit 3\)/);
  });

  it('escalates while the breaker is open', () => {
    const history = [1, 2, 3, 4, 5].map((i) => run(i, 'failure', i));
    expect(plan({}, { history })).toMatchObject({ action: 'escalate', breaker: { state: 'open' } });
  });

  it('does nothing while the half-open trial is in flight', () => {
    const history = [
      run(7, null, 1, { attempt: 2, rerunByUs: true, createdAt: iso(T0 - minutes(11)) }),
      ...[1, 2, 3, 4, 5].map((i) => run(i, 'failure', 10 + i)),
    ];
    expect(plan({}, { history })).toMatchObject({ action: 'none', breaker: { state: 'half-open', trialInFlight: true } });
  });

  it('applies the category strategies', () => {
    expect(plan({ category: 'dependencies', subcategory: 'network' })).toMatchObject({ action: 'rerun', maxAttempts: 1 });
    expect(plan({ category: 'dependencies', subcategory: 'network', run: { attempt: 2 } }).action).toBe('escalate');
    expect(plan({ category: 'dependencies', subcategory: 'resolution', transient: false }).action).toBe('report');
    expect(plan({ category: 'security', subcategory: 'secret-detected', transient: false }).action).toBe('escalate');
    expect(plan({ category: 'testing', subcategory: 'test-failure', transient: false }).action).toBe('report');
    expect(plan({ category: 'testing', subcategory: 'test-failure', transient: false, flaky: true }).action).toBe('rerun');
    expect(plan({ category: 'build', subcategory: 'compile', transient: false }).action).toBe('report');
    expect(plan({ category: 'performance', subcategory: 'timeout', transient: false }).action).toBe('report');
    expect(plan({ category: 'unknown', subcategory: 'unknown', transient: false }).action).toBe('report');
    expect(plan({ category: 'infrastructure', subcategory: 'disk-full', transient: false }).action).toBe('report');
    expect(plan({ status: 'logs-unavailable', category: 'unknown' }).reason).toMatch(/logs-unavailable/);
  });

  it('fixes quality failures only with a configured fixer, and suggests for forks', () => {
    const withFixer = recoverSettings({ recover: { fixers: { lint: ['npx eslint --fix .'] } } });
    const lint = { category: 'quality' as const, subcategory: 'lint', transient: false };
    expect(plan(lint).reason).toMatch(/add recover\.fixers\.lint/);
    expect(plan(lint, { settings: withFixer })).toMatchObject({ action: 'fix', fixers: ['npx eslint --fix .'] });
    expect(plan({ ...lint, run: { fork: true } }, { settings: withFixer }).action).toBe('suggest');
  });

  it('supervised proposes and analysis_only acts on nothing', () => {
    const supervised = recoverSettings({}, { mode: 'supervised' });
    expect(plan({}, { settings: supervised })).toMatchObject({ action: 'report', execute: false });
    const fix = plan(
      { category: 'quality', subcategory: 'lint', transient: false },
      { settings: recoverSettings({ recover: { fixers: { lint: ['x'] } } }, { mode: 'supervised' }) },
    );
    expect(fix.action).toBe('suggest');
    const analysis = plan({}, { settings: recoverSettings({}, { mode: 'analysis_only' }) });
    expect(analysis).toMatchObject({ action: 'rerun', execute: false });
    expect(analysis.reason).toMatch(/^analysis only, nothing done: would rerun/);
  });
});
