import type { LoopIssue, RunSummary } from './ci-health.js';
import { round1 } from './types.js';
import { isFailedConclusion } from '../conclusions.js';
import { withDefaults, type ConfigSections } from '../config/defaults.js';

/** A measurement with the sample it came from; `value` is null when there was nothing to measure. */
export interface Metric {
  value: number | null;
  n: number;
}

/** The loop's KPIs, named as in `value_discovery.kpis.targets`. */
export const KPI_IDS = ['mttd_minutes', 'mttr_minutes', 'auto_recovery_rate', 'false_transient_rate', 'escalations', 'false_positive_rate'] as const;
export type KpiId = (typeof KPI_IDS)[number];

/** Which way is better: the target is a ceiling (lower) or a floor (higher). */
export const KPI_BETTER: Record<KpiId, 'lower' | 'higher'> = {
  mttd_minutes: 'lower',
  mttr_minutes: 'lower',
  auto_recovery_rate: 'higher',
  false_transient_rate: 'lower',
  escalations: 'lower',
  false_positive_rate: 'lower',
};

export interface Kpi {
  /** This period: the last `periodDays` days. */
  current: Metric;
  /** The period before it, for the trend. */
  previous: Metric;
  target: number;
  better: 'lower' | 'higher';
  /** The current value meets the target; null without data. */
  met: boolean | null;
}

export interface LoopHealth {
  periodDays: number;
  kpis: Record<KpiId, Kpi>;
}

/** `value_discovery.kpis` (the type generated from its schema; its `targets` keys are KPI_IDS). */
export type KpiSettings = ConfigSections['value_discovery']['kpis'];

/** `value_discovery.kpis` as the schema fills it when the config says nothing: the one place its defaults are written. */
const DEFAULT_KPI_SETTINGS = withDefaults('value_discovery', {}).kpis;

const MINUTE = 60_000;
const DAY = 86_400_000;

function mean(values: number[]): Metric {
  return { value: values.length ? round1(values.reduce((a, b) => a + b, 0) / values.length) : null, n: values.length };
}

function rate(hits: number, n: number): Metric {
  return { value: n ? Math.round((hits / n) * 1000) / 1000 : null, n };
}

const time = (iso: string | null | undefined): number => (iso ? Date.parse(iso) : NaN);

/** Samples tagged with the time that puts them in a period. */
type Timed<T> = { at: number; value: T }[];

/**
 * The loop's KPIs for the last `period_days` and the period before, each with its target:
 * - MTTD: a failed run completed → notify first recorded it (the run's entry in the failure issue's ledger);
 * - MTTR: a workflow's failed run on a branch completed → its next green run there completed;
 * - auto-recovery success rate: failed runs that went green on a re-run, of all failed runs (no person pushed a change);
 * - false transient rate: re-runs that failed again, of all re-runs (the failure was not transient after all);
 * - escalations: critical failures the sweep escalated (nobody acknowledged them in time);
 * - false-positive rate: failure issues whose verdict a person overrode (override label, or closed as not planned).
 */
export function loopHealth(
  runs: readonly RunSummary[],
  issues: readonly LoopIssue[],
  overrideLabels: readonly string[],
  now: number,
  settings: KpiSettings = DEFAULT_KPI_SETTINGS,
): LoopHealth {
  const completed = runs.filter((r) => r.status === 'completed' && (r.conclusion === 'success' || isFailedConclusion(r.conclusion)));
  const byId = new Map(completed.map((r) => [r.id, r]));

  const detect: Timed<number> = [];
  for (const i of issues)
    for (const seen of i.ledgerRuns ?? []) {
      const run = byId.get(seen.id);
      // Only the attempt the list still shows has its completion time.
      if (!run || (run.run_attempt ?? 1) !== seen.attempt || !isFailedConclusion(run.conclusion)) continue;
      const done = time(run.updated_at);
      const minutes = (time(seen.at) - done) / MINUTE;
      if (Number.isFinite(minutes) && minutes >= 0) detect.push({ at: done, value: minutes });
    }

  const recover: Timed<number> = [];
  const streams = new Map<string, RunSummary[]>();
  for (const r of completed) {
    const key = `${r.path}\0${r.head_branch ?? ''}`;
    streams.set(key, [...(streams.get(key) ?? []), r]);
  }
  for (const list of streams.values()) {
    let brokeAt: number | undefined;
    for (const r of [...list].sort((a, b) => time(a.created_at) - time(b.created_at) || a.id - b.id)) {
      if (r.conclusion !== 'success') brokeAt ??= time(r.updated_at);
      else if (brokeAt !== undefined) {
        recover.push({ at: brokeAt, value: Math.max(0, time(r.updated_at) - brokeAt) / MINUTE });
        brokeAt = undefined;
      }
    }
  }

  // A run listed with attempt > 1 was re-run after its first attempt failed.
  const reruns: Timed<boolean> = completed.filter((r) => (r.run_attempt ?? 1) > 1).map((r) => ({ at: time(r.updated_at), value: r.conclusion === 'success' }));
  const failures: Timed<boolean> = [
    ...reruns.filter((r) => r.value),
    ...completed.filter((r) => r.conclusion !== 'success').map((r) => ({ at: time(r.updated_at), value: false })),
  ];
  const escalations: Timed<number> = issues.flatMap((i) => (i.escalatedAt ?? []).map((at) => ({ at: time(at), value: 1 })));
  const overridden = new Set(overrideLabels.map((l) => l.toLowerCase()));
  const verdicts: Timed<boolean> = issues.map((i) => ({
    at: time(i.created_at),
    value: i.labels.some((l) => overridden.has(l.toLowerCase())) || (i.state === 'closed' && i.state_reason === 'not_planned' && !i.closedByUs),
  }));

  const period = settings.period_days * DAY;
  const inPeriod = <T>(samples: Timed<T>, back: number): T[] =>
    samples.filter((s) => s.at <= now - back * period && s.at > now - (back + 1) * period).map((s) => s.value);
  const share = (samples: Timed<boolean>, back: number): Metric => {
    const list = inPeriod(samples, back);
    return rate(list.filter(Boolean).length, list.length);
  };
  const count = (samples: Timed<number>, back: number): Metric => ({ value: inPeriod(samples, back).length, n: inPeriod(samples, back).length });
  const measure: Record<KpiId, (back: number) => Metric> = {
    mttd_minutes: (b) => mean(inPeriod(detect, b)),
    mttr_minutes: (b) => mean(inPeriod(recover, b)),
    auto_recovery_rate: (b) => share(failures, b),
    false_transient_rate: (b) => {
      const list = inPeriod(reruns, b);
      return rate(list.filter((passed) => !passed).length, list.length);
    },
    escalations: (b) => count(escalations, b),
    false_positive_rate: (b) => share(verdicts, b),
  };
  const kpis = Object.fromEntries(
    KPI_IDS.map((id) => {
      const current = measure[id](0);
      const target = settings.targets[id];
      const better = KPI_BETTER[id];
      const met = current.value === null ? null : better === 'lower' ? current.value <= target : current.value >= target;
      return [id, { current, previous: measure[id](1), target, better, met }];
    }),
  ) as Record<KpiId, Kpi>;
  return { periodDays: settings.period_days, kpis };
}
