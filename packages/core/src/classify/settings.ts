import { ConfigurationError } from '../errors.js';
import { withDefaults, type ConfigSections } from '../config/defaults.js';
import { userPatternProblem } from '../config/user-patterns.js';
import type { ClassifyRule } from './rule.js';
import { RuleSet } from './rule-set.js';
import { CATEGORIES, SEVERITIES } from './verdict.js';

/** `classify:` in .github/closed-loop.yml, after schema defaults are filled in (the type generated from its schema). */
export type ClassifyConfig = ConfigSections['classify'];

/** One of the user's `classify.rules`: flags, subcategory and transient are filled from the schema's defaults. */
export type UserRuleConfig = ClassifyConfig['rules'][number];

/** A rule as written in the file: only what the schema requires; userRules fills the rest. */
export type UserRuleInput = Pick<UserRuleConfig, 'pattern' | 'category'> & Partial<UserRuleConfig>;

/** The `classify:` section with every omitted setting (nested ones included) filled from the schema. */
export function classifyConfigOf(section: unknown): ClassifyConfig {
  return withDefaults('classify', section ?? {});
}

export const CLASSIFY_DEFAULTS: ClassifyConfig = classifyConfigOf(undefined);

/** Turns the user's rules into ClassifyRule objects; a bad pattern names its place in the file. */
export function userRules(config: { rules: readonly UserRuleInput[] }, file = '.github/closed-loop.yml'): ClassifyRule[] {
  return classifyConfigOf({ rules: config.rules }).rules.map((r, i) => {
    const where = `${file}: classify.rules[${i}]`;
    if (!CATEGORIES.includes(r.category)) throw new ConfigurationError(`${where}.category must be one of ${CATEGORIES.join(', ')}.`);
    if (r.severity !== undefined && !SEVERITIES.includes(r.severity))
      throw new ConfigurationError(`${where}.severity must be one of ${SEVERITIES.join(', ')}.`);
    const flags = r.flags.replace(/[gy]/g, ''); // filled from the schema's default, like subcategory and transient
    const problem = userPatternProblem(r.pattern, flags);
    if (problem) throw new ConfigurationError(`${where}.pattern ${problem}.`);
    const pattern = new RegExp(r.pattern, flags);
    return {
      id: r.id ?? `user/${i + 1}`,
      category: r.category,
      subcategory: r.subcategory,
      pattern,
      weight: 0.95,
      keywords: [],
      transient: r.transient,
      ...(r.severity !== undefined ? { severity: r.severity } : {}),
      examples: { match: [], noMatch: [] },
      user: true,
    };
  });
}

/** The rule set for a config section: user rules first, built-ins minus disabled ones. */
export function ruleSetFor(config: Pick<ClassifyConfig, 'rules' | 'disable_rules'>, file?: string): RuleSet {
  return new RuleSet(userRules(config, file), config.disable_rules);
}
