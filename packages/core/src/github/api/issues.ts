import type { Endpoints } from '@octokit/types';
import { LIMITS } from '../../render/limits.js';
import { truncate } from '../../render/truncate.js';
import { httpStatus, NO_RETRY, type GitHubClient, type RepoRef, json, type Json } from '../github-client.js';

/** An issue (or a pull request seen as an issue) as the issues endpoints return it. */
export type IssueItem = Json<Endpoints['GET /repos/{owner}/{repo}/issues/{issue_number}']['response']['data']>;
/** A comment on an issue or pull request's conversation. */
export type IssueComment = Json<Endpoints['GET /repos/{owner}/{repo}/issues/comments/{comment_id}']['response']['data']>;

export interface UpsertResult<T> {
  action: 'created' | 'updated' | 'unchanged';
  item: T;
  /** Our own duplicates (from a concurrent run) removed while converging on one item. */
  removedDuplicates: number[];
}

/** The marker goes last, on its own line, and the body is cut to GitHub's limit with the marker kept. */
export function withMarker(body: string, marker: string): string {
  return `${truncate(body.trimEnd(), LIMITS.body - marker.length - 2)}\n\n${marker}`;
}

export function labelNames(issue: Pick<IssueItem, 'labels'>): string[] {
  return issue.labels.map((l) => (typeof l === 'string' ? l : (l.name ?? '')));
}

// ---- issues ----

export async function getIssue(client: GitHubClient, repo: RepoRef, issueNumber: number): Promise<IssueItem> {
  const data = json((await client.request('GET /repos/{owner}/{repo}/issues/{issue_number}', { ...repo, issue_number: issueNumber })).data);
  return data;
}

export type IssuePatch = Omit<Endpoints['PATCH /repos/{owner}/{repo}/issues/{issue_number}']['parameters'], 'owner' | 'repo' | 'issue_number'>;

export async function updateIssue(client: GitHubClient, repo: RepoRef, issueNumber: number, patch: IssuePatch): Promise<IssueItem> {
  const data = json((await client.request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', { ...repo, issue_number: issueNumber, ...patch })).data);
  return data;
}

export async function addAssignees(client: GitHubClient, repo: RepoRef, issueNumber: number, assignees: string[]): Promise<void> {
  await client.request('POST /repos/{owner}/{repo}/issues/{issue_number}/assignees', { ...repo, issue_number: issueNumber, assignees });
}

/** Issues (and PRs) matching `filter`, open and closed, up to `limit`. */
export async function listIssues(client: GitHubClient, repo: RepoRef, filter: { creator?: string; labels?: string }, limit?: number): Promise<IssueItem[]> {
  return (await client.paginate<IssueItem>('GET /repos/{owner}/{repo}/issues', { ...repo, state: 'all', ...filter }, limit)).items;
}

/**
 * Issues (not PRs) that carry `marker` and were opened by us, oldest first, open or closed.
 * `label` narrows the listing to our label, so this stays a couple of requests on busy repositories.
 */
export async function findOurIssues(client: GitHubClient, repo: RepoRef, marker: string, label?: string): Promise<IssueItem[]> {
  const items = await listIssues(client, repo, { creator: client.botLogin, ...(label ? { labels: label } : {}) });
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
    async () => json((await client.request('POST /repos/{owner}/{repo}/issues', { ...repo, ...content, body, ...NO_RETRY })).data),
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
    const item = await updateIssue(client, repo, existing.number, { title: content.title, body });
    return { action: 'updated', item, removedDuplicates };
  }
  const created = await createIssueOnce(client, repo, marker, content, label);
  const [winner, ...losers] = await findOurIssues(client, repo, marker, label);
  const keep = winner ?? created;
  return { action: 'created', item: keep, removedDuplicates: await closeDuplicates(client, repo, keep, losers) };
}

async function closeDuplicates(client: GitHubClient, repo: RepoRef, keep: IssueItem, duplicates: IssueItem[]): Promise<number[]> {
  const open = duplicates.filter((d) => d.state === 'open');
  for (const d of open)
    await updateIssue(client, repo, d.number, {
      state: 'closed',
      state_reason: 'duplicate',
      body: `Duplicate of #${keep.number} (created by a concurrent run).`,
    });
  return open.map((d) => d.number);
}

// ---- labels ----

/** The label that asks a pull request's own CI to run the fixers for a comment request. */
export const FIX_REQUEST_LABEL = 'closed-loop:fix';

export async function addIssueLabel(client: GitHubClient, repo: RepoRef, issueNumber: number, label: string): Promise<void> {
  await client.request('POST /repos/{owner}/{repo}/issues/{issue_number}/labels', { ...repo, issue_number: issueNumber, labels: [label] });
}

/** Removes a label; one already gone is not an error. */
export async function removeIssueLabel(client: GitHubClient, repo: RepoRef, issueNumber: number, label: string): Promise<void> {
  try {
    await client.request('DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}', { ...repo, issue_number: issueNumber, name: label });
  } catch (error) {
    if (httpStatus(error) !== 404) throw error;
  }
}

// ---- comments ----

/** An issue's or pull request's conversation comments, oldest first. */
export async function listIssueComments(client: GitHubClient, repo: RepoRef, issueNumber: number): Promise<IssueComment[]> {
  return (await client.paginate<IssueComment>('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', { ...repo, issue_number: issueNumber })).items;
}

/** A new comment. `once`: not retried blindly (the caller reconciles), as a second POST makes a second comment. */
export async function createIssueComment(client: GitHubClient, repo: RepoRef, issueNumber: number, body: string, once = true): Promise<IssueComment> {
  const data = json(
    (
      await client.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
        ...repo,
        issue_number: issueNumber,
        body,
        ...(once ? NO_RETRY : {}),
      })
    ).data,
  );
  return data;
}

export type ReactionContent = Endpoints['POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions']['parameters']['content'];

/** A reaction on a conversation comment; GitHub answers an existing one with it again, so a retry adds nothing. */
export async function reactToIssueComment(client: GitHubClient, repo: RepoRef, commentId: number, content: ReactionContent): Promise<void> {
  await client.request('POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions', { ...repo, comment_id: commentId, content });
}

export async function updateIssueComment(client: GitHubClient, repo: RepoRef, commentId: number, body: string): Promise<IssueComment> {
  const data = json((await client.request('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', { ...repo, comment_id: commentId, body })).data);
  return data;
}

/** Comments on an issue or PR that carry `marker` and were written by us; oldest first. */
export async function findOurComments(client: GitHubClient, repo: RepoRef, issueNumber: number, marker: string): Promise<IssueComment[]> {
  const items = await listIssueComments(client, repo, issueNumber);
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
    return { action: 'updated', item: await updateIssueComment(client, repo, existing.id, full), removedDuplicates };
  }
  const created = await client.writeOnce(
    `creating comment on #${issueNumber}`,
    async () => createIssueComment(client, repo, issueNumber, full),
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
