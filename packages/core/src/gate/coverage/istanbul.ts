import { ConfigurationError } from '../../errors.js';
import { hit, type Coverage, type FileLines } from './types.js';

interface FileCoverageData {
  path?: string;
  statementMap?: Record<string, { start?: { line?: number } }>;
  s?: Record<string, number>;
}

/** Istanbul coverage-final.json: per file, statements with start lines and hit counts (line hits as istanbul-lib-coverage derives them). */
export function readIstanbulFinal(data: Record<string, FileCoverageData>, name: string): Coverage {
  const files: FileLines[] = [];
  for (const [key, fc] of Object.entries(data)) {
    if (!fc.statementMap || !fc.s) throw new ConfigurationError(`${name}: entry "${key}" has no statementMap/s; not an istanbul coverage-final.json.`);
    const file: FileLines = { path: fc.path ?? key, lines: [] };
    for (const [id, loc] of Object.entries(fc.statementMap)) hit(file.lines, loc.start?.line ?? 0, fc.s[id] ?? 0);
    files.push(file);
  }
  return { format: 'istanbul-final', files };
}

interface Summary {
  lines?: { total?: number; covered?: number };
}

/** Istanbul coverage-summary.json (json-summary reporter): totals only, so patch coverage needs another format. */
export function readIstanbulSummary(data: Record<string, Summary>, name: string): Coverage {
  const total = data.total?.lines;
  if (typeof total?.total !== 'number' || typeof total.covered !== 'number')
    throw new ConfigurationError(`${name}: no total.lines.{total,covered}; not an istanbul coverage-summary.json.`);
  return { format: 'istanbul-summary', files: [], totals: { covered: total.covered, total: total.total } };
}
