import { ConfigurationError } from '../errors.js';
import { withDefaults } from '../config/defaults.js';
import { classifySchema } from '../config/sections/classify.js';
import { userPatternProblem } from '../config/user-patterns.js';
import type { ClassifyRule } from './rule.js';
import { RuleSet } from './rule-set.js';
import type { FailureRateTiers } from './rate-tiers.js';
import { CATEGORIES, SEVERITIES, type Category, type Severity } from './verdict.js';

/** `classify:` in .github/closed-loop.yml, after schema defaults are filled in. */
export interface ClassifyConfig {
  confidence_threshold: number;
  history_window_hours: number;
  max_log_bytes: number;
  disable_rules: string[];
  rules: UserRuleConfig[];
  failure_rate: FailureRateTiers;
}

export interface UserRuleConfig {
  id?: string;
  pattern: string;
  /** Regular-expression flags (the schema's default fills it when omitted). */
  flags?: string;
  category: Category;
  subcategory?: string;
  transient?: boolean;
  severity?: Severity;
}

/** The `classify:` section with every omitted setting (nested ones included) filled from the schema. */
export function classifyConfigOf(section: unknown): ClassifyConfig {
  return withDefaults(classifySchema, section ?? {});
}

export const CLASSIFY_DEFAULTS: ClassifyConfig = classifyConfigOf(undefined);

/** Turns the user's rules into ClassifyRule objects; a bad pattern names its place in the file. */
export function userRules(config: Pick<ClassifyConfig, 'rules'>, file = '.github/closed-loop.yml'): ClassifyRule[] {
  return classifyConfigOf({ rules: config.rules }).rules.map((r, i) => {
    const where = `${file}: classify.rules[${i}]`;
    if (!CATEGORIES.includes(r.category)) throw new ConfigurationError(`${where}.category must be one of ${CATEGORIES.join(', ')}.`);
    if (r.severity !== undefined && !SEVERITIES.includes(r.severity))
      throw new ConfigurationError(`${where}.severity must be one of ${SEVERITIES.join(', ')}.`);
    const flags = (r.flags ?? '').replace(/[gy]/g, ''); // filled from the schema's default
    const problem = userPatternProblem(r.pattern, flags);
    if (problem) throw new ConfigurationError(`${where}.pattern ${problem}.`);
    const pattern = new RegExp(r.pattern, flags);
    return {
      id: r.id ?? `user/${i + 1}`,
      category: r.category,
      subcategory: r.subcategory ?? '',
      pattern,
      weight: 0.95,
      keywords: [],
      ...(r.transient !== undefined ? { transient: r.transient } : {}),
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
