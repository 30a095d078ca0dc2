import type { Endpoints } from '@octokit/types';
import { type GitHubClient, type RepoRef, json, type Json } from '../github-client.js';

/** A commit status as the list endpoint gives it. */
export type StatusItem = Json<Endpoints['GET /repos/{owner}/{repo}/commits/{ref}/statuses']['response']['data'][number]>;
export type StatusWrite = Omit<Endpoints['POST /repos/{owner}/{repo}/statuses/{sha}']['parameters'], 'owner' | 'repo' | 'sha'>;

/** A commit's statuses, newest first: one page of 100, or up to `limit` across pages. */
export async function listCommitStatuses(client: GitHubClient, repo: RepoRef, ref: string, limit?: number): Promise<StatusItem[]> {
  if (limit === undefined) return json((await client.request('GET /repos/{owner}/{repo}/commits/{ref}/statuses', { ...repo, ref, per_page: 100 })).data);
  return (await client.paginate<StatusItem>('GET /repos/{owner}/{repo}/commits/{ref}/statuses', { ...repo, ref }, limit)).items;
}

export async function createCommitStatus(client: GitHubClient, repo: RepoRef, sha: string, status: StatusWrite): Promise<void> {
  await client.request('POST /repos/{owner}/{repo}/statuses/{sha}', { ...repo, sha, ...status });
}
