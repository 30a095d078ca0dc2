import { userPatternProblem } from '../config/user-patterns.js';
import { withDefaults, type ConfigSections } from '../config/defaults.js';
import { ConfigurationError } from '../errors.js';
import type { ReviewIdMode, ReviewPolicy } from './check.js';
import type { ReviewScope } from './payload.js';
import { DEFAULT_REVIEW_ID_PATTERN } from './placeholders.js';

/** The `review_hash:` config section after defaults are filled (the type generated from its schema). */
export type ReviewHashSection = ConfigSections['review_hash'];

/** What the commit-msg hook does with unreviewed staged code. */
export type LocalGate = ReviewHashSection['local_gate'];

/**
 * Settings given on the command line or as action inputs. They can only tighten what the config file at
 * the merge-base says (the caller workflow is part of the PR, so an input is PR-controlled): a stricter
 * review_id, an audit log or a pattern where the file sets none; never a weaker value.
 */
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
  const s = withDefaults('review_hash', section ?? {});
  const reviewIdPattern = s.review_id_pattern || overrides.reviewIdPattern || DEFAULT_REVIEW_ID_PATTERN;
  const problem = userPatternProblem(reviewIdPattern);
  if (problem) throw new ConfigurationError(`${source} ${problem}; fix the pattern or leave it empty for the default.`);
  // snapshot (the whole tree) is the stricter scope: an input may ask for it, never relax it to changes.
  const scope = overrides.scope === 'snapshot' ? 'snapshot' : s.scope;
  const auditLog = s.audit_log || overrides.auditLog || undefined;
  if (scope === 'snapshot' && auditLog)
    throw new ConfigurationError('audit-log cannot be combined with scope snapshot (the log records the hash of a tree that contains it); use scope changes.');
  return {
    scope,
    reviewId: stricter(s.review_id, overrides.reviewId),
    reviewIdPattern,
    auditLog,
    signingKey: overrides.signingKey || undefined,
    repository,
    proof: [...new Set(s.proof)],
    requireSignature: s.require_signature,
  };
}

/**
 * A policy from a config file an input named (`config-path`), bounded below by the repository's own config
 * (`floor`, read at the same merge-base): the input names a file, and a PR can edit its caller workflow,
 * so that file may add proofs, require a signature or a Review-Id, but never relax what the floor says.
 */
export function boundedBy(floor: ReviewPolicy, chosen: ReviewPolicy): ReviewPolicy {
  const auditLog = floor.auditLog ?? (floor.scope === 'snapshot' ? undefined : chosen.auditLog);
  return {
    ...floor,
    scope: floor.scope === 'snapshot' || (chosen.scope === 'snapshot' && !auditLog) ? 'snapshot' : 'changes',
    reviewId: stricter(floor.reviewId, chosen.reviewId),
    reviewIdPattern: floor.reviewIdPattern !== DEFAULT_REVIEW_ID_PATTERN ? floor.reviewIdPattern : chosen.reviewIdPattern,
    auditLog,
    proof: [...new Set([...(floor.proof ?? ['review']), ...(chosen.proof ?? ['review'])])],
    requireSignature: floor.requireSignature === true || chosen.requireSignature === true,
  };
}

const ID_STRICTNESS: readonly ReviewIdMode[] = ['off', 'optional', 'required'];

/** The stricter of the file's review_id and the input's: an input cannot turn the check off. */
function stricter(configured: ReviewIdMode, given: ReviewIdMode | undefined): ReviewIdMode {
  if (!given) return configured;
  return ID_STRICTNESS.indexOf(given) > ID_STRICTNESS.indexOf(configured) ? given : configured;
}
