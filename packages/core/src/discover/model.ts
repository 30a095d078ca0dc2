import type { BreakerRow } from '../recover/breaker-board.js';
import type { JSONSchema } from '../config/json-schema.js';
import type { LeftOut } from './leave-out.js';
import { KPI_IDS, type LoopHealth } from './loop-health.js';
import { scoreCandidates } from './scoring.js';
import type { Candidate, ScoredItem, ScoringWeights, SignalStatus } from './types.js';
import { ITEM_KINDS } from './types.js';

export const VALUE_METRICS_SCHEMA_ID = 'urn:closed-loop:schema:value-metrics:1';
export const VALUE_METRICS_VERSION = 1;

export interface ResolvedItem {
  id: string;
  title: string;
  /** YYYY-MM-DD of the first run that no longer found it. */
  resolvedOn: string;
}

/** value-metrics.json: everything a later run, a dashboard or another tool needs, versioned. */
export interface ValueMetrics {
  $schema: typeof VALUE_METRICS_SCHEMA_ID;
  schemaVersion: typeof VALUE_METRICS_VERSION;
  generatedAt: string;
  repository: { sha: string; name?: string };
  weights: ScoringWeights;
  signals: SignalStatus[];
  items: ScoredItem[];
  resolved: ResolvedItem[];
  loopHealth: LoopHealth | null;
  /** Circuit breakers not closed, per workflow + branch + category (absent without CI data or settings). */
  breakers?: BreakerRow[];
  /** Files left out of every signal (generated, vendored, lockfiles…), by reason: what the footer reports. */
  leftOut?: LeftOut[];
}

export interface MetricsInput {
  candidates: readonly Candidate[];
  weights: ScoringWeights;
  sha: string;
  repository?: string;
  now: number;
  signals: SignalStatus[];
  loopHealth?: LoopHealth | null;
  breakers?: BreakerRow[];
  resolved?: ResolvedItem[];
  leftOut?: LeftOut[];
}

export function buildMetrics(input: MetricsInput): ValueMetrics {
  return {
    $schema: VALUE_METRICS_SCHEMA_ID,
    schemaVersion: VALUE_METRICS_VERSION,
    generatedAt: new Date(input.now).toISOString(),
    repository: { sha: input.sha, ...(input.repository ? { name: input.repository } : {}) },
    weights: input.weights,
    signals: input.signals,
    items: scoreCandidates(input.candidates, input.weights),
    resolved: input.resolved ?? [],
    loopHealth: input.loopHealth ?? null,
    ...(input.breakers ? { breakers: input.breakers } : {}),
    ...(input.leftOut ? { leftOut: input.leftOut } : {}),
  };
}

const num: JSONSchema = { type: 'number' };
const metric: JSONSchema = {
  type: 'object',
  required: ['value', 'n'],
  properties: { value: { type: ['number', 'null'] }, n: { type: 'integer', minimum: 0 } },
};
const severity: JSONSchema = { enum: ['critical', 'high', 'moderate', 'low', 'info', 'none'] };

/** JSON Schema (2020-12) of value-metrics.json version 1. */
export const VALUE_METRICS_SCHEMA: JSONSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: VALUE_METRICS_SCHEMA_ID,
  title: 'closed-loop value-discovery metrics',
  type: 'object',
  required: ['$schema', 'schemaVersion', 'generatedAt', 'repository', 'weights', 'signals', 'items', 'resolved', 'loopHealth'],
  properties: {
    $schema: { const: VALUE_METRICS_SCHEMA_ID },
    schemaVersion: { const: VALUE_METRICS_VERSION, description: 'Bumped on any incompatible change.' },
    generatedAt: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T' },
    repository: { type: 'object', required: ['sha'], properties: { sha: { type: 'string' }, name: { type: 'string' } } },
    weights: {
      type: 'object',
      required: ['wsjf', 'ice', 'technical_debt', 'security'],
      properties: { wsjf: num, ice: num, technical_debt: num, security: num },
    },
    signals: {
      type: 'array',
      items: {
        type: 'object',
        required: ['signal', 'status'],
        properties: { signal: { type: 'string' }, status: { enum: ['ok', 'skipped'] }, note: { type: 'string' } },
      },
    },
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'kind', 'rule', 'text', 'title', 'evidence', 'inputs', 'scores', 'explanation'],
        properties: {
          id: { type: 'string', pattern: '^[0-9a-f]{16}$', description: 'Hash of kind, path, rule and normalised text: stable across runs and line moves.' },
          kind: { enum: ITEM_KINDS },
          rule: { type: 'string' },
          path: { type: 'string' },
          line: { type: 'integer', minimum: 1 },
          text: { type: 'string' },
          title: { type: 'string' },
          url: { type: 'string' },
          evidence: { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] } },
          inputs: {
            type: 'object',
            required: ['businessValue', 'timeCriticality', 'riskReduction', 'jobSize', 'impact', 'confidence', 'ease', 'debtMinutes', 'security'],
            properties: {
              businessValue: num,
              timeCriticality: num,
              riskReduction: num,
              jobSize: num,
              impact: num,
              confidence: num,
              ease: num,
              debtMinutes: num,
              security: severity,
            },
          },
          rationale: { type: 'string' },
          scores: {
            type: 'object',
            required: ['wsjf', 'ice', 'technicalDebtMinutes', 'security', 'composite'],
            properties: { wsjf: num, ice: num, technicalDebtMinutes: num, security: num, composite: { type: 'number', minimum: 0, maximum: 100 } },
          },
          explanation: { type: 'string' },
          why: { type: 'string', description: 'Why this rank: position, evidence, the model carrying most of the score, and the gap to the next item.' },
        },
      },
    },
    resolved: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'title', 'resolvedOn'],
        properties: { id: { type: 'string' }, title: { type: 'string' }, resolvedOn: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } },
      },
    },
    leftOut: {
      type: 'array',
      description: 'Files no signal looked at, by reason (generated, vendored, documentation, lockfile, minified, excluded), with the rules that decided.',
      items: {
        type: 'object',
        required: ['reason', 'files', 'rules', 'examples'],
        properties: {
          reason: { enum: ['generated', 'vendored', 'documentation', 'lockfile', 'minified', 'excluded'] },
          files: { type: 'integer', minimum: 1 },
          rules: {
            type: 'array',
            items: { type: 'object', required: ['rule', 'files'], properties: { rule: { type: 'string' }, files: { type: 'integer' } } },
          },
          examples: { type: 'array', items: { type: 'string' } },
        },
      },
    },
    breakers: {
      type: 'array',
      items: {
        type: 'object',
        required: ['workflow', 'path', 'branch', 'category', 'state', 'since', 'failures', 'volume', 'reason'],
        properties: {
          workflow: { type: 'string' },
          path: { type: 'string' },
          branch: { type: 'string' },
          category: { type: 'string' },
          state: { enum: ['open', 'half-open'] },
          since: { type: 'string' },
          failures: { type: 'integer', minimum: 0 },
          volume: { type: 'integer', minimum: 0 },
          reopensAt: { type: 'string' },
          reason: { type: 'string' },
        },
      },
    },
    loopHealth: {
      oneOf: [
        { type: 'null' },
        {
          type: 'object',
          required: ['periodDays', 'kpis'],
          properties: {
            periodDays: { type: 'integer', minimum: 1 },
            kpis: {
              type: 'object',
              required: [...KPI_IDS],
              properties: Object.fromEntries(
                KPI_IDS.map((id) => [
                  id,
                  {
                    type: 'object',
                    required: ['current', 'previous', 'target', 'better', 'met'],
                    properties: {
                      current: metric,
                      previous: metric,
                      target: { type: 'number' },
                      better: { enum: ['lower', 'higher'] },
                      met: { type: ['boolean', 'null'] },
                    },
                  },
                ]),
              ),
            },
          },
        },
      ],
    },
  },
};
