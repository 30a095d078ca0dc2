// A fix may touch only the files the failing tool reported (or recover.patch.allowed_paths): a fixer's
// patch comes from a job that ran repository code and could carry any edit.
import { describe, expect, it } from '@jest/globals';
import { allowedPaths, pathsInLine, reportedPaths } from '../../src/recover/allowed-paths.js';
import { verdict } from './fixtures.js';

describe('the files a failing tool reported', () => {
  it.each([
    ['[warn] src/cart.ts', ['src/cart.ts']],
    ['/home/runner/work/widgets/widgets/src/app.ts', ['src/app.ts']],
    ['D:\\a\\widgets\\widgets\\src\\app.ts:3:1: error', ['src/app.ts']],
    ['src/a.py:12:5: E225 missing whitespace around operator', ['src/a.py']],
    ['would reformat ./pkg/mod.py', ['pkg/mod.py']],
    ['ruff 0.4.1 failed; see https://docs.astral.sh/ruff/rules.html', []],
    ['/etc/passwd and ../outside.ts are not files of this repository', []],
  ])('%s', (line, paths) => {
    expect(pathsInLine(line)).toEqual(paths);
  });

  it("reads the verdict's evidence and each job's", () => {
    const v = verdict({ evidence: { startLine: 1, endLine: 1, lines: ['[warn] src/a.ts'] } });
    v.jobs = [{ ...v, jobId: 1, jobName: 'lint', evidence: { startLine: 1, endLine: 1, lines: ['src/b.ts:1:1 error'] } } as never];
    expect([...reportedPaths(v)].sort()).toEqual(['src/a.ts', 'src/b.ts']);
  });

  it('refuses what is not on the list, and says how to widen it', () => {
    const list = allowedPaths([], new Set(['src/a.ts']), 'the failing tool reported');
    expect(list.refusal('src/a.ts')).toBeUndefined();
    expect(list.refusal('src/b.ts')).toMatch(/not among the 1 file the failing tool reported.*recover\.patch\.allowed_paths/);
    expect(allowedPaths([], new Set(), 'the failing tool reported').refusal('src/a.ts')).toMatch(/no file is known the failing tool reported/);
    const globs = allowedPaths(['src/**', '!src/gen/**'], new Set(), '');
    expect(globs.refusal('src/x/y.ts')).toBeUndefined();
    expect(globs.refusal('src/gen/y.ts')).toMatch(/allowed_paths does not allow/);
  });
});
