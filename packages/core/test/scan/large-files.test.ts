// Memory stays flat on huge inputs: a 21 MB dump with 600,000 matches took 1.3–2 GB because every
// match became a finding with a preview, and every line's keyword hits were held at once.
import { describe, expect, it } from '@jest/globals';
import { Scanner } from '../../src/scan/engine.js';
import { buildReport } from '../../src/scan/report.js';
import type { ScanFile } from '../../src/scan/types.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
let seed = 7;
const token = () => {
  let t = 'ghp_';
  for (let j = 0; j < 36; j++) t += ALPHABET.charAt((seed = (seed * 1103515245 + 12345) % 2147483648) % 62);
  return t;
};
const file = (texts: string[]): ScanFile => ({ path: 'dump.txt', lines: texts.map((text, i) => ({ line: i + 1, text })) });

describe('findings past the per-file cap', () => {
  it('are counted by severity, block, and are not listed', () => {
    const scanner = new Scanner({ maxFindingsPerFile: 50 });
    const findings = scanner.scan([file(Array.from({ length: 1000 }, token))]);
    expect(findings).toHaveLength(50);
    expect(scanner.unlisted).toEqual([{ file: 'dump.txt', count: 950, bySeverity: { critical: 950 } }]);
    const report = buildReport({
      findings,
      stale: [],
      failOn: 'high',
      source: { mode: 'files' },
      now: new Date(0),
      version: '0',
      filesScanned: 1,
      linesScanned: 1000,
      unlisted: scanner.unlisted,
    });
    expect(report).toMatchObject({
      blocked: true,
      summary: { findings: 1000, blocking: 1000, bySeverity: { critical: 1000 } },
      unlisted: { findings: 950, blocking: 950 },
    });
    expect(report.findings).toHaveLength(50);
  });
});

describe('findings past the per-run cap', () => {
  it('are counted per file once the run has listed its share, whatever each file still has room for', () => {
    const scanner = new Scanner({ maxFindingsPerFile: 5, maxFindings: 8 });
    const named = (path: string): ScanFile => ({ ...file(Array.from({ length: 6 }, token)), path });
    const findings = scanner.scan([named('a.txt'), named('b.txt'), named('c.txt')]);
    expect(findings.map((f) => f.file)).toEqual([...Array(5).fill('a.txt'), ...Array(3).fill('b.txt')]);
    expect(scanner.unlisted).toEqual([
      { file: 'a.txt', count: 1, bySeverity: { critical: 1 } },
      { file: 'b.txt', count: 3, bySeverity: { critical: 3 } },
      { file: 'c.txt', count: 6, bySeverity: { critical: 6 } },
    ]);
  });

  it('holds for file rules too: a table of patient rows lists at most the cap', () => {
    const rows = ['fname,lname,dob,mrn', ...Array.from({ length: 30 }, (_, i) => `Maria,Lopez,1961-04-12,${String(482913 + i).padStart(8, '0')}`)];
    const scanner = new Scanner({ maxFindingsPerFile: 10 });
    const findings = scanner.scan([{ path: 'roster.csv', lines: rows.map((text, i) => ({ line: i + 1, text })) }]);
    expect(findings).toHaveLength(10);
    expect(scanner.unlisted).toEqual([{ file: 'roster.csv', count: 20, bySeverity: { high: 20 } }]);
  });
});

describe('a file longer than one window', () => {
  it('finds what the whole file holds, on the right lines, across window edges', () => {
    const texts = Array.from({ length: 45_000 }, (_, i) => `filler line ${i}`);
    const at = [1, 19_999, 20_000, 20_001, 40_001, 45_000];
    for (const line of at) texts[line - 1] = `token=${token()}`;
    // A tag naming a secret on the last line of one window, its value on the first of the next.
    texts[19_999] = '  <apiToken>';
    texts[20_000] = '    Zx8Qm2Lp9Vr4Tk7Wn3Yh6Jd1Fs5Gb0Nc';
    const lines = new Scanner().scan([file(texts)]).map((f) => [f.line, f.ruleId]);
    expect(lines).toEqual([
      [1, 'github-token'],
      [19_999, 'github-token'],
      [20_001, 'generic-secret-element'],
      [40_001, 'github-token'],
      [45_000, 'github-token'],
    ]);
  });
});
