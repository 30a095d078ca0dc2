import { buildMetrics, type ValueMetrics } from '../../src/discover/model.js';
import type { Candidate, ScoreInputs } from '../../src/discover/types.js';

/** Shared by the scoring, dashboard and GitHub tests: the default weights, a TODO item and metrics built from items. */
export const DEFAULT_WEIGHTS = { wsjf: 0.5, ice: 0.1, technical_debt: 0.3, security: 0.1 };
const NOW = Date.UTC(2026, 1, 1);

/** What a TODO marker is scored on (the scoring tests compute its scores by hand from these). */
export const TODO_INPUTS: ScoreInputs = {
  businessValue: 2,
  timeCriticality: 1,
  riskReduction: 2,
  jobSize: 2,
  impact: 2,
  confidence: 6,
  ease: 7,
  debtMinutes: 15,
  security: 'none',
};

export function todo(n: number, over: Partial<Candidate> = {}): Candidate {
  return {
    kind: 'debt-marker',
    rule: 'marker:TODO',
    path: `src/file${n}.ts`,
    line: n + 1,
    text: `item ${n}`,
    title: `TODO: item ${n}`,
    evidence: { tag: 'TODO' },
    inputs: { ...TODO_INPUTS, timeCriticality: 1 + (n % 5) },
    rationale: 'TODO marker',
    ...over,
  };
}

export function metricsOf(candidates: Candidate[]): ValueMetrics {
  return buildMetrics({
    candidates,
    weights: DEFAULT_WEIGHTS,
    sha: 'f'.repeat(40),
    now: NOW,
    signals: [
      { signal: 'debt-markers', status: 'ok' },
      { signal: 'ci-health', status: 'skipped', note: 'offline' },
    ],
  });
}

/** Shaped like `npm audit --json` from npm 10 (auditReportVersion 2). */
export const AUDIT = JSON.stringify({
  auditReportVersion: 2,
  vulnerabilities: {
    lodash: {
      name: 'lodash',
      severity: 'high',
      isDirect: true,
      via: [
        {
          source: 1094,
          name: 'lodash',
          title: 'Prototype Pollution in lodash',
          url: 'https://github.com/advisories/GHSA-p6mc-m468-83gw',
          severity: 'high',
          cvss: { score: 7.4 },
        },
      ],
      effects: [],
      range: '<4.17.19',
      nodes: ['node_modules/lodash'],
      fixAvailable: true,
    },
    minimist: {
      name: 'minimist',
      severity: 'critical',
      isDirect: false,
      via: ['mkdirp'],
      effects: [],
      range: '<1.2.6',
      nodes: [],
      fixAvailable: { name: 'mkdirp', version: '3.0.0', isSemVerMajor: true },
    },
    qs: {
      name: 'qs',
      severity: 'moderate',
      isDirect: false,
      via: [{ title: 'qs prototype poisoning', url: 'https://github.com/advisories/GHSA-hrpp-h998-j3pp' }],
      fixAvailable: false,
    },
  },
  metadata: { vulnerabilities: { info: 0, low: 0, moderate: 1, high: 1, critical: 1, total: 3 } },
});

export const OUTDATED = JSON.stringify({
  jest: { current: '28.1.0', wanted: '28.1.3', latest: '30.0.0', dependent: 'closed-loop', location: 'node_modules/jest' },
  'js-yaml': { current: '4.0.0', wanted: '4.1.0', latest: '4.1.0', dependent: 'closed-loop' },
  typescript: [{ current: '5.4.2', wanted: '5.4.5', latest: '5.4.5', dependent: 'core' }],
  same: { current: '1.0.0', wanted: '1.0.0', latest: '1.0.0' },
});
