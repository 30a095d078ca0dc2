/** Shared vocabulary of the scan engine: what a rule is, what a finding is. */

export type ScanCategory = 'credential' | 'phi';
export type ScanSeverity = 'critical' | 'high' | 'medium' | 'low';
export type ScanConfidence = 'high' | 'medium' | 'low';

export const SCAN_SEVERITIES: readonly ScanSeverity[] = ['critical', 'high', 'medium', 'low'];

/** Rank for comparisons: critical = 4 … low = 1. */
export function severityRank(severity: ScanSeverity): number {
  return SCAN_SEVERITIES.length - SCAN_SEVERITIES.indexOf(severity);
}

export function atOrAbove(severity: ScanSeverity, threshold: ScanSeverity): boolean {
  return severityRank(severity) >= severityRank(threshold);
}

/** What a rule sees besides the match: the line, its neighbours (added lines of the same file) and the path. */
export interface MatchContext {
  line: string;
  previous: string;
  next: string;
  path: string;
  /** The identifier the secret was assigned to, when the rule captures one (`key` group). */
  key: string | undefined;
}

export interface RuleExamples {
  /** Each must be reported by this rule. */
  positive: string[];
  /** None may be reported by this rule. */
  negative: string[];
}

/** What line rules and file rules share: who they are, what their findings weigh, and the keywords that gate them. */
export interface RuleIdentity {
  id: string;
  category: ScanCategory;
  severity: ScanSeverity;
  confidence: ScanConfidence;
  description: string;
  keywords?: readonly string[];
}

/**
 * A detection rule, as data. `pattern` is run only on lines containing one of `keywords` (case-insensitive
 * literals in which a digit stands for any digit, so `000-00-0000` is a layout) — or on every line when
 * there are none. The secret is the `secret` named group (else the
 * whole match); the optional `key` group names the identifier it is assigned to.
 */
export interface Rule extends RuleIdentity {
  pattern: RegExp;
  /** Shannon entropy (bits per character) the secret must reach. */
  minEntropy?: number;
  /**
   * Checksum or structure test; false drops the match. 'weak' = the format and checksum hold but nothing
   * around it says what it is (a bare 9- or 10-digit number): reported, as low, only with `weakMatches`.
   */
  validate?: (secret: string, context: MatchContext) => boolean | 'weak';
  /**
   * Words one of which must appear on the line or an adjacent added line (PHI in context). When
   * `contextOptional` is set, a match without context is still reported, one severity/confidence lower.
   */
  context?: RegExp;
  contextOptional?: boolean;
  /**
   * Keywords (as in `keywords`) of which one must occur somewhere in the file's added text, else the
   * rule is skipped for every line of that file. For rules without keywords (context-gated PHI).
   */
  prefilter?: readonly string[];
  /** Test on the previous added line, checked before `pattern` (values split from their key). */
  previousLine?: RegExp;
  /** Look for `keywords` on the previous line instead: the line after a keyword is the one to match. */
  keywordsOnPreviousLine?: boolean;
  /**
   * The secret starts with a public format prefix (`ghp_`, `AKIA`, `xoxb-`) that previews may show to say
   * what leaked. Never for passwords, keyed values or PHI, whose first characters are part of the secret.
   */
  revealPrefix?: boolean;
  /** Skip the placeholder filter (values such as dates or digits that look "sequential" by nature). */
  allowPlaceholderLike?: boolean;
  examples: RuleExamples;
}

export interface Suppression {
  kind: 'pragma' | 'baseline' | 'bypass';
  reason: string;
  /** Who accepted it (bypass: the commenter's login; baseline: the entry's author when recorded). */
  by?: string;
}

export interface Finding {
  ruleId: string;
  category: ScanCategory;
  severity: ScanSeverity;
  confidence: ScanConfidence;
  description: string;
  file: string;
  line: number;
  /** 1-based column of the secret's first character. */
  column: number;
  endColumn: number;
  /** The line around the secret with the secret masked: safe to print. */
  preview: string;
  /** `<ruleId>:<file>:<hash of the secret>`: stable across line moves, used by baselines. */
  fingerprint: string;
  /** True when the path is a test fixture (severity lowered, still reported). */
  fixture?: boolean;
  suppressed?: Suppression;
  /** Something the author should know (e.g. a pragma without a reason was ignored). */
  note?: string;
}

export interface ScanLine {
  line: number;
  text: string;
}

export interface ScanFile {
  path: string;
  lines: ScanLine[];
  /** A binary file's first bytes (its lines are then empty): what file rules recognise a format by. */
  head?: Uint8Array;
}

/** Where a file rule matched, and why (the columns or fields that made a record PHI). */
export interface FileMatch {
  line: number;
  start: number;
  end: number;
  secret: string;
  detail?: string;
  /** Other values on the reported line that the preview must mask (a minified record's fields). */
  masks?: readonly { start: number; end: number }[];
}

export interface FileRuleExample {
  path: string;
  text?: string;
  head?: readonly number[];
}

/**
 * A rule over a whole file rather than one line: a file's name or first bytes (key stores, `.env`
 * files) or its structure (a table's header, a record's fields, HL7 segments). With `keywords` it runs
 * only on files where one occurs (as a rule's `prefilter`); with `path` only on files whose path matches.
 */
export interface FileRule extends RuleIdentity {
  /** Paths it claims even when their extension marks them binary (so they are not skipped). */
  claimsPath?: (path: string) => boolean;
  match: (file: ScanFile) => FileMatch[];
  examples: { positive: FileRuleExample[]; negative: FileRuleExample[] };
}
