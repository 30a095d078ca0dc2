import type { LogResult } from './classify-log.js';
import { assessSeverity } from './severity.js';
import type { FailureRateTiers } from './rate-tiers.js';
import { failureSignature } from './signature.js';
import { VERDICT_SCHEMA, type Classification, type HistorySummary, type JobVerdict, type RunInfo, type Verdict } from './verdict.js';

export interface JobInput {
  jobId: number;
  jobName: string;
  /** The failed step as the API names it; better than what the log shows. */
  stepName?: string;
  htmlUrl?: string;
  /** The log's classification, or why there is none. */
  log: LogResult | { status: 'logs-unavailable' | 'forbidden'; reason: string };
}

export interface VerdictInput {
  run: RunInfo;
  jobs: JobInput[];
  history: HistorySummary;
  flaky: boolean;
  defaultBranch?: boolean;
  rateTiers?: FailureRateTiers;
  /** Set when the run itself could not be classified (still running, no permission, nothing failed). */
  status?: Exclude<Verdict['status'], 'classified'>;
  reason?: string;
}

const NO_EVIDENCE = { startLine: 0, endLine: 0, lines: [] };

/** One verdict per failed job, and an overall one led by the most urgent job. */
export function buildVerdict(input: VerdictInput): Verdict {
  const jobs = input.jobs.map((job) => jobVerdict(job, input));
  const classified = jobs.filter((j) => j.status === 'classified');
  const base = { schema: VERDICT_SCHEMA, flaky: input.flaky, run: input.run, history: input.history, jobs } as const;
  if (input.status || classified.length === 0) {
    const unavailable = jobs.find((j) => j.status !== 'classified');
    const status = input.status ?? (unavailable?.status === 'forbidden' ? 'forbidden' : jobs.length ? 'logs-unavailable' : 'no-failed-jobs');
    const reason = input.reason ?? unavailable?.reason ?? 'The run has no failed jobs to classify.';
    return { ...base, ...unknownClassification(input), status, reason };
  }
  const lead = [...classified].sort((a, b) => a.priority - b.priority || b.confidence - a.confidence)[0] as JobVerdict;
  const { jobId: _id, jobName: _name, stepName: _step, htmlUrl: _url, status: _status, reason: _reason, truncated: _t, ...overall } = lead;
  const missing = jobs.filter((j) => j.status !== 'classified');
  return {
    ...base,
    ...overall,
    // A plain re-run helps only if every failed job failed for a transient reason.
    transient: classified.every((j) => j.transient) && missing.length === 0,
    status: 'classified',
    ...(missing.length ? { reason: missing.map((j) => `${j.jobName}: ${j.reason}`).join(' ') } : {}),
  };
}

function jobVerdict(job: JobInput, input: VerdictInput): JobVerdict {
  const ids = { jobId: job.jobId, jobName: job.jobName, ...(job.stepName ? { stepName: job.stepName } : {}), ...(job.htmlUrl ? { htmlUrl: job.htmlUrl } : {}) };
  if ('status' in job.log) return { ...ids, ...unknownClassification(input), status: job.log.status, reason: job.log.reason };
  const log = job.log;
  const step = job.stepName ?? log.step;
  const { severity, priority } = assessSeverity({
    category: log.category,
    ...(log.ruleSeverity ? { ruleSeverity: log.ruleSeverity } : {}),
    transient: log.transient,
    flaky: input.flaky,
    history: input.history,
    defaultBranch: input.defaultBranch ?? false,
    ...(input.rateTiers ? { rateTiers: input.rateTiers } : {}),
  });
  return {
    ...ids,
    ...(step !== undefined && !job.stepName ? { stepName: step } : {}),
    category: log.category,
    subcategory: log.subcategory,
    confidence: log.confidence,
    transient: log.transient,
    severity,
    priority,
    signature: failureSignature({ category: log.category, job: job.jobName, ...(step !== undefined ? { step } : {}), errorLine: log.errorLine }),
    evidence: log.evidence,
    ...(log.ruleId ? { ruleId: log.ruleId } : {}),
    status: 'classified',
    ...(log.truncated ? { truncated: true } : {}),
  };
}

function unknownClassification(input: VerdictInput): Classification {
  const { severity, priority } = assessSeverity({
    category: 'unknown',
    transient: false,
    flaky: input.flaky,
    history: input.history,
    ...(input.rateTiers ? { rateTiers: input.rateTiers } : {}),
  });
  return {
    category: 'unknown',
    subcategory: 'unavailable',
    confidence: 0,
    transient: false,
    severity,
    priority,
    signature: failureSignature({ category: 'unknown', errorLine: input.run.workflowName }),
    evidence: NO_EVIDENCE,
  };
}
