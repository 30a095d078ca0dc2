import { ConfigurationError } from '../errors.js';
import { auditLogProblem, type AuditEntry } from './proof.js';
import { placeholderKind } from './placeholders.js';

export const AUDIT_STATUSES = ['approved', 'changes_requested'] as const;
export type AuditStatus = (typeof AUDIT_STATUSES)[number];

/** One review decision, as `closed-loop review-hash record` writes it. */
export interface AuditRecord {
  reviewId: string;
  reviewHash: string;
  reviewer: string;
  status: AuditStatus;
  /** Epoch milliseconds. */
  time: number;
}

/** GitHub's login rule: alphanumerics and single inner hyphens, at most 39 characters. */
const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;

/** Refuses what the check would later refuse, so a bad entry never reaches the log. */
export function validateAuditRecord(record: AuditRecord, reviewIdPattern: string): void {
  const idKind = placeholderKind(record.reviewId);
  if (idKind) throw new ConfigurationError(`--review-id is a placeholder (${idKind}); pass the id of the actual review.`);
  if (!new RegExp(reviewIdPattern).test(record.reviewId))
    throw new ConfigurationError(`--review-id ${record.reviewId} does not match ${reviewIdPattern} (review_hash.review_id_pattern).`);
  if (!LOGIN.test(record.reviewer)) throw new ConfigurationError(`--reviewer ${JSON.stringify(record.reviewer)} is not a GitHub login.`);
  if (!(AUDIT_STATUSES as readonly string[]).includes(record.status))
    throw new ConfigurationError(`--status must be ${AUDIT_STATUSES.join(' or ')}, got "${record.status}".`);
}

/**
 * The JSON line the check reads (`auditLogProblem`): `review_id`, `review_hash` and `status` are the
 * fields it looks at; `reviewer` and `time` make the log an audit trail.
 */
export function auditEntryLine(record: AuditRecord): string {
  return `${JSON.stringify({
    review_id: record.reviewId,
    review_hash: record.reviewHash,
    reviewer: record.reviewer,
    status: record.status,
    time: new Date(record.time).toISOString(),
  })}\n`;
}

/** Appends a line, adding the newline a hand-edited log may lack at its end. */
export function appendAuditLine(existing: string, line: string): string {
  return existing === '' || existing.endsWith('\n') ? existing + line : `${existing}\n${line}`;
}

/**
 * Whether some Review-Id in the log approves exactly `reviewHash`, judged as the check judges it (the last
 * entry of an id wins). Lines that are not JSON are left to the check to report.
 */
export function approvedInLog(text: string, path: string, reviewHash: string): boolean {
  const entries = text.split('\n').flatMap((line): { line: string; entry: AuditEntry }[] => {
    try {
      const entry: unknown = JSON.parse(line);
      return typeof entry === 'object' && entry !== null ? [{ line, entry }] : [];
    } catch {
      return [];
    }
  });
  const parsable = entries.map((e) => e.line).join('\n');
  const ids = new Set(entries.filter((e) => String(e.entry.review_hash).toLowerCase() === reviewHash).map((e) => e.entry.review_id));
  return [...ids].some((id) => typeof id === 'string' && auditLogProblem(parsable, path, id, reviewHash) === undefined);
}
