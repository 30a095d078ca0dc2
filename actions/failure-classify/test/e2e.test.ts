// failure-classify end to end: real workflow_run payloads, the fake GitHub, streamed job logs.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { ConfigurationError, GitHubClient } from '@closed-loop/core';
import { startFakeGitHub, type FakeGitHub } from '@closed-loop/testkit';
import { fitOutput } from '../src/run.js';
import { classify, eventFor, rawLog } from './fixture.js';

let fake: FakeGitHub;
beforeAll(async () => {
  fake = await startFakeGitHub();
});
beforeEach(() => fake.reset());
afterAll(() => fake.close());

const compileLog = rawLog('npm run build', [
  '> widgets@1.0.0 build',
  '> tsc -p .',
  "src/app.ts(12,7): error TS2322: Type 'string' is not assignable to type 'number'.",
  'Found 1 error in src/app.ts:12',
]);
const testLog = rawLog('npm test', [
  'PASS src/a.test.ts',
  'FAIL src/b.test.ts',
  '  ● parser › reads dates',
  '    expect(received).toBe(expected) // Object.is equality',
  '    Expected: 2',
  '    Received: 3',
  '      at Object.<anonymous> (src/b.test.ts:10:5)',
  'Test Suites: 1 failed, 1 passed, 2 total',
]);
const networkLog = rawLog('npm ci', [
  'npm ERR! code ECONNRESET',
  'npm ERR! network aborted',
  'npm ERR! network This is a problem related to network connectivity.',
]);
const lintLog = rawLog('npm run lint', ['/w/src/a.ts', '  3:10  error  Unexpected console statement  no-console', '', '✖ 1 problem (1 error, 0 warnings)']);

function failedRun(jobs: { name: string; log?: string; conclusion?: 'success' | 'failure' }[], extra: { head_branch?: string } = {}) {
  return fake.state.runs.add({
    workflow: 'CI',
    event: 'push',
    conclusion: 'failure',
    ...extra,
    jobs: jobs.map((j) => ({
      name: j.name,
      conclusion: j.conclusion ?? 'failure',
      steps: [
        { name: 'Checkout', conclusion: 'success' },
        { name: `Run ${j.name}`, conclusion: j.conclusion ?? 'failure' },
      ],
      ...(j.log !== undefined ? { log: j.log } : {}),
    })),
  });
}

describe("a fork's pull request", () => {
  it('is found by head SHA and head repository when the run lists none, and only that one', async () => {
    // The fork's PR from its `main`, and a same-named branch of another fork at another commit.
    const { pull } = fake.state.pulls.add({ head: 'main', fork: true, headRepoFullName: 'mallory/widgets', title: 'fork fix' });
    fake.state.pulls.add({ head: 'main', fork: true, headRepoFullName: 'mallory/widgets', headSha: 'e'.repeat(40), title: 'older head' });
    const run = fake.state.runs.add({
      workflow: 'CI',
      event: 'pull_request',
      conclusion: 'failure',
      head_branch: 'main',
      head_sha: pull.head.sha,
      fork: true,
      headRepoFullName: 'mallory/widgets',
      jobs: [{ name: 'build', conclusion: 'failure', log: compileLog }],
    });
    const out = await classify(fake, { payload: eventFor(fake, run.id) });
    expect(out.verdict.run).toMatchObject({ fork: true, pullRequests: [pull.number] });
    expect(out.apiRequests.filter((r) => r.includes('/pulls'))).toHaveLength(1);
    fake.assertNoViolations();
  });

  it('is not looked up for a push run, which has no pull request', async () => {
    const run = failedRun([{ name: 'build', log: compileLog }]);
    const out = await classify(fake, { payload: eventFor(fake, run.id) });
    expect(out.verdict.run.pullRequests).toEqual([]);
    expect(out.apiRequests.filter((r) => r.includes('/pulls'))).toEqual([]);
  });
});

describe('failure-classify against the fake GitHub', () => {
  it('one failed job: category, evidence, signature, outputs, file and summary; 2 + 1 + history requests', async () => {
    const run = failedRun([
      { name: 'lint', conclusion: 'success', log: 'ok\n' },
      { name: 'build', log: compileLog },
    ]);
    const out = await classify(fake, { payload: eventFor(fake, run.id) });
    const v = out.verdict;
    expect(v.status).toBe('classified');
    expect(v.category).toBe('build');
    expect(v.subcategory).toBe('compile');
    expect(v.transient).toBe(false);
    expect(v.signature).toMatch(/^v1:[0-9a-f]{16}$/);
    expect(v.evidence.lines.some((l) => l.includes('error TS2322'))).toBe(true);
    expect(v.jobs).toHaveLength(1);
    expect(v.jobs[0]).toMatchObject({ jobName: 'build', stepName: 'Run build', status: 'classified' });
    expect(JSON.parse(out.outputs.result as string)).toEqual(v);
    expect(out.outputs).toMatchObject({ category: 'build', transient: 'false', status: 'classified', 'result-file': 'closed-loop-verdict.json' });
    expect(JSON.parse(out.files.get('closed-loop-verdict.json')!)).toEqual(v);
    expect(out.summary).toContain('failure-classify: build');
    expect(out.summary).toContain('error TS2322');
    // GET run, list attempt jobs, 1 log per failed job, 1 history page; the log itself comes from the blob.
    expect(out.apiRequests).toHaveLength(4);
    expect(out.blobRequests).toBe(1);
    console.log(`one failed job: ${out.apiRequests.length} API requests + ${out.blobRequests} blob download\n${out.apiRequests.join('\n')}`);
    fake.assertNoViolations();
  });

  it('several failed jobs: one verdict per job, overall led by the most urgent, transient only if all are', async () => {
    const run = failedRun([
      { name: 'test', log: testLog },
      { name: 'lint', log: lintLog },
      { name: 'install', log: networkLog },
      { name: 'docs', conclusion: 'success', log: 'ok\n' },
    ]);
    const out = await classify(fake, { payload: eventFor(fake, run.id) });
    const v = out.verdict;
    expect(v.jobs.map((j) => [j.jobName, j.category])).toEqual([
      ['test', 'testing'],
      ['lint', 'quality'],
      ['install', 'infrastructure'],
    ]);
    expect(v.jobs.find((j) => j.jobName === 'install')!.transient).toBe(true);
    expect(v.transient).toBe(false);
    expect(v.category).toBe('testing');
    expect(out.apiRequests.length).toBeLessThanOrEqual(2 + 3 + 1);
    console.log(`three failed jobs: ${out.apiRequests.length} API requests + ${out.blobRequests} blob downloads`);
    fake.assertNoViolations();
  });

  it("a run that cannot be read is linked on the job's server (GitHub Enterprise Server), not on github.com", async () => {
    fake.addFault({ method: 'GET', pathPattern: /\/actions\/runs\/424242$/, status: 403, permissionDenied: true });
    const out = await classify(fake, { inputs: { 'run-id': '424242' }, serverUrl: 'https://ghe.example.com' });
    expect(out.verdict.run.htmlUrl).toBe('https://ghe.example.com/acme/widgets/actions/runs/424242');
    expect(out.verdict.category).toBe('unknown');
  });

  it('expired log: a clear message and status logs-unavailable, category unknown, no failure', async () => {
    const run = failedRun([{ name: 'build', log: compileLog }]);
    fake.state.jobs.expireLogs({ jobId: fake.state.jobs.list({ runId: run.id })[0]!.id });
    const out = await classify(fake, { payload: eventFor(fake, run.id) });
    expect(out.verdict).toMatchObject({ status: 'logs-unavailable', category: 'unknown', transient: false });
    expect(out.verdict.reason).toMatch(/expired \(HTTP 410\)/);
    expect(out.outputs.category).toBe('unknown');
    expect(out.logger.lines.some((l) => l.level === 'warning' && /expired/.test(l.message))).toBe(true);
    expect(out.blobRequests).toBe(0);
  });

  it('in-progress run: says so and reads no jobs', async () => {
    const run = fake.state.runs.add({ workflow: 'CI', status: 'in_progress', jobs: [{ name: 'build', status: 'in_progress' }] });
    const out = await classify(fake, { inputs: { 'run-id': String(run.id) } });
    expect(out.verdict).toMatchObject({ status: 'in-progress', category: 'unknown' });
    expect(out.verdict.reason).toMatch(/still in_progress/);
    expect(out.apiRequests).toHaveLength(1);
  });

  it('a run with no failed jobs, and a run-id that does not exist', async () => {
    const ok = fake.state.runs.add({ workflow: 'CI', conclusion: 'success', jobs: [{ name: 'build', conclusion: 'success', log: 'ok\n' }] });
    const out = await classify(fake, { inputs: { 'run-id': String(ok.id) } });
    expect(out.verdict).toMatchObject({ status: 'no-failed-jobs', category: 'unknown' });
    await expect(classify(fake, { inputs: { 'run-id': '999999' } })).rejects.toThrow('Input run-id: run 999999 was not found in acme/widgets.');
  });

  it('missing actions: read: status forbidden with the permission to grant', async () => {
    const run = failedRun([{ name: 'build', log: compileLog }]);
    fake.addToken('no-actions', { login: 'github-actions[bot]', permissions: { contents: 'read' } });
    const out = await classify(fake, { payload: eventFor(fake, run.id), token: 'no-actions' });
    expect(out.verdict).toMatchObject({ status: 'forbidden', category: 'unknown' });
    expect(out.verdict.reason).toContain('actions: read');
    expect(out.verdict.run.id).toBe(run.id);
  });

  it('flaky: attempt 1 failed, attempt 2 passed on the same commit', async () => {
    const run = failedRun([{ name: 'install', log: networkLog }]);
    // Someone re-ran the failed jobs through the API and attempt 2 passed.
    const client = new GitHubClient({ token: 'test-token', baseUrl: fake.url, timeScaleMs: 1, writeSpacingMs: 0 });
    await client.request('POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun-failed-jobs', { owner: 'acme', repo: 'widgets', run_id: run.id });
    fake.state.runs.complete({ runId: run.id, conclusion: 'success' });
    const out = await classify(fake, { payload: eventFor(fake, run.id, 1) });
    expect(out.verdict.flaky).toBe(true);
    expect(out.verdict.run).toMatchObject({ attempt: 1, conclusion: 'failure' });
    expect(out.verdict.jobs).toHaveLength(1);
    expect(out.verdict).toMatchObject({ category: 'infrastructure', subcategory: 'network', transient: true });
    expect(out.apiRequests).toHaveLength(4);
  });

  it('history: failure rate in the window and consecutive failures on the branch feed severity', async () => {
    for (let i = 0; i < 3; i++) failedRun([{ name: 'build', log: compileLog }], { head_branch: 'main' });
    fake.state.runs.add({ workflow: 'CI', conclusion: 'success', head_branch: 'topic', head_sha: 'f'.repeat(40) });
    const run = failedRun([{ name: 'build', log: compileLog }], { head_branch: 'main' });
    const out = await classify(fake, { payload: eventFor(fake, run.id) });
    expect(out.verdict.history).toMatchObject({ runs: 5, failures: 4, consecutiveFailures: 4, failureRate: 0.8 });
    expect(out.verdict.flaky).toBe(false);
    expect(out.verdict.severity).toBe('critical');
    expect(out.verdict.priority).toBe(1);
  });

  it('the same failure on another commit keeps its signature', async () => {
    const a = failedRun([{ name: 'build', log: compileLog }]);
    const b = failedRun([{ name: 'build', log: compileLog.replace(/2026-01-01T10/g, '2026-02-03T11') }]);
    const first = await classify(fake, { payload: eventFor(fake, a.id) });
    const second = await classify(fake, { payload: eventFor(fake, b.id) });
    expect(second.verdict.signature).toBe(first.verdict.signature);
  });

  it('user rules from .github/closed-loop.yml win over the built-in pack', async () => {
    const run = failedRun([{ name: 'build', log: compileLog }]);
    const config =
      'classify:\n  rules:\n    - id: flaky-tsc\n      pattern: "error TS2322"\n      category: infrastructure\n      subcategory: flaky-compiler\n      transient: true\n';
    const out = await classify(fake, { payload: eventFor(fake, run.id), config });
    expect(out.verdict).toMatchObject({ category: 'infrastructure', subcategory: 'flaky-compiler', transient: true, ruleId: 'flaky-tsc' });
  });

  it('rejects a bad rule pattern before any request', async () => {
    const run = failedRun([{ name: 'build', log: compileLog }]);
    const config = 'classify:\n  rules:\n    - pattern: "(unclosed"\n      category: build\n';
    await expect(classify(fake, { payload: eventFor(fake, run.id), config })).rejects.toThrow(ConfigurationError);
    await expect(classify(fake, { payload: eventFor(fake, run.id), config })).rejects.toThrow(/classify\.rules\.0\.pattern is not a valid regular expression/);
    expect(fake.requests).toHaveLength(0);
  });

  it('streams a 60 MB log and stops at max-log-bytes', async () => {
    const run = failedRun([{ name: 'build' }]);
    const filler = `${new Date().toISOString()} compiling module ${'x'.repeat(60)}\n`.repeat(1000);
    fake.state.jobs.setLog({
      jobId: fake.state.jobs.list({ runId: run.id })[0]!.id,
      log: function* () {
        for (let i = 0; i < 600; i++) yield filler;
      },
    });
    const out = await classify(fake, { payload: eventFor(fake, run.id), inputs: { 'max-log-bytes': String(8 * 1024 * 1024) } });
    expect(out.verdict.jobs[0]).toMatchObject({ truncated: true, category: 'unknown' });
  });
});

describe('fitOutput', () => {
  it("keeps the result output under the limit by dropping other jobs' evidence, then jobs", async () => {
    const fake2 = await startFakeGitHub();
    try {
      const run = fake2.state.runs.add({
        workflow: 'CI',
        conclusion: 'failure',
        jobs: Array.from({ length: 3 }, (_, i) => ({ name: `job ${i}`, conclusion: 'failure' as const, log: i ? testLog : compileLog })),
      });
      const { verdict } = await classify(fake2, { payload: eventFor(fake2, run.id) });
      const full = JSON.stringify(verdict);
      const fitted = JSON.parse(fitOutput(verdict, full.length - 1)) as typeof verdict;
      expect(fitted.jobs.find((j) => j.signature === verdict.signature)!.evidence.lines.length).toBeGreaterThan(0);
      expect(fitted.jobs.filter((j) => j.evidence.lines.length === 0)).toHaveLength(2);
      expect(fitOutput(verdict)).toBe(full);
    } finally {
      await fake2.close();
    }
  });
});
