import type { GitHubClient, RepoRef } from './github-client.js';

/** What a bypass needs to be granted: the label on the PR and a justification from a writer. */
export interface BypassGrant {
  label: string;
  by: string;
  reason: string;
  commentUrl: string;
}

interface IssueComment {
  body?: string;
  html_url: string;
  created_at: string;
  user: { login?: string; type?: string } | null;
}

/** Write access per GitHub's role model: admin, maintain or write (the legacy field says admin/write). */
export async function hasWriteAccess(client: GitHubClient, repo: RepoRef, username: string): Promise<boolean> {
  try {
    const { data } = await client.request('GET /repos/{owner}/{repo}/collaborators/{username}/permission', { ...repo, username });
    const role = (data as { role_name?: string }).role_name;
    return data.permission === 'admin' || data.permission === 'write' || role === 'maintain' || role === 'write' || role === 'admin';
  } catch (error) {
    // 404: not a collaborator at all.
    if ((error as { status?: number }).status === 404) return false;
    throw error;
  }
}

/**
 * The bypass of a PR, if granted: its current labels (read from the API, not the possibly stale event)
 * include `label`, and a comment starting with `keyword` and a reason was written by a user with write
 * permission. The newest such comment wins; comments by users without write access are ignored.
 */
export async function findBypass(client: GitHubClient, repo: RepoRef, pullNumber: number, label: string, keyword: string): Promise<BypassGrant | undefined> {
  const { data: issue } = await client.request('GET /repos/{owner}/{repo}/issues/{issue_number}', { ...repo, issue_number: pullNumber });
  const labels = issue.labels.map((l) => (typeof l === 'string' ? l : (l.name ?? '')));
  if (!labels.includes(label)) return undefined;
  const { items } = await client.paginate<IssueComment>('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', { ...repo, issue_number: pullNumber });
  const candidates = items
    .map((c) => ({ c, reason: justification(c.body ?? '', keyword) }))
    .filter((x): x is { c: IssueComment; reason: string } => !!x.reason && !!x.c.user?.login)
    .sort((a, b) => b.c.created_at.localeCompare(a.c.created_at));
  for (const { c, reason } of candidates) {
    const login = c.user?.login as string;
    if (await hasWriteAccess(client, repo, login)) return { label, by: login, reason, commentUrl: c.html_url };
  }
  return undefined;
}

/** `/secret-scan-bypass <reason>` on the comment's first line; a reason of at least a few words' worth. */
export function justification(body: string, keyword: string): string | undefined {
  const first = body.trimStart().split(/\r?\n/)[0] ?? '';
  if (!first.startsWith(keyword)) return undefined;
  const reason = first.slice(keyword.length).trim();
  return reason.length >= 8 ? reason.slice(0, 500) : undefined;
}
