// `closed-loop runs analyse` against the fake GitHub over HTTP: seeded runs and raw job logs, the
// config read from the default branch, the same classifier as failure-classify, redacted evidence.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { DEFAULT_TOKEN, PLANTED_SECRET_STRINGS, startFakeGitHub, type FakeGitHub } from '@closed-loop/testkit';
import { rawLog } from '../../../actions/failure-classify/test/fixture.js';
import type { RunsAnalysis } from '../src/commands/runs.js';
import { parseSince } from '../src/commands/runs.js';
import { cli } from './io.js';

const NOW = Date.parse('2026-03-02T12:00:00Z');
const at = (hoursAgo: number) => new Date(NOW - hoursAgo * 3_600_000).toISOString();

let fake: FakeGitHub;
beforeAll(async () => {
  fake = await startFakeGitHub();
});
beforeEach(() => fake.reset());
afterAll(() => fake.close());

const networkLog = rawLog('npm ci', [
  'npm ERR! code ECONNRESET',
  'npm ERR! network aborted',
  'npm ERR! network This is a problem related to network connectivity.',
]);
const lintLog = (secret: string) =>
  rawLog('npm run lint', [`/w/src/a.ts token=${secret}`, '  3:10  error  Unexpected console statement  no-console', '', '✖ 1 problem (1 error, 0 warnings)']);

function seed(): number[] {
  const ids: number[] = [];
  const failed = (hoursAgo: number, log: string) =>
    ids.push(
      fake.state.runs.add({
        workflow: 'CI',
        conclusion: 'failure',
        created_at: at(hoursAgo),
        jobs: [
          { name: 'ok', conclusion: 'success' },
          { name: 'build', conclusion: 'failure', log },
        ],
      }).id,
    );
  failed(1, networkLog);
  failed(2, networkLog);
  failed(3, lintLog(PLANTED_SECRET_STRINGS[0]!));
  for (const h of [4, 5, 6, 7, 8, 9, 10]) fake.state.runs.add({ workflow: 'CI', conclusion: 'success', created_at: at(h) });
  // Outside the window, another workflow, and a cancelled run: none of them counts.
  fake.state.runs.add({ workflow: 'CI', conclusion: 'failure', created_at: at(30), jobs: [{ name: 'build', conclusion: 'failure', log: networkLog }] });
  fake.state.runs.add({ workflow: 'Lint', conclusion: 'failure', created_at: at(1), jobs: [{ name: 'lint', conclusion: 'failure', log: networkLog }] });
  fake.state.runs.add({ workflow: 'CI', conclusion: 'cancelled', created_at: at(1) });
  return ids;
}

const env = { GITHUB_TOKEN: DEFAULT_TOKEN };
const args = (...extra: string[]) => [
  'runs',
  'analyse',
  '--repo',
  'acme/widgets',
  '--workflow',
  '.github/workflows/ci.yml',
  '--api-url',
  fake.url,
  '--now',
  new Date(NOW).toISOString(),
  ...extra,
];

describe('closed-loop runs analyse', () => {
  it('reports the failure rate with its configured tier, the signatures and each failed run (--json)', async () => {
    const ids = seed();
    fake.state.commits.add({
      branch: 'main',
      message: 'config',
      files: { '.github/closed-loop.yml': 'version: 1\nclassify:\n  failure_rate: { min_runs: 4, critical: 0.5, high: 0.3, medium: 0.15 }\n' },
    });
    const { code, stdout, stderr } = await cli(args('--json', '--since', '24h'), { env });
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const a = JSON.parse(stdout) as RunsAnalysis;
    expect(a).toMatchObject({ repository: 'acme/widgets', runs: 10, failures: 3, failureRate: 0.3, severity: 'high', complete: true });
    expect(a.failedRuns.map((r) => r.id)).toEqual(ids);
    expect(a.failedRuns[0]).toMatchObject({
      category: 'infrastructure',
      transient: true,
      status: 'classified',
      evidence: expect.stringContaining('ECONNRESET'),
    });
    expect(a.failedRuns[2]).toMatchObject({ category: 'quality', transient: false });
    expect(a.signatures.map((s) => [s.category, s.count])).toEqual([
      ['infrastructure', 2],
      ['quality', 1],
    ]);
    for (const s of PLANTED_SECRET_STRINGS) expect(stdout).not.toContain(s);
    // Read-only: nothing but GETs (and the log blobs).
    expect(fake.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    fake.assertNoViolations();
  });

  it('a missing --config file is one usage line; the text report has one line per signature and per failed run', async () => {
    seed();
    const { code, stdout } = await cli(args('--since', '12h', '--config', 'cl.yml'), {
      env,
      cwd: (await import('node:fs')).mkdtempSync('/tmp/cl-runs-'),
    }).catch(() => ({ code: -1, stdout: '' }));
    // --config names a file relative to the working directory: missing → one usage line.
    expect(code).toBe(2);
    expect(stdout).toBe('');
    const text = await cli(args('--since', '12h'), { env });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^acme\/widgets \.github\/workflows\/ci\.yml: 3 of 10 completed runs failed since .* \(30 %, severity high\)\./);
    expect(text.stdout).toMatch(/\n {5}2 {2}infrastructure\/\S+ {2}transient {2}/);
    expect(text.stdout).not.toContain(PLANTED_SECRET_STRINGS[0]);
  });

  it('a missing token, a bad --repo, --since or an unknown workflow: one line, exit 2; no server: one line', async () => {
    const spare = createServer();
    await new Promise<void>((done) => spare.listen(0, '127.0.0.1', done));
    const closedPort = `http://127.0.0.1:${(spare.address() as AddressInfo).port}`;
    await new Promise((done) => spare.close(done));
    const one = (r: { code: number; stderr: string }, text: string) => {
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(text);
    };
    one(await cli(args(), { env: {} }), 'set GITHUB_TOKEN');
    one(await cli(['runs', 'analyse', '--repo', 'widgets', '--workflow', 'ci.yml'], { env }), '--repo must be OWNER/NAME');
    one(await cli(args('--since', 'yesterday'), { env }), '--since must be a duration');
    one(await cli([...args(), '--workflow', 'nope.yml'], { env }), 'was not found (HTTP 404)');
    one(await cli(args('--api-url', closedPort), { env }), `cannot reach the GitHub API at ${closedPort}`);
    expect(await cli(['runs', 'analyse', '--help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('--workflow FILE|ID') });
  });

  it('GH_TOKEN works too and GITHUB_API_URL is the default API root', async () => {
    seed();
    const r = await cli(['runs', 'analyse', '--repo', 'acme/widgets', '--workflow', 'ci.yml', '--now', new Date(NOW).toISOString(), '--json'], {
      env: { GH_TOKEN: DEFAULT_TOKEN, GITHUB_API_URL: fake.url },
    });
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as RunsAnalysis).failures).toBe(3);
  });

  it('parses durations', () => {
    expect([parseSince('90m'), parseSince('24h'), parseSince('2d'), parseSince('6')]).toEqual([5_400_000, 86_400_000, 172_800_000, 21_600_000]);
    expect(() => parseSince('0h')).toThrow('--since must be');
  });
});
