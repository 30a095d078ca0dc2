import { httpStatus, type GitHubClient, type RepoRef, json } from '../github-client.js';

export interface BranchInfo {
  sha: string;
  protected: boolean;
}

export async function getBranch(client: GitHubClient, repo: RepoRef, branch: string): Promise<BranchInfo | undefined> {
  try {
    const data = json((await client.request('GET /repos/{owner}/{repo}/branches/{branch}', { ...repo, branch })).data);
    return { sha: data.commit.sha, protected: data.protected };
  } catch (error) {
    if (httpStatus(error) === 404) return undefined;
    throw error;
  }
}

export async function getDefaultBranch(client: GitHubClient, repo: RepoRef): Promise<string> {
  const data = json((await client.request('GET /repos/{owner}/{repo}', { ...repo })).data);
  return data.default_branch;
}
