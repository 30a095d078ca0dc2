import { createHmac, timingSafeEqual } from 'node:crypto';

/** What Review-Signature signs: repository, Review-Hash and Review-Id, one per line. */
export function signatureMessage(repository: string, reviewHash: string, reviewId: string): string {
  return `${repository}\n${reviewHash}\n${reviewId}`;
}

export function reviewSignature(key: string, repository: string, reviewHash: string, reviewId: string): string {
  return createHmac('sha256', key).update(signatureMessage(repository, reviewHash, reviewId)).digest('hex');
}

/** Constant-time comparison, so the check cannot be used as an oracle for the signature byte by byte. */
export function signatureMatches(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given.trim().toLowerCase(), 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface AuditEntry {
  review_id: string;
  review_hash: string;
  status: string;
}

export const APPROVING_STATUSES = ['approved'];

/**
 * Finds the audit-log verdict for a Review-Id: the LAST entry for that id wins (a later "changes_requested"
 * revokes an earlier approval). Returns a problem description, or undefined when the log proves the review.
 */
export function auditLogProblem(text: string, path: string, reviewId: string, reviewHash: string): string | undefined {
  let last: AuditEntry | undefined;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    let entry: unknown;
    try {
      entry = JSON.parse(line);
    } catch {
      return `${path}:${i + 1} is not valid JSON`;
    }
    const e = entry as Partial<AuditEntry> | null;
    if (e && typeof e === 'object' && e.review_id === reviewId) last = e as AuditEntry;
  }
  if (!last) return `${path} has no entry with review_id ${JSON.stringify(reviewId)}`;
  if (String(last.review_hash).toLowerCase() !== reviewHash) return `${path}: the entry for ${reviewId} records review_hash ${String(last.review_hash)}, not ${reviewHash}`;
  if (!APPROVING_STATUSES.includes(String(last.status).toLowerCase())) return `${path}: the entry for ${reviewId} has status ${JSON.stringify(last.status)}, not "approved"`;
  return undefined;
}
