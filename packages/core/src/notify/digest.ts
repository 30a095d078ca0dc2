import { ConfigurationError } from '../errors.js';
import type { Severity } from '../classify/verdict.js';
import type { RedactFn } from '../redact/index.js';
import { table, raw } from '../render/markdown.js';
import { link, plain, safeUrl } from './parts.js';
import type { ChatMessage } from './chat.js';

/** How often a severity's failures are gathered into one digest; `off` leaves them on their per-run channels only. */
export type DigestCadence = 'hourly' | 'daily' | 'off';

/** `notify.digests`: medium failures hourly and low ones daily by default, posted as one comment (and chat) per period. */
export interface DigestPolicy {
  cadence: Record<'medium' | 'low', DigestCadence>;
  /** Besides the comment on the digest issue (always: it is the record), one chat message per digest. */
  chat: boolean;
}

export const DEFAULT_DIGEST_POLICY: DigestPolicy = { cadence: { medium: 'hourly', low: 'daily' }, chat: false };

export function digestPolicy(section: unknown): DigestPolicy {
  const d = ((section ?? {}) as { digests?: { medium?: DigestCadence; low?: DigestCadence; chat?: boolean } }).digests ?? {};
  return {
    cadence: { medium: d.medium ?? DEFAULT_DIGEST_POLICY.cadence.medium, low: d.low ?? DEFAULT_DIGEST_POLICY.cadence.low },
    chat: d.chat ?? DEFAULT_DIGEST_POLICY.chat,
  };
}

export interface DigestPeriod {
  start: number;
  end: number;
  /** Stable name of the period, the digest's idempotency key: `2026-03-02T09` or `2026-03-02`. */
  key: string;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The last complete period before `now` (UTC hours, UTC days): a sweep at 10:05 digests 09:00–10:00, and
 * every later sweep that hour names the same period, so it finds the digest already written.
 */
export function digestPeriod(cadence: Exclude<DigestCadence, 'off'>, now: number): DigestPeriod {
  if (!Number.isFinite(now)) throw new ConfigurationError('The clock gave no valid time for the digest period.');
  const size = cadence === 'hourly' ? HOUR : DAY;
  const end = Math.floor(now / size) * size;
  const start = end - size;
  const iso = new Date(start).toISOString();
  return { start, end, key: cadence === 'hourly' ? iso.slice(0, 13) : iso.slice(0, 10) };
}

/** One failed run in a digest, as notify's commit status described it when the run failed. */
export interface DigestEntry {
  runId: number;
  workflow: string;
  branch: string | null;
  /** Status description without the severity prefix, e.g. "Tests: assertion in unit". */
  what: string;
  url: string;
  completedAt: string;
}

const STATUS_LINE = /^(critical|high|medium|low): (.+)$/s;

/** Severity and text of a failure status notify wrote (`medium: Tests in unit`); undefined for any other description. */
export function parseFailureStatus(description: string | null | undefined): { severity: Severity; what: string } | undefined {
  const m = STATUS_LINE.exec(description ?? '');
  return m ? { severity: m[1] as Severity, what: m[2] as string } : undefined;
}

const MAX_ROWS = 50;

/** The digest comment: one table of the period's failures, newest last, bounded. Text from statuses is re-neutralised. */
export function renderDigest(
  severity: 'medium' | 'low',
  period: DigestPeriod,
  cadence: Exclude<DigestCadence, 'off'>,
  entries: DigestEntry[],
  redact: RedactFn,
): string {
  const sorted = [...entries].sort((a, b) => a.completedAt.localeCompare(b.completedAt) || a.runId - b.runId);
  const rows = sorted
    .slice(0, MAX_ROWS)
    .map((e) => [
      e.completedAt.slice(11, 16),
      plain(redact(e.workflow), 80),
      plain(redact(e.branch ?? ''), 60),
      plain(redact(e.what), 140),
      raw(link(`#${e.runId}`, e.url)),
    ]);
  const more = sorted.length > MAX_ROWS ? `\n\n…and ${sorted.length - MAX_ROWS} more.` : '';
  const window = cadence === 'hourly' ? `${period.key}:00–${new Date(period.end).toISOString().slice(11, 13)}:00 UTC` : `${period.key} (UTC)`;
  return (
    [
      `### ${cadence === 'hourly' ? 'Hourly' : 'Daily'} digest: ${sorted.length} ${severity} failure${sorted.length === 1 ? '' : 's'}, ${window}`,
      '',
      table(['completed (UTC)', 'workflow', 'branch', 'what', 'run'], rows),
    ].join('\n') + more
  );
}

export function digestMessage(
  severity: 'medium' | 'low',
  period: DigestPeriod,
  entries: DigestEntry[],
  issueUrl: string | undefined,
  redact: RedactFn,
): ChatMessage {
  const byWorkflow = new Map<string, number>();
  for (const e of entries) byWorkflow.set(e.workflow, (byWorkflow.get(e.workflow) ?? 0) + 1);
  const url = issueUrl ? safeUrl(issueUrl) : undefined;
  return {
    title: plain(`Digest ${period.key}: ${entries.length} ${severity} failure${entries.length === 1 ? '' : 's'}`, 150),
    facts: [...byWorkflow].slice(0, 10).map(([name, n]) => ({ name: plain(redact(name), 80), value: `${n} failed run${n === 1 ? '' : 's'}` })),
    links: url ? [{ label: 'Digest', url }] : [],
  };
}
