import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { addedLines } from '../../src/git-format/diff.js';
import { applyFilePatch, changedLines, parsePatch, patchFingerprint, PatchApplyError } from '../../src/recover/patch.js';
import { prohibitedPath, pushRefusal } from '../../src/recover/prohibited.js';
import { validatePatch, type AddedLineScanner } from '../../src/recover/validate-patch.js';

const noSecrets: AddedLineScanner = () => [];
const limits = { maxChangedLines: 500, prohibitedPaths: [], scan: noSecrets };

export function diffOf(path: string, before: string, after: string): string {
  return [`diff --git a/${path} b/${path}`, 'index 1111111..2222222 100644', `--- a/${path}`, `+++ b/${path}`, ...hunk(before, after)].join('\n') + '\n';
}

/** One hunk replacing the whole file: enough for tests. */
function hunk(before: string, after: string): string[] {
  const a = before.split('\n').slice(0, -1);
  const b = after.split('\n').slice(0, -1);
  return [`@@ -1,${a.length} +1,${b.length} @@`, ...a.map((l) => `-${l}`), ...b.map((l) => `+${l}`)];
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd, encoding: 'utf8' });
}

describe('parsePatch and applyFilePatch', () => {
  it('round-trips real git diff output, including a missing final newline and odd file names', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-patch-'));
    git(dir, 'init', '-q');
    const files: Record<string, [string, string]> = {
      'src/a.ts': ['const a = 1\nconst b=2\n\nexport { a, b }\n'.repeat(5), 'const a = 1\nconst b = 2\n\nexport { a, b }\n'.repeat(5)],
      'src/no newline.js': ['let x = 1\nlet y=2', 'let x = 1\nlet y = 2\n'],
      'src/tab\there.md': ['# Title\ntext  \n', '# Title\ntext\n'],
    };
    for (const [p, [before]] of Object.entries(files)) {
      execFileSync('mkdir', ['-p', join(dir, 'src')]);
      writeFileSync(join(dir, p), before);
    }
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'base');
    for (const [p, [, after]] of Object.entries(files)) writeFileSync(join(dir, p), after);
    const text = git(dir, 'diff', '--no-color', '--no-ext-diff', 'HEAD');
    const parsed = parsePatch(text);
    expect(parsed.map((f) => f.newPath).sort()).toEqual(Object.keys(files).sort());
    for (const f of parsed) {
      const [before, after] = files[f.newPath!]!;
      expect(applyFilePatch(before, f)).toBe(after);
      expect(readFileSync(join(dir, f.newPath!), 'utf8')).toBe(after);
    }
    expect(changedLines(parsed)).toBeGreaterThan(10);
  });

  it('refuses to apply when the file changed under the patch', () => {
    const [file] = parsePatch(diffOf('a.txt', 'one\ntwo\n', 'one\n2\n'));
    expect(() => applyFilePatch('one\nTWO\n', file!)).toThrow(PatchApplyError);
    expect(applyFilePatch('one\ntwo\n', file!)).toBe('one\n2\n');
  });

  it('reads deletions, creations, renames, mode and binary changes', () => {
    const text = [
      'diff --git a/gone.txt b/gone.txt',
      'deleted file mode 100644',
      'index 1..0',
      '--- a/gone.txt',
      '+++ /dev/null',
      '@@ -1 +0,0 @@',
      '-bye',
      'diff --git a/new.txt b/new.txt',
      'new file mode 100644',
      '--- /dev/null',
      '+++ b/new.txt',
      '@@ -0,0 +1 @@',
      '+hi',
      'diff --git a/run.sh b/run.sh',
      'old mode 100644',
      'new mode 100755',
      'diff --git a/old.md b/new.md',
      'similarity index 100%',
      'rename from old.md',
      'rename to new.md',
      'diff --git a/logo.png b/logo.png',
      'Binary files a/logo.png and b/logo.png differ',
      '',
    ].join('\n');
    const files = parsePatch(text);
    expect(files.map((f) => [f.status, f.oldPath, f.newPath, f.modeChange, f.binary])).toEqual([
      ['deleted', 'gone.txt', null, false, false],
      ['added', null, 'new.txt', false, false],
      ['modified', 'run.sh', 'run.sh', true, false],
      ['renamed', 'old.md', 'new.md', false, false],
      ['modified', 'logo.png', 'logo.png', false, true],
    ]);
    expect(addedLines(files[1]!)).toEqual([{ line: 1, text: 'hi' }]);
  });

  it('throws on text that is not a diff', () => {
    expect(() => parsePatch('hello\n')).toThrow(/patch line 1: expected "diff --git"/);
  });

  it('fingerprints the change, not where it landed', () => {
    const a = diffOf('a.txt', 'x=1\n', 'x = 1\n');
    const moved = a.replace('@@ -1,1 +1,1 @@', '@@ -7,1 +7,1 @@');
    expect(patchFingerprint(parsePatch(a))).toBe(patchFingerprint(parsePatch(moved)));
    expect(patchFingerprint(parsePatch(a))).not.toBe(patchFingerprint(parsePatch(diffOf('b.txt', 'x=1\n', 'x = 1\n'))));
  });
});

describe('validatePatch', () => {
  it('accepts a small formatting fix', async () => {
    const v = await validatePatch(diffOf('src/a.ts', 'a=1\n', 'a = 1\n'), limits);
    expect(v).toMatchObject({ ok: true, changedLines: 2 });
  });

  it('refuses a patch over the line limit', async () => {
    const before = Array.from({ length: 300 }, (_, i) => `l${i}=1`).join('\n') + '\n';
    const v = await validatePatch(diffOf('src/a.ts', before, before.replace(/=/g, ' = ')), limits);
    expect(v).toMatchObject({ ok: false, changedLines: 600 });
    expect(!v.ok && v.reason).toMatch(/600 changed lines, over the limit of 500/);
  });

  it('refuses deletions, .github/ and credential files, permission changes', async () => {
    const text = [
      'diff --git a/src/x.ts b/src/x.ts',
      'deleted file mode 100644',
      '--- a/src/x.ts',
      '+++ /dev/null',
      '@@ -1 +0,0 @@',
      '-x',
      diffOf('.github/workflows/ci.yml', 'a: 1\n', 'a: 2\n').trimEnd(),
      diffOf('config/.env', 'A=1\n', 'A=2\n').trimEnd(),
      diffOf('certs/server.pem', 'x\n', 'y\n').trimEnd(),
      'diff --git a/run.sh b/run.sh',
      'old mode 100644',
      'new mode 100755',
      '',
    ].join('\n');
    const v = await validatePatch(text, limits);
    expect(v.ok).toBe(false);
    const reason = !v.ok ? v.reason : '';
    expect(reason).toMatch(/deletes src\/x\.ts/);
    expect(reason).toMatch(/touches \.github\/workflows\/ci\.yml, a prohibited path \(\.github\/\*\*\)/);
    expect(reason).toMatch(/touches config\/\.env/);
    expect(reason).toMatch(/touches certs\/server\.pem/);
    expect(reason).toMatch(/changes the permissions of run\.sh/);
  });

  it('refuses a patch in which the secret scan finds something', async () => {
    const scan: AddedLineScanner = (files) =>
      files.flatMap((f) => f.lines.filter((l) => l.text.includes('AKIA')).map((l) => ({ path: f.path, line: l.line, rule: 'aws-access-key' })));
    const v = await validatePatch(diffOf('src/a.ts', 'k=1\n', 'k = "AKIAIOSFODNN7EXAMPLE"\n'), { ...limits, scan });
    expect(!v.ok && v.reason).toBe('patch refused: adds a likely secret (aws-access-key) at src/a.ts:1');
  });

  it('refuses an empty or malformed patch', async () => {
    expect(await validatePatch('', limits)).toMatchObject({ ok: false, reason: 'patch refused: the fixers changed nothing' });
    expect(await validatePatch('garbage', limits)).toMatchObject({ ok: false, problems: ['malformed'] });
  });
});

describe('prohibited', () => {
  it('matches built-in paths at any depth, and extra globs from the config', () => {
    expect(prohibitedPath('.github/workflows/ci.yml')).toBe('.github/**');
    expect(prohibitedPath('deploy/keys/id_rsa')).toBe('**/id_rsa*');
    expect(prohibitedPath('a/.env.production')).toBe('**/.env.*');
    expect(prohibitedPath('src/../.github/x')).toBe('..');
    expect(prohibitedPath('src/env.ts')).toBeUndefined();
    expect(prohibitedPath('migrations/001.sql', ['migrations/**'])).toBe('migrations/**');
  });

  it('never pushes to the default or a protected branch', () => {
    expect(pushRefusal({ branch: 'main', defaultBranch: 'main', protected: false })).toMatch(/default branch/);
    expect(pushRefusal({ branch: 'release', defaultBranch: 'main', protected: true })).toMatch(/protected branch/);
    expect(pushRefusal({ branch: null, defaultBranch: 'main', protected: false })).toMatch(/no branch/);
    expect(pushRefusal({ branch: 'feature', defaultBranch: 'main', protected: false })).toBeUndefined();
  });
});
