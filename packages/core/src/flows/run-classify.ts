import { classifyLog } from '../classify/classify-log.js';
import type { FailureRateTiers } from '../classify/rate-tiers.js';
import { classifyConfigOf, ruleSetFor } from '../classify/settings.js';
import type { JobInput } from '../classify/verdict-builder.js';
import { isFailedConclusion } from '../conclusions.js';
import type { Logger } from '../logger.js';
import type { RunInfo } from '../classify/verdict.js';
import { listWorkflowRuns, openJobLog, type JobData, type WorkflowRunData } from '../github/api/runs.js';
import type { GitHubClient, RepoRef } from '../github/github-client.js';

/** What classifying a job's log needs, from `classify:` with the action's inputs over it. */
export interface LogClassifySettings {
  threshold: number;
  windowHours: number;
  maxBytes: number;
  rules: ReturnType<typeof ruleSetFor>;
  rateTiers: FailureRateTiers;
}

/** `classify:` of a loaded config, with overrides (the action's inputs) over it; a bad rule pattern fails here. */
export function logClassifySettings(
  config: Record<string, unknown>,
  configPath: string,
  overrides: { threshold?: number | undefined; windowHours?: number | undefined; maxBytes?: number | undefined } = {},
): LogClassifySettings {
  const section = classifyConfigOf(config.classify);
  return {
    threshold: overrides.threshold ?? section.confidence_threshold,
    windowHours: overrides.windowHours ?? section.history_window_hours,
    maxBytes: overrides.maxBytes ?? section.max_log_bytes,
    rules: ruleSetFor(section, configPath),
    rateTiers: section.failure_rate,
  };
}

/**
 * Fetch one failed job's log and classify it: the one path from "a job failed" to a classified job,
 * used by the failure-classify action and by `closed-loop runs analyse`. A log that cannot be read
 * (expired, no permission) is a job input with the reason, not an error.
 */
export async function classifyJob(
  client: GitHubClient,
  repo: RepoRef,
  job: JobData,
  settings: LogClassifySettings,
  logger: Logger,
  fetcher?: typeof fetch,
): Promise<JobInput> {
  const failedStep = job.steps?.find((s) => isFailedConclusion(s.conclusion))?.name;
  const ids = { jobId: job.id, jobName: job.name, ...(failedStep ? { stepName: failedStep } : {}), ...(job.html_url ? { htmlUrl: job.html_url } : {}) };
  const log = await openJobLog(client, repo, job.id, fetcher);
  if (!log.ok) {
    logger.warning(`${job.name}: ${log.reason}`);
    return { ...ids, log: { status: log.status, reason: log.reason } };
  }
  const result = await classifyLog(log.body, { rules: settings.rules, threshold: settings.threshold, maxBytes: settings.maxBytes });
  logger.info(
    `${job.name}: ${result.category}/${result.subcategory} (confidence ${result.confidence}) from ${result.lines} lines${result.truncated ? `, cut at ${result.bytes} bytes` : ''}`,
  );
  return { ...ids, log: result };
}

/** The workflow as the runs API takes it: a numeric id, or the file name (`ci.yml` of `.github/workflows/ci.yml`). */
export function workflowKey(workflow: string): string | number {
  const trimmed = workflow.trim().replace(/^\.\//, '');
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

export interface WorkflowRunsPage {
  /** Newest first. */
  runs: WorkflowRunData[];
  /** False when `limit` cut the listing short. */
  complete: boolean;
}

/**
 * A workflow's runs created since `since` (newest first): the one listing behind `runs analyse` and the
 * manual "recent failures" dispatch. `workflow` is an id, a file name or a path under .github/workflows.
 */
export async function listWorkflowRunsIn(client: GitHubClient, repo: RepoRef, workflow: string, since: Date, limit = 300): Promise<WorkflowRunsPage> {
  const { items, complete } = await listWorkflowRuns(client, repo, workflowKey(workflow), since, limit);
  return { runs: items, complete };
}

/** The completed, failed runs of a listing (their latest attempt failed), newest first. */
export function failedRuns(runs: readonly WorkflowRunData[]): WorkflowRunData[] {
  return runs.filter((r) => r.status === 'completed' && isFailedConclusion(r.conclusion));
}

/** A run as the verdict describes it, for one of its attempts. */
export function toRunInfo(run: WorkflowRunData, attempt: number): RunInfo {
  const repository = run.repository.full_name;
  return {
    id: run.id,
    attempt,
    workflowName: run.name ?? run.path,
    workflowPath: run.path,
    event: run.event,
    headSha: run.head_sha,
    headBranch: run.head_branch,
    htmlUrl: run.html_url,
    repository,
    conclusion: run.conclusion,
    pullRequests: (run.pull_requests ?? []).map((p) => p.number),
    fork: !!run.head_repository?.full_name && run.head_repository.full_name !== repository,
    ...(run.head_repository?.full_name ? { headRepository: run.head_repository.full_name } : {}),
  };
}
