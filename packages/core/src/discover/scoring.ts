import { ConfigurationError } from '../errors.js';
import { itemId } from './ids.js';
import type { Candidate, ScoredItem, ScoreInputs, Scores, ScoringWeights, SecuritySeverity } from './types.js';
import { round1 } from './types.js';

/** WSJF = (business value + time criticality + risk reduction) / job size. */
export function wsjf(i: ScoreInputs): number {
  return (i.businessValue + i.timeCriticality + i.riskReduction) / Math.max(1, i.jobSize);
}

/** ICE = impact × confidence × ease. */
export function ice(i: ScoreInputs): number {
  return i.impact * i.confidence * i.ease;
}

export const SECURITY_BOOST: Record<SecuritySeverity, number> = { critical: 100, high: 75, moderate: 50, low: 25, info: 10, none: 0 };

/** A working day: remediation estimates beyond it all count as "a big job". */
export const DEBT_CAP_MINUTES = 480;
const WSJF_MAX = 30;
const ICE_MAX = 1000;

/** Each model on a 0–100 scale, so the weights mean what they say. */
export function normalised(i: ScoreInputs): { wsjf: number; ice: number; debt: number; security: number } {
  return {
    wsjf: Math.min(100, (wsjf(i) / WSJF_MAX) * 100),
    ice: Math.min(100, (ice(i) / ICE_MAX) * 100),
    debt: (Math.min(Math.max(0, i.debtMinutes), DEBT_CAP_MINUTES) / DEBT_CAP_MINUTES) * 100,
    security: SECURITY_BOOST[i.security],
  };
}

export function checkWeights(w: ScoringWeights): number {
  const total = w.wsjf + w.ice + w.technical_debt + w.security;
  if (!(total > 0))
    throw new ConfigurationError(
      'value_discovery.scoring_weights: at least one weight must be above 0 (defaults: wsjf 0.5, ice 0.1, technical_debt 0.3, security 0.1).',
    );
  return total;
}

export function scoreInputs(i: ScoreInputs, w: ScoringWeights): { scores: Scores; explanation: string } {
  const total = checkWeights(w);
  const n = normalised(i);
  const composite = (w.wsjf * n.wsjf + w.ice * n.ice + w.technical_debt * n.debt + w.security * n.security) / total;
  const scores: Scores = {
    wsjf: Math.round(wsjf(i) * 100) / 100,
    ice: ice(i),
    technicalDebtMinutes: i.debtMinutes,
    security: n.security,
    composite: round1(composite),
  };
  const f = (x: number) => round1(x).toFixed(1);
  const explanation =
    `composite ${scores.composite.toFixed(1)}${Math.abs(total - 1) < 1e-9 ? '' : ` (÷ ${round1(total)} total weight)`} = ` +
    `${w.wsjf} × WSJF ${f(n.wsjf)} [(${i.businessValue} value + ${i.timeCriticality} criticality + ${i.riskReduction} risk) / ${i.jobSize} size = ${scores.wsjf}]` +
    ` + ${w.ice} × ICE ${f(n.ice)} [${i.impact} impact × ${i.confidence} confidence × ${i.ease} ease = ${scores.ice}]` +
    ` + ${w.technical_debt} × debt ${f(n.debt)} [${i.debtMinutes} min]` +
    ` + ${w.security} × security ${f(n.security)} [${i.security}]`;
  return { scores, explanation };
}

const MODEL_NAMES = {
  wsjf: 'WSJF (value, urgency and risk for the size of the job)',
  ice: 'ICE',
  debt: 'technical debt',
  security: 'security severity',
} as const;

/**
 * "Why this rank", in words a maintainer can check: where it stands, the harvester's evidence, the
 * model that carries most of its score, and what separates it from the next item.
 */
export function whyRanked(item: ScoredItem, rank: number, total: number, next: ScoredItem | undefined, w: ScoringWeights): string {
  const n = normalised(item.inputs);
  const weight = checkWeights(w);
  const parts = (Object.keys(MODEL_NAMES) as (keyof typeof MODEL_NAMES)[]).map((k) => ({
    k,
    value: ((k === 'debt' ? w.technical_debt : w[k]) * n[k]) / weight,
  }));
  const lead = parts.sort((a, b) => b.value - a.value)[0];
  const share = lead && item.scores.composite > 0 ? Math.round((100 * lead.value) / item.scores.composite) : 0;
  const gap = next ? round1(item.scores.composite - next.scores.composite) : 0;
  return (
    `#${rank} of ${total}: ${item.rationale}` +
    (lead && share > 0 ? `; ${share}% of its score comes from ${MODEL_NAMES[lead.k]}` : '') +
    (next ? (gap > 0 ? `; ${gap.toFixed(1)} above the next item` : '; tied with the next item, ordered by id') : '')
  );
}

/** Scores, ids and ranks: highest composite first, ties broken by id so the order is stable. */
export function scoreCandidates(candidates: readonly Candidate[], weights: ScoringWeights): ScoredItem[] {
  const used = new Set<string>();
  const sorted = candidates
    .map((c): ScoredItem => {
      let id = itemId(c.kind, c.path, c.rule, c.text);
      for (let k = 2; used.has(id); k++) id = itemId(c.kind, c.path, c.rule, `${c.text} #${k}`);
      used.add(id);
      const { scores, explanation } = scoreInputs(c.inputs, weights);
      return { id, ...c, scores, explanation: `${explanation}. Signals: ${c.rationale}.` };
    })
    .sort((a, b) => b.scores.composite - a.scores.composite || (a.id < b.id ? -1 : 1));
  return sorted.map((item, i) => ({ ...item, why: whyRanked(item, i + 1, sorted.length, sorted[i + 1], weights) }));
}
