import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import type { CliIO } from '../src/command.js';
import { main } from '../src/main.js';
import { cli } from './io.js';

const rawLog = [
  '2026-01-01T10:00:00.0000000Z ##[group]Run go test ./...',
  '2026-01-01T10:00:00.1000000Z go test ./...',
  '2026-01-01T10:00:00.2000000Z ##[endgroup]',
  '2026-01-01T10:00:01.0000000Z --- FAIL: TestParse (0.00s)',
  '2026-01-01T10:00:01.1000000Z     parse_test.go:12: expected 2, got 3',
  '2026-01-01T10:00:01.2000000Z FAIL\tgithub.com/acme/widgets\t0.012s',
  '2026-01-01T10:00:01.3000000Z ##[error]Process completed with exit code 1.',
].join('\n');

function dir(files: Record<string, string | Buffer>): string {
  const d = mkdtempSync(join(tmpdir(), 'cl-classify-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(d, name, '..'), { recursive: true });
    writeFileSync(join(d, name), content);
  }
  return d;
}

describe('closed-loop classify', () => {
  it('prints the verdict for a plain log with the evidence lines numbered', async () => {
    const cwd = dir({ 'job.log': rawLog });
    const { code, stdout } = await cli(['classify', '--log', 'job.log'], { cwd });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^job\.log: testing\/test-failure/);
    expect(stdout).toContain('step: Run go test ./...');
    expect(stdout).toMatch(/\s4 \| --- FAIL: TestParse/);
  });

  it('reads gzip, several logs, and prints JSON with the action result fields', async () => {
    const cwd = dir({ 'a.log.gz': gzipSync(rawLog), 'b.log': 'npm ERR! code ECONNRESET\nnpm ERR! network socket hang up\n' });
    const { code, stdout } = await cli(['classify', '--log', 'a.log.gz', '--log', 'b.log', '--json'], { cwd });
    expect(code).toBe(0);
    const v = JSON.parse(stdout) as Record<string, unknown> & { jobs: { jobName: string; category: string; transient: boolean }[] };
    expect(v.schema).toBe('closed-loop/verdict@1');
    for (const key of [
      'category',
      'subcategory',
      'confidence',
      'transient',
      'severity',
      'priority',
      'signature',
      'evidence',
      'flaky',
      'jobs',
      'history',
      'status',
    ])
      expect(v).toHaveProperty(key);
    expect(v.jobs.map((j) => [j.jobName, j.category, j.transient])).toEqual([
      ['a.log.gz', 'testing', false],
      ['b.log', 'infrastructure', true],
    ]);
    expect(v.transient).toBe(false);
    const text = await cli(['classify', '--log', 'a.log.gz', '--log', 'b.log'], { cwd });
    expect(text.stdout).toMatch(/^overall: testing\/\S+ {2}not transient \(a re-run would not fix a\.log\.gz\) /m);
  });

  it('reads standard input with -, including gh run view --log output', async () => {
    const gh = rawLog
      .split('\n')
      .map((l) => `test\tRun tests\t${l}`)
      .join('\n');
    let stdout = '';
    const io: CliIO = { stdout: (t) => (stdout += t), stderr: () => {}, env: {}, cwd: tmpdir(), stdin: Readable.from([Buffer.from(gzipSync(gh))]) };
    expect(await main(['classify', '--log', '-', '--json'], io)).toBe(0);
    const v = JSON.parse(stdout) as { jobs: { jobName: string; stepName: string; category: string }[] };
    expect(v.jobs[0]).toMatchObject({ jobName: 'test', stepName: 'Run tests', category: 'testing' });
  });

  it('splits a gh run view --log file holding several jobs into one verdict per job, with file line numbers', async () => {
    const t = '2026-01-01T10:00:00.0000000Z';
    const gh = [
      `lint\tRun eslint\t${t} ##[group]Run npx eslint .`,
      `lint\tRun eslint\t${t} npx eslint .`,
      `lint\tRun eslint\t${t} ##[endgroup]`,
      `test\tRun tests\t${t} --- FAIL: TestParse (0.00s)`,
      `lint\tRun eslint\t${t}   3:10  error  Unexpected console statement  no-console`,
      `lint\tRun eslint\t${t} ##[error]Process completed with exit code 1.`,
      `test\tRun tests\t${t} ##[error]Process completed with exit code 1.`,
    ].join('\n');
    const cwd = dir({ 'run.log': gh });
    const { stdout } = await cli(['classify', '--log', 'run.log', '--json'], { cwd });
    const v = JSON.parse(stdout) as { jobs: { jobName: string; stepName: string; category: string; evidence: { startLine: number; endLine: number } }[] };
    expect(v.jobs.map((j) => [j.jobName, j.stepName, j.category])).toEqual([
      ['lint', 'Run eslint', 'quality'],
      ['test', 'Run tests', 'testing'],
    ]);
    expect(v.jobs[0]!.evidence.startLine).toBeLessThanOrEqual(5);
    expect(v.jobs[0]!.evidence.endLine).toBeGreaterThanOrEqual(5);
    expect(v.jobs[1]!.evidence.startLine).toBeLessThanOrEqual(4);
  });

  it('gh run view --log as gh prints it (a BOM opens each step log, ANSI colours): one header per job, overall transient when every job is', async () => {
    // gh writes `<job>\t<step>\t<line of the step's log>`; GitHub's step logs begin with a UTF-8 BOM.
    const bom = '\uFEFF';
    const gh = [
      `build\tSet up job\t${bom}2024-05-01T10:00:00.1000000Z Current runner version: '2.316.0'`,
      `build\tSet up job\t2024-05-01T10:00:00.2000000Z Operating System`,
      `build\tRun npm ci\t${bom}2024-05-01T10:00:05.0000000Z ##[group]Run npm ci`,
      `build\tRun npm ci\t2024-05-01T10:00:05.0000000Z \u001b[36;1mnpm ci\u001b[0m`,
      `build\tRun npm ci\t2024-05-01T10:00:05.1000000Z ##[endgroup]`,
      `build\tRun npm ci\t2024-05-01T10:00:35.0000000Z npm ERR! code ETIMEDOUT`,
      `build\tRun npm ci\t2024-05-01T10:00:35.2000000Z ##[error]Process completed with exit code 1.`,
      `test (ubuntu-latest, 20)\tSet up job\t${bom}2024-05-01T10:00:00.1000000Z Current runner version: '2.316.0'`,
      `test (ubuntu-latest, 20)\tRun npm test\t${bom}2024-05-01T10:01:00.0000000Z ##[group]Run npm test`,
      `test (ubuntu-latest, 20)\tRun npm test\t2024-05-01T10:01:00.1000000Z ##[endgroup]`,
      `test (ubuntu-latest, 20)\tRun npm test\t2024-05-01T10:01:10.0000000Z fatal: unable to access 'https://github.com/acme/lib/': The requested URL returned error: 502`,
      `test (ubuntu-latest, 20)\tRun npm test\t2024-05-01T10:01:10.1000000Z ##[error]Process completed with exit code 128.`,
      '',
    ].join('\n');
    let stdout = '';
    const io: CliIO = { stdout: (t) => (stdout += t), stderr: () => {}, env: {}, cwd: tmpdir(), stdin: Readable.from([Buffer.from(gh)]) };
    expect(await main(['classify', '--log', '-'], io)).toBe(0);
    const headers = stdout.split('\n').filter((l) => /^\S.*: \w+\/[\w-]+ {2}confidence/.test(l));
    expect(headers.map((h) => h.slice(0, h.indexOf(': ')))).toEqual(['build', 'test (ubuntu-latest, 20)']);
    expect(headers.every((h) => / {2}transient {2}/.test(h))).toBe(true);
    expect(stdout).toMatch(/^overall: infrastructure\/\S+ {2}transient {2}/m);
    expect(stdout).toContain('  step: Run npm ci');
    // Evidence lines are the logs' text, without gh's prefix, timestamps or colour codes.
    expect(stdout).not.toMatch(/\| (build|test)\t|\| \uFEFF|\\x1b|2024-05-01T/);
  });

  it('applies user rules from the config file', async () => {
    const cwd = dir({
      'job.log': rawLog,
      '.github/closed-loop.yml': 'classify:\n  rules:\n    - pattern: "TestParse"\n      category: infrastructure\n      transient: true\n',
    });
    const { stdout } = await cli(['classify', '--log', 'job.log', '--json'], { cwd });
    expect(JSON.parse(stdout)).toMatchObject({ category: 'infrastructure', transient: true, ruleId: 'user/1' });
  });

  it('exits 2 with one line when no log is given or a file is missing', async () => {
    const none = await cli(['classify']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--log FILE');
    const missing = await cli(['classify', '--log', 'nope.log']);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
  });
});
