import { describe, expect, it } from '@jest/globals';
import { ConfigurationError } from '../../src/errors.js';
import { Redactor } from '../../src/redact/index.js';
import {
  assessSeverity,
  buildVerdict,
  classifyLog,
  failureSignature,
  isFlaky,
  normaliseErrorLine,
  redactVerdict,
  summariseHistory,
  userRules,
  type HistoryRun,
  type RunInfo,
} from '../../src/classify/index.js';

const run: RunInfo = {
  id: 7,
  attempt: 1,
  workflowName: 'CI',
  workflowPath: '.github/workflows/ci.yml',
  event: 'push',
  headSha: 'abc',
  headBranch: 'main',
  htmlUrl: 'https://github.com/a/b/actions/runs/7',
  repository: 'a/b',
  conclusion: 'failure',
  pullRequests: [],
  fork: false,
};
const history = { windowHours: 24, runs: 0, failures: 0, failureRate: 0, consecutiveFailures: 0 };

describe('signature', () => {
  it('normalises times, ids, hashes, temp paths, durations and numbers away', () => {
    const a = normaliseErrorLine('2024-05-01T10:00:00Z FAIL: TestX (0.03s) /tmp/go-build123/x at 0x7ffd12 sha256:deadbeefcafe 10.1.0.4:5432 run 42');
    const b = normaliseErrorLine('2025-01-02T11:12:13Z FAIL: TestX (1.20s) /tmp/go-build999/x at 0x1111 sha256:0123456789ab 10.1.0.9:6000 run 7');
    expect(a).toBe(b);
    expect(a).toContain('fail: testx');
  });

  it('is v1:<16 hex>, stable for the same failure, different for another job or error', () => {
    const s = failureSignature({ category: 'testing', job: 'test', step: 'Run tests', errorLine: '--- FAIL: TestA (0.01s)' });
    expect(s).toMatch(/^v1:[0-9a-f]{16}$/);
    expect(failureSignature({ category: 'testing', job: 'test', step: 'Run tests', errorLine: '--- FAIL: TestA (9.99s)' })).toBe(s);
    expect(failureSignature({ category: 'testing', job: 'lint', step: 'Run tests', errorLine: '--- FAIL: TestA (0.01s)' })).not.toBe(s);
    expect(failureSignature({ category: 'testing', job: 'test', step: 'Run tests', errorLine: '--- FAIL: TestB (0.01s)' })).not.toBe(s);
  });
});

describe('severity and priority', () => {
  it('start from the category and move with history, default branch and transience', () => {
    expect(assessSeverity({ category: 'quality', transient: false, flaky: false })).toEqual({ severity: 'low', priority: 4 });
    expect(assessSeverity({ category: 'build', transient: false, flaky: false })).toEqual({ severity: 'high', priority: 2 });
    expect(assessSeverity({ category: 'testing', transient: false, flaky: false, history: { ...history, consecutiveFailures: 3 } }).severity).toBe('high');
    expect(
      assessSeverity({ category: 'testing', transient: false, flaky: false, defaultBranch: true, history: { ...history, runs: 10, failureRate: 0.6 } })
        .severity,
    ).toBe('critical');
    expect(assessSeverity({ category: 'infrastructure', transient: true, flaky: false }).severity).toBe('low');
    expect(assessSeverity({ category: 'testing', ruleSeverity: 'critical', transient: false, flaky: false }).priority).toBe(1);
  });
});

describe('history', () => {
  const now = Date.parse('2026-01-02T00:00:00Z');
  const r = (id: number, conclusion: string, hoursAgo: number, extra: Partial<HistoryRun> = {}): HistoryRun => ({
    id,
    headSha: `sha${id}`,
    headBranch: 'main',
    status: 'completed',
    conclusion,
    createdAt: new Date(now - hoursAgo * 3_600_000).toISOString(),
    ...extra,
  });

  it('counts the failure rate in the window and the failures in a row on the branch', () => {
    const current = r(10, 'failure', 0);
    const runs = [
      r(9, 'failure', 1),
      r(8, 'timed_out', 2),
      r(7, 'success', 3),
      r(6, 'failure', 4, { headBranch: 'topic' }),
      r(5, 'failure', 30),
      r(4, 'failure', 1, { status: 'in_progress', conclusion: null }),
    ];
    expect(summariseHistory(runs, current, 24, now)).toEqual({
      windowHours: 24,
      runs: 5,
      failures: 4,
      failureRate: 0.8,
      consecutiveFailures: 3,
      branch: { name: 'main', runs: 4, failures: 3, failureRate: 0.75 },
      complete: true,
    });
  });

  it("leaves a fork's runs on a branch of the same name out of the branch's failures in a row", () => {
    const ours = { headRepository: 'acme/widgets' };
    const fork = { headRepository: 'mallory/widgets' };
    const current = r(10, 'failure', 0, ours);
    const runs = [r(9, 'failure', 1, fork), r(8, 'failure', 2, fork), r(7, 'success', 3, ours)];
    expect(summariseHistory(runs, current, 24, now)).toMatchObject({
      runs: 4,
      consecutiveFailures: 1,
      branch: { name: 'main', runs: 2, failures: 1 },
    });
  });

  it('is flaky when the same commit passed in another run or a later attempt', () => {
    const current = r(10, 'failure', 0, { headSha: 'same' });
    expect(isFlaky(current, [r(11, 'success', 0, { headSha: 'same' })])).toBe(true);
    expect(isFlaky(current, [r(11, 'success', 0, { headSha: 'other' })])).toBe(false);
    expect(isFlaky(current, [], 'success')).toBe(true);
  });
});

describe('buildVerdict', () => {
  it('gives one verdict per job and an overall one led by the most urgent job; transient only if all are', async () => {
    const lint = await classifyLog(['  3:10  error  Unexpected console statement  no-console\n']);
    const build = await classifyLog(["src/a.ts(3,7): error TS2322: Type 'string' is not assignable to type 'number'.\n"]);
    const v = buildVerdict({
      run,
      history,
      flaky: false,
      jobs: [
        { jobId: 1, jobName: 'lint', log: lint },
        { jobId: 2, jobName: 'build', stepName: 'Compile', log: build },
      ],
    });
    expect(v.schema).toBe('closed-loop/verdict@1');
    expect(v.status).toBe('classified');
    expect(v.jobs.map((j) => [j.jobName, j.category, j.priority])).toEqual([
      ['lint', 'quality', 4],
      ['build', 'build', 2],
    ]);
    expect(v).toMatchObject({ category: 'build', transient: false });
    expect('stepName' in v).toBe(false);
    expect(v.signature).toBe(v.jobs[1]!.signature);
  });

  it('says unknown with the reason when no log could be read', () => {
    const v = buildVerdict({ run, history, flaky: false, jobs: [{ jobId: 1, jobName: 'build', log: { status: 'logs-unavailable', reason: 'expired' } }] });
    expect(v).toMatchObject({ status: 'logs-unavailable', reason: 'expired', category: 'unknown', confidence: 0, transient: false });
    expect(buildVerdict({ run, history, flaky: false, jobs: [] }).status).toBe('no-failed-jobs');
  });

  it('redacts evidence before it leaves', async () => {
    const log = await classifyLog(['error: token ghp_0123456789abcdefghijklmnopqrstuvwxyzAB rejected\n']);
    const v = redactVerdict(buildVerdict({ run, history, flaky: false, jobs: [{ jobId: 1, jobName: 'x', log }] }), new Redactor());
    expect(JSON.stringify(v)).not.toContain('ghp_0123456789');
  });

  it('redacts a private key spread over several evidence lines whole', async () => {
    const log = await classifyLog(['error: build failed\n']);
    const v = buildVerdict({ run, history, flaky: false, jobs: [{ jobId: 1, jobName: 'x', log }] });
    const body = ['MIIEowIBAAKCAQEA', 'x7cQk9pL2mZ4vN8w'].join('');
    const keyLines = [['-----BEGIN RSA', 'PRIVATE KEY-----'].join(' '), body, ['-----END RSA', 'PRIVATE KEY-----'].join(' ')];
    const withKey = { ...v, evidence: { ...v.evidence, lines: ['error: build failed', ...keyLines] } };
    expect(JSON.stringify(redactVerdict(withKey, new Redactor()))).not.toContain(body);
  });
});

describe('user rules', () => {
  it('reject a bad pattern or category with the place in the file', () => {
    expect(() => userRules({ rules: [{ pattern: '(', category: 'build' }] })).toThrow(ConfigurationError);
    expect(() => userRules({ rules: [{ pattern: 'x', category: 'nope' as 'build' }] })).toThrow(/classify\.rules\[0\]\.category/);
  });
});
