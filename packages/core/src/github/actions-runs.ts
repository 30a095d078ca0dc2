import type { HistoryRun } from '../classify/history.js';
import { errorMessage } from '../errors.js';
import type { GitHubClient, RepoRef } from './github-client.js';
import { httpStatus } from './github-client.js';

/** The fields of a workflow run failure-classify reads. */
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
  pull_requests?: { number: number }[] | null;
  head_repository?: { full_name?: string } | null;
  repository: { full_name: string; default_branch?: string };
}

export interface JobData {
  id: number;
  name: string;
  status: string;
  conclusion: string | null;
  html_url: string | null;
  run_attempt?: number;
  steps?: { name: string; status: string; conclusion: string | null; number: number }[];
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

export async function getWorkflowRun(client: GitHubClient, repo: RepoRef, runId: number): Promise<WorkflowRunData> {
  const { data } = await client.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}', { ...repo, run_id: runId, exclude_pull_requests: false });
  return data as unknown as WorkflowRunData;
}

/** The jobs of one attempt, up to `limit` (octokit's paginator unwraps `{ total_count, jobs }` into the array). */
export async function listAttemptJobs(client: GitHubClient, repo: RepoRef, runId: number, attempt: number, limit = 500): Promise<JobData[]> {
  const { items } = await client.paginate<JobData>(
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
    location = (response.headers as Record<string, string | undefined>).location;
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
  return { ok: true, body: blob.body as unknown as AsyncIterable<Uint8Array>, url: location };
}

/** Runs of a workflow created since `since` (newest first), as history records. */
export async function listWorkflowRunsSince(
  client: GitHubClient,
  repo: RepoRef,
  workflowId: number,
  since: Date,
  limit = 300,
): Promise<{ runs: HistoryRun[]; complete: boolean }> {
  const { items, complete } = await client.paginate<WorkflowRunData>(
    'GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs',
    { ...repo, workflow_id: workflowId, created: `>=${since.toISOString()}`, exclude_pull_requests: true },
    limit,
  );
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
