// Quality-gate reading speed, as ratios against plain baselines timed in the same run (no timed asserts):
// - a 50 MB lcov tracefile: readCoverage + totals vs reading the file and counting its DA: lines
//   (budget: ratio ≤ 4, which is about 2 s on an idle 2-core runner);
// - a 10,000-commit range: git log + parse + convention check vs the same `git log` read raw
//   (budget: < 1 s, ratio ≤ 1.5).
// Inputs are generated in a temp dir (no shared data needed).
import { afterAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Git } from '../../packages/core/src/git/git.js';
import { checkCommits, GIT_LOG_FORMAT, parseGitLog } from '../../packages/core/src/gate/commits.js';
import { totalOf } from '../../packages/core/src/gate/coverage/evaluate.js';
import { readCoverage } from '../../packages/core/src/gate/coverage/read.js';
import { qualityGateSettingsOf } from '../../packages/core/src/gate/settings.js';

const dir = mkdtempSync(join(tmpdir(), 'gate-bench-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

/** Times `ours` and `baseline` alternately; the first round warms caches and is not counted. */
async function race(rounds: number, ours: () => unknown, baseline: () => unknown): Promise<{ o: number; b: number }> {
  const os: number[] = [];
  const bs: number[] = [];
  for (let round = 0; round <= rounds; round++) {
    let t = performance.now();
    await baseline();
    const b = performance.now() - t;
    t = performance.now();
    await ours();
    const o = performance.now() - t;
    if (round > 0) {
      os.push(o);
      bs.push(b);
    }
  }
  return { o: median(os), b: median(bs) };
}

function table(title: string, rows: [string, number][], ratio: number, target: string): string {
  return [
    title,
    `| measurement                                      | ms      |`,
    `|--------------------------------------------------|---------|`,
    ...rows.map(([name, ms]) => `| ${name.padEnd(48)} | ${ms.toFixed(1).padStart(7)} |`),
    `| ratio (${target})${' '.repeat(Math.max(0, 40 - target.length))} | ${ratio.toFixed(2).padStart(7)} |`,
  ].join('\n');
}

/** ~50 MB of lcov: 5,600 files of 1,000 DA lines each, with FN/BRDA records like a real tracefile. */
const FILES = 5_600;

function lcov(): string {
  const parts: string[] = [];
  for (let f = 0; f < FILES; f++) {
    parts.push(`TN:\nSF:/home/runner/work/app/app/src/module-${f}/file-${f}.ts\nFN:1,fn${f}\nFNDA:3,fn${f}\n`);
    const lines: string[] = [];
    for (let l = 1; l <= 1_000; l++) lines.push(`DA:${l},${(l * 7 + f) % 5}`);
    parts.push(lines.join('\n'), `\nBRDA:4,0,0,1\nBRDA:4,0,1,0\nLF:1000\nLH:800\nend_of_record\n`);
  }
  return parts.join('');
}

describe('quality-gate benchmark', () => {
  it('reads a 50 MB lcov file', async () => {
    const file = join(dir, 'lcov.info');
    writeFileSync(file, lcov());
    const size = readFileSync(file).length;
    let total = 0;
    const { o, b } = await race(
      3,
      () => {
        total = totalOf(readCoverage(readFileSync(file, 'utf8'), 'lcov.info')).total;
      },
      () => {
        const text = readFileSync(file, 'utf8');
        let count = 0;
        for (let at = text.indexOf('\nDA:'); at >= 0; at = text.indexOf('\nDA:', at + 1)) count++;
        return count;
      },
    );
    expect(total).toBe(FILES * 1_000);
    console.log(
      table(
        `lcov ${(size / 1e6).toFixed(1)} MB (${FILES.toLocaleString('en')} files, ${FILES / 1000} M lines), median of 3 rounds`,
        [
          ['readCoverage + totals (ours)', o],
          ['read + count DA: lines (plain baseline)', b],
        ],
        o / b,
        'budget ratio ≤ 4 (about 2 s idle)',
      ),
    );
  });

  it('checks a 10,000-commit range', async () => {
    const repo = join(dir, 'repo');
    execFileSync('git', ['init', '-q', repo]);
    const types = ['feat', 'fix(core)', 'docs', 'chore', 'refactor(cli)', 'Update'];
    const parts: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      const message = `${types[i % types.length] as string}: change ${i}\n\nBody of change ${i}, explaining why.\n`;
      parts.push(`commit refs/heads/main\ncommitter Bench <bench@example.com> ${1767225600 + i} +0000\ndata ${Buffer.byteLength(message)}\n${message}\n`);
      parts.push(`M 100644 inline f${i % 50}.txt\ndata ${String(i).length + 1}\n${i}\n\n`);
    }
    execFileSync('git', ['fast-import', '--quiet'], { cwd: repo, input: parts.join(''), maxBuffer: 1 << 28 });
    const git = new Git(repo);
    const root = (await git.text(['rev-list', '--max-parents=0', 'main'])).trim();
    const range = `${root}..main`;
    const settings = qualityGateSettingsOf(undefined).commits;
    let invalid = 0;
    let checked = 0;
    const { o, b } = await race(
      5,
      async () => {
        const verdicts = checkCommits(parseGitLog((await git.run(['log', GIT_LOG_FORMAT, range])).stdout.toString('utf8')), settings);
        checked = verdicts.length;
        invalid = verdicts.filter((v) => !v.valid).length;
      },
      async () => (await git.run(['log', GIT_LOG_FORMAT, range])).stdout.length,
    );
    expect(checked).toBe(9_999);
    expect(invalid).toBeGreaterThan(1_000); // the "Update: …" commits
    console.log(
      table(
        `commit convention over ${checked.toLocaleString('en')} commits, median of 5 rounds`,
        [
          ['git log + parse + check (ours)', o],
          ['the same git log, read raw (plain baseline)', b],
        ],
        o / b,
        'budget < 1000 ms, ratio ≤ 1.5',
      ),
    );
  });
});
