import type { ClassifyRule } from './rule.js';
import { keywordTrigger, mayMatch } from './rule.js';
import { BUILTIN_RULES } from './rules/index.js';

/**
 * The rules a scan runs: user rules first (they win), then the built-in pack minus what the user
 * disabled or overrode by id. Built-in rules only see lines that contain one of their keywords.
 */
export class RuleSet {
  readonly user: readonly ClassifyRule[];
  readonly builtin: readonly ClassifyRule[];
  private readonly trigger: RegExp;

  constructor(userRules: readonly ClassifyRule[] = [], disabled: readonly string[] = [], builtin: readonly ClassifyRule[] = BUILTIN_RULES) {
    const overridden = new Set([...disabled, ...userRules.map((r) => r.id)]);
    this.user = userRules.map((r) => ({ ...r, user: true }));
    this.builtin = builtin.filter((r) => !overridden.has(r.id));
    this.trigger = keywordTrigger(this.builtin);
  }

  get all(): ClassifyRule[] {
    return [...this.user, ...this.builtin];
  }

  /** Every rule matching the line, user rules first. */
  match(text: string): ClassifyRule[] {
    let hits: ClassifyRule[] | undefined;
    for (const rule of this.user) if (rule.pattern.test(text)) (hits ??= []).push(rule);
    if (this.trigger.test(text)) {
      const lower = text.toLowerCase();
      for (const rule of this.builtin) if (mayMatch(rule, lower) && rule.pattern.test(text)) (hits ??= []).push(rule);
    }
    return hits ?? NONE;
  }
}

const NONE: ClassifyRule[] = [];

let defaultSet: RuleSet | undefined;
export function defaultRuleSet(): RuleSet {
  return (defaultSet ??= new RuleSet());
}
