import type { Endpoints } from '@octokit/types';
import { parseFileHunks } from '../../git-format/diff.js';
import type { CommitInfo } from '../../recover/trailers.js';
import { type GitHubClient, type RepoRef, json, type Json } from '../github-client.js';
import { commitInfo, type Commit } from './commits.js';

export type PullRequest = Json<Endpoints['GET /repos/{owner}/{repo}/pulls/{pull_number}']['response']['data']>;
type ListedPull = Json<Endpoints['GET /repos/{owner}/{repo}/pulls']['response']['data'][number]>;
type PullFile = Json<Endpoints['GET /repos/{owner}/{repo}/pulls/{pull_number}/files']['response']['data'][number]>;

export interface PullInfo {
  number: number;
  state: string;
  draft: boolean;
  headSha: string;
  headRef: string;
  fork: boolean;
}

export async function getPullRequest(client: GitHubClient, repo: RepoRef, pullNumber: number): Promise<PullRequest> {
  const data = json((await client.request('GET /repos/{owner}/{repo}/pulls/{pull_number}', { ...repo, pull_number: pullNumber })).data);
  return data;
}

export async function getPull(client: GitHubClient, repo: RepoRef, pullNumber: number): Promise<PullInfo> {
  const data = await getPullRequest(client, repo, pullNumber);
  // A deleted fork leaves head.repo null, whatever the types say.
  const head = (data.head.repo as PullRequest['head']['repo'] | null)?.full_name.toLowerCase();
  return {
    number: data.number,
    state: data.state,
    draft: data.draft ?? false,
    headSha: data.head.sha,
    headRef: data.head.ref,
    fork: head !== `${repo.owner}/${repo.repo}`.toLowerCase(),
  };
}

/** A pull request's commits, oldest first (GitHub lists at most 250). */
export async function listPullCommits(client: GitHubClient, repo: RepoRef, pullNumber: number): Promise<CommitInfo[]> {
  const { items } = await client.paginate<Commit>('GET /repos/{owner}/{repo}/pulls/{pull_number}/commits', { ...repo, pull_number: pullNumber }, 250);
  return items.map((c) => commitInfo(client, c));
}

/** Right-side line ranges of a PR's diff, per file: where GitHub accepts review comments. */
export async function pullDiffRanges(client: GitHubClient, repo: RepoRef, pullNumber: number): Promise<Map<string, [number, number][]>> {
  const { items } = await client.paginate<PullFile>('GET /repos/{owner}/{repo}/pulls/{pull_number}/files', { ...repo, pull_number: pullNumber }, 300);
  const out = new Map<string, [number, number][]>();
  for (const f of items) {
    const ranges = parseFileHunks(f.patch ?? '').map((h): [number, number] => [h.newStart, h.newStart + Math.max(h.newLines, 1) - 1]);
    out.set(f.filename, ranges);
  }
  return out;
}

/** What finding a run's pull requests needs to know about the run. */
export interface RunHead {
  event: string;
  headSha: string;
  headBranch: string | null;
  /** owner/name of the head repository (a fork's for a fork's run). */
  headRepository: string;
  /** The run's own `pull_requests` list. */
  pullRequests: readonly number[];
}

/**
 * The open pull requests whose head is exactly this run's head commit. The run's own list when it has
 * one; GitHub leaves that list empty for a fork's run (and `GET /commits/{sha}/pulls` does not list fork
 * PRs reliably), so then the open PRs from the head repository's branch, kept only when both the head SHA
 * and the head repository match. One request, and none for runs that are not pull-request runs.
 */
export async function pullRequestsForRun(client: GitHubClient, repo: RepoRef, run: RunHead): Promise<number[]> {
  if (run.pullRequests.length) return [...run.pullRequests];
  const owner = run.headRepository.split('/')[0];
  if (!run.event.startsWith('pull_request') || !run.headBranch || !owner) return [];
  const data = json(
    (await client.request('GET /repos/{owner}/{repo}/pulls', { ...repo, state: 'open', head: `${owner}:${run.headBranch}`, per_page: 100 })).data,
  );
  const wanted = run.headRepository.toLowerCase();
  return data
    .filter((p: ListedPull) => p.head.sha === run.headSha && (p.head.repo as ListedPull['head']['repo'] | null)?.full_name.toLowerCase() === wanted)
    .map((p) => p.number)
    .sort((a, b) => a - b);
}
