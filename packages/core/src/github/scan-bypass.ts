import type { GitHubClient, RepoRef } from './github-client.js';

/**
 * A bypass as granted: the label on the PR and a justification from a writer who is not the PR's author,
 * naming the head commit it was granted for (so it is newer than the last push: a later push voids it)
 * and, when listed, the finding fingerprints it covers (a new finding blocks again).
 */
export interface BypassGrant {
  label: string;
  by: string;
  reason: string;
  commentUrl: string;
  /** The head SHA the grant names. */
  commit: string;
  /** The fingerprints the grant lists; empty: every finding at `commit`. */
  covers: string[];
}

/** Why a bypass comment did not count: shown in the summary so the granter knows what to write. */
export interface BypassRefusal {
  by: string;
  why: string;
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
 * The bypass of a PR at `head`, if granted: its current labels (read from the API, not the possibly stale
 * event) include `label`, and a comment starting with `keyword` and a reason names `head` and was written
 * by a user with write permission who is not the PR's author. The newest such comment wins; the rest are
 * returned as refusals saying why they did not count.
 */
export async function findBypass(
  client: GitHubClient,
  repo: RepoRef,
  pullNumber: number,
  label: string,
  keyword: string,
  head: string,
): Promise<{ grant?: BypassGrant; refused: BypassRefusal[] }> {
  const refused: BypassRefusal[] = [];
  const { data: issue } = await client.request('GET /repos/{owner}/{repo}/issues/{issue_number}', { ...repo, issue_number: pullNumber });
  const labels = issue.labels.map((l) => (typeof l === 'string' ? l : (l.name ?? '')));
  if (!labels.includes(label)) return { refused };
  const author = issue.user?.login;
  const { items } = await client.paginate<IssueComment>('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', { ...repo, issue_number: pullNumber });
  const candidates = items
    .map((c) => ({ c, reason: justification(c.body ?? '', keyword) }))
    .filter((x): x is { c: IssueComment; reason: string } => !!x.reason && !!x.c.user?.login)
    .sort((a, b) => b.c.created_at.localeCompare(a.c.created_at));
  for (const { c, reason } of candidates) {
    const login = c.user?.login as string;
    const body = c.body ?? '';
    if (login === author) refused.push({ by: login, why: "the pull request's author cannot grant their own bypass" });
    else if (!namesCommit(body, head)) refused.push({ by: login, why: `the comment does not name the current head ${head} (granted before the last push?)` });
    else if (!(await hasWriteAccess(client, repo, login))) refused.push({ by: login, why: 'no write permission on the repository' });
    else return { grant: { label, by: login, reason, commentUrl: c.html_url, commit: head, covers: fingerprintsIn(body) }, refused };
  }
  return { refused };
}

/** The full head SHA as a word of the comment: a grant is for exactly the code it names. */
export function namesCommit(body: string, sha: string): boolean {
  return /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/i.test(sha) && new RegExp(`(?<![0-9a-f])${sha}(?![0-9a-f])`, 'i').test(body);
}

/** Finding fingerprints (`<rule>:<file>:<hash>`) listed in a comment, one per word. */
export function fingerprintsIn(body: string): string[] {
  return [...body.matchAll(/(?<=^|\s|`)([a-z0-9][a-z0-9-]*:[^\s`]+:[0-9a-f]{24})(?=$|\s|`)/gm)].map((m) => m[1] as string);
}

/** `/secret-scan-bypass <reason>` on the comment's first line; a reason of at least a few words' worth. */
export function justification(body: string, keyword: string): string | undefined {
  const first = body.trimStart().split(/\r?\n/)[0] ?? '';
  if (!first.startsWith(keyword)) return undefined;
  const reason = first.slice(keyword.length).trim();
  return reason.length >= 8 ? reason.slice(0, 500) : undefined;
}
