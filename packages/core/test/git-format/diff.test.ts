import { describe, expect, it } from '@jest/globals';
import { addedLines, parseDiff, parseFileHunks, parseHunkHeader } from '../../src/git-format/diff.js';
import { parsePatch } from '../../src/recover/patch.js';
import { trailer } from '../../src/recover/trailers.js';
import { parseUnifiedDiff } from '../../src/scan/diff.js';

const RENAME_WITH_SPACES = [
  'diff --git a/my dir/old name.txt b/my dir/new name.txt',
  'similarity index 90%',
  'rename from my dir/old name.txt',
  'rename to my dir/new name.txt',
  '--- a/my dir/old name.txt',
  '+++ b/my dir/new name.txt',
  '@@ -1,2 +1,2 @@',
  ' keep',
  '-old',
  '+new',
  '',
].join('\n');

describe('one unified diff reader', () => {
  it('scan, recover and the review-comment ranges read the same hunks', () => {
    const [file] = parsePatch(RENAME_WITH_SPACES);
    expect(file).toMatchObject({ oldPath: 'my dir/old name.txt', newPath: 'my dir/new name.txt', status: 'renamed' });
    expect(addedLines(file!)).toEqual([{ line: 2, text: 'new' }]);
    expect(parseUnifiedDiff(RENAME_WITH_SPACES)).toEqual([{ path: 'my dir/new name.txt', lines: [{ line: 2, text: 'new' }], binary: false, deleted: false }]);
    expect(parseFileHunks(RENAME_WITH_SPACES.split('\n').slice(6).join('\n'))).toEqual(file!.hunks);
  });

  it('a binary file with spaces in its name keeps its whole path (no +++ line to correct it)', () => {
    const diff = 'diff --git a/assets/my logo.png b/assets/my logo.png\nnew file mode 100644\nBinary files /dev/null and b/assets/my logo.png differ\n';
    expect(parseUnifiedDiff(diff)).toEqual([{ path: 'assets/my logo.png', lines: [], binary: true, deleted: false }]);
  });

  it('reads diff.mnemonicPrefix output (c/ w/ i/) like a/ b/', () => {
    const diff = 'diff --git c/x.ts w/x.ts\n--- c/x.ts\n+++ w/x.ts\n@@ -0,0 +1 @@\n+a\n';
    expect(parsePatch(diff)[0]).toMatchObject({ oldPath: 'x.ts', newPath: 'x.ts' });
  });

  it('lenient mode reads past e-mail headers and a combined diff; strict mode refuses them', () => {
    const mail =
      'From 123 Mon Sep 17 00:00:00 2001\nSubject: [PATCH] x\n---\n' + 'diff --git a/a b/a\n--- a/a\n+++ b/a\n@@ -1 +1,2 @@\n one\n+two\n-- \n2.45.0\n';
    expect(addedLines(parseDiff(mail, { strict: false })[0]!)).toEqual([{ line: 2, text: 'two' }]);
    expect(() => parseDiff(mail, { strict: true })).toThrow(/patch line 1: expected "diff --git"/);
    const merge = 'diff --cc f.txt\nindex 1,2..3\n--- a/f.txt\n+++ b/f.txt\n@@@ -1,1 -1,1 +1,2 @@@\n  a\n++b\n';
    expect(parseUnifiedDiff(merge)).toEqual([{ path: 'f.txt', lines: [{ line: 2, text: '+b' }], binary: false, deleted: false }]);
    expect(() => parsePatch(merge)).toThrow(/patch line 1: a combined \(merge\) diff cannot be applied/);
  });

  it('hunk headers: counts default to 1, combined headers count parents', () => {
    expect(parseHunkHeader('@@ -3 +4,0 @@ fn()')).toEqual({ oldStart: 3, oldLines: 1, newStart: 4, newLines: 0, parents: 1 });
    expect(parseHunkHeader('@@@ -1,2 -1,3 +1,4 @@@')).toMatchObject({ newStart: 1, newLines: 4, parents: 2 });
    expect(parseHunkHeader('@@ nonsense @@')).toBeUndefined();
  });
});

describe("recover's trailers follow git's trailer rules", () => {
  it('a body paragraph that quotes a trailer is not a trailer', () => {
    const quoted = 'Revert "style: fix"\n\nClosed-Loop-Fix: abc123 was wrong, see the thread.\nIt broke the build.\n\nSigned-off-by: Dev <dev@example.com>';
    expect(trailer(quoted, 'Closed-Loop-Fix')).toBeUndefined();
    const body = 'fix\n\nClosed-Loop-Fix: abc123\n\nmore text after it';
    expect(trailer(body, 'Closed-Loop-Fix')).toBeUndefined();
  });

  it('the last paragraph, with other trailers and any key case, is read', () => {
    const msg = 'style: format\n\nMade by closed-loop.\n\nSigned-off-by: bot <b@x>\nclosed-loop-fix: 0123abcd\n';
    expect(trailer(msg, 'Closed-Loop-Fix')).toBe('0123abcd');
    expect(trailer('x\n\nClosed-Loop-Fix: two words', 'Closed-Loop-Fix')).toBeUndefined();
  });
});
