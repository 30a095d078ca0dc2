import type { JSONSchema } from '../json-schema.js';

/**
 * `review_hash:` in .github/closed-loop.yml. The action reads this file at the merge-base (already on the
 * base branch), so a pull request cannot relax its own check. Action inputs, when set, take precedence.
 */
export const reviewHashSchema: JSONSchema = {
  type: 'object',
  description: 'Settings for the Review-Hash gate (review-hash-validate and `closed-loop review-hash`).',
  additionalProperties: false,
  properties: {
    scope: {
      description:
        'What the hash covers: "changes" (the diff against the merge-base) or "snapshot" (the whole head tree; any base update invalidates the review).',
      enum: ['changes', 'snapshot'],
      default: 'changes',
    },
    review_id: {
      description: 'Whether the review record must carry a Review-Id trailer: required, optional (validated when present) or off.',
      enum: ['required', 'optional', 'off'],
      default: 'optional',
    },
    review_id_pattern: {
      description: 'Regular expression a Review-Id must match. Empty means a UUID, a ULID, or at least 16 hex characters.',
      type: 'string',
      default: '',
    },
    audit_log: {
      description:
        'Path (at head) of a JSON-lines audit log whose last entry for the Review-Id must carry the same review_hash and status "approved". Empty disables the check.',
      type: 'string',
      default: '',
    },
    local_gate: {
      description:
        'What the commit-msg hook does when the staged code has no approved review: "warn" (print, commit anyway), "block" (refuse the commit unless the audit log has an approved record of the staged Review-Hash) or "off".',
      enum: ['warn', 'block', 'off'],
      default: 'warn',
    },
  },
};
