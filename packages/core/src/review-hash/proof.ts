import { createHmac, timingSafeEqual } from 'node:crypto';

/** What Review-Signature signs: repository, Review-Hash and Review-Id, one per line. */
export function signatureMessage(repository: string, reviewHash: string, reviewId: string): string {
  return `${repository}\n${reviewHash}\n${reviewId}`;
}

export function reviewSignature(key: string, repository: string, reviewHash: string, reviewId: string): string {
  return createHmac('sha256', key)
    .update(signatureMessage(repository, reviewHash, reviewId))
    .digest('hex');
}

/** Constant-time comparison, so the check cannot be used as an oracle for the signature byte by byte. */
export function signatureMatches(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given.trim().toLowerCase(), 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** One line of the audit log; values come from a file in the PR, so every field is checked, none trusted. */
export interface AuditEntry {
  review_id?: unknown;
  review_hash?: unknown;
  status?: unknown;
}

export const APPROVING_STATUSES = ['approved'];

const asText = (v: unknown): string => (typeof v === 'string' ? v : v === undefined ? 'nothing' : JSON.stringify(v));

/**
 * Finds the audit-log verdict for a Review-Id: the LAST entry for that id wins (a later "changes_requested"
 * revokes an earlier approval). Returns a problem description, or undefined when the log proves the review.
 */
export function auditLogProblem(text: string, path: string, reviewId: string, reviewHash: string): string | undefined {
  let last: AuditEntry | undefined;
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (!line) continue;
    let entry: unknown;
    try {
      entry = JSON.parse(line);
    } catch {
      return `${path}:${i + 1} is not valid JSON`;
    }
    if (typeof entry === 'object' && entry !== null && (entry as AuditEntry).review_id === reviewId) last = entry;
  }
  if (!last) return `${path} has no entry with review_id ${JSON.stringify(reviewId)}`;
  if (asText(last.review_hash).toLowerCase() !== reviewHash)
    return `${path}: the entry for ${reviewId} records review_hash ${asText(last.review_hash)}, not ${reviewHash}`;
  if (!APPROVING_STATUSES.includes(asText(last.status).toLowerCase()))
    return `${path}: the entry for ${reviewId} has status "${asText(last.status)}", not "approved"`;
  return undefined;
}
