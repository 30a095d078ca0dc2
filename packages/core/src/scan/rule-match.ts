import { isPlaceholder } from './placeholders.js';
import type { Rule } from './types.js';
import { shannonEntropy } from './validators.js';

/** A line's neighbours (added lines of the same file, or of the same text) and its path. */
export interface LineNeighbours {
  previous: string;
  next: string;
  path: string;
}

export interface RuleMatch {
  start: number;
  end: number;
  secret: string;
  /** `weak`: the format holds but nothing around it says what it is (see `Rule.validate`). */
  weak: boolean;
}

/** A rule's pattern as matching runs it: global, with indices (the secret group's span). */
export function matchPattern(rule: Rule): RegExp {
  return new RegExp(rule.pattern.source, `${rule.pattern.flags.replace(/[gd]/g, '')}gd`);
}

/**
 * The one definition of "this rule recognises a secret here": the rule's pattern (its `secret` or
 * `secret2` group, else the whole match) on one line, gated by its previous-line test, the placeholder
 * filter (unless `placeholders` is `'keep'`), its minimum entropy and its validator. The scan engine and
 * the redactor both read secrets through it, so they cannot drift apart.
 */
export function ruleMatches(rule: Rule, pattern: RegExp, text: string, near: LineNeighbours, placeholders: 'drop' | 'keep' = 'drop'): RuleMatch[] | undefined {
  if (rule.previousLine && !rule.previousLine.test(near.previous)) return undefined;
  let found: RuleMatch[] | undefined;
  pattern.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = pattern.exec(text)) !== null) {
    if (m[0] === '') pattern.lastIndex++;
    const group = m.groups?.secret !== undefined ? 'secret' : m.groups?.secret2 !== undefined ? 'secret2' : undefined;
    const span = group ? m.indices?.groups?.[group] : m.indices?.[0];
    if (!span) continue;
    const secret = text.slice(span[0], span[1]);
    if (placeholders === 'drop' && !rule.allowPlaceholderLike && isPlaceholder(secret)) continue;
    if (rule.minEntropy !== undefined && shannonEntropy(secret) < rule.minEntropy) continue;
    const verdict = rule.validate ? rule.validate(secret, { previous: near.previous, next: near.next, path: near.path, line: text, key: m.groups?.key }) : true;
    if (verdict === false) continue;
    (found ??= []).push({ start: span[0], end: span[1], secret, weak: verdict === 'weak' });
  }
  return found;
}
