import { describe, expect, it } from '@jest/globals';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { itemId, normaliseText } from '../../src/discover/ids.js';
import { buildMetrics, VALUE_METRICS_SCHEMA } from '../../src/discover/model.js';
import { ice, scoreCandidates, scoreInputs, wsjf } from '../../src/discover/scoring.js';
import type { Candidate, ScoreInputs } from '../../src/discover/types.js';
import { ConfigurationError } from '../../src/errors.js';
import { DEFAULT_WEIGHTS, TODO_INPUTS as TODO } from './fixtures.js';

const VULN: ScoreInputs = {
  businessValue: 3,
  timeCriticality: 7,
  riskReduction: 8,
  jobSize: 1,
  impact: 8,
  confidence: 9,
  ease: 9,
  debtMinutes: 15,
  security: 'high',
};

describe('scoring (hand-computed)', () => {
  it('WSJF and ICE follow their formulas', () => {
    expect(wsjf(TODO)).toBe(2.5); // (2 + 1 + 2) / 2
    expect(ice(TODO)).toBe(84); // 2 × 6 × 7
    expect(wsjf(VULN)).toBe(18); // (3 + 7 + 8) / 1
  });

  it('weights the normalised scores into the composite', () => {
    // WSJF 2.5/30 = 8.333; ICE 84/10 = 8.4; debt 15/480 = 3.125; security 0
    // 0.5 × 8.333 + 0.1 × 8.4 + 0.3 × 3.125 + 0 = 4.1667 + 0.84 + 0.9375 = 5.944 → 5.9
    const { scores, explanation } = scoreInputs(TODO, DEFAULT_WEIGHTS);
    expect(scores).toEqual({ wsjf: 2.5, ice: 84, technicalDebtMinutes: 15, security: 0, composite: 5.9 });
    expect(explanation).toBe(
      'composite 5.9 = 0.5 × WSJF 8.3 [(2 value + 1 criticality + 2 risk) / 2 size = 2.5] + 0.1 × ICE 8.4 [2 impact × 6 confidence × 7 ease = 84] + 0.3 × debt 3.1 [15 min] + 0.1 × security 0.0 [none]',
    );
    // WSJF 18/30 = 60; ICE 648/10 = 64.8; debt 3.125; security high = 75
    // 30 + 6.48 + 0.9375 + 7.5 = 44.9175 → 44.9
    expect(scoreInputs(VULN, DEFAULT_WEIGHTS).scores.composite).toBe(44.9);
  });

  it('divides by the total weight, and refuses all-zero weights', () => {
    // Only security, weight 2: 2 × 75 / 2 = 75
    expect(scoreInputs(VULN, { wsjf: 0, ice: 0, technical_debt: 0, security: 2 }).scores.composite).toBe(75);
    expect(() => scoreInputs(VULN, { wsjf: 0, ice: 0, technical_debt: 0, security: 0 })).toThrow(ConfigurationError);
  });

  it('caps technical debt at a working day', () => {
    const big = { ...TODO, debtMinutes: 5000 };
    expect(scoreInputs(big, { wsjf: 0, ice: 0, technical_debt: 1, security: 0 }).scores.composite).toBe(100);
  });
});

const candidate = (text: string, inputs: ScoreInputs, over: Partial<Candidate> = {}): Candidate => ({
  kind: 'debt-marker',
  rule: 'marker:TODO',
  path: 'src/a.ts',
  line: 3,
  text,
  title: `TODO: ${text}`,
  evidence: {},
  inputs,
  rationale: 'r',
  ...over,
});

describe('stable ids', () => {
  it('hash kind, path, rule and normalised text — never the line number', () => {
    expect(normaliseText('  // TODO   Handle\tthe  Timeout */')).toBe('todo handle the timeout');
    const a = itemId('debt-marker', 'src/a.ts', 'marker:TODO', 'handle the timeout');
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(itemId('debt-marker', 'src/a.ts', 'marker:TODO', 'Handle  the timeout')).toBe(a);
    expect(itemId('debt-marker', 'src/b.ts', 'marker:TODO', 'handle the timeout')).not.toBe(a);
    expect(itemId('debt-marker', 'src/a.ts', 'marker:FIXME', 'handle the timeout')).not.toBe(a);
    const [moved] = scoreCandidates([candidate('handle the timeout', TODO, { line: 300 })], DEFAULT_WEIGHTS);
    const [before] = scoreCandidates([candidate('handle the timeout', TODO, { line: 3 })], DEFAULT_WEIGHTS);
    expect(moved?.id).toBe(before?.id);
    expect(moved?.id).toBe(a);
  });

  it('ranks by composite, ties by id, and never hands out one id twice', () => {
    const items = scoreCandidates([candidate('x', TODO), candidate('x', TODO), candidate('y', VULN)], DEFAULT_WEIGHTS);
    expect(items[0]?.text).toBe('y');
    expect(new Set(items.map((i) => i.id)).size).toBe(3);
    expect(items[1]?.explanation).toContain('Signals: r.');
  });
});

describe('value-metrics.json', () => {
  it('validates against its versioned schema', () => {
    const metrics = buildMetrics({
      candidates: [candidate('x', TODO), candidate('lodash', VULN, { kind: 'dependency', rule: 'vulnerable', path: 'package.json' })],
      weights: DEFAULT_WEIGHTS,
      sha: 'a'.repeat(40),
      repository: 'acme/widgets',
      now: Date.UTC(2026, 0, 1),
      signals: [{ signal: 'debt-markers', status: 'ok' }],
    });
    const validate = new Ajv2020({ strict: false }).compile(VALUE_METRICS_SCHEMA);
    expect(validate(JSON.parse(JSON.stringify(metrics)))).toBe(true);
    expect(metrics).toMatchObject({
      schemaVersion: 1,
      generatedAt: '2026-01-01T00:00:00.000Z',
      repository: { sha: 'a'.repeat(40), name: 'acme/widgets' },
      weights: DEFAULT_WEIGHTS,
      loopHealth: null,
    });
    expect(validate({ ...metrics, schemaVersion: 2 })).toBe(false);
  });
});
