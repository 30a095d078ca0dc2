import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigurationError } from '../../src/errors.js';
import { detectCoverageFormat, evaluateCoverage, PathMapper, readCoverage, totalOf, type Coverage } from '../../src/gate/index.js';
import type { DiffFile } from '../../src/scan/diff.js';

const dir = join(import.meta.dirname, 'fixtures', 'coverage');
const read = (file: string) => readCoverage(readFileSync(join(dir, file), 'utf8'), file);
const lines = (c: Coverage, suffix: string) => Object.fromEntries(Object.entries(c.files.find((f) => f.path.endsWith(suffix))?.lines ?? []));
const SETTINGS = { minPatch: 80, minTotal: 0, maxDrop: 1 };

// The jest run: src/math.js, executable lines 2, 6, 7, 9, 12; line 7 (the division-by-zero throw) never ran.
const MATH = { 2: 1, 6: 1, 7: 0, 9: 1, 12: 1 };

describe('coverage readers on real tool output', () => {
  it.each([
    ['lcov.info', 'lcov'],
    ['cobertura-coverage.xml', 'cobertura'],
    ['clover.xml', 'clover'],
    ['coverage-final.json', 'istanbul-final'],
  ])('%s (jest/istanbul) reads as %s with the same line hits', (file, format) => {
    const c = read(file);
    expect(c.format).toBe(format);
    expect(lines(c, 'src/math.js')).toEqual(MATH);
    expect(totalOf(c)).toEqual({ covered: 4, total: 5, percent: 80 });
  });

  it('coverage-summary.json gives totals only', () => {
    const c = read('coverage-summary.json');
    expect(c.format).toBe('istanbul-summary');
    expect(totalOf(c)).toEqual({ covered: 4, total: 5, percent: 80 });
    const result = evaluateCoverage(c, SETTINGS, { diff: [] });
    expect(result.patch).toBeUndefined();
    expect(result.notes.join(' ')).toMatch(/totals only/);
  });

  it('a go cover profile (go test -coverprofile) reads every line a block spans', () => {
    const c = read('go-cover.out');
    expect(c.format).toBe('go-cover');
    const calc = lines(c, 'calc/calc.go');
    expect(calc[5]).toBe(1); // `if n < 2 {`: end of one block, start of the next
    expect(calc[14]).toBe(0); // return "negative": never ran
    expect(calc[13]).toBe(1); // the `if n < 0 {` line ran
    expect(calc[17]).toBe(0);
  });

  it('JaCoCo XML (documented format) maps package + sourcefile to a path', () => {
    const c = read('jacoco.xml');
    expect(c.format).toBe('jacoco');
    expect(lines(c, 'com/example/calc/Calc.java')).toEqual({ 3: 3, 5: 2, 6: 2, 8: 0, 9: 0, 11: 2 });
  });

  it('Cobertura keeps its <source> roots for path mapping', () => {
    expect(read('cobertura-coverage.xml').sourceRoots).toEqual(['/tmp/i20-gen/cov']);
  });
});

describe('unreadable reports fail with one line naming the file and format', () => {
  it.each([
    ['plain text', 'hello world\n', /report\.txt: unknown coverage format; expected lcov, Cobertura XML/],
    ['broken XML', '<coverage><packages></coverage>', /report\.txt:1: not well-formed XML .*Cobertura XML/],
    ['broken JSON', '{"a": ', /report\.txt: not valid JSON .*istanbul/],
    ['lcov DA before SF', 'TN:\nDA:1,1\n', /report\.txt:2: lcov DA record before any SF/],
    ['a bad go block', 'mode: set\nfoo.go:1 1\n', /report\.txt:2: malformed cover block/],
    ['JSON that is not istanbul', '{"x": {"y": 1}}', /report\.txt: entry "x" has no statementMap/],
  ])('%s', (_, text, message) => {
    expect(() => readCoverage(text, 'report.txt')).toThrow(ConfigurationError);
    expect(() => readCoverage(text, 'report.txt')).toThrow(message);
  });

  it('detects formats from their first bytes', () => {
    expect(detectCoverageFormat('\uFEFFTN:\nSF:a.js\n')).toBe('lcov');
    expect(detectCoverageFormat('<?xml version="1.0"?><report name="x">')).toBe('jacoco');
  });
});

describe('path mapping', () => {
  const mapper = new PathMapper(['src/math.js', 'pkg/calc/calc.go', 'web/src/math.js']);
  it.each([
    ['/home/runner/work/app/app/src/math.js', 'src/math.js'],
    ['C:\\a\\app\\app\\src\\math.js', 'src/math.js'],
    ['./src/math.js', 'src/math.js'],
    ['/home/runner/work/app/app/web/src/math.js', 'web/src/math.js'],
    ['github.com/o/app/pkg/calc/calc.go', 'pkg/calc/calc.go'],
    ['calc/calc.go', 'pkg/calc/calc.go'],
    ['/elsewhere/other.js', undefined],
  ])('%s → %s', (from, to) => expect(mapper.map(from)).toBe(to));
});

describe('lcov arrays read fast are the arrays a line-by-line fill gives', () => {
  it('keeps the larger count of a repeated line, skips DA:0, and is as long as its highest line', () => {
    const text = 'TN:\nSF:a.js\nDA:9,1\nDA:3,0\nDA:9,0\nDA:0,5\nDA:4,2\nend_of_record\nSF:b.js\nDA:0,1\nend_of_record\nSF:c.js\nDA:2,-1\nDA:7,3';
    const { files } = readCoverage(text, 'lcov.info');
    const expected = (entries: Record<number, number>): number[] => Object.assign([] as number[], entries);
    expect(files.map((f) => [f.path, f.lines.length, Object.entries(f.lines)])).toEqual([
      ['a.js', 10, Object.entries(expected({ 3: 0, 4: 2, 9: 1 }))],
      ['b.js', 0, []],
      ['c.js', 8, Object.entries(expected({ 2: 0, 7: 3 }))],
    ]);
  });
});

describe('patch coverage', () => {
  const added = (path: string, ...nums: number[]): DiffFile => ({ path, lines: nums.map((line) => ({ line, text: 'x' })), binary: false, deleted: false });

  it('counts the executable lines the change adds, with the report written at absolute CI paths', () => {
    const c = read('lcov.info');
    c.files[0]!.path = '/home/runner/work/app/app/src/math.js';
    const r = evaluateCoverage(c, SETTINGS, { diff: [added('src/math.js', 5, 6, 7, 8), added('src/new.ts', 1), added('README.md', 1)] });
    expect(r.patch).toEqual({ covered: 1, total: 2, percent: 50 });
    expect(r.uncovered).toEqual([{ path: 'src/math.js', lines: [7] }]);
    expect(r.unreported).toEqual(['src/new.ts']);
    expect(r.passed).toBe(false);
    expect(r.failures[0]).toMatch(/patch coverage 50% is below 80%/);
  });

  it('fails on a total drop beyond max_drop against the base report', () => {
    const head = read('lcov.info');
    const base: Coverage = {
      format: 'lcov',
      files: [
        {
          path: 'src/math.js',
          lines: Object.assign([] as number[], { 1: 1, 2: 1 }),
        },
      ],
    };
    const r = evaluateCoverage(head, SETTINGS, { base });
    expect(r.failures).toEqual(['total coverage dropped 20.00 points (100% → 80%), more than 1.']);
  });
});
