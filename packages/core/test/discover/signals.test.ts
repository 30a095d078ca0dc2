import { describe, expect, it } from '@jest/globals';
import { ciHealthCandidates, workflowHealth, type LoopIssue, type RunSummary } from '../../src/discover/ci-health.js';
import { dependencyCandidates, parseNpmAudit, parseNpmOutdated } from '../../src/discover/dependencies.js';
import { loopHealth } from '../../src/discover/loop-health.js';
import { kpiTrend } from '../../src/discover/dashboard.js';
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
  const NOW = Date.parse('2026-01-07T00:00:00Z');
  const after = (id: number, minutes: number) =>
    new Date(Date.parse((RUNS.find((r) => r.id === id) as RunSummary).updated_at) + minutes * 60_000).toISOString();
  const OLDER = [
    run({ id: 9, conclusion: 'failure', created_at: '2025-12-26T00:00:00Z' }),
    run({ id: 10, conclusion: 'success', created_at: '2025-12-26T02:00:00Z' }),
  ];

  it('measures each KPI as defined, for this period and the one before, against its target (hand-computed)', () => {
    const issues = [
      issue({
        number: 1,
        state: 'closed',
        closedByUs: true,
        state_reason: 'completed',
        // notify recorded run 2 three minutes and run 3 five minutes after they completed; run 6's entry is another attempt.
        ledgerRuns: [
          { id: 2, attempt: 1, at: after(2, 3) },
          { id: 3, attempt: 1, at: after(3, 5) },
          { id: 6, attempt: 2, at: after(6, 1) },
        ],
        escalatedAt: ['2026-01-05T00:30:00Z'],
      }),
      issue({ number: 2, state: 'closed', closedByUs: false, state_reason: 'not_planned', escalatedAt: ['2025-12-28T00:00:00Z'] }),
      issue({ number: 3, state: 'closed', closedByUs: false, state_reason: 'completed' }),
      issue({ number: 4, labels: ['closed-loop', 'false-positive'] }),
    ];
    const { periodDays, kpis } = loopHealth([...OLDER, ...RUNS], issues, ['false-positive'], NOW);
    expect(periodDays).toBe(7);
    // MTTD: failed run completed → notify's record: (3 + 5) / 2.
    expect(kpis.mttd_minutes).toMatchObject({ current: { value: 4, n: 2 }, target: 5, met: true });
    // Broke at run 2's end (Jan 2 00:10), green at run 4's end (Jan 3 12:10) = 2160 min; run 6 → run 7 = 60 min.
    // The week before: run 9 → run 10 = 120 min.
    expect(kpis.mttr_minutes).toMatchObject({ current: { value: 1110, n: 2 }, previous: { value: 120, n: 1 }, target: 120, met: false });
    expect(kpiTrend(kpis.mttr_minutes)).toBe('↑ worse');
    // Failed runs 2, 3, 6 and run 5 (green on attempt 2): 1 of 4 recovered by a re-run; the week before 0 of 1.
    expect(kpis.auto_recovery_rate).toMatchObject({ current: { value: 0.25, n: 4 }, previous: { value: 0, n: 1 }, better: 'higher', met: false });
    expect(kpiTrend(kpis.auto_recovery_rate)).toBe('↑ better');
    expect(kpis.false_transient_rate).toMatchObject({ current: { value: 0, n: 1 }, met: true });
    expect(kpis.escalations).toMatchObject({ current: { value: 1 }, previous: { value: 1 }, met: true });
    expect(kpiTrend(kpis.escalations)).toBe('→ same');
    expect(kpis.false_positive_rate).toMatchObject({ current: { value: 0.5, n: 4 }, met: false });
    const empty = loopHealth([], [], [], NOW).kpis.mttr_minutes;
    expect(empty).toMatchObject({ current: { value: null, n: 0 }, met: null });
    expect(kpiTrend(empty)).toBe('–');
  });

  it('takes the period length and targets from the config', () => {
    const targets = { mttd_minutes: 1, mttr_minutes: 5000, auto_recovery_rate: 0.1, false_transient_rate: 0, escalations: 0, false_positive_rate: 1 };
    const { kpis, periodDays } = loopHealth([...OLDER, ...RUNS], [], [], NOW, { period_days: 14, targets });
    expect(periodDays).toBe(14);
    expect(kpis.mttr_minutes).toMatchObject({ current: { value: 780, n: 3 }, previous: { value: null, n: 0 }, target: 5000, met: true });
    expect(kpis.auto_recovery_rate.met).toBe(true);
  });
});
