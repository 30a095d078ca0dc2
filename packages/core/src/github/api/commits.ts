import type { Endpoints } from '@octokit/types';
import type { CommitInfo } from '../../recover/trailers.js';
import type { ReviewCommit } from '../../review-hash/record.js';
import { type GitHubClient, type RepoRef, json, type Json } from '../github-client.js';

/** A commit as the commits, compare and pull-request-commits endpoints return it. */
export type Commit = Json<Endpoints['GET /repos/{owner}/{repo}/commits/{ref}']['response']['data']>;

/**
 * Whether a commit is one we created. The author login alone proves nothing: GitHub links a commit to
 * the account whose e-mail it carries, and anyone can write `github-actions[bot]`'s e-mail (or an App's)
 * into a commit they push, with a `Closed-Loop-Fix:` trailer. Our commits are made only through
 * `createCommitOnBranch`, which GitHub signs itself: verified, committed by `web-flow` (GitHub), authored
 * by the token's identity. A pushed commit cannot have GitHub's signature, so a forged author or trailer
 * on one does not steer the loop guards. Making such a commit needs a token that authors as our bot: the
 * App's token, or (for `github-actions[bot]`) a `contents: write` GITHUB_TOKEN of this repository, which
 * a fork's workflow never gets. See docs/recover.md (trust model).
 */
export function madeByUs(client: GitHubClient, c: Commit): boolean {
  const author = c.author && 'login' in c.author ? c.author : null;
  const committer = c.committer && 'login' in c.committer ? c.committer : null;
  return client.isOurs(author) && c.commit.verification?.verified === true && committer?.login === GITHUB_WEB_FLOW;
}

/** The committer GitHub names on the commits it signs for API and web-UI writes. */
const GITHUB_WEB_FLOW = 'web-flow';

export function commitInfo(client: GitHubClient, c: Commit): CommitInfo {
  return { sha: c.sha, message: c.commit.message, ours: madeByUs(client, c), ...(c.commit.author?.date ? { date: c.commit.author.date } : {}) };
}

/** The newest commits of a branch, oldest first. */
export async function listBranchCommits(client: GitHubClient, repo: RepoRef, branch: string, count = 30): Promise<CommitInfo[]> {
  const data = json((await client.request('GET /repos/{owner}/{repo}/commits', { ...repo, sha: branch, per_page: count })).data);
  return data.map((c) => commitInfo(client, c)).reverse();
}

export interface CommitDetail extends CommitInfo {
  parents: string[];
  files: { path: string; status: string }[];
}

export async function getCommit(client: GitHubClient, repo: RepoRef, ref: string): Promise<CommitDetail> {
  const c = json((await client.request('GET /repos/{owner}/{repo}/commits/{ref}', { ...repo, ref })).data);
  return {
    ...commitInfo(client, c),
    parents: c.parents.map((p) => p.sha),
    files: (c.files ?? []).map((f) => ({ path: f.filename, status: f.status })),
  };
}

/** The committer date of a commit (ISO), as the git database records it. */
export async function commitCommittedAt(client: GitHubClient, repo: RepoRef, sha: string): Promise<string | undefined> {
  const data = json((await client.request('GET /repos/{owner}/{repo}/git/commits/{commit_sha}', { ...repo, commit_sha: sha })).data);
  return data.committer.date;
}

/** `base...head` as the compare endpoint returns it. */
export type Comparison = Json<Endpoints['GET /repos/{owner}/{repo}/compare/{basehead}']['response']['data']>;

/** One page of `base...head`. */
export async function comparePage(
  client: GitHubClient,
  repo: RepoRef,
  base: string,
  head: string,
  page?: { per_page: number; page?: number },
): Promise<Comparison> {
  const data = json((await client.request('GET /repos/{owner}/{repo}/compare/{basehead}', { ...repo, basehead: `${base}...${head}`, ...page })).data);
  return data;
}

/** Commits in base...head, oldest first (the first page). */
export async function compareCommits(client: GitHubClient, repo: RepoRef, base: string, head: string): Promise<CommitInfo[]> {
  return (await comparePage(client, repo, base, head)).commits.map((c) => commitInfo(client, c));
}

/** The merge-base GitHub computes for `base...commit` (where an approved commit's change starts). */
export async function mergeBaseOf(client: GitHubClient, repo: RepoRef, base: string, commit: string): Promise<string> {
  return (await comparePage(client, repo, base, commit, { per_page: 1 })).merge_base_commit.sha;
}

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

const PER_PAGE = 100;

export async function pullHistory(client: GitHubClient, repo: RepoRef, base: string, head: string, expectedCommits?: number): Promise<PullHistory> {
  const commits: ReviewCommit[] = [];
  const commitLogins = new Set<string>();
  let mergeBase = '';
  let totalCommits: number;
  for (let page = 1; ; page++) {
    const body = await comparePage(client, repo, base, head, { per_page: PER_PAGE, page });
    mergeBase ||= body.merge_base_commit.sha;
    totalCommits = body.total_commits;
    commits.push(...body.commits.map((c) => ({ sha: c.sha, message: c.commit.message, parents: c.parents.map((p) => p.sha) })));
    for (const c of body.commits) for (const who of [c.author, c.committer]) if (who && 'login' in who && who.login) commitLogins.add(who.login.toLowerCase());
    if (commits.length >= totalCommits || body.commits.length < PER_PAGE) break;
  }
  const expected = Math.max(totalCommits, expectedCommits ?? 0);
  const unique = new Set(commits.map((c) => c.sha)).size;
  return { mergeBase, commits, totalCommits, complete: unique === commits.length && commits.length === expected, commitLogins };
}
