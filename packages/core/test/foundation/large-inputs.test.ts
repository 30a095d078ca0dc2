import { describe, expect, it } from '@jest/globals';
import { maxOf, minOf, pushAll } from '../../src/iterate.js';
import { codeBlock, escapeInline, inlineCode, neutraliseReferences } from '../../src/render/escape.js';
import { applyFilePatch, parsePatch } from '../../src/recover/patch.js';
import { lastRollbackAt } from '../../src/recover/loop-guards.js';
import { bumpKind, parseNpmOutdated } from '../../src/discover/dependencies.js';

const N = 200_000;

describe('no RangeError on very large inputs (spreads replaced by loops)', () => {
  it('maxOf, minOf and pushAll take 200k elements', () => {
    const xs = Array.from({ length: N }, (_, i) => i);
    expect(maxOf(xs)).toBe(N - 1);
    expect(minOf(xs, 5)).toBe(0);
    expect(maxOf([], 2)).toBe(2);
    expect(pushAll([-1], xs)).toHaveLength(N + 1);
  });

  it('codeBlock and inlineCode over text with 200k backtick runs', () => {
    const text = '`a'.repeat(N) + '```';
    expect(codeBlock(text).startsWith('````\n')).toBe(true);
    expect(inlineCode(text).startsWith('````')).toBe(true);
  });

  it('applies a patch to a 200k-line file', () => {
    const original = Array.from({ length: N }, (_, i) => `line ${i}`).join('\n') + '\n';
    const patch = 'diff --git a/big.txt b/big.txt\n--- a/big.txt\n+++ b/big.txt\n@@ -100000,1 +100000,1 @@\n-line 99999\n+changed\n';
    const out = applyFilePatch(original, parsePatch(patch)[0]!);
    expect(out.split('\n')).toHaveLength(N + 1);
    expect(out).toContain('line 99998\nchanged\nline 100000\n');
  });

  it('finds the last rollback among 200k commits', () => {
    const commits = Array.from({ length: N }, (_, i) => ({
      sha: `s${i}`,
      ours: true,
      date: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
      message: `Revert "x"\n\nClosed-Loop-Rollback: s${i}`,
    }));
    expect(lastRollbackAt(commits)).toBe(Date.UTC(2026, 0, 1) + (N - 1) * 1000);
  });
});

describe('untrusted text creates no issue backlinks', () => {
  it.each([
    ['#123', '#\u200B123'],
    ['see owner/repo#1 and org#22', 'see owner/repo#\u200B1 and org#\u200B22'],
    ['GH-123 and gh-7', 'GH-\u200B123 and gh-\u200B7'],
    ['https://github.com/acme/widgets/issues/5', 'https://github.com/acme/widgets/issues/\u200B5'],
    ['https://github.com/acme/widgets/pull/6#issuecomment-1', 'https://github.com/acme/widgets/pull/\u200B6#issuecomment-1'],
  ])('%s', (input, expected) => {
    expect(neutraliseReferences(input)).toBe(expected);
    expect(escapeInline(input)).not.toMatch(/#\d|GH-\d|\/(issues|pull)\/\d/i);
  });

  it('leaves what links nothing alone: a colour, a heading mark, an anchor', () => {
    expect(neutraliseReferences('color #fff, C# code, page#section')).toBe('color #fff, C# code, page#section');
  });
});

describe('dependency bumps follow semver', () => {
  it.each([
    ['1.2.3', '2.0.0', 'major', 1],
    ['1.2.3', '3.1.0', 'major', 2],
    ['1.2.3', '1.3.0', 'minor', 0],
    ['1.2.3', '1.2.4', 'patch', 0],
    ['0.3.1', '0.4.0', 'major', 1],
    ['0.3.1', '0.3.9', 'patch', 0],
    ['0.0.3', '0.0.4', 'major', 1],
    ['1.3.0', '1.2.9', 'downgrade', 0],
    ['2.0.0-beta.2', '1.9.0', 'downgrade', 0],
    ['1.2.3', '1.2.3', 'none', 0],
    ['git+https://x', '1.0.0', 'none', 0],
  ])('%s → %s is %s', (current, latest, behind, majors) => {
    expect(bumpKind(current, latest)).toEqual({ behind, majors });
  });

  it('npm outdated: a 0.x minor is breaking and a downgrade is its own kind, not a patch', () => {
    const out = parseNpmOutdated(
      JSON.stringify({ zod: { current: '0.3.1', wanted: '0.3.1', latest: '0.4.0' }, left: { current: '1.3.0', wanted: '1.3.0', latest: '1.2.5' } }),
      'x',
    );
    expect(out.map((o) => [o.name, o.behind])).toEqual([
      ['left', 'downgrade'],
      ['zod', 'major'],
    ]);
  });
});
