/** The coverage formats we read; the name appears in errors and reports. */
export type CoverageFormat = 'lcov' | 'cobertura' | 'clover' | 'jacoco' | 'istanbul-final' | 'istanbul-summary' | 'go-cover';

/** Line hits of one source file as the report names it (mapped to a repository path later). */
export interface FileLines {
  path: string;
  /**
   * Execution count by line number (index); holes are lines the tool does not count as executable.
   * A sparse array, not a Map: a 50 MB report holds millions of lines, and arrays are ~3× faster to fill.
   */
  lines: number[];
}

export interface Coverage {
  format: CoverageFormat;
  files: FileLines[];
  /** Totals a summary-only report gives (istanbul coverage-summary.json has no per-line data). */
  totals?: { covered: number; total: number };
  /** Folder the tool says paths are relative to (Cobertura `<source>`), when given. */
  sourceRoots?: string[];
}

/** Keeps the larger count when a line appears twice (several blocks or classes on one line). */
export function hit(lines: number[], line: number, count: number): void {
  if (!Number.isInteger(line) || line < 1) return;
  const before = lines[line];
  if (before === undefined || count > before) lines[line] = count;
}
