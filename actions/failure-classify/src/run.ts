import {
  classifyRun,
  ConfigurationError,
  failedRuns,
  listWorkflowRunsIn,
  loadConfig,
  logClassifySettings,
  redactVerdict,
  verifyRunById,
  verifyTriggeringRun,
  type ActionEvent,
  type ActionRuntime,
  type Clock,
  type GitHubClient,
  type LogClassifySettings,
  type RepoRef,
  type TriggerDecision,
  type TriggerPolicy,
  type Verdict,
  type WorkflowRunData,
} from '@closed-loop/core';
import type { ActionInputs } from './inputs.js';
import { renderSummary } from './summary.js';

export interface RunDeps {
  runtime: ActionRuntime;
  client: GitHubClient;
  clock: Clock;
  repo: RepoRef;
  event: ActionEvent;
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
  return verifyRunById(deps.client, deps.repo, inputs.runId, policy);
}

/**
 * Classifies one run attempt (core's classifyRun) and hands the verdict out: outputs, result file, summary.
 * The run is the run-id input's, else the triggering workflow_run event's.
 */
export async function run(inputs: ActionInputs, deps: RunDeps, known?: LogClassifySettings): Promise<Verdict> {
  const settings = known ?? (await readSettings(inputs, deps));
  const { payload } = deps.event;
  const eventRun = payload.workflow_run as WorkflowRunData | undefined;
  const runId = inputs.runId ?? eventRun?.id;
  if (!runId) throw new ConfigurationError('No run to classify: set the run-id input, or trigger the workflow with `on: workflow_run`.');
  const eventDefaultBranch = (payload.repository as { default_branch?: string } | undefined)?.default_branch;
  const verdict = await classifyRun(
    { client: deps.client, repo: deps.repo, clock: deps.clock, logger: deps.runtime.logger, ...(deps.fetch ? { fetch: deps.fetch } : {}) },
    { runId, ...(eventRun ? { eventRun } : {}), ...(eventDefaultBranch ? { eventDefaultBranch } : {}), ...(inputs.runId ? { namedBy: 'Input run-id' } : {}) },
    settings,
  );
  return finish(verdict, inputs, deps);
}

/** Config first, inputs over it; a bad file or pattern stops here, before any request. */
async function readSettings(inputs: ActionInputs, deps: RunDeps): Promise<LogClassifySettings> {
  const config = loadConfig(await deps.readConfig(inputs.configPath), inputs.configPath);
  return logClassifySettings(config, inputs.configPath, {
    threshold: inputs.confidenceThreshold,
    windowHours: inputs.historyWindowHours,
    maxBytes: inputs.maxLogBytes,
  });
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
