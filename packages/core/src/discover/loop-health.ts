import type { LoopIssue, RunSummary } from './ci-health.js';
import { round1 } from './types.js';
import { isFailedConclusion } from '../conclusions.js';

/** A metric with the sample it came from; `value` is null when there was nothing to measure. */
export interface Metric {
  value: number | null;
  n: number;
}

export interface LoopHealth {
  /** Mean minutes from a failing run's start to its failed conclusion. */
  mttdMinutes: Metric;
  /** Mean minutes from a workflow's first failed run on a branch to its next passing run there. */
  mttrMinutes: Metric;
  /** Share of re-run attempts that passed. */
  rerunSuccessRate: Metric;
  /** Share of closed failure issues closed by closed-loop itself (recovered without a person). */
  autoFixRate: Metric;
  /** Share of failure issues whose verdict a person overrode (override label, or closed as not planned). */
  falsePositiveRate: Metric;
}

const MINUTE = 60_000;

function mean(values: number[]): Metric {
  return { value: values.length ? round1(values.reduce((a, b) => a + b, 0) / values.length) : null, n: values.length };
}

function rate(hits: number, n: number): Metric {
  return { value: n ? Math.round((hits / n) * 1000) / 1000 : null, n };
}

const time = (iso: string | undefined): number => (iso ? Date.parse(iso) : NaN);

export function loopHealth(runs: readonly RunSummary[], issues: readonly LoopIssue[], overrideLabels: readonly string[]): LoopHealth {
  const completed = runs.filter((r) => r.status === 'completed' && (r.conclusion === 'success' || isFailedConclusion(r.conclusion)));
  const failed = completed.filter((r) => r.conclusion !== 'success');
  const detect = failed.map((r) => (time(r.updated_at) - time(r.run_started_at ?? r.created_at)) / MINUTE).filter((m) => Number.isFinite(m) && m >= 0);

  const recover: number[] = [];
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
        recover.push(Math.max(0, time(r.updated_at) - brokeAt) / MINUTE);
        brokeAt = undefined;
      }
    }
  }

  const reruns = completed.filter((r) => r.run_attempt > 1);
  const overridden = new Set(overrideLabels.map((l) => l.toLowerCase()));
  const closed = issues.filter((i) => i.state === 'closed');
  const wrong = issues.filter(
    (i) => i.labels.some((l) => overridden.has(l.toLowerCase())) || (i.state === 'closed' && i.state_reason === 'not_planned' && !i.closedByUs),
  );
  return {
    mttdMinutes: mean(detect),
    mttrMinutes: mean(recover),
    rerunSuccessRate: rate(reruns.filter((r) => r.conclusion === 'success').length, reruns.length),
    autoFixRate: rate(closed.filter((i) => i.closedByUs && i.state_reason !== 'not_planned').length, closed.length),
    falsePositiveRate: rate(wrong.length, issues.length),
  };
}
