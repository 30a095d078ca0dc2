import type { Endpoints } from '@octokit/types';
import type { GitHubReview } from '../../review-hash/approval.js';
import { NO_RETRY, type GitHubClient, type RepoRef, json, type Json } from '../github-client.js';
import { createIssueComment, listIssueComments } from './issues.js';
import { getPullRequest } from './pulls.js';

export type Review = Json<Endpoints['GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews']['response']['data'][number]>;
export type ReviewComment = Json<Endpoints['GET /repos/{owner}/{repo}/pulls/{pull_number}/comments']['response']['data'][number]>;

export async function listReviews(client: GitHubClient, repo: RepoRef, pullNumber: number): Promise<Review[]> {
  return (await client.paginate<Review>('GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews', { ...repo, pull_number: pullNumber })).items;
}

/** A pull request's author and its reviews, as the approval engine reads them. */
export async function pullReviews(
  client: GitHubClient,
  repo: RepoRef,
  pullNumber: number,
): Promise<{ author: string; headSha: string; reviews: GitHubReview[] }> {
  const pull = await getPullRequest(client, repo, pullNumber);
  const reviews = (await listReviews(client, repo, pullNumber)).flatMap((r) =>
    r.user?.login && r.commit_id && r.submitted_at ? [{ user: r.user.login, state: r.state, commitId: r.commit_id, submittedAt: r.submitted_at }] : [],
  );
  return { author: pull.user.login, headSha: pull.head.sha, reviews };
}

export interface SuggestionComment {
  path: string;
  /** Lines of the PR head the suggestion replaces (inclusive). */
  startLine: number;
  line: number;
  body: string;
}

/** One review carrying suggested changes; the marker in its body makes a retry find it instead of posting twice. */
export async function createSuggestionReview(
  client: GitHubClient,
  repo: RepoRef,
  pullNumber: number,
  commitId: string,
  body: string,
  marker: string,
  comments: SuggestionComment[],
): Promise<{ id: number; url: string }> {
  const full = `${body}\n\n${marker}`;
  const find = async (): Promise<{ id: number; url: string } | undefined> => {
    const mine = (await listReviews(client, repo, pullNumber)).find((r) => client.isOurs(r.user) && r.body.includes(marker));
    return mine && { id: mine.id, url: mine.html_url };
  };
  return client.writeOnce(
    `posting suggestions on #${pullNumber}`,
    async () => {
      const data = json(
        (
          await client.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews', {
            ...repo,
            pull_number: pullNumber,
            commit_id: commitId,
            event: 'COMMENT',
            body: full,
            comments: comments.map((c) => ({
              path: c.path,
              body: c.body,
              line: c.line,
              side: 'RIGHT' as const,
              ...(c.startLine < c.line ? { start_line: c.startLine, start_side: 'RIGHT' as const } : {}),
            })),
            ...NO_RETRY,
          })
        ).data,
      );
      return { id: data.id, url: data.html_url };
    },
    find,
  );
}

export type TriggerComment = { kind: 'issue'; id: number; pullNumber: number } | { kind: 'review'; id: number; pullNumber: number };

/** Our replies to a trigger comment that carry `markerPrefix` (one per attempt), oldest first. */
export async function ourReplies(
  client: GitHubClient,
  repo: RepoRef,
  comment: TriggerComment,
  markerPrefix: string,
): Promise<{ body: string; createdAt: string; url: string }[]> {
  const items: (Pick<ReviewComment, 'created_at' | 'html_url'> & { body?: string | null; user?: { login?: string } | null })[] =
    comment.kind === 'issue'
      ? await listIssueComments(client, repo, comment.pullNumber)
      : (await client.paginate<ReviewComment>('GET /repos/{owner}/{repo}/pulls/{pull_number}/comments', { ...repo, pull_number: comment.pullNumber })).items;
  return items
    .filter((c) => client.isOurs(c.user) && !!c.body?.includes(markerPrefix))
    .map((c) => ({ body: c.body ?? '', createdAt: c.created_at, url: c.html_url }));
}

/**
 * Replies on the trigger comment: in its review thread, or as a PR comment for conversation comments.
 * `proof` (a marker unique to this reply) lets a retry after an ambiguous failure find the first try.
 */
export async function replyToComment(client: GitHubClient, repo: RepoRef, comment: TriggerComment, body: string, proof: string): Promise<string> {
  return client.writeOnce(
    `replying to comment ${comment.id}`,
    async () => {
      if (comment.kind === 'review') {
        const data = json(
          (
            await client.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies', {
              ...repo,
              pull_number: comment.pullNumber,
              comment_id: comment.id,
              body,
              ...NO_RETRY,
            })
          ).data,
        );
        return data.html_url;
      }
      return (await createIssueComment(client, repo, comment.pullNumber, body)).html_url;
    },
    async () => (await ourReplies(client, repo, comment, proof))[0]?.url,
  );
}
