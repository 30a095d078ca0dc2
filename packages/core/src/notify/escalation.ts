import { ConfigurationError } from '../errors.js';
import type { Ledger } from './ledger.js';

/** `notify.escalate_after` and `notify.acknowledge_label`: when an unacknowledged critical failure is escalated. */
export interface EscalationPolicy {
  afterMs: number;
  acknowledgeLabel: string;
}

export const DEFAULT_ESCALATION_POLICY: EscalationPolicy = { afterMs: 15 * 60_000, acknowledgeLabel: 'acknowledged' };

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "15m", "90s", "2h", "1d" → milliseconds. */
export function parseDuration(text: string, what: string): number {
  const m = /^(\d+)\s*([smhd])$/.exec(text.trim());
  if (!m) throw new ConfigurationError(`${what} must be a number and a unit (s, m, h or d), e.g. "15m"; got "${text}".`);
  return Number(m[1]) * (UNIT_MS[m[2] as string] as number);
}

export function escalationPolicy(section: unknown): EscalationPolicy {
  const s = (section ?? {}) as { escalate_after?: string; acknowledge_label?: string };
  return {
    afterMs: s.escalate_after ? parseDuration(s.escalate_after, 'notify.escalate_after') : DEFAULT_ESCALATION_POLICY.afterMs,
    acknowledgeLabel: s.acknowledge_label ?? DEFAULT_ESCALATION_POLICY.acknowledgeLabel,
  };
}

/** What the sweep sees of one failure issue. */
export interface EscalationCandidate {
  ledger: Ledger;
  open: boolean;
  labels: string[];
  /** Reactions on the issue from anyone: a 👀 or 👍 says someone is on it. */
  reactions: number;
  /** The current episode was already escalated (our escalation comment for `ledger.since` exists). */
  escalated: boolean;
}

/** The key of the current episode: one escalation per episode, however often the sweep runs. */
export function episodeKey(ledger: Ledger): string {
  return `${ledger.signature.slice(0, 16)}.${Date.parse(ledger.since)}`;
}

/** Acknowledged: the acknowledge label, or any reaction on the issue. Assignees do not count (notify assigns them itself). */
export function isAcknowledged(c: Pick<EscalationCandidate, 'labels' | 'reactions'>, policy: EscalationPolicy): boolean {
  return c.reactions > 0 || c.labels.some((l) => l.toLowerCase() === policy.acknowledgeLabel.toLowerCase());
}

/** Critical, still failing, open, unacknowledged for `afterMs` since the episode began, and not yet escalated. */
export function isDueForEscalation(c: EscalationCandidate, now: number, policy: EscalationPolicy): boolean {
  return (
    c.open &&
    !c.escalated &&
    c.ledger.severity === 'critical' &&
    !c.ledger.resolved &&
    now - Date.parse(c.ledger.since) >= policy.afterMs &&
    !isAcknowledged(c, policy)
  );
}
