import type { RunRecord } from '../recover/breaker.js';
import { runRecordFromApi } from '../recover/history.js';
import type { CommitInfo } from '../recover/trailers.js';
import { parseFileHunks } from '../git-format/diff.js';
import { httpStatus, NO_RETRY, type GitHubClient, type RepoRef } from './github-client.js';
import { links } from '../action/context.js';

/** What recover needs to know about a run's latest attempt, re-read right before every write. */
export interface RunSnapshot {
  id: number;
  attempt: number;
  status: string;
  conclusion: string | null;
  headSha: string;
  headBranch: string | null;
  workflowId: number;
  event: string;
  createdAt: string;
  updatedAt: string;
  htmlUrl: string;
  pullRequests: number[];
  /** The head repository is not this repository. */
  fork: boolean;
  /** owner/name of the repository the head commit came from (lower case; this repository's for non-forks). */
  headRepository: string;
  /** Who started the run and who started this attempt (deduplicated; logins as GitHub reports them). */
  actors: { login: string; type?: string }[];
}

interface ApiRun {
  id: number;
  run_attempt?: number;
  status: string | null;
  conclusion: string | null;
  head_sha: string;
  head_branch: string | null;
  workflow_id: number;
  event: string;
  created_at: string;
  updated_at: string;
  html_url: string;
  pull_requests?: { number: number }[] | null;
  head_repository?: { full_name?: string } | null;
  repository?: { full_name?: string } | null;
  triggering_actor?: { login?: string; type?: string } | null;
  actor?: { login?: string; type?: string } | null;
}

function snapshot(r: ApiRun): RunSnapshot {
  const head = r.head_repository?.full_name?.toLowerCase();
  return {
    id: r.id,
    attempt: r.run_attempt ?? 1,
    status: r.status ?? 'unknown',
    conclusion: r.conclusion,
    headSha: r.head_sha,
    headBranch: r.head_branch,
    workflowId: r.workflow_id,
    event: r.event,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    htmlUrl: r.html_url,
    pullRequests: (r.pull_requests ?? []).map((p) => p.number),
    fork: !!head && head !== r.repository?.full_name?.toLowerCase(),
    headRepository: head ?? r.repository?.full_name?.toLowerCase() ?? '',
    actors: runActors(r),
  };
}

function runActors(r: ApiRun): { login: string; type?: string }[] {
  const out = new Map<string, { login: string; type?: string }>();
  for (const a of [r.actor, r.triggering_actor]) if (a?.login) out.set(a.login, { login: a.login, ...(a.type ? { type: a.type } : {}) });
  return [...out.values()];
}

export async function getRunSnapshot(client: GitHubClient, repo: RepoRef, runId: number): Promise<RunSnapshot> {
  const { data } = await client.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}', { ...repo, run_id: runId });
  return snapshot(data as unknown as ApiRun);
}

/**
 * The workflow's runs on the branch since `since`: the circuit breaker's whole memory. One page of 100.
 * Only runs whose head came from `headRepository` (default: this repository) count: the `branch` filter
 * matches a name, and a fork's `main` is not this repository's `main` (issue 16).
 */
export async function listRunHistory(
  client: GitHubClient,
  repo: RepoRef,
  workflowId: number,
  branch: string | null,
  since: string,
  headRepository = `${repo.owner}/${repo.repo}`,
): Promise<RunRecord[]> {
  const { data } = await client.request('GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs', {
    ...repo,
    workflow_id: workflowId,
    ...(branch ? { branch } : {}),
    created: `>=${since}`,
    per_page: 100,
    exclude_pull_requests: true,
  });
  const wanted = headRepository.toLowerCase();
  return (data.workflow_runs as unknown as ApiRun[]).filter((r) => sameHeadRepository(r, wanted)).map((r) => runRecordFromApi(r, (u) => client.isOurs(u)));
}

/** A run's head came from `wanted` (a run the API lists without its head repository is this repository's). */
function sameHeadRepository(r: ApiRun, wanted: string): boolean {
  const head = r.head_repository?.full_name ?? r.repository?.full_name;
  return !head || head.toLowerCase() === wanted;
}

export interface BranchInfo {
  sha: string;
  protected: boolean;
}

export async function getBranch(client: GitHubClient, repo: RepoRef, branch: string): Promise<BranchInfo | undefined> {
  try {
    const { data } = await client.request('GET /repos/{owner}/{repo}/branches/{branch}', { ...repo, branch });
    return { sha: data.commit.sha, protected: data.protected };
  } catch (error) {
    if (httpStatus(error) === 404) return undefined;
    throw error;
  }
}

export async function getDefaultBranch(client: GitHubClient, repo: RepoRef): Promise<string> {
  const { data } = await client.request('GET /repos/{owner}/{repo}', { ...repo });
  return data.default_branch;
}

export interface PullInfo {
  number: number;
  state: string;
  draft: boolean;
  headSha: string;
  headRef: string;
  fork: boolean;
}

export async function getPull(client: GitHubClient, repo: RepoRef, pullNumber: number): Promise<PullInfo> {
  const { data } = await client.request('GET /repos/{owner}/{repo}/pulls/{pull_number}', { ...repo, pull_number: pullNumber });
  // A deleted fork leaves head.repo null, whatever the types say.
  const head = (data.head.repo as { full_name?: string } | null)?.full_name?.toLowerCase();
  return {
    number: data.number,
    state: data.state,
    draft: data.draft ?? false,
    headSha: data.head.sha,
    headRef: data.head.ref,
    fork: head !== `${repo.owner}/${repo.repo}`.toLowerCase(),
  };
}

interface ApiCommit {
  sha: string;
  commit: { message: string; author?: { date?: string } | null; verification?: { verified?: boolean } | null };
  author?: { login?: string } | null;
  committer?: { login?: string } | null;
  parents?: { sha: string }[];
  files?: { filename: string; status?: string }[];
}

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
export function madeByUs(client: GitHubClient, c: ApiCommit): boolean {
  return client.isOurs(c.author) && c.commit.verification?.verified === true && c.committer?.login === GITHUB_WEB_FLOW;
}

/** The committer GitHub names on the commits it signs for API and web-UI writes. */
const GITHUB_WEB_FLOW = 'web-flow';

function commitInfo(client: GitHubClient, c: ApiCommit): CommitInfo {
  return { sha: c.sha, message: c.commit.message, ours: madeByUs(client, c), ...(c.commit.author?.date ? { date: c.commit.author.date } : {}) };
}

/** A pull request's commits, oldest first (GitHub lists at most 250). */
export async function listPullCommits(client: GitHubClient, repo: RepoRef, pullNumber: number): Promise<CommitInfo[]> {
  const { items } = await client.paginate<ApiCommit>('GET /repos/{owner}/{repo}/pulls/{pull_number}/commits', { ...repo, pull_number: pullNumber }, 250);
  return items.map((c) => commitInfo(client, c));
}

/** The newest commits of a branch, oldest first. */
export async function listBranchCommits(client: GitHubClient, repo: RepoRef, branch: string, count = 30): Promise<CommitInfo[]> {
  const { data } = await client.request('GET /repos/{owner}/{repo}/commits', { ...repo, sha: branch, per_page: count });
  return (data as unknown as ApiCommit[]).map((c) => commitInfo(client, c)).reverse();
}

export interface CommitDetail extends CommitInfo {
  parents: string[];
  files: { path: string; status: string }[];
}

export async function getCommit(client: GitHubClient, repo: RepoRef, ref: string): Promise<CommitDetail> {
  const { data } = await client.request('GET /repos/{owner}/{repo}/commits/{ref}', { ...repo, ref });
  const c = data as unknown as ApiCommit;
  return {
    ...commitInfo(client, c),
    parents: (c.parents ?? []).map((p) => p.sha),
    files: (c.files ?? []).map((f) => ({ path: f.filename, status: f.status ?? 'modified' })),
  };
}

/** Commits in base...head, oldest first. */
export async function compareCommits(client: GitHubClient, repo: RepoRef, base: string, head: string): Promise<CommitInfo[]> {
  const { data } = await client.request('GET /repos/{owner}/{repo}/compare/{basehead}', { ...repo, basehead: `${base}...${head}` });
  return (data.commits as unknown as ApiCommit[]).map((c) => commitInfo(client, c));
}

/** A file's text at a ref, or undefined when it does not exist there. */
export async function getFileText(client: GitHubClient, repo: RepoRef, path: string, ref: string): Promise<string | undefined> {
  try {
    const { data } = await client.request('GET /repos/{owner}/{repo}/contents/{path}', { ...repo, path, ref });
    const file = data as { type?: string; content?: string; encoding?: string };
    if (file.type !== 'file' || typeof file.content !== 'string') return undefined;
    return Buffer.from(file.content, 'base64').toString('utf8');
  } catch (error) {
    if (httpStatus(error) === 404) return undefined;
    throw error;
  }
}

export type RerunResult = { started: true; attempt: number } | { started: false; attempt: number; reason: string };

/**
 * `rerun-failed-jobs`, single-flight without relying on the workflow's `concurrency:`: the run is re-read
 * right before the POST (still completed, still the attempt we judged), and after any failure the run is
 * read again, so a concurrent recover that re-ran it first is recognised instead of reported as an error.
 */
export async function rerunFailedJobs(client: GitHubClient, repo: RepoRef, runId: number, expectedAttempt: number): Promise<RerunResult> {
  const before = await getRunSnapshot(client, repo, runId);
  if (before.attempt !== expectedAttempt)
    return { started: false, attempt: before.attempt, reason: `attempt ${before.attempt} already exists; someone re-ran it first` };
  if (before.status !== 'completed') return { started: false, attempt: before.attempt, reason: `the run is ${before.status}, not completed` };
  const moved = async (): Promise<true | undefined> => ((await getRunSnapshot(client, repo, runId)).attempt > expectedAttempt ? true : undefined);
  try {
    await client.writeOnce(
      `re-running failed jobs of run ${runId}`,
      async () => {
        await client.request('POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun-failed-jobs', { ...repo, run_id: runId, ...NO_RETRY });
        return true;
      },
      moved,
    );
  } catch (error) {
    const after = await getRunSnapshot(client, repo, runId);
    if (after.attempt > expectedAttempt)
      return { started: false, attempt: after.attempt, reason: `a concurrent recover started attempt ${after.attempt} first` };
    throw error;
  }
  return { started: true, attempt: expectedAttempt + 1 };
}

export interface FileAddition {
  path: string;
  contents: string;
}

export interface CommitRequest {
  branch: string;
  expectedHeadOid: string;
  headline: string;
  body: string;
  additions: FileAddition[];
  /** A trailer value unique to this commit: how a retry recognises that the first try landed. */
  proof: string;
}

export type CommitResult = { status: 'committed'; oid: string; url: string } | { status: 'stale'; reason: string } | { status: 'failed'; reason: string };

const CREATE_COMMIT = `mutation ($input: CreateCommitOnBranchInput!) {
  createCommitOnBranch(input: $input) { commit { oid url } }
}`;

interface GraphqlErrorLike {
  errors?: { type?: string; message?: string }[];
}

/**
 * A commit through the GraphQL `createCommitOnBranch` mutation: it only fast-forwards `branch` when its
 * head is still `expectedHeadOid` (no force-push exists in this code), and it is signed by GitHub.
 */
export async function createCommitOnBranch(client: GitHubClient, repo: RepoRef, req: CommitRequest): Promise<CommitResult> {
  const input = {
    branch: { repositoryNameWithOwner: `${repo.owner}/${repo.repo}`, branchName: req.branch },
    message: { headline: req.headline, body: req.body },
    fileChanges: { additions: req.additions.map((a) => ({ path: a.path, contents: Buffer.from(a.contents, 'utf8').toString('base64') })) },
    expectedHeadOid: req.expectedHeadOid,
  };
  return client.writeOnce<CommitResult>(
    `committing to ${req.branch}`,
    async () => {
      try {
        const data = await client.octokit.graphql<{ createCommitOnBranch: { commit: { oid: string; url: string } } }>(CREATE_COMMIT, { input, ...NO_RETRY });
        return { status: 'committed', ...data.createCommitOnBranch.commit };
      } catch (error) {
        const errors = (error as GraphqlErrorLike).errors;
        if (!errors?.length) throw error;
        const message = errors.map((e) => e.message ?? e.type).join('; ');
        return errors.some((e) => e.type === 'STALE_DATA') ? { status: 'stale', reason: message } : { status: 'failed', reason: message };
      }
    },
    async () => {
      const head = await getCommit(client, repo, req.branch);
      return head.ours && head.parents[0] === req.expectedHeadOid && head.message.includes(req.proof)
        ? { status: 'committed', oid: head.sha, url: links.commit(client.serverUrl, repo, head.sha) }
        : undefined;
    },
  );
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
  type Review = { id: number; html_url: string; body?: string | null; user?: { login?: string } | null };
  const find = async (): Promise<{ id: number; url: string } | undefined> => {
    const { items } = await client.paginate<Review>('GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews', { ...repo, pull_number: pullNumber });
    const mine = items.find((r) => client.isOurs(r.user) && !!r.body?.includes(marker));
    return mine && { id: mine.id, url: mine.html_url };
  };
  return client.writeOnce(
    `posting suggestions on #${pullNumber}`,
    async () => {
      const { data } = await client.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews', {
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
      });
      return { id: Number(data.id), url: data.html_url };
    },
    find,
  );
}

/** Right-side line ranges of a PR's diff, per file: where GitHub accepts review comments. */
export async function pullDiffRanges(client: GitHubClient, repo: RepoRef, pullNumber: number): Promise<Map<string, [number, number][]>> {
  const { items } = await client.paginate<{ filename: string; patch?: string }>(
    'GET /repos/{owner}/{repo}/pulls/{pull_number}/files',
    { ...repo, pull_number: pullNumber },
    300,
  );
  const out = new Map<string, [number, number][]>();
  for (const f of items) {
    const ranges = parseFileHunks(f.patch ?? '').map((h): [number, number] => [h.newStart, h.newStart + Math.max(h.newLines, 1) - 1]);
    out.set(f.filename, ranges);
  }
  return out;
}

export type TriggerComment = { kind: 'issue'; id: number; pullNumber: number } | { kind: 'review'; id: number; pullNumber: number };

/** Our replies to a trigger comment that carry `markerPrefix` (one per attempt), oldest first. */
export async function ourReplies(
  client: GitHubClient,
  repo: RepoRef,
  comment: TriggerComment,
  markerPrefix: string,
): Promise<{ body: string; createdAt: string; url: string }[]> {
  type C = { body?: string | null; user?: { login?: string } | null; created_at: string; html_url: string };
  const { items } =
    comment.kind === 'issue'
      ? await client.paginate<C>('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', { ...repo, issue_number: comment.pullNumber })
      : await client.paginate<C>('GET /repos/{owner}/{repo}/pulls/{pull_number}/comments', { ...repo, pull_number: comment.pullNumber });
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
        const { data } = await client.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies', {
          ...repo,
          pull_number: comment.pullNumber,
          comment_id: comment.id,
          body,
          ...NO_RETRY,
        });
        return data.html_url;
      }
      const { data } = await client.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
        ...repo,
        issue_number: comment.pullNumber,
        body,
        ...NO_RETRY,
      });
      return data.html_url;
    },
    async () => (await ourReplies(client, repo, comment, proof))[0]?.url,
  );
}

/** The commenter's role (admin, maintain, write, triage, read, none) from the API, not author_association. */
export async function collaboratorRole(client: GitHubClient, repo: RepoRef, username: string): Promise<string> {
  try {
    const { data } = await client.request('GET /repos/{owner}/{repo}/collaborators/{username}/permission', { ...repo, username });
    return (data as { role_name?: string }).role_name ?? data.permission;
  } catch (error) {
    if (httpStatus(error) === 404) return 'none';
    throw error;
  }
}

/** The committer date of a commit (ISO), as the git database records it. */
export async function commitCommittedAt(client: GitHubClient, repo: RepoRef, sha: string): Promise<string | undefined> {
  const { data } = await client.request('GET /repos/{owner}/{repo}/git/commits/{commit_sha}', { ...repo, commit_sha: sha });
  return data.committer.date;
}

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
