import type { GitHubClient, RepoRef } from '../github/github-client.js';
import { hasWriteAccess } from '../github/api/collaborators.js';
import { getIssue, labelNames, listIssueComments, type IssueComment } from '../github/api/issues.js';

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
  const issue = await getIssue(client, repo, pullNumber);
  if (!labelNames(issue).includes(label)) return { refused };
  const author = issue.user?.login;
  const items = await listIssueComments(client, repo, pullNumber);
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
