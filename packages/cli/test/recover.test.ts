import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { verdict } from '../../core/test/recover/fixtures.js';
import { cli } from './io.js';

function workdir(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cl-recover-'));
  for (const [name, value] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), typeof value === 'string' ? value : JSON.stringify(value));
  }
  return dir;
}

const NOW = '2026-01-05T12:00:00Z';
const ago = (m: number) => new Date(Date.parse(NOW) - m * 60_000).toISOString();
const apiRun = (id: number, conclusion: string, minutes: number, attempt = 1) => ({
  id,
  run_attempt: attempt,
  status: 'completed',
  conclusion,
  head_sha: 'a'.repeat(40),
  created_at: ago(minutes),
  updated_at: ago(minutes),
  triggering_actor: { login: 'octocat' },
});

describe('closed-loop recover plan', () => {
  it('prints the decision for a transient failure: re-run after the backoff', async () => {
    const cwd = workdir({ 'v.json': verdict() });
    const { code, stdout, stderr } = await cli(['recover', 'plan', '--verdict', 'v.json', '--now', NOW, '--seed', '1'], { cwd });
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(/^action: {2}rerun\ndelay: {3}\d+s \(re-run 1 of 3, not before 2026-01-05T12:00:\d\d\.\d{3}Z\)\n/);
    expect(stdout).toMatch(/breaker: closed .*\(no --history given\)/);
  });

  it('reads the workflow runs API output as history and reports the open breaker as JSON', async () => {
    const cwd = workdir({ 'v.json': verdict(), 'runs.json': { total_count: 5, workflow_runs: [1, 2, 3, 4, 5].map((i) => apiRun(i, 'failure', i)) } });
    const { code, stdout } = await cli(['recover', 'plan', '--verdict', 'v.json', '--history', 'runs.json', '--now', NOW, '--json'], { cwd });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ action: 'escalate', breaker: { state: 'open', consecutiveFailures: 5, failureRate: 1 } });
  });

  it('uses the config file and environment overrides', async () => {
    const config =
      'version: 1\nrecover:\n  fixers:\n    lint: ["npx eslint --fix ."]\nenvironments:\n  production:\n    recover:\n      force_supervised: true\n';
    const cwd = workdir({ 'v.json': verdict({ category: 'quality', subcategory: 'lint', transient: false }), '.github/closed-loop.yml': config });
    const plain = await cli(['recover', 'plan', '--verdict', 'v.json'], { cwd });
    expect(plain.stdout).toMatch(/^action: {2}fix\nfixers: {2}npx eslint --fix \.\n/);
    const prod = await cli(['recover', 'plan', '--verdict', 'v.json', '--environment', 'production'], { cwd });
    expect(prod.stdout).toMatch(/^action: {2}suggest\n[\s\S]*mode: {4}supervised/);
  });

  it('rejects bad input with one line and exit 2', async () => {
    const cwd = workdir({ 'v.json': { not: 'a verdict' } });
    expect(await cli(['recover', 'plan'], { cwd })).toMatchObject({ code: 2, stderr: expect.stringMatching(/^closed-loop: --verdict FILE is required/) });
    expect(await cli(['recover', 'plan', '--verdict', 'v.json'], { cwd })).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/is not a closed-loop\/verdict@1 result/),
    });
    expect(await cli(['recover', 'plan', '--verdict', 'missing.json'], { cwd })).toMatchObject({
      code: 2,
      stderr: 'closed-loop: --verdict missing.json: no such file or directory; check the path.\n',
    });
  });

  it('has help', async () => {
    const { code, stdout } = await cli(['recover', 'plan', '--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/--history FILE/);
  });
});
