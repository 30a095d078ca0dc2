import type { Candidate } from './types.js';
import { clamp, round1 } from './types.js';
import { isFailedConclusion } from '../conclusions.js';

/** The fields of a workflow run (REST `workflow-run`) the CI-health and loop-health signals read. */
export interface RunSummary {
  id: number;
  name?: string | null;
  path: string;
  head_sha: string;
  head_branch: string | null;
  status: string | null;
  conclusion: string | null;
  /** Absent on runs from before attempts were recorded: attempt 1. */
  run_attempt?: number;
  created_at: string;
  updated_at: string;
  run_started_at?: string;
  html_url?: string;
}

/** A failure issue closed-loop opened (found by its label), reduced to what the signals read. */
export interface LoopIssue {
  number: number;
  title: string;
  state: 'open' | 'closed';
  state_reason: string | null;
  labels: string[];
  created_at: string;
  closed_at: string | null;
  /** Closed by closed-loop's own login (a recovery), not by a person. */
  closedByUs: boolean;
  html_url?: string;
  /** The runs notify recorded in the issue's ledger, with the time it recorded each (MTTD). */
  ledgerRuns?: { id: number; attempt: number; at: string }[];
  /** When the sweep escalated this issue (its escalation comments). */
  escalatedAt?: string[];
}

export interface WorkflowHealth {
  name: string;
  path: string;
  runs: number;
  failures: number;
  failureRate: number;
  /** Commits on which the workflow both failed and passed, or runs that passed only on a re-run. */
  flaky: number;
  commits: number;
  lastFailed: boolean;
}

const counted = (conclusion: string | null | undefined): boolean => conclusion === 'success' || isFailedConclusion(conclusion);

/** Failure and flakiness per workflow over completed runs (cancelled and skipped runs say nothing). */
export function workflowHealth(runs: readonly RunSummary[]): WorkflowHealth[] {
  const byPath = new Map<string, RunSummary[]>();
  for (const r of runs) if (r.status === 'completed' && counted(r.conclusion)) byPath.set(r.path, [...(byPath.get(r.path) ?? []), r]);
  return [...byPath.entries()]
    .map(([path, list]) => {
      const sorted = [...list].sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id - b.id));
      const failures = sorted.filter((r) => r.conclusion !== 'success').length;
      const outcomes = new Map<string, Set<boolean>>();
      for (const r of sorted) outcomes.set(r.head_sha, (outcomes.get(r.head_sha) ?? new Set()).add(r.conclusion === 'success'));
      const mixed = [...outcomes.values()].filter((s) => s.size === 2).length;
      const passedOnRerun = sorted.filter((r) => r.conclusion === 'success' && (r.run_attempt ?? 1) > 1).length;
      return {
        name: sorted[0]?.name ?? path,
        path,
        runs: sorted.length,
        failures,
        failureRate: failures / sorted.length,
        flaky: mixed + passedOnRerun,
        commits: outcomes.size,
        lastFailed: sorted[sorted.length - 1]?.conclusion !== 'success',
      };
    })
    .sort((a, b) => (a.path < b.path ? -1 : 1));
}

const MIN_RUNS = 3;
const DAY = 86_400_000;

/** Failing workflows, flaky workflows, and closed-loop failure issues still open. */
export function ciHealthCandidates(
  runs: readonly RunSummary[],
  issues: readonly LoopIssue[],
  threshold: number,
  overrideLabels: readonly string[],
  now: number,
): Candidate[] {
  const out: Candidate[] = [];
  for (const w of workflowHealth(runs)) {
    if (w.runs < MIN_RUNS) continue;
    const pct = Math.round(w.failureRate * 100);
    if (w.failureRate >= threshold) {
      out.push({
        kind: 'ci-health',
        rule: 'failing-workflow',
        path: w.path,
        text: w.path,
        title: `Workflow ${w.name} fails ${pct}% of runs`,
        evidence: { workflow: w.name, runs: w.runs, failures: w.failures, failureRate: round1(w.failureRate * 100) / 100, lastFailed: w.lastFailed },
        inputs: {
          businessValue: 6,
          timeCriticality: w.lastFailed ? 8 : 4,
          riskReduction: clamp(Math.round(9 * w.failureRate) + 1, 1, 10),
          jobSize: 3,
          impact: 7,
          confidence: clamp(3 + Math.floor(w.runs / 5), 1, 10),
          ease: 5,
          debtMinutes: 30,
          security: 'none',
        },
        rationale: `${w.failures} of ${w.runs} completed runs failed (${pct}%, threshold ${Math.round(threshold * 100)}%)${w.lastFailed ? '; the latest run failed' : ''}`,
      });
    }
    if (w.flaky > 0) {
      const rate = w.flaky / w.commits;
      out.push({
        kind: 'ci-health',
        rule: 'flaky-workflow',
        path: w.path,
        text: w.path,
        title: `Workflow ${w.name} is flaky (${w.flaky} flaky outcome${w.flaky > 1 ? 's' : ''})`,
        evidence: { workflow: w.name, flaky: w.flaky, commits: w.commits, runs: w.runs },
        inputs: {
          businessValue: 5,
          timeCriticality: 5,
          riskReduction: clamp(Math.round(27 * rate) + 1, 1, 10),
          jobSize: 5,
          impact: 6,
          confidence: 5,
          ease: 4,
          debtMinutes: 60,
          security: 'none',
        },
        rationale: `${w.flaky} flaky outcome(s) over ${w.commits} commits: the same commit both failed and passed, or passed only on a re-run`,
      });
    }
  }
  const overridden = new Set(overrideLabels.map((l) => l.toLowerCase()));
  for (const i of issues) {
    if (i.state !== 'open' || i.labels.some((l) => overridden.has(l.toLowerCase()))) continue;
    const ageDays = Math.max(0, Math.floor((now - Date.parse(i.created_at)) / DAY));
    out.push({
      kind: 'ci-health',
      rule: 'open-failure-issue',
      text: `#${i.number}`,
      title: `Open failure issue #${i.number}: ${i.title}`,
      evidence: { issue: i.number, ageDays },
      inputs: {
        businessValue: 5,
        timeCriticality: ageDays > 7 ? 7 : 5,
        riskReduction: 5,
        jobSize: 3,
        impact: 6,
        confidence: 7,
        ease: 5,
        debtMinutes: 30,
        security: 'none',
      },
      rationale: `closed-loop failure issue open for ${ageDays} day${ageDays === 1 ? '' : 's'}`,
      ...(i.html_url ? { url: i.html_url } : {}),
    });
  }
  return out;
}
