import type { Category } from '../classify/verdict.js';
import { issueMarker } from '../notify/plan.js';
import { BREAKER_RESET_MARKER, RESET_ROLES, resetCommandCategory } from '../recover/breaker-reset.js';
import { readMarkers } from '../render/markers.js';
import type { GitHubClient, RepoRef } from '../github/github-client.js';
import { collaboratorRole } from '../github/api/collaborators.js';
import { findOurIssues, listIssueComments } from '../github/api/issues.js';

export interface BreakerReset {
  at: number;
  by: string;
}

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
  const items = await listIssueComments(client, repo, issue.number);
  // A label reset: our own record, written only after the labeler's permission was checked (every category).
  const records = items
    .filter((c) => client.isOurs(c.user) && readMarkers(c.body, BREAKER_RESET_MARKER).length > 0 && Date.parse(c.created_at) >= since)
    .map((c) => ({ at: Date.parse(c.created_at), by: 'label' }));
  const commands = items
    .filter((c) => !client.isOurs(c.user) && c.user?.type !== 'Bot' && Date.parse(c.created_at) >= since)
    .filter((c) => {
      const scope = resetCommandCategory(c.body ?? '');
      return scope === 'all' || scope === category;
    })
    .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at));
  const newestRecord = records.sort((a, b) => b.at - a.at)[0];
  for (const c of commands) {
    const login = c.user?.login ?? '';
    const at = Date.parse(c.created_at);
    if (newestRecord && newestRecord.at >= at) return newestRecord;
    if (login && RESET_ROLES.has(await collaboratorRole(client, repo, login))) return { at, by: login };
  }
  return newestRecord;
}
