import { links } from '../action/context.js';
import { classifyLog } from '../classify/classify-log.js';
import { isFlaky, summariseHistory } from '../classify/history.js';
import type { FailureRateTiers } from '../classify/rate-tiers.js';
import { classifyConfigOf, ruleSetFor } from '../classify/settings.js';
import { buildVerdict, type JobInput } from '../classify/verdict-builder.js';
import type { HistorySummary, RunInfo, Verdict } from '../classify/verdict.js';
import type { Clock } from '../clock.js';
import { isFailedConclusion } from '../conclusions.js';
import type { Config } from '../config/load.js';
import { ConfigurationError } from '../errors.js';
import { withGroup, type Logger } from '../logger.js';
import { verifyDispatchedRun } from '../loop/verify-dispatch.js';
import type { TriggerDecision, TriggerPolicy } from '../loop/verify-trigger.js';
import { pullRequestsForRun } from '../github/api/pulls.js';
import {
  getWorkflowRun,
  listAttemptJobs,
  listWorkflowRuns,
  listWorkflowRunsSince,
  openJobLog,
  toHistoryRun,
  unavailable,
  type JobData,
  type WorkflowRunData,
} from '../github/api/runs.js';
import { httpStatus, type GitHubClient, type RepoRef } from '../github/github-client.js';

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
  config: Pick<Config, 'classify'>,
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

/** The failed jobs among `jobs`, each one's log classified (in a log group of its own). */
export async function classifyFailedJobs(
  client: GitHubClient,
  repo: RepoRef,
  jobs: readonly JobData[],
  settings: LogClassifySettings,
  logger: Logger,
  fetcher?: typeof fetch,
): Promise<JobInput[]> {
  const out: JobInput[] = [];
  for (const job of jobs.filter((j) => isFailedConclusion(j.conclusion)))
    out.push(await withGroup(logger, `Reading the log of "${job.name}"`, () => classifyJob(client, repo, job, settings, logger, fetcher)));
  return out;
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

/** What classifying a run reads through: the API, the time (for the history window) and the log. */
export interface RunClassifyDeps {
  client: GitHubClient;
  repo: RepoRef;
  clock: Clock;
  logger: Logger;
  /** For the log blob download (the API answers with a redirect to it). */
  fetch?: typeof fetch;
}

/** The run to classify, and what the triggering event says about it. */
export interface RunTarget {
  runId: number;
  /** The workflow_run event's run, when the event is about this run: its attempt is the one that failed. */
  eventRun?: WorkflowRunData;
  /** The event repository's default branch (the run's own repository may omit it). */
  eventDefaultBranch?: string;
  /** Who named the run (`Input run-id`): a run that does not exist is then their mistake, said as one line. */
  namedBy?: string;
}

/**
 * Reads the failed jobs' logs of one run attempt and says what broke: the failure-classify action's
 * flow. Runs that cannot be read (still running, logs expired, no permission) give a verdict with
 * category unknown and a reason, not a failure.
 */
export async function classifyRun(deps: RunClassifyDeps, target: RunTarget, settings: LogClassifySettings): Promise<Verdict> {
  const { client, repo, logger } = deps;
  const { runId, eventRun } = target;
  /** The run could not be classified: say why, with category unknown, instead of failing the loop. */
  const unclassified = (run: RunInfo, status: Exclude<Verdict['status'], 'classified' | 'no-failed-jobs'>, reason: string) =>
    buildVerdict({ run, jobs: [], history: emptyHistory(settings.windowHours), flaky: false, status, reason });
  const attempt = eventRun?.id === runId ? eventRun.run_attempt : undefined;

  let latest: WorkflowRunData;
  try {
    latest = await getWorkflowRun(client, repo, runId);
  } catch (error) {
    if (httpStatus(error) === 404 && target.namedBy)
      throw new ConfigurationError(`${target.namedBy}: run ${runId} was not found in ${repo.owner}/${repo.repo}.`);
    const why = unavailable(error, `run ${runId}`);
    return unclassified(stubRunInfo(runId, repo, eventRun, client.serverUrl), why.status, why.reason);
  }
  const latestAttempt = latest.run_attempt ?? 1;
  const attemptNumber = attempt ?? latestAttempt;
  // The event describes the attempt that failed; the API's run is the latest attempt, which may have passed since.
  const runInfo = { ...toRunInfo(latest, attemptNumber), ...(attemptNumber !== latestAttempt && eventRun ? { conclusion: eventRun.conclusion } : {}) };
  runInfo.pullRequests = await forkPulls(latest, runInfo, deps);
  if (attemptNumber === latestAttempt && latest.status !== 'completed') {
    return unclassified(
      runInfo,
      'in-progress',
      `Run ${runId} is still ${latest.status ?? 'running'}; classify it once it has completed (trigger on workflow_run: completed).`,
    );
  }
  // A later attempt of the same run that passed makes this failure flaky.
  const laterConclusion = attemptNumber < latestAttempt && latest.status === 'completed' ? latest.conclusion : undefined;

  let jobs: JobData[];
  try {
    jobs = await listAttemptJobs(client, repo, runId, attemptNumber);
  } catch (error) {
    const why = unavailable(error, `job list of run ${runId}`);
    return unclassified(runInfo, why.status, why.reason);
  }
  const classified = await classifyFailedJobs(client, repo, jobs, settings, logger, deps.fetch);

  const { history, flaky } = await readHistory(latest, settings.windowHours, laterConclusion, deps);
  return buildVerdict({
    run: runInfo,
    jobs: classified,
    history,
    flaky,
    // A fork's `main` is not the default branch: no severity bump for a branch name the fork chose.
    defaultBranch: !runInfo.fork && !!latest.head_branch && latest.head_branch === (latest.repository.default_branch ?? target.eventDefaultBranch),
    rateTiers: settings.rateTiers,
  });
}

/** A manually started run names a run id: the run is read from the API and verified as a workflow_run would be. */
export async function verifyRunById(client: GitHubClient, repo: RepoRef, runId: number, policy: TriggerPolicy): Promise<TriggerDecision> {
  try {
    return verifyDispatchedRun(await getWorkflowRun(client, repo, runId), runId, policy);
  } catch (error) {
    if (httpStatus(error) === 404) return verifyDispatchedRun(undefined, runId, policy);
    throw error;
  }
}

/**
 * A fork's run lists no pull request: find it by the head SHA and head repository, so the sticky comment
 * and suggestions reach the fork's PR. Without `pull-requests: read` the run simply has none.
 */
async function forkPulls(run: WorkflowRunData, info: RunInfo, deps: RunClassifyDeps): Promise<number[]> {
  const headRepository = run.head_repository?.full_name ?? info.repository;
  try {
    return await pullRequestsForRun(deps.client, deps.repo, { ...info, headRepository });
  } catch (error) {
    if (httpStatus(error) !== 403 && httpStatus(error) !== 404) throw error;
    deps.logger.warning("The run's pull request was not looked up: the token cannot list pull requests (grant `pull-requests: read`).");
    return [];
  }
}

/** One listing of the workflow's runs in the window gives both the failure rate and the flaky check. */
async function readHistory(
  run: WorkflowRunData,
  windowHours: number,
  laterConclusion: string | null | undefined,
  deps: RunClassifyDeps,
): Promise<{ history: HistorySummary; flaky: boolean }> {
  const now = deps.clock.now();
  const current = toHistoryRun(run);
  try {
    const { runs, complete } = await listWorkflowRunsSince(deps.client, deps.repo, run.workflow_id, new Date(now - windowHours * 3_600_000));
    return { history: summariseHistory(runs, current, windowHours, now, complete), flaky: isFlaky(current, runs, laterConclusion) };
  } catch (error) {
    if (httpStatus(error) !== 403) throw error;
    deps.logger.warning('History skipped: the token cannot list workflow runs (grant `actions: read`).');
    return { history: summariseHistory([], current, windowHours, now, false), flaky: isFlaky(current, [], laterConclusion) };
  }
}

/** When the run itself cannot be read, say what we know from the event. */
function stubRunInfo(runId: number, repo: RepoRef, eventRun: WorkflowRunData | undefined, serverUrl: string): RunInfo {
  if (eventRun?.id === runId) return toRunInfo(eventRun, eventRun.run_attempt ?? 1);
  return {
    id: runId,
    attempt: 1,
    workflowName: '',
    workflowPath: '',
    event: '',
    headSha: '',
    headBranch: null,
    htmlUrl: links.run(serverUrl, repo, runId),
    repository: `${repo.owner}/${repo.repo}`,
    conclusion: null,
    pullRequests: [],
    fork: false,
  };
}

function emptyHistory(windowHours: number): HistorySummary {
  return { windowHours, runs: 0, failures: 0, failureRate: 0, consecutiveFailures: 0, complete: false };
}
