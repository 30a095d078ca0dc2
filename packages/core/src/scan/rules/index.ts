import type { FileRule, Rule } from '../types.js';
import { CREDENTIAL_RULES, KEYED_RULES, NUGET_PASSWORD } from './credentials.js';
import { genericAssignment, genericElementValue } from './generic.js';
import { hardcodedCredential, hardcodedCredentialComparison } from './hardcoded.js';
import { dotenvFile, keyStoreFile, kubernetesSecret } from './files.js';
import { PHI_RULES } from './phi.js';
import { PROVIDER_RULES } from './providers.js';
import { structuredPhi } from './structured-phi.js';

/**
 * The token formats: provider and keyed credential rules, each recognising one kind of secret by its
 * shape or its provider's name. The one list both secret-scan and the redactor read.
 */
export const TOKEN_FORMAT_RULES: readonly Rule[] = [...CREDENTIAL_RULES, ...PROVIDER_RULES, ...KEYED_RULES, NUGET_PASSWORD];

/** Every credential rule, provider formats first, then keyed ones, then the catch-alls (overlaps keep the earlier). */
export const ALL_CREDENTIAL_RULES: readonly Rule[] = [
  ...TOKEN_FORMAT_RULES,
  genericAssignment,
  genericElementValue,
  hardcodedCredential,
  hardcodedCredentialComparison,
];

/** Every built-in rule, most specific first (overlapping matches keep the earlier rule). */
export const ALL_RULES: readonly Rule[] = [...ALL_CREDENTIAL_RULES, ...PHI_RULES];
export { PHI_RULES };

/** Rules over whole files: by name or first bytes, or by structure (tables, records, HL7). */
export const FILE_RULES: readonly FileRule[] = [keyStoreFile, dotenvFile, kubernetesSecret, structuredPhi];
