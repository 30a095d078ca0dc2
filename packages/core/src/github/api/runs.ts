import type { Endpoints } from '@octokit/types';
import type { HistoryRun } from '../../classify/history.js';
import { errorMessage } from '../../errors.js';
import { httpStatus, NO_RETRY, type GitHubClient, type RepoRef, json, type Json } from '../github-client.js';

/** A workflow run as `GET /actions/runs/{run_id}` returns it. */
export type WorkflowRun = Json<Endpoints['GET /repos/{owner}/{repo}/actions/runs/{run_id}']['response']['data']>;
/** A job as the attempt's jobs listing returns it. */
export type WorkflowJob = Json<Endpoints['GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/jobs']['response']['data']['jobs'][number]>;

/**
 * The fields of a workflow run that failure-classify and notify read: the API's run satisfies it, and so
 * does the `workflow_run` of an event payload (which is all a run with no `actions: read` gives us).
 */
export interface WorkflowRunData {
  id: number;
  name?: string | null;
  path: string;
  workflow_id: number;
  run_attempt?: number;
  status: string | null;
  conclusion: string | null;
  head_sha: string;
  head_branch: string | null;
  event: string;
  html_url: string;
  created_at: string;
  updated_at?: string;
  pull_requests?: { number: number }[] | null;
  head_repository?: { full_name?: string } | null;
  repository: { full_name: string; default_branch?: string };
}

export type JobData = Pick<WorkflowJob, 'id' | 'name' | 'status' | 'conclusion' | 'html_url' | 'run_attempt'> & {
  steps?: { name: string; status: string; conclusion: string | null; number: number }[];
};

/** What recover needs to know about a run's latest attempt, re-read right before every write. */
export interface RunSnapshot {
  id: number;
  attempt: number;
  status: string;
  conclusion: string | null;
  headSha: string;
  headBranch: string | null;
  workflowId: number;
  event: string;
  createdAt: string;
  updatedAt: string;
  htmlUrl: string;
  pullRequests: number[];
  /** The head repository is not this repository. */
  fork: boolean;
  /** owner/name of the repository the head commit came from (lower case; this repository's for non-forks). */
  headRepository: string;
  /** Who started the run and who started this attempt (deduplicated; logins as GitHub reports them). */
  actors: { login: string; type?: string }[];
}

/** Why a read could not be done, in words a maintainer can act on; the verdict then says `unknown`. */
export interface Unavailable {
  status: 'logs-unavailable' | 'forbidden';
  reason: string;
}

export const MISSING_ACTIONS_READ = "The token cannot read Actions data (HTTP 403): grant `actions: read` in the job's `permissions:`.";

/** 403/404/410 from an Actions read, as a verdict status; anything else is rethrown. */
export function unavailable(error: unknown, what: string): Unavailable {
  const status = httpStatus(error);
  if (status === 403) return { status: 'forbidden', reason: MISSING_ACTIONS_READ };
  if (status === 410)
    return { status: 'logs-unavailable', reason: `The ${what} has expired (HTTP 410): GitHub keeps logs for the repository's retention period.` };
  if (status === 404) return { status: 'logs-unavailable', reason: `The ${what} was not found (HTTP 404): it has expired or was deleted.` };
  throw error;
}

/** The run, as the API returns it. `withPullRequests` asks for its pull request list explicitly. */
export async function getRun(client: GitHubClient, repo: RepoRef, runId: number, withPullRequests = false): Promise<WorkflowRun> {
  const data = json(
    (
      await client.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}', {
        ...repo,
        run_id: runId,
        ...(withPullRequests ? { exclude_pull_requests: false } : {}),
      })
    ).data,
  );
  return data;
}

export async function getWorkflowRun(client: GitHubClient, repo: RepoRef, runId: number): Promise<WorkflowRun> {
  return getRun(client, repo, runId, true);
}

export async function getRunSnapshot(client: GitHubClient, repo: RepoRef, runId: number): Promise<RunSnapshot> {
  return snapshot(await getRun(client, repo, runId));
}

function snapshot(r: WorkflowRun): RunSnapshot {
  // A deleted fork leaves head_repository null, whatever the types say.
  const head = (r.head_repository as WorkflowRun['head_repository'] | null)?.full_name.toLowerCase();
  const own = r.repository.full_name.toLowerCase();
  return {
    id: r.id,
    attempt: r.run_attempt ?? 1,
    status: r.status ?? 'unknown',
    conclusion: r.conclusion,
    headSha: r.head_sha,
    headBranch: r.head_branch,
    workflowId: r.workflow_id,
    event: r.event,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    htmlUrl: r.html_url,
    pullRequests: (r.pull_requests ?? []).map((p) => p.number),
    fork: !!head && head !== own,
    headRepository: head ?? own,
    actors: runActors(r),
  };
}

function runActors(r: WorkflowRun): { login: string; type?: string }[] {
  const out = new Map<string, { login: string; type?: string }>();
  for (const a of [r.actor, r.triggering_actor]) if (a?.login) out.set(a.login, { login: a.login, ...(a.type ? { type: a.type } : {}) });
  return [...out.values()];
}

/** One page (up to 100) of a workflow's runs, optionally on one branch, created since `since` (ISO). */
export async function listWorkflowRunsPage(
  client: GitHubClient,
  repo: RepoRef,
  workflowId: number,
  branch: string | null,
  since: string,
): Promise<WorkflowRun[]> {
  const data = json(
    (
      await client.request('GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs', {
        ...repo,
        workflow_id: workflowId,
        ...(branch ? { branch } : {}),
        created: `>=${since}`,
        per_page: 100,
        exclude_pull_requests: true,
      })
    ).data,
  );
  return data.workflow_runs;
}

/** A workflow's runs created since `since` (newest first), up to `limit`. */
export async function listWorkflowRuns(
  client: GitHubClient,
  repo: RepoRef,
  /** The workflow's numeric id or its file name (`ci.yml`). */
  workflowId: number | string,
  since: Date,
  limit: number,
): Promise<{ items: WorkflowRun[]; complete: boolean }> {
  return client.paginate<WorkflowRun>(
    'GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs',
    { ...repo, workflow_id: workflowId, created: `>=${since.toISOString()}`, exclude_pull_requests: true },
    limit,
  );
}

/** The repository's runs matching `filter` (newest first), up to `limit`. */
export async function listRepoRuns(
  client: GitHubClient,
  repo: RepoRef,
  filter: { created?: string; branch?: string; status?: 'completed' | 'success'; per_page?: number },
  limit: number,
): Promise<{ items: WorkflowRun[]; complete: boolean }> {
  return client.paginate<WorkflowRun>('GET /repos/{owner}/{repo}/actions/runs', { ...repo, ...filter, exclude_pull_requests: true }, limit, runsOf);
}

// octokit's paginate already unwraps `{ total_count, workflow_runs }` pages into arrays; a raw page is not.
const runsOf = (data: unknown): WorkflowRun[] => (Array.isArray(data) ? (data as WorkflowRun[]) : (data as { workflow_runs: WorkflowRun[] }).workflow_runs);

/** Runs of a workflow created since `since` (newest first), as history records. */
export async function listWorkflowRunsSince(
  client: GitHubClient,
  repo: RepoRef,
  workflowId: number,
  since: Date,
  limit = 300,
): Promise<{ runs: HistoryRun[]; complete: boolean }> {
  const { items, complete } = await listWorkflowRuns(client, repo, workflowId, since, limit);
  return { runs: items.map(toHistoryRun), complete };
}

export function toHistoryRun(run: WorkflowRunData): HistoryRun {
  const headRepository = run.head_repository?.full_name ?? run.repository.full_name;
  return {
    id: run.id,
    headSha: run.head_sha,
    headBranch: run.head_branch,
    ...(headRepository ? { headRepository } : {}),
    status: run.status,
    conclusion: run.conclusion,
    createdAt: run.created_at,
  };
}

/** The jobs of one attempt, up to `limit` (octokit's paginator unwraps `{ total_count, jobs }` into the array). */
export async function listAttemptJobs(client: GitHubClient, repo: RepoRef, runId: number, attempt: number, limit = 500): Promise<JobData[]> {
  const { items } = await client.paginate<WorkflowJob>(
    'GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/jobs',
    { ...repo, run_id: runId, attempt_number: attempt },
    limit,
  );
  return items;
}

export type JobLog = { ok: true; body: AsyncIterable<Uint8Array>; url: string } | ({ ok: false } & Unavailable);

/**
 * Opens a job's log as a byte stream. The API answers 302 to a short-lived blob URL; we take the
 * redirect ourselves (the blob must not get our token) and hand back the response body unbuffered.
 */
export async function openJobLog(client: GitHubClient, repo: RepoRef, jobId: number, fetcher: typeof fetch = fetch): Promise<JobLog> {
  let location: string | undefined;
  try {
    const response = await client.request('GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs', {
      ...repo,
      job_id: jobId,
      request: { redirect: 'manual', parseSuccessResponseBody: false },
    });
    location = response.headers.location;
  } catch (error) {
    return { ok: false, ...unavailable(error, `log of job ${jobId}`) };
  }
  if (!location) return { ok: false, status: 'logs-unavailable', reason: `GitHub gave no download address for the log of job ${jobId}.` };
  const blob = await fetcher(location, { redirect: 'follow' }).catch((error: unknown) => {
    throw new Error(`Downloading the log of job ${jobId} failed: ${errorMessage(error)}`);
  });
  if (blob.status === 404 || blob.status === 410 || blob.status === 403) {
    await blob.body?.cancel();
    return { ok: false, status: 'logs-unavailable', reason: `The log of job ${jobId} is no longer available (HTTP ${blob.status} from storage).` };
  }
  if (!blob.ok || !blob.body) throw new Error(`Downloading the log of job ${jobId} failed: HTTP ${blob.status}.`);
  return { ok: true, body: blob.body, url: location };
}

export type RerunResult = { started: true; attempt: number } | { started: false; attempt: number; reason: string };

/**
 * `rerun-failed-jobs`, single-flight without relying on the workflow's `concurrency:`: the run is re-read
 * right before the POST (still completed, still the attempt we judged), and after any failure the run is
 * read again, so a concurrent recover that re-ran it first is recognised instead of reported as an error.
 */
export async function rerunFailedJobs(client: GitHubClient, repo: RepoRef, runId: number, expectedAttempt: number): Promise<RerunResult> {
  const before = await getRunSnapshot(client, repo, runId);
  if (before.attempt !== expectedAttempt)
    return { started: false, attempt: before.attempt, reason: `attempt ${before.attempt} already exists; someone re-ran it first` };
  if (before.status !== 'completed') return { started: false, attempt: before.attempt, reason: `the run is ${before.status}, not completed` };
  const moved = async (): Promise<true | undefined> => ((await getRunSnapshot(client, repo, runId)).attempt > expectedAttempt ? true : undefined);
  try {
    await client.writeOnce(
      `re-running failed jobs of run ${runId}`,
      async () => {
        await client.request('POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun-failed-jobs', { ...repo, run_id: runId, ...NO_RETRY });
        return true;
      },
      moved,
    );
  } catch (error) {
    const after = await getRunSnapshot(client, repo, runId);
    if (after.attempt > expectedAttempt)
      return { started: false, attempt: after.attempt, reason: `a concurrent recover started attempt ${after.attempt} first` };
    throw error;
  }
  return { started: true, attempt: expectedAttempt + 1 };
}
