import type { GitHubReview, ReviewCommit } from '../review-hash/index.js';
import type { GitHubClient, RepoRef } from './github-client.js';

/**
 * The commits of a pull request and its merge-base, from the compare API (`base...head`).
 *
 * Why compare and not `GET /pulls/{n}/commits`: the pulls endpoint never returns more than 250 commits,
 * whatever the page, so a long PR would be judged on a partial list. Compare paginates past 250 and
 * reports `total_commits`, and its first page also names the merge-base: one request for a PR of up to
 * 100 commits. When the pages end short of `total_commits` (or of the PR's own count, when known) the
 * list is marked incomplete and the check fails closed.
 */
export interface PullHistory {
  mergeBase: string;
  /** Oldest first, as GitHub lists them. */
  commits: ReviewCommit[];
  totalCommits: number;
  complete: boolean;
  /** GitHub logins of the commits' authors and committers (lower case): none of them can approve. */
  commitLogins: Set<string>;
}

interface CompareCommit {
  sha: string;
  commit: { message: string };
  parents: { sha: string }[];
  author?: { login?: string } | null;
  committer?: { login?: string } | null;
}

interface ComparePage {
  merge_base_commit: { sha: string };
  total_commits: number;
  commits: CompareCommit[];
}

const PER_PAGE = 100;

export async function pullHistory(client: GitHubClient, repo: RepoRef, base: string, head: string, expectedCommits?: number): Promise<PullHistory> {
  const commits: ReviewCommit[] = [];
  const commitLogins = new Set<string>();
  let mergeBase = '';
  let totalCommits: number;
  for (let page = 1; ; page++) {
    const { data } = await client.request('GET /repos/{owner}/{repo}/compare/{basehead}', { ...repo, basehead: `${base}...${head}`, per_page: PER_PAGE, page });
    const body = data as unknown as ComparePage;
    mergeBase ||= body.merge_base_commit.sha;
    totalCommits = body.total_commits;
    commits.push(...body.commits.map((c) => ({ sha: c.sha, message: c.commit.message, parents: c.parents.map((p) => p.sha) })));
    for (const c of body.commits) for (const who of [c.author?.login, c.committer?.login]) if (who) commitLogins.add(who.toLowerCase());
    if (commits.length >= totalCommits || body.commits.length < PER_PAGE) break;
  }
  const expected = Math.max(totalCommits, expectedCommits ?? 0);
  const unique = new Set(commits.map((c) => c.sha)).size;
  return { mergeBase, commits, totalCommits, complete: unique === commits.length && commits.length === expected, commitLogins };
}

/** The merge-base GitHub computes for `base...commit` (where an approved commit's change starts). */
export async function mergeBaseOf(client: GitHubClient, repo: RepoRef, base: string, commit: string): Promise<string> {
  const { data } = await client.request('GET /repos/{owner}/{repo}/compare/{basehead}', { ...repo, basehead: `${base}...${commit}`, per_page: 1 });
  return (data as unknown as ComparePage).merge_base_commit.sha;
}

/** A pull request's author and its reviews, as the approval engine reads them. */
export async function pullReviews(
  client: GitHubClient,
  repo: RepoRef,
  pullNumber: number,
): Promise<{ author: string; headSha: string; reviews: GitHubReview[] }> {
  const { data: pull } = await client.request('GET /repos/{owner}/{repo}/pulls/{pull_number}', { ...repo, pull_number: pullNumber });
  const { items } = await client.paginate<{ user: { login?: string } | null; state: string; commit_id: string | null; submitted_at?: string }>(
    'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews',
    { ...repo, pull_number: pullNumber },
  );
  const reviews = items
    .filter((r) => r.user?.login && r.commit_id && r.submitted_at)
    .map((r) => ({ user: r.user?.login as string, state: r.state, commitId: r.commit_id as string, submittedAt: r.submitted_at as string }));
  return { author: pull.user.login, headSha: pull.head.sha, reviews };
}

/** What finding a run's pull requests needs to know about the run. */
export interface RunHead {
  event: string;
  headSha: string;
  headBranch: string | null;
  /** owner/name of the head repository (a fork's for a fork's run). */
  headRepository: string;
  /** The run's own `pull_requests` list. */
  pullRequests: readonly number[];
}

interface ListedPull {
  number: number;
  head: { sha: string; repo?: { full_name?: string } | null };
}

/**
 * The open pull requests whose head is exactly this run's head commit. The run's own list when it has
 * one; GitHub leaves that list empty for a fork's run (and `GET /commits/{sha}/pulls` does not list fork
 * PRs reliably), so then the open PRs from the head repository's branch, kept only when both the head SHA
 * and the head repository match. One request, and none for runs that are not pull-request runs.
 */
export async function pullRequestsForRun(client: GitHubClient, repo: RepoRef, run: RunHead): Promise<number[]> {
  if (run.pullRequests.length) return [...run.pullRequests];
  const owner = run.headRepository.split('/')[0];
  if (!run.event.startsWith('pull_request') || !run.headBranch || !owner) return [];
  const { data } = await client.request('GET /repos/{owner}/{repo}/pulls', { ...repo, state: 'open', head: `${owner}:${run.headBranch}`, per_page: 100 });
  const wanted = run.headRepository.toLowerCase();
  return (data as unknown as ListedPull[])
    .filter((p) => p.head.sha === run.headSha && p.head.repo?.full_name?.toLowerCase() === wanted)
    .map((p) => p.number)
    .sort((a, b) => a - b);
}
