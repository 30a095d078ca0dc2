import type { Endpoints } from '@octokit/types';
import { httpStatus, type GitHubClient, type RepoRef, json, type Json } from '../github-client.js';

export type CollaboratorPermission = Json<Endpoints['GET /repos/{owner}/{repo}/collaborators/{username}/permission']['response']['data']>;

/** The user's permission on the repository, or undefined when they are no collaborator (404). */
export async function getCollaboratorPermission(client: GitHubClient, repo: RepoRef, username: string): Promise<CollaboratorPermission | undefined> {
  try {
    const data = json((await client.request('GET /repos/{owner}/{repo}/collaborators/{username}/permission', { ...repo, username })).data);
    return data;
  } catch (error) {
    if (httpStatus(error) === 404) return undefined;
    throw error;
  }
}

/** The user's role (admin, maintain, write, triage, read, none) from the API, never from author_association. */
export async function collaboratorRole(client: GitHubClient, repo: RepoRef, username: string): Promise<string> {
  const data = await getCollaboratorPermission(client, repo, username);
  if (!data) return 'none';
  // Older Enterprise Servers answer without role_name (or with an empty one): the legacy field then.
  return data.role_name || data.permission;
}

/** Write access per GitHub's role model: admin, maintain or write (the legacy field says admin/write). */
export async function hasWriteAccess(client: GitHubClient, repo: RepoRef, username: string): Promise<boolean> {
  const data = await getCollaboratorPermission(client, repo, username);
  if (!data) return false;
  const role: string | undefined = data.role_name;
  return data.permission === 'admin' || data.permission === 'write' || role === 'maintain' || role === 'write' || role === 'admin';
}
