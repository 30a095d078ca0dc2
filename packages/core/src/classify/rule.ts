import type { Category, Severity } from './verdict.js';

/**
 * A classification rule: a line pattern and what it means. The built-in pack lives in rules/ (one file
 * per category); users add or override rules under `classify.rules` in .github/closed-loop.yml.
 */
export interface Rule {
  id: string;
  category: Category;
  subcategory: string;
  /** Tested against each cleaned log line. No lookarounds: the benchmark replays them with grep -E. */
  pattern: RegExp;
  /** How specific a match is, 0–1: 0.9 says exactly what broke, 0.3 only that something did. */
  weight: number;
  /** A plain re-run would likely pass. Only for rules whose lines cannot come from the code under test. */
  transient?: boolean;
  severity?: Severity;
  /** Lines the rule must match and lines it must not; run as tests. */
  examples: { match: string[]; noMatch: string[] };
  /** Set on rules from the config file: they win over built-in rules. */
  user?: boolean;
}

/**
 * Lines worth testing against the rules. A cheap first pass: most log lines are progress output, and
 * only these can match (the rule tests check every positive example passes it).
 */
export const TRIGGER =
  /err|fail|fatal|exception|panic|denied|refused|reset|time[ds]? ?out|not found|unable|cannot|can't|could ?n[o']t|invalid|killed|abort|unexpected|expected|no space|memory|rate limit|too many|unavailable|bad gateway|gateway|vulnerab|leak|secret|problem|warn|✖|✕|✗|✘|not ok|dubious|assert|undefined|unknown|missing|not up[- ]to[- ]date|would reformat|diff --git|lost|shutdown|conflict|requires|required|unsupported|incompatible|violation|illegal|no such|not defined|not in scope|unresolved|offline|hung up|eof|exceeded|\be\d{3}\b|\b[a-z]+\d{3,4}\b|exited with|exit code|exit status|please commit|while (scanning|parsing)|sanitizer|cve-|ghsa-|timed|refus|oom/i;
