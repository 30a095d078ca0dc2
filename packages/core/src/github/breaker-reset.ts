import type { Category } from '../classify/verdict.js';
import { issueMarker } from '../notify/plan.js';
import { RESET_ROLES, resetCommandCategory } from '../recover/breaker-reset.js';
import type { GitHubClient, RepoRef } from './github-client.js';
import { collaboratorRole } from './recover.js';
import { findOurIssues } from './upsert.js';

export interface BreakerReset {
  at: number;
  by: string;
}

type Comment = { id: number; body?: string | null; user?: { login?: string; type?: string } | null; created_at?: string };

/**
 * The newest `/closed-loop reset` on this failure signature's issue, since `since`, from someone whose
 * permission (read through the API, never from author_association) is write or above. Comments from
 * anyone else, or for another category, are ignored.
 */
export async function findBreakerReset(
  client: GitHubClient,
  repo: RepoRef,
  signature: string,
  category: Category,
  since: number,
): Promise<BreakerReset | undefined> {
  const [issue] = await findOurIssues(client, repo, issueMarker(signature));
  if (!issue) return undefined;
  const { items } = await client.paginate<Comment>('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', { ...repo, issue_number: issue.number });
  const commands = items
    .filter((c) => !client.isOurs(c.user) && c.user?.type !== 'Bot' && Date.parse(c.created_at ?? '') >= since)
    .filter((c) => {
      const scope = resetCommandCategory(c.body ?? '');
      return scope === 'all' || scope === category;
    })
    .sort((a, b) => Date.parse(b.created_at ?? '') - Date.parse(a.created_at ?? ''));
  for (const c of commands) {
    const login = c.user?.login ?? '';
    if (login && RESET_ROLES.has(await collaboratorRole(client, repo, login))) return { at: Date.parse(c.created_at ?? ''), by: login };
  }
  return undefined;
}
