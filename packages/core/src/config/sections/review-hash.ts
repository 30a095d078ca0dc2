import type { JSONSchema } from '../json-schema.js';

/**
 * `review_hash:` in .github/closed-loop.yml. The action reads this file at the merge-base (already on the
 * base branch), so a pull request cannot relax its own check. Action inputs can only tighten it.
 */
export const reviewHashSchema: JSONSchema = {
  type: 'object',
  description: 'Settings for the Review-Hash gate (review-hash-validate and `closed-loop review-hash`).',
  additionalProperties: false,
  properties: {
    proof: {
      description:
        'Proofs of review the gate requires, all of them: "review" (an APPROVED GitHub review, by a writer who is not the author and wrote none of the commits, on a commit with the same Review-Hash) and/or "trailer" (the Review-Hash trailer, with review_id, audit_log and signature checks).',
      type: 'array',
      items: { enum: ['review', 'trailer'] },
      minItems: 1,
      default: ['review'],
    },
    require_signature: {
      description: 'Require a Review-Signature trailer verified with the signing-key secret; fails closed ("signature") when no key is available (fork runs).',
      type: 'boolean',
      default: false,
    },
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
