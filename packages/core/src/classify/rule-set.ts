import { KeywordIndex } from './keyword-index.js';
import type { ClassifyRule } from './rule.js';
import { BUILTIN_RULES } from './rules/index.js';

/**
 * The rules a scan runs: user rules first (they win), then the built-in pack minus what the user
 * disabled or overrode by id. A built-in rule is only tried on lines holding one of its keywords.
 */
export class RuleSet {
  readonly user: readonly ClassifyRule[];
  readonly builtin: readonly ClassifyRule[];
  private readonly index: KeywordIndex;

  constructor(userRules: readonly ClassifyRule[] = [], disabled: readonly string[] = [], builtin: readonly ClassifyRule[] = BUILTIN_RULES) {
    const overridden = new Set([...disabled, ...userRules.map((r) => r.id)]);
    this.user = userRules.map((r) => ({ ...r, user: true }));
    this.builtin = builtin.filter((r) => !overridden.has(r.id));
    this.index = new KeywordIndex(this.builtin.map((r) => r.keywords));
  }

  get all(): ClassifyRule[] {
    return [...this.user, ...this.builtin];
  }

  /** Every rule matching the line, user rules first. */
  match(text: string): ClassifyRule[] {
    let hits: ClassifyRule[] | undefined;
    for (const rule of this.user) if (rule.pattern.test(text)) (hits ??= []).push(rule);
    for (const i of this.index.candidates(text.toLowerCase())) {
      const rule = this.builtin[i] as ClassifyRule;
      if (rule.pattern.test(text)) (hits ??= []).push(rule);
    }
    return hits ?? NONE;
  }
}

const NONE: ClassifyRule[] = [];

let defaultSet: RuleSet | undefined;
export function defaultRuleSet(): RuleSet {
  return (defaultSet ??= new RuleSet());
}
