import { placeholderKind } from './placeholders.js';
import { auditLogProblem, reviewSignature, signatureMatches } from './proof.js';
import type { ReviewRecord } from './record.js';
import type { ReviewScope } from './payload.js';

export type FailureReason =
  | 'missing'
  | 'malformed'
  | 'conflicting'
  | 'mismatch'
  | 'placeholder'
  | 'review-id'
  | 'audit-log'
  | 'signature'
  | 'incomplete'
  | 'merge-base'
  | 'not-approved'
  | 'merge-group';
export type ReviewStatus = 'pass' | FailureReason;
export type ReviewIdMode = 'required' | 'optional' | 'off';
/** `review`: an approving GitHub review the author cannot give; `trailer`: the Review-Hash commit trailer. */
export type ReviewProof = 'review' | 'trailer';

export interface ReviewPolicy {
  scope: ReviewScope;
  reviewId: ReviewIdMode;
  /** Regular expression source a Review-Id must match. */
  reviewIdPattern: string;
  /** Path of the JSON-lines audit log at head; undefined disables the check. */
  auditLog?: string | undefined;
  signingKey?: string | undefined;
  /** `owner/repo`, part of the signed message. */
  repository: string;
  /** Proofs required, all of them (default: review). */
  proof?: ReviewProof[];
  /** A Review-Signature is required: without a signing key the check fails closed. */
  requireSignature?: boolean;
}

export interface CheckInput {
  record: ReviewRecord | undefined;
  /** Review-Hash of the code being merged. */
  fingerprint: string;
  policy: ReviewPolicy;
  /** Text of the audit log at head; undefined when the file does not exist there. */
  auditLogText?: string | undefined;
}

export interface CheckResult {
  status: ReviewStatus;
  reviewHash: string;
  reviewedCommit?: string | undefined;
  recordedHash?: string | undefined;
  reviewId?: string | undefined;
  /** One sentence on what exactly is wrong (empty on pass). */
  detail: string;
  /** On mismatch: files whose content differs between the reviewed commit and head. */
  changedSinceReview?: string[];
}

const HEX64 = /^[0-9a-fA-F]{64}$/;

function distinct(values: readonly string[]): string[] {
  return [...new Set(values.map((v) => v.trim()))];
}

/** The decision, in a fixed order: record present, well-formed, equal to head, then the optional proofs. */
export function checkReview(input: CheckInput): CheckResult {
  const { record, fingerprint, policy } = input;
  const base = { reviewHash: fingerprint, reviewedCommit: record?.commit };
  const fail = (status: FailureReason, detail: string, extra: Partial<CheckResult> = {}): CheckResult => ({ ...base, status, detail, ...extra });
  if (!record) return fail('missing', 'no non-merge commit in this pull request carries a Review-Hash trailer');

  const hashes = distinct(record.hashes);
  if (hashes.length > 1) return fail('conflicting', `commit ${record.commit} carries ${hashes.length} different Review-Hash values: ${hashes.join(', ')}`);
  const recorded = hashes[0] ?? '';
  const hashPlaceholder = placeholderKind(recorded);
  if (hashPlaceholder) return fail('placeholder', `the Review-Hash on ${record.commit} is a placeholder (${hashPlaceholder})`, { recordedHash: recorded });
  if (!HEX64.test(recorded))
    return fail('malformed', `the Review-Hash on ${record.commit} is not 64 hex characters: ${JSON.stringify(recorded.slice(0, 80))}`, {
      recordedHash: recorded,
    });
  const recordedHash = recorded.toLowerCase();
  if (recordedHash !== fingerprint)
    return fail('mismatch', `the reviewed code (Review-Hash ${recordedHash} on ${record.commit}) differs from the code being merged (${fingerprint})`, {
      recordedHash,
    });

  const ids = distinct(record.ids);
  if (ids.length > 1) return fail('conflicting', `commit ${record.commit} carries ${ids.length} different Review-Id values`, { recordedHash });
  const reviewId = policy.reviewId === 'off' ? undefined : ids[0];
  const withId = { recordedHash, reviewId };
  if (policy.reviewId === 'required' && reviewId === undefined)
    return fail('review-id', `commit ${record.commit} has no Review-Id trailer, and review-id is required`, withId);
  if (reviewId !== undefined) {
    const idPlaceholder = placeholderKind(reviewId);
    if (idPlaceholder) return fail('placeholder', `the Review-Id on ${record.commit} is a placeholder (${idPlaceholder})`, withId);
    if (!new RegExp(policy.reviewIdPattern).test(reviewId))
      return fail('review-id', `the Review-Id ${JSON.stringify(reviewId)} does not match ${policy.reviewIdPattern}`, withId);
  }

  if (policy.auditLog) {
    if (reviewId === undefined)
      return fail('audit-log', `an audit log is configured (${policy.auditLog}) but commit ${record.commit} has no Review-Id to look up`, withId);
    if (input.auditLogText === undefined) return fail('audit-log', `the audit log ${policy.auditLog} does not exist at head`, withId);
    const problem = auditLogProblem(input.auditLogText, policy.auditLog, reviewId, recordedHash);
    if (problem) return fail('audit-log', problem, withId);
  }

  if (policy.requireSignature && !policy.signingKey)
    return fail('signature', 'require_signature is set but no signing key is available to this run (fork and Dependabot runs get no secrets)', withId);
  if (policy.signingKey) {
    const signatures = distinct(record.signatures);
    if (!signatures.length) return fail('signature', `commit ${record.commit} has no Review-Signature trailer, and a signing key is configured`, withId);
    const expected = reviewSignature(policy.signingKey, policy.repository, recordedHash, reviewId ?? '');
    if (signatures.length > 1 || !signatureMatches(expected, signatures[0] ?? ''))
      return fail('signature', `the Review-Signature on ${record.commit} does not verify for ${policy.repository}`, withId);
  }
  return { ...base, ...withId, status: 'pass', detail: '' };
}

/** Failures found before a record can even be judged (history the check cannot trust). */
export function earlyFailure(status: 'incomplete' | 'merge-base' | 'not-approved' | 'merge-group', reviewHash: string, detail: string): CheckResult {
  return { status, reviewHash, detail };
}
