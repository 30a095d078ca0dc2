import { httpStatus, type GitHubClient, type RepoRef, json } from '../github-client.js';

/** A file's text at a ref, or undefined when it does not exist there (or is a directory, link, submodule). */
export async function getFileText(client: GitHubClient, repo: RepoRef, path: string, ref: string): Promise<string | undefined> {
  try {
    const data = json((await client.request('GET /repos/{owner}/{repo}/contents/{path}', { ...repo, path, ref })).data);
    if (Array.isArray(data) || data.type !== 'file' || !('content' in data) || typeof data.content !== 'string') return undefined;
    return Buffer.from(data.content, 'base64').toString('utf8');
  } catch (error) {
    if (httpStatus(error) === 404) return undefined;
    throw error;
  }
}
