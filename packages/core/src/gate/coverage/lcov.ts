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
    if (c0 === 68 /* D */ && text.startsWith('DA:', start)) {
      if (!current) throw new ConfigurationError(`${name}:${lineNo}: lcov DA record before any SF: record; is this a complete lcov tracefile?`);
      const comma = text.indexOf(',', start + 3);
      const line = Number(text.slice(start + 3, comma));
      const after = text.indexOf(',', comma + 1);
      const count = Number(text.slice(comma + 1, after < 0 || after > end ? end : after).trim());
      if (comma < 0 || comma > end || Number.isNaN(line) || Number.isNaN(count))
        throw new ConfigurationError(`${name}:${lineNo}: malformed lcov DA record; expected DA:<line>,<count>.`);
      hit(current.lines, line, count);
    } else if (c0 === 83 /* S */ && text.startsWith('SF:', start)) {
      current = { path: text.slice(start + 3, end).trim(), lines: new Map() };
      files.push(current);
    } else if (c0 === 101 /* e */ && text.startsWith('end_of_record', start)) {
      current = undefined;
    }
    start = end + 1;
  }
  if (!files.length) throw new ConfigurationError(`${name}: no SF: records; this is not an lcov tracefile with coverage data.`);
  return { format: 'lcov', files };
}
