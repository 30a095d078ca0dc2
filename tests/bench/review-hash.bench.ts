// Review-Hash fingerprint speed for a 10,000-file change, against the plain pipeline
// `git diff-tree -r -z --raw mb head | sha256sum` timed in the same run (target ratio ≤ 1.5).
// The repository is generated in a temp dir with one `git fast-import`; no shared data is needed.
import { afterAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Git } from '../../packages/core/src/git/git.js';
import { fingerprint } from '../../packages/core/src/git/review-hash.js';

const FILES = 10_000;
const ROUNDS = 15;
const dir = mkdtempSync(join(tmpdir(), 'rh-bench-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Base commit with FILES files, head commit changing every one of them. */
function generate(): { mb: string; head: string } {
  execFileSync('git', ['init', '-q', dir]);
  const parts: string[] = [];
  const commit = (ref: string, message: string, from: string | undefined, version: number) => {
    parts.push(`commit ${ref}\ncommitter Bench <bench@example.com> 1767225600 +0000\ndata ${message.length}\n${message}\n`);
    if (from) parts.push(`from ${from}\n`);
    for (let i = 0; i < FILES; i++) {
      const body = `file ${i} version ${version}\n`;
      parts.push(`M 100644 inline src/dir${i % 100}/file-${i}.txt\ndata ${body.length}\n${body}\n`);
    }
    parts.push('\n');
  };
  commit('refs/heads/main', 'base', undefined, 1);
  commit('refs/heads/feature', 'change all', 'refs/heads/main', 2);
  execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, input: parts.join(''), maxBuffer: 1 << 28 });
  const rev = (r: string) => execFileSync('git', ['rev-parse', r], { cwd: dir, encoding: 'utf8' }).trim();
  return { mb: rev('main'), head: rev('feature') };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

describe('review-hash benchmark', () => {
  it(`fingerprint of a ${FILES}-file change vs git diff-tree | sha256sum`, async () => {
    const { mb, head } = generate();
    const git = new Git(dir);
    const headTree = await git.resolve(head, 'tree');
    const changed = execFileSync('git', ['diff-tree', '-r', '--name-only', mb, head], { cwd: dir, encoding: 'utf8' }).trim().split('\n').length;
    expect(changed).toBe(FILES);

    const ours: number[] = [];
    const baseline: number[] = [];
    let hash = '';
    for (let round = 0; round < ROUNDS + 2; round++) {
      let t = performance.now();
      execFileSync('sh', ['-c', 'git diff-tree -r -z --raw "$1" "$2" | sha256sum', 'sh', mb, head], { cwd: dir });
      const b = performance.now() - t;
      t = performance.now();
      hash = await fingerprint(git, mb, headTree);
      const o = performance.now() - t;
      // The first two rounds warm caches (page cache, JIT) and are not counted.
      if (round >= 2) {
        baseline.push(b);
        ours.push(o);
      }
    }
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    const [o, b] = [median(ours), median(baseline)];
    console.log(
      [
        `Review-Hash fingerprint, ${FILES} changed files, median of ${ROUNDS} rounds`,
        `| measurement                                   | ms     |`,
        `|-----------------------------------------------|--------|`,
        `| fingerprint (diff-tree + payload + SHA-256)   | ${o.toFixed(1).padStart(6)} |`,
        `| git diff-tree -r -z --raw mb head | sha256sum   | ${b.toFixed(1).padStart(6)} |`,
        `| ratio (target ≤ 1.5)                          | ${(o / b).toFixed(2).padStart(6)} |`,
      ].join('\n'),
    );
  });
});
