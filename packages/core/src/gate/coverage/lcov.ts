import { ConfigurationError } from '../../errors.js';
import { hit, type Coverage, type FileLines } from './types.js';

/**
 * lcov tracefile (geninfo(1) "TRACEFILE FORMAT"): `SF:<path>` opens a record, `DA:<line>,<count>[,<checksum>]`
 * gives a line, `end_of_record` closes it. Other records (FN, BRDA, LF/LH …) are not needed for line coverage.
 */
export function readLcov(text: string, name: string): Coverage {
  const files: FileLines[] = [];
  let current: FileLines | undefined;
  let start = 0;
  let lineNo = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
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
      hit(current.lines, line, count);
    } else if (c0 === 83 /* S */ && text.startsWith('SF:', start)) {
      current = { path: text.slice(start + 3, end).trim(), lines: [] };
      files.push(current);
    } else if (c0 === 101 /* e */ && text.startsWith('end_of_record', start)) {
      current = undefined;
    }
    start = end + 1;
  }
  if (!files.length) throw new ConfigurationError(`${name}: no SF: records; this is not an lcov tracefile with coverage data.`);
  return { format: 'lcov', files };
}
