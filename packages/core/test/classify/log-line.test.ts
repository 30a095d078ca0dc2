import { describe, expect, it } from '@jest/globals';
import { detectFormat, parseLine, splitLines, stripAnsi, stripProgress } from '../../src/classify/index.js';

describe('log line parsing', () => {
  it('detects raw, gh run view and plain formats (a BOM does not hide the timestamp)', () => {
    expect(detectFormat('\ufeff2024-05-01T10:00:00.1234567Z ##[group]Run npm test')).toBe('raw');
    expect(detectFormat('build\tRun npm test\t2024-05-01T10:00:00.1234567Z > jest')).toBe('gh-run-view');
    expect(detectFormat('$ make test')).toBe('plain');
  });

  it('strips the timestamp and recognises the runner markers', () => {
    expect(parseLine('2024-05-01T10:00:00.1234567Z ##[error]Process completed with exit code 2.', 'raw')).toEqual({
      text: 'Process completed with exit code 2.',
      marker: 'error',
    });
    expect(parseLine('2024-05-01T10:00:00.1Z ##[group]Run make', 'raw')).toEqual({ text: 'Run make', marker: 'group' });
    expect(parseLine('2024-05-01T10:00:00.1Z ##[endgroup]', 'raw').marker).toBe('endgroup');
    expect(parseLine('2024-05-01T10:00:00.1Z ##[warning]deprecated', 'raw')).toEqual({ text: 'deprecated', marker: 'warning' });
    expect(parseLine('2024-05-01T10:00:00.1Z [command]/usr/bin/git fetch', 'raw')).toEqual({ text: '/usr/bin/git fetch', marker: 'command' });
  });

  it('splits gh run view --log columns into job, step and text', () => {
    expect(parseLine('unit (20)\tRun tests\t2024-05-01T10:00:00.1234567Z FAIL src/a.test.ts', 'gh-run-view')).toEqual({
      text: 'FAIL src/a.test.ts',
      marker: undefined,
      job: 'unit (20)',
      step: 'Run tests',
    });
  });

  it('removes ANSI colours, OSC links and \\r progress redraws', () => {
    expect(stripAnsi('\u001b[31;1merror\u001b[0m: \u001b]8;;https://x\u0007link\u001b]8;;\u0007')).toBe('error: link');
    expect(stripProgress('10%\r50%\r100% done')).toBe('100% done');
    expect(stripProgress('line\r')).toBe('line');
    expect(stripProgress('Downloading\r\r')).toBe('Downloading');
    expect(parseLine('2024-05-01T10:00:00.1Z \u001b[36;1m  1%\r 99%\r\u001b[31mError: boom\u001b[0m', 'raw').text).toBe('Error: boom');
  });
});

describe('splitLines', () => {
  it('joins lines split across chunks, multi-byte characters included', async () => {
    const bytes = Buffer.from('first ✓ line\nsecond\nthird');
    const chunks = [bytes.subarray(0, 7), bytes.subarray(7, 8), bytes.subarray(8, 19), bytes.subarray(19)];
    const lines: string[] = [];
    const result = await splitLines(chunks, (l) => lines.push(l));
    expect(lines).toEqual(['first ✓ line', 'second', 'third']);
    expect(result).toEqual({ bytes: bytes.length, truncated: false });
  });

  it('stops at maxBytes and passes overlong lines on in overlapping windows', async () => {
    const lines: [string, boolean][] = [];
    const result = await splitLines(['a'.repeat(20), 'b\nccc\n', 'dddd\n'], (l, c) => lines.push([l, c]), { maxBytes: 27, maxLineLength: 10 });
    expect(result).toEqual({ bytes: 27, truncated: true });
    // Windows of 10 overlapping by 2: the 21-character line in three, the last holding what is left.
    expect(lines).toEqual([
      ['a'.repeat(10), false],
      ['a'.repeat(10), true],
      ['aaaab', true],
      ['ccc', false],
      ['d', false],
    ]);
  });

  it('a long line ending exactly on a window boundary gives no empty extra window; short lines are untouched', async () => {
    const lines: [string, boolean][] = [];
    await splitLines(['x'.repeat(18), '\n\nshort\n'], (l, c) => lines.push([l, c]), { maxLineLength: 10 });
    expect(lines).toEqual([
      ['x'.repeat(10), false],
      ['x'.repeat(10), true],
      ['', false],
      ['short', false],
    ]);
  });
});
