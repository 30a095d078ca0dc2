import type { DiffFile } from '../../scan/diff.js';
import { PathMapper } from './paths.js';
import type { Coverage } from './types.js';

export interface Ratio {
  covered: number;
  total: number;
  /** Percentage, 0–100, with two decimals; undefined when there is nothing to measure. */
  percent: number | undefined;
}

export interface UncoveredFile {
  path: string;
  lines: number[];
}

export interface CoverageSettings {
  /** Minimum patch coverage in percent. */
  minPatch: number;
  /** Minimum total coverage in percent (0: none). */
  minTotal: number;
  /** Largest allowed drop of total coverage against the base report, in percentage points. */
  maxDrop: number;
}

export interface CoverageResult {
  format: Coverage['format'];
  total: Ratio;
  /** Undefined when no diff was given or the format has no per-line data. */
  patch: Ratio | undefined;
  base: Ratio | undefined;
  /** Changed files with added executable lines that did not run. */
  uncovered: UncoveredFile[];
  /** Changed files the report does not mention (not loaded by the tests, or excluded from coverage). */
  unreported: string[];
  failures: string[];
  notes: string[];
  passed: boolean;
}

function ratio(covered: number, total: number): Ratio {
  return { covered, total, percent: total ? Math.round((covered / total) * 10_000) / 100 : undefined };
}

export function totalOf(coverage: Coverage): Ratio {
  if (coverage.totals) return ratio(coverage.totals.covered, coverage.totals.total);
  let covered = 0;
  let total = 0;
  for (const f of coverage.files) {
    f.lines.forEach((count) => {
      total++;
      if (count > 0) covered++;
    }); // forEach skips the holes (lines that are not executable)
  }
  return ratio(covered, total);
}

const SOURCE = /\.(?:[cm]?[jt]sx?|py|go|java|kt|kts|scala|groovy|cs|fs|vb|rb|php|rs|c|cc|cpp|cxx|h|hh|hpp|swift|m|mm|dart|ex|exs|erl|clj|lua|pl|r|jl|vue|svelte)$/i;

/** Total and patch coverage of a report against the lines a change adds, judged by the settings. */
export function evaluateCoverage(
  coverage: Coverage,
  settings: CoverageSettings,
  options: { diff?: readonly DiffFile[]; base?: Coverage } = {},
): CoverageResult {
  const total = totalOf(coverage);
  const failures: string[] = [];
  const notes: string[] = [];
  const uncovered: UncoveredFile[] = [];
  const unreported: string[] = [];
  let patch: Ratio | undefined;
  if (options.diff) {
    if (coverage.totals && !coverage.files.length) notes.push(`${coverage.format} has totals only; give lcov, Cobertura, Clover, JaCoCo, coverage-final.json or a Go profile for patch coverage.`);
    else {
      const changed = options.diff.filter((f) => !f.deleted && !f.binary && f.lines.length);
      const mapper = new PathMapper(
        changed.map((f) => f.path),
        coverage.sourceRoots,
      );
      const byRepoPath = new Map<string, number[]>();
      for (const f of coverage.files) {
        const repoPath = mapper.map(f.path);
        if (repoPath) byRepoPath.set(repoPath, f.lines);
      }
      let covered = 0;
      let count = 0;
      for (const f of changed) {
        const lines = byRepoPath.get(f.path);
        if (!lines) {
          if (SOURCE.test(f.path)) unreported.push(f.path);
          continue;
        }
        const missed: number[] = [];
        for (const { line } of f.lines) {
          const hits = lines[line];
          if (hits === undefined) continue; // not executable (comment, blank, declaration)
          count++;
          if (hits > 0) covered++;
          else missed.push(line);
        }
        if (missed.length) uncovered.push({ path: f.path, lines: missed });
      }
      patch = ratio(covered, count);
      if (patch.percent !== undefined && patch.percent < settings.minPatch)
        failures.push(`patch coverage ${patch.percent}% is below ${settings.minPatch}% (${covered} of ${count} added executable lines ran).`);
      if (unreported.length) notes.push(`${unreported.length} changed source file(s) are not in the report: ${unreported.slice(0, 5).join(', ')}${unreported.length > 5 ? ', …' : ''}.`);
    }
  }
  if (total.percent !== undefined && settings.minTotal > 0 && total.percent < settings.minTotal)
    failures.push(`total coverage ${total.percent}% is below ${settings.minTotal}%.`);
  const base = options.base ? totalOf(options.base) : undefined;
  if (base?.percent !== undefined && total.percent !== undefined && base.percent - total.percent > settings.maxDrop)
    failures.push(`total coverage dropped ${(base.percent - total.percent).toFixed(2)} points (${base.percent}% → ${total.percent}%), more than ${settings.maxDrop}.`);
  if (total.percent === undefined) notes.push('the report has no executable lines.');
  return { format: coverage.format, total, patch, base, uncovered, unreported, failures, notes, passed: failures.length === 0 };
}
