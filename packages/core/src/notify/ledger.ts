import { createHash } from 'node:crypto';
import type { Category, RunInfo, Severity, Verdict } from '../classify/verdict.js';
import type { BreakerState } from '../recover/outcome.js';
import { marker, readMarkers } from '../render/markers.js';
import { severityRank } from './settings.js';

/**
 * What notify remembers about a failure signature, kept in a hidden marker in the issue (or sticky
 * comment) body itself: no other store. Base64 JSON, so it never contains "--" or ">".
 */
export interface Ledger {
  v: 1;
  signature: string;
  firstSeen: string;
  /** Start of the current episode (first failure, or the regression after a resolution). */
  since: string;
  lastSeen: string;
  /** Distinct runs that failed with this signature, across episodes. */
  count: number;
  /** Highest severity notified in the current episode: a higher one is an escalation. */
  severity: Severity;
  /** Workflow + branch scopes still failing; resolution removes one, the last one closes the issue. */
  failing: string[];
  /** Most recent first, bounded. */
  runs: LedgerRun[];
  resolved?: { at: string; run: number; url: string; ttrMs: number };
  /** Time to recovery of each past episode of this signature (ms), oldest first, the last `MAX_RECOVERIES`. */
  recoveries?: number[];
  /** The circuit breaker the issue shows (issues only): kept here so a reset can re-render its line. */
  breaker?: LedgerBreaker;
}

/**
 * The circuit breaker of a workflow + branch for one category, as recover last judged it, and a
 * maintainer's reset since (which replaces that state on the issue until the next failure is reported).
 * Texts are as sanitised for the issue, never escaped: the renderer escapes.
 */
export interface LedgerBreaker {
  workflow: string;
  branch: string | null;
  category: Category;
  state: BreakerState;
  consecutiveFailures: number;
  failureRate: number;
  reopensAt?: string;
  reset?: BreakerResetShown;
}

/** A reset as the issue shows it: when (ISO), by whom, and how (the label or a comment). */
export interface BreakerResetShown {
  at: string;
  by: string;
  how: 'label' | 'comment';
}

/**
 * The ledger with `reset` shown on its breaker; undefined when nothing would change: no breaker line,
 * a reset for another category (`scope`), or a reset not newer than the one shown (a late or repeated
 * delivery never rolls the line back).
 */
export function withBreakerReset(ledger: Ledger, reset: BreakerResetShown, scope: Category | 'all'): Ledger | undefined {
  const b = ledger.breaker;
  if (!b || (scope !== 'all' && scope !== b.category)) return undefined;
  if (b.reset && Date.parse(b.reset.at) >= Date.parse(reset.at)) return undefined;
  return { ...ledger, breaker: { ...b, reset } };
}

const MAX_RECOVERIES = 20;

export interface LedgerRun {
  id: number;
  attempt: number;
  at: string;
  sha: string;
  branch: string | null;
  url: string;
  severity: Severity;
}

/** first-failure, regression (after a resolution or close) and escalation are state changes; the rest are not. */
export type FailureChange = 'first-failure' | 'regression' | 'escalation' | 'repeat' | 'same-run';

export function isStateChange(change: FailureChange): boolean {
  return change === 'first-failure' || change === 'regression' || change === 'escalation';
}

const LEDGER = 'notify-ledger';
const SCOPE = 'notify-scope';

/**
 * Workflow + head repository + branch a run belongs to, hashed: branch names are untrusted and may hold "--".
 * A fork's `main` is not ours: each fork's runs get a scope of their own (the base repository's scope keeps
 * the key it always had, so open issues stay matched).
 */
export function scopeKey(run: Pick<RunInfo, 'workflowPath' | 'workflowName' | 'headBranch' | 'headRepository'> & { fork?: boolean }): string {
  const fork = run.fork ? `\0fork${run.headRepository ? `\0${run.headRepository}` : ''}` : '';
  return createHash('sha256')
    .update(`${run.workflowPath || run.workflowName}\0${run.headBranch ?? ''}${fork}`)
    .digest('hex')
    .slice(0, 16);
}

export function scopeMarker(key: string): string {
  return marker(SCOPE, key);
}

export function ledgerMarkers(ledger: Ledger): string {
  return [...ledger.failing.map(scopeMarker), marker(LEDGER, Buffer.from(JSON.stringify(ledger), 'utf8').toString('base64'))].join('\n');
}

/** The ledger stored in a body we wrote; undefined when absent or unreadable (then we start afresh). */
export function readLedger(body: string | null | undefined): Ledger | undefined {
  const encoded = readMarkers(body, LEDGER).at(-1);
  if (!encoded) return undefined;
  try {
    const value = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')) as Partial<Ledger> | null;
    return value?.v === 1 && Array.isArray(value.runs) && Array.isArray(value.failing) ? (value as Ledger) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Adds a failed run to the ledger. The same run again (a re-run of notify, or another attempt of the
 * run) changes nothing, so it writes nothing. `closed`: the issue was closed without our resolution.
 */
export function recordFailure(
  prev: Ledger | undefined,
  verdict: Verdict,
  now: number,
  recentRuns: number,
  closed = false,
): { ledger: Ledger; change: FailureChange } {
  const at = new Date(now).toISOString();
  const run: LedgerRun = {
    id: verdict.run.id,
    attempt: verdict.run.attempt,
    at,
    sha: verdict.run.headSha,
    branch: verdict.run.headBranch,
    url: verdict.run.htmlUrl,
    severity: verdict.severity,
  };
  const scope = scopeKey(verdict.run);
  if (!prev) {
    const ledger: Ledger = {
      v: 1,
      signature: verdict.signature,
      firstSeen: at,
      since: at,
      lastSeen: at,
      count: 1,
      severity: verdict.severity,
      failing: [scope],
      runs: [run],
    };
    return { ledger, change: 'first-failure' };
  }
  if (prev.runs.some((r) => r.id === run.id)) return { ledger: prev, change: 'same-run' };
  const reopened = closed || prev.resolved !== undefined;
  const escalated = !reopened && severityRank(verdict.severity) > severityRank(prev.severity);
  const ledger: Ledger = {
    ...prev,
    since: reopened ? at : prev.since,
    lastSeen: at,
    count: prev.count + 1,
    severity: reopened || escalated ? verdict.severity : prev.severity,
    failing: reopened ? [scope] : [...new Set([...prev.failing, scope])],
    runs: [run, ...prev.runs].slice(0, recentRuns),
  };
  delete ledger.resolved;
  return { ledger, change: reopened ? 'regression' : escalated ? 'escalation' : 'repeat' };
}

/**
 * A green run of a failing scope. `resolved` is set (with time to recovery) when no scope is left
 * failing; `changed` is false when this scope was not failing (nothing to write).
 */
export function recordResolution(prev: Ledger, run: RunInfo, now: number): { ledger: Ledger; changed: boolean; resolved: boolean } {
  const scope = scopeKey(run);
  if (!prev.failing.includes(scope) || prev.resolved) return { ledger: prev, changed: false, resolved: prev.resolved !== undefined };
  const failing = prev.failing.filter((s) => s !== scope);
  const ledger: Ledger = { ...prev, failing };
  if (failing.length === 0) {
    const ttrMs = Math.max(0, now - Date.parse(prev.since));
    ledger.resolved = { at: new Date(now).toISOString(), run: run.id, url: run.htmlUrl, ttrMs };
    ledger.recoveries = [...(prev.recoveries ?? []), ttrMs].slice(-MAX_RECOVERIES);
  }
  return { ledger, changed: true, resolved: failing.length === 0 };
}

export interface RecoveryEstimate {
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** Past recoveries the estimate comes from. */
  n: number;
}

/** Median and range of this signature's past failed → green durations; undefined when it never recovered. */
export function recoveryEstimate(ledger: Pick<Ledger, 'recoveries'>): RecoveryEstimate | undefined {
  const past = [...(ledger.recoveries ?? [])].filter((ms) => Number.isFinite(ms) && ms >= 0).sort((a, b) => a - b);
  if (!past.length) return undefined;
  const mid = Math.floor(past.length / 2);
  const medianMs = past.length % 2 ? (past[mid] as number) : Math.round(((past[mid - 1] as number) + (past[mid] as number)) / 2);
  return { medianMs, minMs: past[0] as number, maxMs: past[past.length - 1] as number, n: past.length };
}

/** One sentence for the issue and the chat message: the estimate, or that there is none. */
export function estimateSentence(ledger: Pick<Ledger, 'recoveries'>): string {
  const e = recoveryEstimate(ledger);
  if (!e) return 'No recovery-time estimate: this failure signature has not recovered before.';
  const range = e.n > 1 ? `, range ${formatDuration(e.minMs)}–${formatDuration(e.maxMs)}` : '';
  return `Estimated time to recovery: ${formatDuration(e.medianMs)} (median of ${e.n} past recover${e.n === 1 ? 'y' : 'ies'} of this signature${range}).`;
}

/** "2h 5m", "3d 4h", "45s": time to recovery for people, not machines. */
export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d) return `${d}d ${h}h`;
  if (h) return `${h}h ${m}m`;
  if (m) return `${m}m`;
  return `${s}s`;
}
