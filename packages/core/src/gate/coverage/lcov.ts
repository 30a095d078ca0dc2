import { ConfigurationError } from '../../errors.js';
import type { Coverage, FileLines } from './types.js';

/**
 * lcov tracefile (geninfo(1) "TRACEFILE FORMAT"): `SF:<path>` opens a record, `DA:<line>,<count>[,<checksum>]`
 * gives a line, `end_of_record` closes it. Other records (FN, BRDA, LF/LH …) are not needed for line coverage.
 */
export function readLcov(text: string, name: string): Coverage {
  const files: FileLines[] = [];
  let current: FileLines | undefined;
  let lines: number[] = [];
  let top = 0; // the highest line given a count in the current record
  let start = 0;
  let lineNo = 0;
  const length = text.length;
  while (start <= length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = length;
    lineNo++;
    // Line-by-line with indexOf, not split(): a 50 MB report must not become a million-string array.
    const c0 = text.charCodeAt(start);
    if (c0 === 68 /* D */ && text.charCodeAt(start + 1) === 65 && text.charCodeAt(start + 2) === 58) {
      if (!current) throw new ConfigurationError(`${name}:${lineNo}: lcov DA record before any SF: record; is this a complete lcov tracefile?`);
      // DA:<line>,<count>[,<checksum>], digits read in place: no substrings for millions of records.
      let i = start + 3;
      let line = 0;
      let digits = 0;
      for (let c = text.charCodeAt(i); c >= 48 && c <= 57; c = text.charCodeAt(++i), digits++) line = line * 10 + c - 48;
      let count = 0;
      let countDigits = 0;
      if (text.charCodeAt(i) === 44 /* , */) {
        const negative = text.charCodeAt(i + 1) === 45; // some gcov versions write -1 for unexecutable lines
        if (negative) i++;
        for (let c = text.charCodeAt(++i); c >= 48 && c <= 57; c = text.charCodeAt(++i), countDigits++) count = count * 10 + c - 48;
        if (text.charCodeAt(i) === 46 /* . */) {
          const comma = text.indexOf(',', i);
          count = Number(text.slice(i - countDigits, comma < 0 || comma > end ? end : comma)); // fractional counts (llvm-cov export)
        }
        if (negative) count = 0;
      }
      if (!digits || !countDigits) throw new ConfigurationError(`${name}:${lineNo}: malformed lcov DA record; expected DA:<line>,<count>.`);
      // The larger count wins when a line appears twice (as hit() does), inlined for millions of records;
      // reading past the end of an array is slow in V8, so an index beyond it is simply written.
      if (line >= 1) {
        if (line >= lines.length) lines[line] = count;
        else {
          const before = lines[line];
          if (before === undefined || count > before) lines[line] = count;
        }
        if (line > top) top = line;
      }
    } else if (c0 === 83 /* S */ && text.startsWith('SF:', start)) {
      if (current) trim(current, top);
      lines = presized(text, start);
      top = 0;
      current = { path: text.slice(start + 3, end).trim(), lines };
      files.push(current);
    } else if (c0 === 101 /* e */ && text.startsWith('end_of_record', start)) {
      if (current) trim(current, top);
      current = undefined;
    }
    start = end + 1;
  }
  if (current) trim(current, top);
  if (!files.length) throw new ConfigurationError(`${name}: no SF: records; this is not an lcov tracefile with coverage data.`);
  return { format: 'lcov', files };
}

/** Fast elements stop around here; a sparse array this long is better grown than allocated. */
const MAX_PRESIZE = 50_000;

/**
 * An array already as long as the record's last DA line: filling 5 million lines of a 50 MB report one
 * by one spends most of its time growing arrays (and collecting the copies). The record's last DA line
 * is nearly always its highest; `trim` cuts the length back to the highest line actually read.
 */
function presized(text: string, start: number): number[] {
  const close = text.indexOf('\nend_of_record', start);
  const last = text.lastIndexOf('\nDA:', close < 0 ? text.length : close);
  if (last < start) return [];
  let n = 0;
  for (let i = last + 4, c = text.charCodeAt(i); c >= 48 && c <= 57; c = text.charCodeAt(++i)) n = n * 10 + c - 48;
  return n > 0 && n < MAX_PRESIZE ? new Array<number>(n + 1) : [];
}

/** The same array as growing it would give: as long as its highest line + 1 (empty with no line). */
function trim(file: FileLines, top: number): void {
  if (file.lines.length > top + 1 || (top === 0 && file.lines.length)) file.lines.length = top ? top + 1 : 0;
}
