import type { RunRecord } from '../recover/breaker.js';
import { runRecordFromApi } from '../recover/history.js';
import type { GitHubClient, RepoRef } from '../github/github-client.js';
import { listWorkflowRunsPage, type WorkflowRun } from '../github/api/runs.js';

/**
 * The workflow's runs on the branch since `since`: the circuit breaker's whole memory. One page of 100.
 * Only runs whose head came from `headRepository` (default: this repository) count: the `branch` filter
 * matches a name, and a fork's `main` is not this repository's `main` (issue 16).
 */
export async function listRunHistory(
  client: GitHubClient,
  repo: RepoRef,
  workflowId: number,
  branch: string | null,
  since: string,
  headRepository = `${repo.owner}/${repo.repo}`,
): Promise<RunRecord[]> {
  const runs = await listWorkflowRunsPage(client, repo, workflowId, branch, since);
  const wanted = headRepository.toLowerCase();
  return runs.filter((r) => sameHeadRepository(r, wanted)).map((r) => runRecordFromApi(r, (u) => client.isOurs(u)));
}

/** A run's head came from `wanted` (a run the API lists without its head repository is this repository's). */
function sameHeadRepository(r: WorkflowRun, wanted: string): boolean {
  const head = (r.head_repository as WorkflowRun['head_repository'] | null)?.full_name ?? r.repository.full_name;
  return head.toLowerCase() === wanted;
}
