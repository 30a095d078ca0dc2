import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ValueMetrics } from '@closed-loop/core';
import { generateRepo } from '../../../tests/bench/discover-repo.js';
import { AUDIT } from '../../core/test/discover/fixtures.js';
import { cli } from './io.js';

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cl-cli-discover-'));
  await generateRepo(dir, { commits: 1200, files: 60, now: Math.floor(Date.now() / 1000) - 86_400, spanDays: 100 });
  writeFileSync(join(dir, 'audit.json'), AUDIT);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('closed-loop discover', () => {
  it('ranks a clone offline, notes the skipped API signals, and shows progress on stderr', async () => {
    const { code, stdout, stderr } = await cli(['discover', '--repo', dir, '--top', '5']);
    expect(code).toBe(0);
    expect(stderr).toBe('closed-loop discover: 1000 commits read…\n');
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(/^\d+ work items from 1200 commits and 60 files in \d+\.\d s \(top 5 shown\)\.$/);
    expect(stdout).toContain('note: ci-health skipped: offline: the CLI does not call the GitHub API');
    expect(stdout).toContain('note: dependencies skipped:');
    const rows = lines.filter((l) => /^\s+\d+\.\d {2}/.test(l));
    expect(rows).toHaveLength(5);
    expect(lines.filter((l) => /^\s+why: #\d+ of \d+: /.test(l))).toHaveLength(5);
    expect(stdout).toMatch(/\nLeft out: nothing|\nLeft out of every signal: /);
    const scores = rows.map((r) => Number(r.trim().split(/\s+/)[0]));
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('prints value-metrics.json with --json, dependencies included from npm output', async () => {
    const { code, stdout } = await cli(['discover', '--json', '--npm-audit', 'audit.json'], { cwd: dir });
    expect(code).toBe(0);
    const metrics = JSON.parse(stdout) as ValueMetrics;
    expect(metrics.schemaVersion).toBe(1);
    expect(new Set(metrics.items.map((i) => i.kind))).toEqual(new Set(['debt-marker', 'hotspot', 'dependency', 'test-gap']));
    expect(metrics.signals.find((s) => s.signal === 'dependencies')?.status).toBe('ok');
    expect(metrics.items.every((i) => /^[0-9a-f]{16}$/.test(i.id) && i.explanation.startsWith('composite '))).toBe(true);
  });

  it('reads OSV-Scanner JSON with --deps and names a file it cannot read', async () => {
    const osv = join(dirname(fileURLToPath(import.meta.url)), '../../core/test/discover/deps/osv-scanner.json');
    writeFileSync(join(dir, 'osv.json'), readFileSync(osv, 'utf8'));
    const { code, stdout } = await cli(['discover', '--json', '--deps', 'osv.json'], { cwd: dir });
    expect(code).toBe(0);
    const deps = (JSON.parse(stdout) as ValueMetrics).items.filter((i) => i.kind === 'dependency');
    expect(deps.map((i) => i.text).sort()).toEqual(['Go:github.com/gogo/protobuf', 'Go:golang.org/x/net', 'PyPI:Jinja2', 'PyPI:requests']);
    writeFileSync(join(dir, 'bad.json'), '[1, 2]');
    expect(await cli(['discover', '--deps', 'bad.json'], { cwd: dir })).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('bad.json: not a report this reads'),
    });
  });

  it('answers usage errors with exit 2 and one line', async () => {
    expect(await cli(['discover', '--repo', dir, '--top', 'many'])).toMatchObject({
      code: 2,
      stderr: 'closed-loop: --top must be a whole number of at least 1, got "many".\n',
    });
    const notRepo = mkdtempSync(join(tmpdir(), 'cl-cli-norepo-'));
    try {
      const r = await cli(['discover', '--repo', notRepo]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('is not inside a git repository');
    } finally {
      rmSync(notRepo, { recursive: true, force: true });
    }
    expect((await cli(['discover', '--help'])).stdout).toContain('--top N');
  });
});
