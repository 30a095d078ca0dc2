import { LIMITS } from '../render/limits.js';
import { truncate } from '../render/truncate.js';
import type { GitHubClient, RepoRef } from './github-client.js';
import { NO_RETRY, httpStatus } from './github-client.js';

export interface Written {
  id: number;
  number?: number;
  html_url?: string;
  body?: string | null;
  user?: { login?: string } | null;
}

export interface UpsertResult<T extends Written> {
  action: 'created' | 'updated' | 'unchanged';
  item: T;
  /** Our own duplicates (from a concurrent run) removed while converging on one item. */
  removedDuplicates: number[];
}

type IssueComment = Written & { created_at?: string };

/** Comments on an issue or PR that carry `marker` and were written by us; oldest first. */
export async function findOurComments(client: GitHubClient, repo: RepoRef, issueNumber: number, marker: string): Promise<IssueComment[]> {
  const { items } = await client.paginate<IssueComment>('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', { ...repo, issue_number: issueNumber });
  // The marker alone proves nothing: anyone can paste it. Only our login's comments are ours to edit.
  return items.filter((c) => client.isOurs(c.user) && !!c.body?.includes(marker)).sort((a, b) => a.id - b.id);
}

/**
 * One comment per (issue, marker), created once and then edited in place. A body that has not changed
 * costs no write. If concurrent runs both created one, the oldest wins and the others are deleted.
 */
export async function upsertComment(
  client: GitHubClient,
  repo: RepoRef,
  issueNumber: number,
  marker: string,
  body: string,
): Promise<UpsertResult<IssueComment>> {
  const full = withMarker(body, marker);
  const [existing, ...duplicates] = await findOurComments(client, repo, issueNumber, marker);
  const removedDuplicates = await deleteComments(client, repo, duplicates);
  if (existing) {
    if (existing.body === full) return { action: 'unchanged', item: existing, removedDuplicates };
    const { data } = await client.request('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', { ...repo, comment_id: existing.id, body: full });
    return { action: 'updated', item: data as unknown as IssueComment, removedDuplicates };
  }
  const created = await client.writeOnce(
    `creating comment on #${issueNumber}`,
    async () =>
      (await client.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { ...repo, issue_number: issueNumber, body: full, ...NO_RETRY }))
        .data as unknown as IssueComment,
    async () => (await findOurComments(client, repo, issueNumber, marker))[0],
  );
  // Converge with a run that created its twin at the same moment: keep the oldest.
  const [winner, ...losers] = await findOurComments(client, repo, issueNumber, marker);
  const lost = await deleteComments(client, repo, losers);
  return { action: 'created', item: winner ?? created, removedDuplicates: [...removedDuplicates, ...lost] };
}

async function deleteComments(client: GitHubClient, repo: RepoRef, comments: IssueComment[]): Promise<number[]> {
  for (const c of comments) {
    try {
      await client.request('DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}', { ...repo, comment_id: c.id });
    } catch (error) {
      // A concurrent run may have removed the same twin first: gone is what we wanted.
      if (httpStatus(error) !== 404) throw error;
    }
  }
  return comments.map((c) => c.id);
}

export type IssueItem = Written & {
  number: number;
  title: string;
  state: string;
  state_reason?: string | null;
  labels: (string | { name?: string })[];
  pull_request?: unknown;
  closed_by?: { login?: string } | null;
  created_at?: string;
  closed_at?: string | null;
};

/**
 * Issues (not PRs) that carry `marker` and were opened by us, oldest first, open or closed.
 * `label` narrows the listing to our label, so this stays a couple of requests on busy repositories.
 */
export async function findOurIssues(client: GitHubClient, repo: RepoRef, marker: string, label?: string): Promise<IssueItem[]> {
  const { items } = await client.paginate<IssueItem>('GET /repos/{owner}/{repo}/issues', {
    ...repo,
    state: 'all',
    creator: client.botLogin,
    ...(label ? { labels: label } : {}),
  });
  return items.filter((i) => !i.pull_request && client.isOurs(i.user) && !!i.body?.includes(marker)).sort((a, b) => a.number - b.number);
}

export interface IssueContent {
  title: string;
  body: string;
  labels?: string[];
  assignees?: string[];
}

/** Creates an issue exactly once (re-reading after an ambiguous failure). */
export async function createIssueOnce(client: GitHubClient, repo: RepoRef, marker: string, content: IssueContent, label?: string): Promise<IssueItem> {
  const body = withMarker(content.body, marker);
  return client.writeOnce(
    `creating issue "${content.title}"`,
    async () => (await client.request('POST /repos/{owner}/{repo}/issues', { ...repo, ...content, body, ...NO_RETRY })).data as unknown as IssueItem,
    async () => (await findOurIssues(client, repo, marker, label))[0],
  );
}

/**
 * One issue per marker: found (open or closed) and updated only if it changed, else created.
 * Reopening is the caller's decision (a human may have closed it as "won't fix"), so state is untouched.
 * Concurrent creators converge: the oldest issue wins, younger twins are closed as duplicates.
 */
export async function upsertIssue(
  client: GitHubClient,
  repo: RepoRef,
  marker: string,
  content: IssueContent,
  label?: string,
): Promise<UpsertResult<IssueItem>> {
  const [existing, ...duplicates] = await findOurIssues(client, repo, marker, label);
  const body = withMarker(content.body, marker);
  if (existing) {
    const removedDuplicates = await closeDuplicates(client, repo, existing, duplicates);
    if (existing.body === body && existing.title === content.title) return { action: 'unchanged', item: existing, removedDuplicates };
    const { data } = await client.request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', {
      ...repo,
      issue_number: existing.number,
      title: content.title,
      body,
    });
    return { action: 'updated', item: data as unknown as IssueItem, removedDuplicates };
  }
  const created = await createIssueOnce(client, repo, marker, content, label);
  const [winner, ...losers] = await findOurIssues(client, repo, marker, label);
  const keep = winner ?? created;
  return { action: 'created', item: keep, removedDuplicates: await closeDuplicates(client, repo, keep, losers) };
}

async function closeDuplicates(client: GitHubClient, repo: RepoRef, keep: IssueItem, duplicates: IssueItem[]): Promise<number[]> {
  const open = duplicates.filter((d) => d.state === 'open');
  for (const d of open) {
    await client.request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', {
      ...repo,
      issue_number: d.number,
      state: 'closed',
      state_reason: 'duplicate',
      body: `Duplicate of #${keep.number} (created by a concurrent run).`,
    });
  }
  return open.map((d) => d.number);
}

/** The marker goes last, on its own line, and the body is cut to GitHub's limit with the marker kept. */
export function withMarker(body: string, marker: string): string {
  return `${truncate(body.trimEnd(), LIMITS.body - marker.length - 2)}\n\n${marker}`;
}
