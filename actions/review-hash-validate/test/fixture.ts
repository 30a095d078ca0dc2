// A real git origin, a depth-1 checkout of the PR head, and the fake GitHub seeded with the same commits.
import { Git, GitHubClient, recordingRuntime, type RecordingLogger } from '@closed-loop/core';
import { importGitCommits, loadEvent, type FakeGitHub } from '@closed-loop/testkit';
import { TempRepo, tempDir } from '../../../packages/core/test/review-hash/temp-repo.js';
import { readInputs } from '../src/inputs.js';
import { run } from '../src/run.js';

export const REVIEW_ID = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';

/** The trailer proof, which most of these tests exercise; the default proof (a GitHub review) is tested in approval.test.ts. */
const TRAILER_PROOF = 'review_hash:\n  proof: [trailer]\n';

/** The origin with `main` and a `feature` branch; tests add commits to feature, then call `check`. */
export function origin(config: string = TRAILER_PROOF): TempRepo {
  if (!config.includes('proof:')) config = config.replace('review_hash:\n', TRAILER_PROOF);
  const repo = TempRepo.init();
  repo.git('config', 'uploadpack.allowAnySHA1InWant', 'true');
  repo.write('src/app.ts', 'export const app = 1;\n').write('README.md', '# widgets\n');
  if (config) repo.write('.github/closed-loop.yml', config);
  repo.commit('base');
  repo.git('checkout', '-q', '-b', 'feature');
  repo.write('src/app.ts', 'export const app = 2;\n').commit('feature work');
  return repo;
}

/** Copies the repository's commits into the fake, so compare answers with the real shas and messages. */
function seed(fake: FakeGitHub, repo: TempRepo, commitCount?: number, author?: string): number {
  const state = fake.state;
  importGitCommits(state, repo.dir);
  const base = repo.git('rev-parse', 'main');
  const head = repo.git('rev-parse', 'feature');
  state.branches.set({ branch: 'main', sha: base });
  state.branches.set({ branch: 'feature', sha: head });
  const commits = repo.git('rev-list', '--reverse', `main..feature`).split('\n').filter(Boolean);
  return state.pulls.add({
    base: 'main',
    head: 'feature',
    headSha: head,
    commits: commits.slice(0, commitCount ?? commits.length),
    ...(author ? { user: author } : {}),
  }).pull.number;
}

export interface CheckRun {
  status: string;
  outputs: Record<string, unknown>;
  summary: string;
  logger: RecordingLogger;
}

export interface CheckOptions {
  inputs?: Record<string, string>;
  /** The PR's `commits` as the payload states it (default: the real count). */
  payloadCommits?: number;
  /** Check out all history instead of GitHub's default depth 1. */
  fullClone?: boolean;
  event?: 'pull_request' | 'merge_group' | 'pull_request_review';
  /** The PR's author (default: the fake's default user). */
  author?: string;
  /** Reviews on the PR; `commit` defaults to the head. */
  reviews?: { user: string; state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED'; commit?: string }[];
}

/** Runs the action as a job would: checkout of head (depth 1 by default), real payload, fake API. */
export async function check(fake: FakeGitHub, repo: TempRepo, options: CheckOptions = {}): Promise<CheckRun> {
  const { inputs = {}, payloadCommits, fullClone = false, event = 'pull_request' } = options;
  const number = seed(fake, repo, undefined, options.author);
  for (const r of options.reviews ?? [])
    fake.state.reviews.add({ pullNumber: number, user: r.user, state: r.state, ...(r.commit ? { commitId: r.commit } : {}) });
  const base = repo.git('rev-parse', 'main');
  const head = repo.git('rev-parse', 'feature');
  const payload = loadEvent(event === 'merge_group' ? 'merge_group.checks_requested' : 'pull_request.synchronize');
  payload.repository.full_name = 'acme/widgets';
  payload.repository.name = 'widgets';
  payload.repository.owner.login = 'acme';
  if (event === 'merge_group')
    Object.assign(payload.merge_group, {
      base_sha: base,
      head_sha: head,
      base_ref: 'refs/heads/main',
      head_ref: `refs/heads/gh-readonly-queue/main/pr-${number}-${base}`,
    });
  else {
    Object.assign(payload.pull_request, { number, commits: payloadCommits ?? Number(repo.git('rev-list', '--count', 'main..feature')) });
    Object.assign(payload.pull_request.base, { sha: base, ref: 'main' });
    Object.assign(payload.pull_request.head, { sha: head, ref: 'feature' });
    payload.number = number;
  }

  return runCheck(fake, repo, 'feature', { inputs, fullClone, event, payload });
}

/** Clones `branch` as actions/checkout would, then runs the action with the payload against the fake. */
async function runCheck(
  fake: FakeGitHub,
  repo: TempRepo,
  branch: string,
  opts: { inputs: Record<string, string>; fullClone: boolean; event: string; payload: Record<string, unknown> },
): Promise<CheckRun> {
  const workspace = tempDir();
  const checkout = new TempRepo(workspace);
  checkout.git('clone', '-q', ...(opts.fullClone ? [] : ['--depth=1']), '--no-local', '--branch', branch, `file://${repo.dir}`, workspace);
  const { runtime, logger, outputs, summaries } = recordingRuntime(opts.inputs);
  const client = new GitHubClient({ token: 'test-token', baseUrl: fake.url, timeScaleMs: 1, writeSpacingMs: 0 });
  const result = await run(readInputs(runtime.inputs), { runtime, client, git: new Git(workspace), event: { name: opts.event, payload: opts.payload } });
  return { status: result.status, outputs, summary: summaries.join(''), logger };
}

export interface QueuedPull {
  /** A branch of `repo` forked from main. */
  branch: string;
  author: string;
  /** Reviews on the PR; `commit` defaults to the PR's head. */
  reviews?: CheckOptions['reviews'];
}

/**
 * A merge group as GitHub's queue builds it: each pull request's branch added in order onto main in one
 * queue commit (merge: "Merge pull request #N from …"; squash: "<title> (#N)"; rebase: its commits copied),
 * checked out at depth 1 and checked on `merge_group`.
 */
export async function checkMergeGroup(
  fake: FakeGitHub,
  repo: TempRepo,
  pulls: QueuedPull[],
  options: { method?: 'merge' | 'squash' | 'rebase'; inputs?: Record<string, string> } = {},
): Promise<CheckRun & { numbers: number[] }> {
  const state = fake.state;
  const base = repo.git('rev-parse', 'main');
  importGitCommits(state, repo.dir);
  state.branches.set({ branch: 'main', sha: base });
  const numbers = pulls.map((p) => {
    const head = repo.git('rev-parse', p.branch);
    state.branches.set({ branch: p.branch, sha: head });
    const commits = repo.git('rev-list', '--reverse', `main..${p.branch}`).split('\n').filter(Boolean);
    const number = state.pulls.add({ base: 'main', head: p.branch, headSha: head, commits, user: p.author, title: `Change ${p.branch}` }).pull.number;
    for (const r of p.reviews ?? []) state.reviews.add({ pullNumber: number, user: r.user, state: r.state, ...(r.commit ? { commitId: r.commit } : {}) });
    return number;
  });
  const current = repo.git('rev-parse', '--abbrev-ref', 'HEAD');
  repo.git('checkout', '-q', '-B', 'gh-readonly-queue', 'main');
  pulls.forEach((p, i) => {
    const method = options.method ?? 'merge';
    if (method === 'merge') repo.git('merge', '-q', '--no-ff', '-m', `Merge pull request #${numbers[i]} from acme/${p.branch}`, p.branch);
    else if (method === 'squash') {
      repo.git('merge', '-q', '--squash', p.branch);
      repo.git('commit', '-q', '-m', `Change ${p.branch} (#${numbers[i]})`);
    } else repo.git('cherry-pick', `main..${p.branch}`);
  });
  const head = repo.git('rev-parse', 'HEAD');
  repo.git('checkout', '-q', current);
  importGitCommits(state, repo.dir);
  const payload = loadEvent('merge_group.checks_requested');
  Object.assign(payload.repository, { full_name: 'acme/widgets', name: 'widgets' });
  payload.repository.owner.login = 'acme';
  Object.assign(payload.merge_group, {
    base_sha: base,
    head_sha: head,
    base_ref: 'refs/heads/main',
    head_ref: `refs/heads/gh-readonly-queue/main/pr-${numbers[numbers.length - 1]}-${base}`,
  });
  const r = await runCheck(fake, repo, 'gh-readonly-queue', { inputs: options.inputs ?? {}, fullClone: false, event: 'merge_group', payload });
  return { ...r, numbers };
}
