import {
  isFailedConclusion,
  buildVerdict,
  failedRuns,
  listWorkflowRunsIn,
  classifyJob,
  logClassifySettings,
  type LogClassifySettings,
  ConfigurationError,
  getWorkflowRun,
  httpStatus,
  isFlaky,
  links,
  listAttemptJobs,
  listWorkflowRunsSince,
  loadConfig,
  pullRequestsForRun,
  redactVerdict,
  summariseHistory,
  toHistoryRun,
  toRunInfo,
  unavailable,
  verifyTriggeringRun,
  verifyDispatchedRun,
  withGroup,
  type ActionRuntime,
  type Clock,
  type GitHubClient,
  type HistorySummary,
  type JobData,
  type JobInput,
  type RepoRef,
  type RunInfo,
  type Verdict,
  type TriggerDecision,
  type TriggerPolicy,
  type WorkflowRunData,
} from '@closed-loop/core';
import type { ActionInputs } from './inputs.js';
import { renderSummary } from './summary.js';

export interface RunDeps {
  runtime: ActionRuntime;
  client: GitHubClient;
  clock: Clock;
  repo: RepoRef;
  event: { name: string; payload: Record<string, unknown> };
  /** The config file's text, or undefined when there is none. */
  readConfig: (path: string) => Promise<string | undefined>;
  writeResult: (path: string, text: string) => Promise<void>;
  /** For the log blob download (the API answers with a redirect to it). */
  fetch?: typeof fetch;
}

/**
 * The loop's entry: when the caller names the workflows it acts on, verify the triggering run first
 * (event, workflow path, repository, head SHA) and tell later jobs which path to take through the
 * `path` output: a failure is classified, a success resolves, anything else is left alone.
 */
export async function runLoopStep(inputs: ActionInputs, deps: RunDeps): Promise<Verdict | undefined> {
  if (inputs.sinceHours !== undefined || inputs.workflow !== undefined) {
    await listRecentFailures(inputs, deps);
    return undefined;
  }
  // The config (rules, patterns) is checked before the run is looked up: a bad file fails before any request.
  const settings = await readSettings(inputs, deps);
  const dispatched = deps.event.name === 'workflow_dispatch' && inputs.workflows.length > 0;
  if (!dispatched && (inputs.workflows.length === 0 || inputs.runId)) {
    deps.runtime.setOutput('path', 'failure');
    return run(inputs, deps, settings);
  }
  const policy = { workflows: inputs.workflows, repository: `${deps.repo.owner}/${deps.repo.repo}` };
  const decision = dispatched ? await verifyDispatch(inputs, deps, policy) : verifyTriggeringRun(deps.event.name, deps.event.payload, policy);
  const path = decision.act ? decision.run.path : 'ignore';
  deps.runtime.setOutput('path', path);
  // Later jobs fetch the run's artifacts by this id: on workflow_dispatch the event names no run, and the
  // dispatched id is only trusted once it passed the same checks as a workflow_run.
  if (decision.act) deps.runtime.setOutput('run-id', String(decision.run.runId));
  if (!decision.act) {
    deps.runtime.logger.info(`Not acting: ${decision.reason}`);
    return undefined;
  }
  if (path !== 'failure') {
    deps.runtime.logger.info(
      `Run ${decision.run.runId} of ${decision.run.workflowPath} concluded ${String(decision.run.conclusion)}: ${path === 'success' ? 'resolution path' : 'nothing to do'}.`,
    );
    return undefined;
  }
  return run(inputs, deps, settings);
}

/**
 * A manual run over "the recent failures of workflow X": list them (the listing `runs analyse` uses) for
 * the caller to loop over, each then verified from the API and classified like a workflow_run (run-id).
 * Only a workflow the caller listed in `workflows` can be named, and only from workflow_dispatch.
 */
async function listRecentFailures(inputs: ActionInputs, deps: RunDeps): Promise<void> {
  if (deps.event.name !== 'workflow_dispatch')
    throw new ConfigurationError(`Inputs workflow and since-hours are for a manual run (workflow_dispatch), not ${deps.event.name}; leave them empty.`);
  if (inputs.runId) throw new ConfigurationError('Give either run-id or workflow with since-hours, not both.');
  if (inputs.workflow === undefined || inputs.sinceHours === undefined)
    throw new ConfigurationError('Inputs workflow and since-hours go together: name the workflow file and how many hours back to look.');
  const path = allowedWorkflow(inputs.workflow, inputs.workflows);
  const since = new Date(deps.clock.now() - inputs.sinceHours * 3_600_000);
  const { runs } = await listWorkflowRunsIn(deps.client, deps.repo, path, since);
  const ids = failedRuns(runs)
    .filter((r) => r.path.replace(/@.*$/, '') === path)
    .slice(0, inputs.maxRuns)
    .map((r) => r.id);
  const found = failedRuns(runs).length;
  deps.runtime.logger.info(
    `${found} failed run${found === 1 ? '' : 's'} of ${path} since ${since.toISOString()}${found > ids.length ? `; the newest ${ids.length} (max-runs) are processed` : ''}: ${ids.join(', ') || 'none'}.`,
  );
  deps.runtime.setOutput('path', 'list');
  deps.runtime.setOutput('runs', JSON.stringify(ids));
}

/** The named workflow as one of `workflows` (a path, or its file name); anything else is refused. */
function allowedWorkflow(named: string, workflows: readonly string[]): string {
  const allowed = workflows.map((w) => w.trim().replace(/^\.\//, '')).filter(Boolean);
  const wanted = named.replace(/^\.\//, '');
  const match = allowed.find((w) => w === wanted || (!wanted.includes('/') && w.endsWith(`/${wanted}`)));
  if (!match)
    throw new ConfigurationError(`Input workflow: "${named}" is not one of the workflows input (${allowed.join(', ') || 'empty'}); name one of those.`);
  return match;
}

/** A manual run names a run id; the run is read from the API and verified as a workflow_run would be. */
async function verifyDispatch(inputs: ActionInputs, deps: RunDeps, policy: TriggerPolicy): Promise<TriggerDecision> {
  if (!inputs.runId) throw new ConfigurationError('Input run-id is required when the loop is started by workflow_dispatch.');
  try {
    const apiRun = await getWorkflowRun(deps.client, deps.repo, inputs.runId);
    return verifyDispatchedRun(apiRun, inputs.runId, policy);
  } catch (error) {
    if (httpStatus(error) === 404) return verifyDispatchedRun(undefined, inputs.runId, policy);
    throw error;
  }
}

/**
 * Reads the failed jobs' logs of one run attempt and says what broke. Runs that cannot be read (still
 * running, logs expired, no permission) give a verdict with category unknown and a reason, not a failure.
 */
export async function run(inputs: ActionInputs, deps: RunDeps, known?: Settings): Promise<Verdict> {
  const { runtime, client, repo } = deps;
  const { logger } = runtime;
  const settings = known ?? (await readSettings(inputs, deps));
  /** The run could not be classified: say why, with category unknown, instead of failing the loop. */
  const unclassified = (run: RunInfo, status: Exclude<Verdict['status'], 'classified' | 'no-failed-jobs'>, reason: string) =>
    finish(buildVerdict({ run, jobs: [], history: emptyHistory(settings.windowHours), flaky: false, status, reason }), inputs, deps);
  const eventRun = deps.event.payload.workflow_run as WorkflowRunData | undefined;
  const runId = inputs.runId ?? eventRun?.id;
  if (!runId) throw new ConfigurationError('No run to classify: set the run-id input, or trigger the workflow with `on: workflow_run`.');
  const attempt = eventRun?.id === runId ? eventRun.run_attempt : undefined;

  let latest: WorkflowRunData;
  try {
    latest = await getWorkflowRun(client, repo, runId);
  } catch (error) {
    if (httpStatus(error) === 404 && inputs.runId) throw new ConfigurationError(`Input run-id: run ${runId} was not found in ${repo.owner}/${repo.repo}.`);
    const why = unavailable(error, `run ${runId}`);
    return unclassified(stubRunInfo(runId, repo, eventRun, client.serverUrl), why.status, why.reason);
  }
  const latestAttempt = latest.run_attempt ?? 1;
  const target = attempt ?? latestAttempt;
  // The event describes the attempt that failed; the API's run is the latest attempt, which may have passed since.
  const runInfo = { ...toRunInfo(latest, target), ...(target !== latestAttempt && eventRun ? { conclusion: eventRun.conclusion } : {}) };
  runInfo.pullRequests = await forkPulls(latest, runInfo, deps);
  if (target === latestAttempt && latest.status !== 'completed') {
    return unclassified(
      runInfo,
      'in-progress',
      `Run ${runId} is still ${latest.status ?? 'running'}; classify it once it has completed (trigger on workflow_run: completed).`,
    );
  }
  // A later attempt of the same run that passed makes this failure flaky.
  const laterConclusion = target < latestAttempt && latest.status === 'completed' ? latest.conclusion : undefined;

  let jobs: JobData[];
  try {
    jobs = await listAttemptJobs(client, repo, runId, target);
  } catch (error) {
    const why = unavailable(error, `job list of run ${runId}`);
    return unclassified(runInfo, why.status, why.reason);
  }
  const failed = jobs.filter((j) => isFailedConclusion(j.conclusion));
  const inputsPerJob: JobInput[] = [];
  for (const job of failed) {
    inputsPerJob.push(await withGroup(logger, `Reading the log of "${job.name}"`, () => classifyJob(client, repo, job, settings, logger, deps.fetch)));
  }

  const { history, flaky } = await readHistory(latest, settings.windowHours, laterConclusion, deps);
  const verdict = buildVerdict({
    run: runInfo,
    jobs: inputsPerJob,
    history,
    flaky,
    // A fork's `main` is not the default branch: no severity bump for a branch name the fork chose.
    defaultBranch: !runInfo.fork && !!latest.head_branch && latest.head_branch === defaultBranchOf(deps.event.payload, latest),
    rateTiers: settings.rateTiers,
  });
  return finish(verdict, inputs, deps);
}

/**
 * A fork's run lists no pull request: find it by the head SHA and head repository, so the sticky comment
 * and suggestions reach the fork's PR. Without `pull-requests: read` the run simply has none.
 */
async function forkPulls(run: WorkflowRunData, info: RunInfo, deps: RunDeps): Promise<number[]> {
  const headRepository = run.head_repository?.full_name ?? info.repository;
  try {
    return await pullRequestsForRun(deps.client, deps.repo, { ...info, headRepository });
  } catch (error) {
    if (httpStatus(error) !== 403 && httpStatus(error) !== 404) throw error;
    deps.runtime.logger.warning("The run's pull request was not looked up: the token cannot list pull requests (grant `pull-requests: read`).");
    return [];
  }
}

type Settings = LogClassifySettings;

/** Config first, inputs over it; a bad file or pattern stops here, before any request. */
async function readSettings(inputs: ActionInputs, deps: RunDeps): Promise<Settings> {
  const config = loadConfig(await deps.readConfig(inputs.configPath), inputs.configPath);
  return logClassifySettings(config, inputs.configPath, {
    threshold: inputs.confidenceThreshold,
    windowHours: inputs.historyWindowHours,
    maxBytes: inputs.maxLogBytes,
  });
}

/** One listing of the workflow's runs in the window gives both the failure rate and the flaky check. */
async function readHistory(
  run: WorkflowRunData,
  windowHours: number,
  laterConclusion: string | null | undefined,
  deps: RunDeps,
): Promise<{ history: HistorySummary; flaky: boolean }> {
  const now = deps.clock.now();
  const current = toHistoryRun(run);
  try {
    const { runs, complete } = await listWorkflowRunsSince(deps.client, deps.repo, run.workflow_id, new Date(now - windowHours * 3_600_000));
    return { history: summariseHistory(runs, current, windowHours, now, complete), flaky: isFlaky(current, runs, laterConclusion) };
  } catch (error) {
    if (httpStatus(error) !== 403) throw error;
    deps.runtime.logger.warning('History skipped: the token cannot list workflow runs (grant `actions: read`).');
    return { history: summariseHistory([], current, windowHours, now, false), flaky: isFlaky(current, [], laterConclusion) };
  }
}

async function finish(verdict: Verdict, inputs: ActionInputs, deps: RunDeps): Promise<Verdict> {
  const { runtime } = deps;
  const safe = redactVerdict(verdict, runtime.redactor);
  const json = fitOutput(safe);
  if (safe.status !== 'classified') runtime.logger.warning(`failure-classify: ${safe.reason ?? safe.status}`);
  runtime.setOutput('result', json);
  runtime.setOutput('category', safe.category);
  runtime.setOutput('transient', String(safe.transient));
  runtime.setOutput('severity', safe.severity);
  runtime.setOutput('signature', safe.signature);
  runtime.setOutput('status', safe.status);
  runtime.setOutput('result-file', inputs.resultFile);
  await deps.writeResult(inputs.resultFile, `${JSON.stringify(safe, null, 2)}\n`);
  await runtime.writeSummary(renderSummary(safe));
  return safe;
}

/** GitHub caps an output at 1 MiB: with many failed jobs, drop the other jobs' evidence lines first. */
export function fitOutput(verdict: Verdict, limit = 900_000): string {
  const json = JSON.stringify(verdict);
  if (json.length <= limit) return json;
  const slim = { ...verdict, jobs: verdict.jobs.map((j) => (j.signature === verdict.signature ? j : { ...j, evidence: { ...j.evidence, lines: [] } })) };
  const smaller = JSON.stringify(slim);
  return smaller.length <= limit ? smaller : JSON.stringify({ ...slim, jobs: slim.jobs.slice(0, 50) });
}

/** The run's repository may omit the default branch (it is a minimal repository); the webhook's has it. */
function defaultBranchOf(payload: Record<string, unknown>, run: WorkflowRunData): string | undefined {
  return run.repository.default_branch ?? (payload.repository as { default_branch?: string } | undefined)?.default_branch;
}

/** When the run itself cannot be read, say what we know from the event. */
function stubRunInfo(runId: number, repo: RepoRef, eventRun: WorkflowRunData | undefined, serverUrl: string): RunInfo {
  if (eventRun?.id === runId) return toRunInfo(eventRun, eventRun.run_attempt ?? 1);
  const repository = `${repo.owner}/${repo.repo}`;
  return {
    id: runId,
    attempt: 1,
    workflowName: '',
    workflowPath: '',
    event: '',
    headSha: '',
    headBranch: null,
    htmlUrl: links.run(serverUrl, repo, runId),
    repository,
    conclusion: null,
    pullRequests: [],
    fork: false,
  };
}

function emptyHistory(windowHours: number): HistorySummary {
  return { windowHours, runs: 0, failures: 0, failureRate: 0, consecutiveFailures: 0, complete: false };
}
