import type { Rule } from '../types.js';
import { ALL_CREDENTIAL_RULES } from './credentials.js';
import { PHI_RULES } from './phi.js';

/** Every built-in rule, most specific first (overlapping matches keep the earlier rule). */
export const ALL_RULES: readonly Rule[] = [...ALL_CREDENTIAL_RULES, ...PHI_RULES];
export { ALL_CREDENTIAL_RULES, PHI_RULES };
