import { ConfigurationError } from '../errors.js';
import type { ReviewIdMode, ReviewPolicy } from './check.js';
import type { ReviewScope } from './payload.js';
import { DEFAULT_REVIEW_ID_PATTERN } from './placeholders.js';

/** The `review_hash:` config section after defaults are filled. */
export interface ReviewHashSection {
  scope: ReviewScope;
  review_id: ReviewIdMode;
  review_id_pattern: string;
  audit_log: string;
  local_gate: LocalGate;
}

/** What the commit-msg hook does with unreviewed staged code. */
export type LocalGate = 'warn' | 'block' | 'off';

/** Settings given on the command line or as action inputs; unset ones fall back to the config file. */
export interface PolicyOverrides {
  scope?: ReviewScope | undefined;
  reviewId?: ReviewIdMode | undefined;
  reviewIdPattern?: string | undefined;
  auditLog?: string | undefined;
  signingKey?: string | undefined;
}

export function resolvePolicy(
  section: Partial<ReviewHashSection> | undefined,
  overrides: PolicyOverrides,
  repository: string,
  source = 'review-id-pattern',
): ReviewPolicy {
  const reviewIdPattern = overrides.reviewIdPattern || section?.review_id_pattern || DEFAULT_REVIEW_ID_PATTERN;
  try {
    new RegExp(reviewIdPattern);
  } catch (error) {
    throw new ConfigurationError(
      `${source} is not a valid regular expression (${(error as Error).message}); fix the pattern or leave it empty for the default.`,
    );
  }
  const scope = overrides.scope ?? section?.scope ?? 'changes';
  const auditLog = overrides.auditLog || section?.audit_log || undefined;
  if (scope === 'snapshot' && auditLog)
    throw new ConfigurationError('audit-log cannot be combined with scope snapshot (the log records the hash of a tree that contains it); use scope changes.');
  return {
    scope,
    reviewId: overrides.reviewId ?? section?.review_id ?? 'optional',
    reviewIdPattern,
    auditLog,
    signingKey: overrides.signingKey || undefined,
    repository,
  };
}
