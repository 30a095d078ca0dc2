import type { Category, Severity } from './verdict.js';

/**
 * A classification rule: a line pattern and what it means. The built-in pack lives in rules/ (one file
 * per category); users add or override rules under `classify.rules` in .github/closed-loop.yml.
 */
export interface ClassifyRule {
  id: string;
  category: Category;
  subcategory: string;
  /** Tested against each cleaned log line. No lookarounds: the benchmark replays them with grep -E. */
  pattern: RegExp;
  /** How specific a match is, 0–1: 0.9 says exactly what broke, 0.3 only that something did. */
  weight: number;
  /** Lowercase literals, one of which every matching line contains (empty: test every line). */
  keywords: string[];
  /** A plain re-run would likely pass. Only for rules whose lines cannot come from the code under test. */
  transient?: boolean;
  severity?: Severity;
  /**
   * A summary tools also print when nothing failed (npm install's audit count): it decides only when
   * the failing command is that kind of tool, otherwise it stays weak context.
   */
  informational?: boolean;
  /** Lines the rule must match and lines it must not; run as tests. */
  examples: { match: string[]; noMatch: string[] };
  /** Set on rules from the config file: they win over built-in rules. */
  user?: boolean;
}
