import { KeywordIndex } from '../scan/keyword-index.js';
import { matchPattern, ruleMatches } from '../scan/rule-match.js';
import { TOKEN_FORMAT_RULES } from '../scan/rules/index.js';
import type { Rule } from '../scan/types.js';

/**
 * What the redactor removes by shape, nobody having told it the value. The scan's token-format rules
 * (`TOKEN_FORMAT_RULES`: every provider and keyed credential rule) are the one list of token formats: the
 * redactor reads text through the same patterns, previous-line tests, entropy floors and validators
 * (`ruleMatches`), so notify removes exactly the tokens secret-scan recognises.
 *
 * Where it deliberately differs, and why:
 * - Scan's placeholder filter is not applied: scan drops `AKIAIOSFODNN7EXAMPLE`-like values so as not to
 *   block a pull request on documentation; removing such a value from a log costs nothing.
 * - The catch-all rules (any high-entropy value assigned to a name like `token`/`secret`, hard-coded
 *   credential comparisons) are not applied: they read source syntax, and over logs and our own reports
 *   they would remove ordinary values — a finding's fingerprint `github-token:keys.env:3f9a…` reads as
 *   `token: <value>` — and with them the fingerprint a maintainer copies into a bypass.
 * - PHI rules are not applied: they need a file's context (columns, neighbouring labels) to tell a
 *   patient identifier from a build number or timestamp, and run over source, not logs.
 * - {@link BLOCK_PATTERNS}: a PEM private key's whole block (header, base64 body, footer), which spans lines;
 *   the scan rule recognises its header line, which is all a pre-commit check needs.
 */
export interface RedactionRule {
  rule: Rule;
  pattern: RegExp;
}

export const REDACTION_RULES: readonly RedactionRule[] = TOKEN_FORMAT_RULES.map((rule) => ({
  rule,
  pattern: matchPattern(rule),
}));

/** Multi-line secrets the line-by-line rules cannot remove whole. */
export const BLOCK_PATTERNS: readonly { id: string; pattern: RegExp }[] = [
  { id: 'private-key-block', pattern: /-----BEGIN[A-Z0-9 _-]*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END[A-Z0-9 _-]*PRIVATE KEY(?: BLOCK)?-----|$)/g },
];

/**
 * Every rule's keywords in one index (as the scan engine reads them): one pass over a line and the line
 * before it says which rules may match, where testing each rule's keywords took a regular expression per
 * rule per line — what a scan finding's preview spent most of its time on.
 */
let keywordIndex: KeywordIndex<number> | undefined;
/** Built on first use: every process that imports the redactor would otherwise pay for it at start. */
function keywords(): KeywordIndex<number> {
  return (keywordIndex ??= new KeywordIndex<number>(REDACTION_RULES.flatMap(({ rule }, i) => (rule.keywords ?? []).map((k): [string, number] => [k, i]))));
}

/** Spans `[start, end)` of `line` that a credential rule recognises as a secret. */
export function secretSpans(line: string, previous: string, next: string, placeholders: 'drop' | 'keep'): [number, number][] {
  const spans: [number, number][] = [];
  const [above, here] = keywords().findPerLine(`${previous}\n${line}`, [previous.length, previous.length + 1 + line.length]);
  for (let i = 0; i < REDACTION_RULES.length; i++) {
    const { rule, pattern } = REDACTION_RULES[i] as RedactionRule;
    // The keyword only gates the rule's own pattern, as in the scan engine (one reading of keywords): a
    // spurious hit from a character beyond Latin-1 runs the pattern, which still has to match.
    if (rule.keywords?.length && !(rule.keywordsOnPreviousLine === true ? above : here)?.includes(i)) continue;
    for (const m of ruleMatches(rule, pattern, line, { previous, next, path: '' }, placeholders) ?? []) spans.push([m.start, m.end]);
  }
  return spans;
}
