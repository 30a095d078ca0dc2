import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from './io.js';

const ENV = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.invalid' };

/** main with one file, then a branch adding two executable lines and two commits (one not conventional). */
function repo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cl-gate-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env: ENV, encoding: 'utf8' });
  git('init', '-q', '-b', 'main');
  writeFileSync(join(dir, 'a.js'), 'const a = 1;\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'feat: start');
  git('checkout', '-q', '-b', 'work');
  writeFileSync(join(dir, 'a.js'), 'const a = 1;\nconst b = 2;\nif (a) run();\n');
  git('commit', '-qam', 'feat(a): add b');
  writeFileSync(join(dir, 'a.js'), 'const a = 1;\nconst b = 2;\nif (a) run();\n// done\n');
  git('commit', '-qam', 'update stuff');
  writeFileSync(join(dir, 'lcov.info'), 'TN:\nSF:C:\\ci\\app\\a.js\nDA:1,1\nDA:2,1\nDA:3,0\nend_of_record\n');
  return dir;
}

describe('closed-loop gate', () => {
  it('coverage: total and patch in JSON; exit 1 below --min, 0 at or above it', async () => {
    const cwd = repo();
    const failed = await cli(['gate', 'coverage', '--report', 'lcov.info', '--base', 'main', '--json'], { cwd });
    expect(failed.code).toBe(1);
    const json = JSON.parse(failed.stdout) as { total: { percent: number }; patch: { covered: number; total: number; percent: number } };
    expect(json.total.percent).toBeCloseTo(66.67, 2);
    expect(json.patch).toEqual({ covered: 1, total: 2, percent: 50 });
    expect((await cli(['gate', 'coverage', '--report', 'lcov.info', '--base', 'main', '--min', '50'], { cwd })).code).toBe(0);
  });

  it('bench: per-benchmark ratio and regressed; no base is a warning with exit 0', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'cl-gate-'));
    writeFileSync(join(cwd, 'head.json'), JSON.stringify([{ name: 'x', value: 106 }]));
    writeFileSync(join(cwd, 'base.json'), JSON.stringify([{ name: 'x', value: 100 }]));
    const r = await cli(['gate', 'bench', '--head', 'head.json', '--base', 'base.json', '--json'], { cwd });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).comparisons[0]).toMatchObject({ name: 'x', ratio: 1.06, regressed: true, method: 'no spread given' });
    expect((await cli(['gate', 'bench', '--head', 'head.json', '--base', 'base.json', '--tolerance', '10'], { cwd })).code).toBe(0);
    const none = await cli(['gate', 'bench', '--head', 'head.json'], { cwd });
    expect(none.code).toBe(0);
    expect(none.stdout).toMatch(/^warning: .*\n[\s\S]*no base results/);
  });

  it('commits: one line per bad commit and the title; valid per commit in JSON', async () => {
    const cwd = repo();
    const r = await cli(['gate', 'commits', '--range', 'main..work', '--title', 'Add b', '--json'], { cwd });
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout) as { commits: { header: string; valid: boolean }[]; problems: string[] };
    expect(json.commits.map((c) => [c.header, c.valid])).toEqual([
      ['Add b', false],
      ['update stuff', false],
      ['feat(a): add b', true],
    ]);
    expect(json.problems).toHaveLength(2);
    expect((await cli(['gate', 'commits', '--range', 'main..work~1'], { cwd })).code).toBe(0);
  });

  it('usage errors exit 2 with one line', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'cl-gate-'));
    expect((await cli(['gate', 'coverage'], { cwd })).code).toBe(2);
    const missing = await cli(['gate', 'coverage', '--report', 'nope.info'], { cwd });
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(/--report nope\.info: no such file or directory/);
    writeFileSync(join(cwd, 'bad.txt'), 'nothing\n');
    expect((await cli(['gate', 'bench', '--head', 'bad.txt'], { cwd })).stderr).toMatch(/bad\.txt: unknown benchmark format/);
  });
});
