import { describe, expect, it } from '@jest/globals';
import { KeywordIndex } from '../../src/scan/keyword-index.js';
import { scanAddedLines } from '../../src/scan/index.js';

/** `findPerLine` on `lines`, as sorted value lists per line (undefined where nothing was found). */
function perLine(index: KeywordIndex<string>, lines: string[]): (string[] | undefined)[] {
  const ends: number[] = [];
  let end = -1;
  for (const line of lines) ends.push((end += line.length + 1));
  return index.findPerLine(lines.join('\n'), ends).map((hits) => (hits ? [...hits].sort() : undefined));
}

describe('scan KeywordIndex', () => {
  const index = new KeywordIndex<string>([
    ['token', 'T'],
    ['ghp_', 'G'],
    ['sk', 'S'],
    ['key', 'K'],
    ['000-00-0000', 'SSN'],
  ]);

  it('attributes each hit to its line, case-insensitively, each value once per line', () => {
    expect(perLine(index, ['const TOKEN = x', 'nothing here', 'token token ghp_', '', 'task'])).toEqual([['T'], undefined, ['G', 'T'], undefined, ['S']]);
  });

  it('overlapping and nested keywords are all found (Aho–Corasick)', () => {
    expect(perLine(index, ['monkeyskey'])).toEqual([['K', 'S']]);
  });

  it('a digit in a keyword stands for any digit', () => {
    expect(perLine(index, ['ssn 078-05-1120', '078-05-112', 'x 999-99-9999 y'])).toEqual([['SSN'], undefined, ['SSN']]);
  });

  it('keywords never run across a line break', () => {
    expect(perLine(index, ['tok', 'en', 's', 'k'])).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('characters beyond Latin-1 never hide a keyword next to them', () => {
    // U+016B keeps its low byte (0x6B, "k") in the Latin-1 buffer: it may add a hit, never remove one.
    expect(perLine(index, ['ūtoken', '→token←', '—ghp_—'])).toEqual([['T'], ['T'], ['G']]);
  });

  it('reuses and grows its buffers: a long text after a short one, and many hits', () => {
    expect(perLine(index, ['key'])).toEqual([['K']]);
    const many = Array.from({ length: 3000 }, (_, i) => (i % 2 ? 'key' : 'none'));
    const result = perLine(index, many);
    expect(result.filter((r) => r?.[0] === 'K')).toHaveLength(1500);
    expect(result[2999]).toEqual(['K']);
  });

  it('finds a keyword wherever it lies, across the middle of the text too (the halves are read at once)', () => {
    // Every length around the longest keyword and every position: the middle falls inside the keyword in some.
    for (let length = 10; length <= 24; length++)
      for (let at = 0; at + 11 <= length; at++) {
        const line = `${'x'.repeat(at)}000-00-0000${'y'.repeat(length - at - 11)}`;
        expect(perLine(index, ['a', line, 'b'])).toEqual([undefined, ['SSN'], undefined]);
        expect(perLine(index, [line])).toEqual([['SSN']]);
      }
  });

  it('agrees with a plain substring search on many keywords (a table wider than 16 bits too)', () => {
    // Seeded: the same keywords and text every run. Small alphabet, so keywords nest and overlap.
    let seed = 7;
    const random = (n: number) => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
    const word = (alphabet: string, length: number) => Array.from({ length }, () => alphabet.charAt(random(alphabet.length))).join('');
    for (const [count, alphabet] of [
      [40, 'abc-'],
      [3000, 'abcdefghijklmnopqrstuvwxyz0_-'],
    ] as const) {
      const keywords = [...new Set(Array.from({ length: count }, () => word(alphabet, 2 + random(6))))];
      const big = new KeywordIndex<string>(keywords.map((k) => [k, k]));
      const lines = Array.from({ length: 200 }, () => word(`${alphabet}XY 5`, random(30)));
      const naive = lines.map((line) => {
        const lower = line.toLowerCase().replace(/[0-9]/g, '0');
        const found = keywords.filter((k) => lower.includes(k.replace(/[0-9]/g, '0'))).sort();
        return found.length ? found : undefined;
      });
      expect(perLine(big, lines)).toEqual(naive);
    }
  });

  it('rejects keywords it could not match as written', () => {
    expect(() => new KeywordIndex([['two\nlines', 1]])).toThrow(/printable ASCII on one line/);
    expect(() => new KeywordIndex([['', 1]])).toThrow(/non-empty/);
    expect(() => new KeywordIndex([['café', 1]])).toThrow(/ASCII/);
  });
});

describe('keyword-gated rules in the engine', () => {
  const file = (path: string, ...lines: string[]) => ({ path, lines: lines.map((text, i) => ({ line: i + 1, text })) });

  it('digit-layout rules run only on lines with the layout, and still find every layout', () => {
    const ssn = ['078', '05', '1123'];
    const found = scanAddedLines([file('people.csv', `a ${ssn.join('-')}`, `b ${ssn.join(' ')}`, `c ${ssn.join('.')}`, 'd 12-345-6789')]);
    expect(found.map((f) => [f.ruleId, f.line])).toEqual([
      ['phi-us-ssn', 1],
      ['phi-us-ssn', 2],
      ['phi-us-ssn', 3],
    ]);
  });

  it('keywords on the previous line: the element value is checked only after a secret-named tag', () => {
    const value = '    q8Lk2mZx9VbN4tRw7YpE3sHd';
    expect(scanAddedLines([file('a.xml', '<apiToken>', value)]).map((f) => f.line)).toEqual([2]);
    expect(scanAddedLines([file('a.xml', '<version>', value)])).toEqual([]);
    // Not adjacent in the file (another hunk): no finding.
    expect(
      scanAddedLines([
        {
          path: 'a.xml',
          lines: [
            { line: 1, text: '<apiToken>' },
            { line: 9, text: value },
          ],
        },
      ]),
    ).toEqual([]);
  });
});
