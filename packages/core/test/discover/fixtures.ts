import { buildMetrics, type ValueMetrics } from '../../src/discover/model.js';
import type { Candidate } from '../../src/discover/types.js';

const WEIGHTS = { wsjf: 0.5, ice: 0.1, technical_debt: 0.3, security: 0.1 };
/** Shared by the dashboard and GitHub tests: a TODO item and metrics built from items. */
const NOW = Date.UTC(2026, 1, 1);

export function todo(n: number, over: Partial<Candidate> = {}): Candidate {
  return {
    kind: 'debt-marker',
    rule: 'marker:TODO',
    path: `src/file${n}.ts`,
    line: n + 1,
    text: `item ${n}`,
    title: `TODO: item ${n}`,
    evidence: { tag: 'TODO' },
    inputs: { businessValue: 2, timeCriticality: 1 + (n % 5), riskReduction: 2, jobSize: 2, impact: 2, confidence: 6, ease: 7, debtMinutes: 15, security: 'none' },
    rationale: 'TODO marker',
    ...over,
  };
}

export function metricsOf(candidates: Candidate[]): ValueMetrics {
  return buildMetrics({ candidates, weights: WEIGHTS, sha: 'f'.repeat(40), now: NOW, signals: [{ signal: 'debt-markers', status: 'ok' }, { signal: 'ci-health', status: 'skipped', note: 'offline' }] });
}

