/**
 * The verdict failure-classify produces and recover/notify act on: the contract between the links of
 * the loop. Versioned by `schema`; add fields, never change the meaning of one.
 */
export const VERDICT_SCHEMA = 'closed-loop/verdict@1';

export const CATEGORIES = ['quality', 'security', 'performance', 'dependencies', 'testing', 'build', 'infrastructure', 'unknown'] as const;
export type Category = (typeof CATEGORIES)[number];

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface Evidence {
  /** 1-based line numbers in the job's log (after parsing), inclusive. */
  startLine: number;
  endLine: number;
  lines: string[];
  step?: string;
}

export interface Classification {
  category: Category;
  subcategory: string;
  /** 0–1. Below the configured threshold the best category stays, but the verdict is never transient. */
  confidence: number;
  /** A plain re-run would likely pass. */
  transient: boolean;
  severity: Severity;
  /** 1 (act now) … 4 (whenever). */
  priority: 1 | 2 | 3 | 4;
  /** `v1:<16 hex>`: same failure on a re-run or another commit → same signature. */
  signature: string;
  evidence: Evidence;
  /** ClassifyRule that decided, for explanations and overrides. */
  ruleId?: string;
}

export interface JobVerdict extends Classification {
  jobId: number;
  jobName: string;
  stepName?: string;
  htmlUrl?: string;
  /** Whether this job's log could be read (`classified`), and if not, why. */
  status?: 'classified' | 'logs-unavailable' | 'forbidden';
  reason?: string;
  /** The log was longer than the byte cap; only its start was read. */
  truncated?: boolean;
}

export interface RunInfo {
  id: number;
  attempt: number;
  workflowName: string;
  workflowPath: string;
  event: string;
  headSha: string;
  headBranch: string | null;
  htmlUrl: string;
  repository: string;
  conclusion: string | null;
  pullRequests: number[];
  /** The head repository is not the base repository. */
  fork: boolean;
  /** `owner/name` of the repository the run's commit came from (absent in verdicts written before it was recorded). */
  headRepository?: string;
}

export interface HistorySummary {
  windowHours: number;
  runs: number;
  failures: number;
  failureRate: number;
  consecutiveFailures: number;
  /** Same figures for the run's branch only (consecutiveFailures above is already per branch). */
  branch?: { name: string; runs: number; failures: number; failureRate: number };
  /** False when the API listed more runs than were read. */
  complete?: boolean;
}

export interface Verdict extends Classification {
  schema: typeof VERDICT_SCHEMA;
  /** `classified`, or why not (logs expired, run in progress, no permission): then category is unknown. */
  status: 'classified' | 'logs-unavailable' | 'in-progress' | 'forbidden' | 'no-failed-jobs';
  reason?: string;
  /** The same head SHA succeeded in another attempt or run. */
  flaky: boolean;
  run: RunInfo;
  history: HistorySummary;
  jobs: JobVerdict[];
}
