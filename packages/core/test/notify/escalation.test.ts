import { describe, expect, it } from '@jest/globals';
import { DEFAULT_ESCALATION_POLICY, isAcknowledged, isDueForEscalation, parseDuration, type EscalationCandidate } from '../../src/notify/escalation.js';
import type { Ledger } from '../../src/notify/ledger.js';
import { afterReset, parseResetCommand, resetCommandCategory } from '../../src/recover/breaker-reset.js';
import { rateTierSeverity } from '../../src/classify/rate-tiers.js';

const since = Date.UTC(2026, 2, 2, 9, 0);
const ledger: Ledger = {
  v: 1,
  signature: 'v1:0123456789abcdef',
  firstSeen: new Date(since).toISOString(),
  since: new Date(since).toISOString(),
  lastSeen: new Date(since).toISOString(),
  count: 1,
  severity: 'critical',
  failing: ['scope'],
  runs: [],
};
const candidate = (over: Partial<EscalationCandidate> = {}): EscalationCandidate => ({
  ledger,
  open: true,
  labels: [],
  reactions: 0,
  escalated: false,
  ...over,
});
const MIN = 60_000;

describe('escalation', () => {
  it('is due only for an open, unacknowledged, unescalated critical episode older than escalate_after', () => {
    const p = DEFAULT_ESCALATION_POLICY;
    expect(isDueForEscalation(candidate(), since + 14 * MIN, p)).toBe(false);
    expect(isDueForEscalation(candidate(), since + 16 * MIN, p)).toBe(true);
    expect(isDueForEscalation(candidate({ escalated: true }), since + 16 * MIN, p)).toBe(false);
    expect(isDueForEscalation(candidate({ labels: ['Acknowledged'] }), since + 16 * MIN, p)).toBe(false);
    expect(isDueForEscalation(candidate({ reactions: 1 }), since + 16 * MIN, p)).toBe(false);
    expect(isDueForEscalation(candidate({ ledger: { ...ledger, severity: 'high' } }), since + 16 * MIN, p)).toBe(false);
    expect(isDueForEscalation(candidate({ open: false }), since + 16 * MIN, p)).toBe(false);
    expect(isAcknowledged({ labels: ['triaged'], reactions: 0 }, p)).toBe(false);
  });

  it('parses durations and refuses anything else in one line', () => {
    expect(parseDuration('15m', 'x')).toBe(15 * MIN);
    expect(parseDuration('2h', 'x')).toBe(120 * MIN);
    expect(() => parseDuration('15', 'notify.escalate_after')).toThrow(/notify.escalate_after must be a number and a unit/);
  });
});

describe('failure-rate tiers', () => {
  const h = (runs: number, failureRate: number) => ({ runs, failureRate, consecutiveFailures: 1, windowHours: 24, complete: true }) as never;
  it('maps 50/30/15 % to critical/high/medium once min_runs is reached', () => {
    expect(rateTierSeverity(h(20, 0.5))).toBe('critical');
    expect(rateTierSeverity(h(20, 0.35))).toBe('high');
    expect(rateTierSeverity(h(20, 0.15))).toBe('medium');
    expect(rateTierSeverity(h(20, 0.1))).toBeUndefined();
    expect(rateTierSeverity(h(3, 1))).toBeUndefined();
    expect(rateTierSeverity(h(10, 0.2), { min_runs: 2, critical: 0.9, high: 0.2, medium: 0.1 })).toBe('high');
  });
});

describe('breaker reset', () => {
  it('reads /closed-loop reset [category] only as a line of its own', () => {
    expect(resetCommandCategory('/closed-loop reset')).toBe('all');
    expect(resetCommandCategory('fixed it\n/closed-loop reset infrastructure\nthanks')).toBe('infrastructure');
    expect(resetCommandCategory('please do not /closed-loop reset')).toBeUndefined();
    expect(resetCommandCategory('/closed-loop resetall')).toBeUndefined();
  });
  it('takes only a known category from the (untrusted) comment; anything else resets nothing', () => {
    expect(parseResetCommand('/closed-loop reset Infrastructure')).toEqual({ scope: 'infrastructure' });
    expect(parseResetCommand('/closed-loop reset infra')).toEqual({ unknown: true });
    expect(parseResetCommand('/closed-loop reset @team<img/src=x>')).toEqual({ unknown: true });
    expect(parseResetCommand('/closed-loop reset testing build')).toBeUndefined();
    expect(resetCommandCategory('/closed-loop reset constructor')).toBeUndefined();
    expect(resetCommandCategory('/closed-loop reset infra')).toBeUndefined();
  });
  it('drops runs that ended at or before the reset', () => {
    const runs = [{ updatedAt: '2026-03-02T09:00:00Z' }, { updatedAt: '2026-03-02T09:10:00Z' }];
    expect(afterReset(runs, Date.parse('2026-03-02T09:05:00Z'))).toEqual([runs[1]]);
    expect(afterReset(runs, undefined)).toBe(runs);
  });
});
