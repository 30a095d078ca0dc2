import type { HistorySummary } from './verdict.js';
import { isFailedConclusion } from '../conclusions.js';

/** A workflow run as history needs it (from the Actions API list of runs). */
export interface HistoryRun {
  id: number;
  headSha: string;
  headBranch: string | null;
  /** owner/name the head came from; a fork's branch is not this repository's branch of the same name. */
  headRepository?: string;
  status: string | null;
  conclusion: string | null;
  createdAt: string;
}

/**
 * Failure rate of the workflow over the window, and how many runs in a row have failed on this
 * branch (newest first, counting the current run). Runs still going are not counted.
 */
export function summariseHistory(runs: readonly HistoryRun[], current: HistoryRun, windowHours: number, now: number, complete = true): HistorySummary {
  const all = countedRuns(dedupe([...runs, current]), now - windowHours * 3_600_000);
  const onBranch = all.filter((r) => r.headBranch === current.headBranch && sameRepository(r, current));
  const failures = all.filter((r) => isFailedConclusion(r.conclusion)).length;
  const branchFailures = onBranch.filter((r) => isFailedConclusion(r.conclusion)).length;
  let consecutive = 0;
  for (const r of [...onBranch].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id)) {
    if (!isFailedConclusion(r.conclusion)) break;
    consecutive++;
  }
  return {
    windowHours,
    runs: all.length,
    failures,
    failureRate: rate(failures, all.length),
    consecutiveFailures: consecutive,
    ...(current.headBranch
      ? { branch: { name: current.headBranch, runs: onBranch.length, failures: branchFailures, failureRate: rate(branchFailures, onBranch.length) } }
      : {}),
    complete,
  };
}

/** The workflow's failure rate over the window, without a current run (no branch, no run of failures in a row). */
export function workflowFailureRate(runs: readonly Counted[], windowHours: number, now: number, complete = true): HistorySummary {
  const all = countedRuns(runs, now - windowHours * 3_600_000);
  const failures = all.filter((r) => isFailedConclusion(r.conclusion)).length;
  return { windowHours, runs: all.length, failures, failureRate: rate(failures, all.length), consecutiveFailures: 0, complete };
}

type Counted = Pick<HistoryRun, 'status' | 'conclusion' | 'createdAt'>;

/** The runs a failure rate counts: completed since `since`, not cancelled or skipped (nobody's verdict on the code). */
function countedRuns<T extends Counted>(runs: readonly T[], since: number): T[] {
  return runs.filter((r) => r.status === 'completed' && Date.parse(r.createdAt) >= since && r.conclusion !== 'cancelled' && r.conclusion !== 'skipped');
}

/** The same commit passed elsewhere: in another run, or in a later attempt of this one. */
export function isFlaky(current: HistoryRun, runs: readonly HistoryRun[], latestAttemptConclusion?: string | null): boolean {
  if (latestAttemptConclusion === 'success') return true;
  return runs.some((r) => r.id !== current.id && r.headSha === current.headSha && r.conclusion === 'success');
}

function sameRepository(a: HistoryRun, b: HistoryRun): boolean {
  return !a.headRepository || !b.headRepository || a.headRepository.toLowerCase() === b.headRepository.toLowerCase();
}

function dedupe(runs: HistoryRun[]): HistoryRun[] {
  const byId = new Map<number, HistoryRun>();
  for (const r of runs) byId.set(r.id, r);
  return [...byId.values()];
}

function rate(n: number, d: number): number {
  return d === 0 ? 0 : Math.round((n / d) * 1000) / 1000;
}
