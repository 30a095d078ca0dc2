import type { ConfigSections } from '../config/generated/types.js';

/** What the harvesters produce and the scorer ranks. Plain data: it is serialised into value-metrics.json. */
export type ItemKind = 'debt-marker' | 'hotspot' | 'dependency' | 'ci-health' | 'test-gap' | 'large-file';

export const ITEM_KINDS: readonly ItemKind[] = ['debt-marker', 'hotspot', 'dependency', 'ci-health', 'test-gap', 'large-file'];

export type SecuritySeverity = 'critical' | 'high' | 'moderate' | 'low' | 'info' | 'none';

/** The numbers the scoring models read; each harvester sets them from its evidence and says how. */
export interface ScoreInputs {
  /** 1–10 */
  businessValue: number;
  /** 1–10 */
  timeCriticality: number;
  /** 1–10 */
  riskReduction: number;
  /** 1–13 (Fibonacci-ish story points) */
  jobSize: number;
  /** 1–10 */
  impact: number;
  /** 1–10 */
  confidence: number;
  /** 1–10 */
  ease: number;
  /** SQALE-style remediation estimate. */
  debtMinutes: number;
  security: SecuritySeverity;
}

/** A work item before scoring. `text` is what the stable id hashes (never a line number). */
export interface Candidate {
  kind: ItemKind;
  rule: string;
  path?: string;
  /** Where it is now (for links and SARIF); not part of the id. */
  line?: number;
  text: string;
  title: string;
  evidence: Record<string, string | number | boolean>;
  inputs: ScoreInputs;
  /** Why the inputs have the values they have, in one sentence. */
  rationale: string;
  url?: string;
}

export interface Scores {
  wsjf: number;
  ice: number;
  technicalDebtMinutes: number;
  security: number;
  composite: number;
}

export interface ScoredItem extends Candidate {
  id: string;
  scores: Scores;
  explanation: string;
  /** "Why this rank": position, evidence, the model carrying the score, the gap to the next item. */
  why?: string;
}

/** `value_discovery:` after the config loader filled in defaults (the type generated from its schema). */
export type DiscoverSettings = ConfigSections['value_discovery'];

export type ScoringWeights = DiscoverSettings['scoring_weights'];

/** Whether a signal source ran, and if not, why (e.g. offline: no API). */
export interface SignalStatus {
  signal: 'debt-markers' | 'hotspots' | 'dependencies' | 'ci-health' | 'test-gaps' | 'large-files' | 'loop-health';
  status: 'ok' | 'skipped';
  note?: string;
}

export const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));
export const round1 = (value: number): number => Math.round(value * 10) / 10;
