import { describe, expect, it } from '@jest/globals';
import { ciHealthCandidates, workflowHealth, type LoopIssue, type RunSummary } from '../../src/discover/ci-health.js';
import { dependencyCandidates, parseNpmAudit, parseNpmOutdated } from '../../src/discover/dependencies.js';
import { loopHealth } from '../../src/discover/loop-health.js';
import { ConfigurationError } from '../../src/errors.js';
import { AUDIT, OUTDATED } from './fixtures.js';

describe('dependencies', () => {
  it('parses npm audit v2: severity, advisories, and how a fix looks', () => {
    expect(parseNpmAudit(AUDIT, 'npm-audit-file').map(({ sources, ...v }) => (expect(sources).toEqual(['npm audit']), v))).toEqual([
      {
        name: 'lodash',
        severity: 'high',
        isDirect: true,
        advisories: [{ title: 'Prototype Pollution in lodash', url: 'https://github.com/advisories/GHSA-p6mc-m468-83gw', cvss: 7.4 }],
        fix: 'available',
      },
      { name: 'minimist', severity: 'critical', isDirect: false, advisories: [], fix: 'major' },
      {
        name: 'qs',
        severity: 'moderate',
        isDirect: false,
        advisories: [{ title: 'qs prototype poisoning', url: 'https://github.com/advisories/GHSA-hrpp-h998-j3pp' }],
        fix: 'none',
      },
    ]);
  });

  it('parses npm outdated, workspace arrays included, and drops up-to-date packages', () => {
    expect(parseNpmOutdated(OUTDATED, 'f').map((o) => [o.name, o.behind, o.majors])).toEqual([
      ['jest', 'major', 2],
      ['js-yaml', 'minor', 0],
      ['typescript', 'patch', 0],
    ]);
  });

  it('rejects output that is not what npm writes, naming the source', () => {
    expect(() => parseNpmAudit('not json', 'npm-audit-file')).toThrow(
      new ConfigurationError('npm-audit-file: not JSON; pass the output of `npm audit --json`.'),
    );
    expect(() => parseNpmAudit('{"error":{"code":"ENOTFOUND","summary":"request failed"}}', 'a.json')).toThrow(/reported an error \(request failed\)/);
    expect(() => parseNpmAudit('{"advisories":{}}', 'a.json')).toThrow(/npm 6 audit format/);
    expect(parseNpmOutdated('', 'f')).toEqual([]);
  });

  it('turns them into items whose ids hang on the package name, with a security boost for vulnerabilities', () => {
    const items = dependencyCandidates(parseNpmAudit(AUDIT, 'a'), parseNpmOutdated(OUTDATED, 'o'));
    const lodash = items.find((i) => i.rule === 'vulnerable' && i.text === 'lodash');
    expect(lodash?.inputs).toMatchObject({ security: 'high', riskReduction: 8, jobSize: 1, ease: 9, debtMinutes: 15 });
    const jest = items.find((i) => i.rule === 'outdated' && i.text === 'jest');
    expect(jest?.inputs).toMatchObject({ timeCriticality: 4, riskReduction: 5, jobSize: 5, debtMinutes: 120, security: 'none' });
    expect(items).toHaveLength(6);
  });
});

const run = (o: Partial<RunSummary> & { id: number; conclusion: string; created_at: string }): RunSummary => ({
  name: 'CI',
  path: '.github/workflows/ci.yml',
  head_sha: `sha${o.id}`,
  head_branch: 'main',
  status: 'completed',
  run_attempt: 1,
  updated_at: new Date(Date.parse(o.created_at) + 10 * 60_000).toISOString(),
  ...o,
});

const RUNS: RunSummary[] = [
  run({ id: 1, conclusion: 'success', created_at: '2026-01-01T00:00:00Z' }),
  run({ id: 2, conclusion: 'failure', created_at: '2026-01-02T00:00:00Z' }),
  run({ id: 3, conclusion: 'failure', created_at: '2026-01-03T00:00:00Z' }),
  run({ id: 4, conclusion: 'success', created_at: '2026-01-03T12:00:00Z' }),
  run({ id: 5, conclusion: 'success', created_at: '2026-01-04T00:00:00Z', run_attempt: 2 }),
  run({ id: 6, conclusion: 'failure', created_at: '2026-01-05T00:00:00Z', head_sha: 'shared' }),
  run({ id: 7, conclusion: 'success', created_at: '2026-01-05T01:00:00Z', head_sha: 'shared' }),
  run({ id: 8, conclusion: 'cancelled', created_at: '2026-01-06T00:00:00Z' }),
];

const issue = (o: Partial<LoopIssue> & { number: number }): LoopIssue => ({
  title: `Build failed ${o.number}`,
  state: 'open',
  state_reason: null,
  labels: ['closed-loop'],
  created_at: '2026-01-01T00:00:00Z',
  closed_at: null,
  closedByUs: false,
  ...o,
});

describe('CI health', () => {
  it('computes failure and flakiness per workflow, ignoring cancelled runs', () => {
    expect(workflowHealth(RUNS)).toEqual([
      { name: 'CI', path: '.github/workflows/ci.yml', runs: 7, failures: 3, failureRate: 3 / 7, flaky: 2, commits: 6, lastFailed: false },
    ]);
  });

  it('reports failing and flaky workflows and open failure issues that no one overrode', () => {
    const issues = [issue({ number: 10 }), issue({ number: 11, labels: ['closed-loop', 'false-positive'] }), issue({ number: 12, state: 'closed' })];
    const items = ciHealthCandidates(RUNS, issues, 0.2, ['false-positive'], Date.parse('2026-01-20T00:00:00Z'));
    expect(items.map((i) => i.rule)).toEqual(['failing-workflow', 'flaky-workflow', 'open-failure-issue']);
    // failure rate 3/7 = 0.43 → risk round(9 × 0.43) + 1 = 5; 7 runs → confidence 3 + 1 = 4
    expect(items[0]?.inputs).toMatchObject({ riskReduction: 5, confidence: 4, timeCriticality: 4 });
    expect(items[2]).toMatchObject({ text: '#10', evidence: { issue: 10, ageDays: 19 }, inputs: { timeCriticality: 7 } });
    expect(ciHealthCandidates(RUNS, [], 0.5, [], 0).map((i) => i.rule)).toEqual(['flaky-workflow']);
  });
});

describe('loop health', () => {
  it('computes MTTD, MTTR, re-run success, auto-fix and false-positive rates (hand-computed)', () => {
    const issues = [
      issue({ number: 1, state: 'closed', closedByUs: true, state_reason: 'completed' }),
      issue({ number: 2, state: 'closed', closedByUs: false, state_reason: 'not_planned' }),
      issue({ number: 3, state: 'closed', closedByUs: false, state_reason: 'completed' }),
      issue({ number: 4, labels: ['closed-loop', 'false-positive'] }),
    ];
    const h = loopHealth(RUNS, issues, ['false-positive']);
    // Every failed run took 10 minutes from start to conclusion.
    expect(h.mttdMinutes).toEqual({ value: 10, n: 3 });
    // Broke at run 2's end (Jan 2 00:10), recovered at run 4's end (Jan 3 12:10) = 2160 min;
    // broke at run 6's end (Jan 5 00:10), recovered at run 7's end (Jan 5 01:10) = 60 min. Mean 1110.
    expect(h.mttrMinutes).toEqual({ value: 1110, n: 2 });
    expect(h.rerunSuccessRate).toEqual({ value: 1, n: 1 });
    expect(h.autoFixRate).toEqual({ value: 0.333, n: 3 });
    expect(h.falsePositiveRate).toEqual({ value: 0.5, n: 4 });
    expect(loopHealth([], [], []).mttrMinutes).toEqual({ value: null, n: 0 });
  });
});
