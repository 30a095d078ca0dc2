import type { ClassifyRule } from '../rule.js';
import { buildRules } from './build.js';
import { dependencyRules } from './dependencies.js';
import { genericRules } from './generic.js';
import { infrastructureRules } from './infrastructure.js';
import { networkCatalogueRules } from './network-catalogue.js';
import { performanceRules } from './performance.js';
import { qualityRules } from './quality.js';
import { qualityToolRules } from './quality-tools.js';
import { securityRules } from './security.js';
import { testSummaryRules } from './test-summaries.js';
import { testingRules } from './testing.js';

/** The built-in rule pack, one file per category. */
export const BUILTIN_RULES: readonly ClassifyRule[] = [
  ...securityRules,
  ...qualityRules,
  ...qualityToolRules,
  ...performanceRules,
  ...dependencyRules,
  ...testingRules,
  ...testSummaryRules,
  ...buildRules,
  ...infrastructureRules,
  ...networkCatalogueRules,
  ...genericRules,
];
