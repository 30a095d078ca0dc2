import type { ClassifyRule } from '../rule.js';
import { buildRules } from './build.js';
import { dependencyRules } from './dependencies.js';
import { genericRules } from './generic.js';
import { infrastructureRules } from './infrastructure.js';
import { performanceRules } from './performance.js';
import { qualityRules } from './quality.js';
import { securityRules } from './security.js';
import { testingRules } from './testing.js';

/** The built-in rule pack, one file per category. */
export const BUILTIN_RULES: readonly ClassifyRule[] = [
  ...securityRules,
  ...qualityRules,
  ...performanceRules,
  ...dependencyRules,
  ...testingRules,
  ...buildRules,
  ...infrastructureRules,
  ...genericRules,
];
