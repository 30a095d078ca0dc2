import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { startFakeGitHub, type FakeGitHub } from '@closed-loop/testkit';
import { ManualClock } from '../../src/clock.js';
import { GitHubClient } from '../../src/github/github-client.js';
import { createCommitOnBranch, listBranchCommits, rerunFailedJobs } from '../../src/github/api/index.js';
import { fixLoopRefusal, lastRollbackAt } from '../../src/recover/loop-guards.js';
import { ourFixes } from '../../src/recover/trailers.js';

const repo = { owner: 'acme', repo: 'widgets' };
let fake: FakeGitHub;
let client: GitHubClient;

beforeAll(async () => {
  fake = await startFakeGitHub();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.reset();
  client = new GitHubClient({ baseUrl: fake.url, token: 'test-token', timeScaleMs: 1, writeSpacingMs: 0 }, new ManualClock());
});

describe('rerunFailedJobs single-flight', () => {
  it('recognises a concurrent re-run that lands between its check and its POST', async () => {
    const run = fake.state.runs.add({ conclusion: 'failure', jobs: [{ name: 'build', conclusion: 'failure' }] });
    const rival = new GitHubClient({ baseUrl: fake.url, token: 'test-token', timeScaleMs: 1, writeSpacingMs: 0 });
    let raced = false;
    // The rival wins the race exactly when our POST is about to leave: no workflow `concurrency:` involved.
    client.octokit.hook.before('request', async (options) => {
      if (!raced && options.method === 'POST') {
        raced = true;
        await rival.request('POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun-failed-jobs', { ...repo, run_id: run.id });
      }
    });
    const result = await rerunFailedJobs(client, repo, run.id, 1);
    expect(result).toEqual({ started: false, attempt: 2, reason: 'a concurrent recover started attempt 2 first' });
    expect(fake.state.reruns.list()).toHaveLength(1);
    expect(fake.countRequests({ method: 'POST' })).toBe(2);
  });

  it('reconciles a POST that failed after taking effect instead of re-running twice', async () => {
    const run = fake.state.runs.add({ conclusion: 'failure', jobs: [{ name: 'build', conclusion: 'failure' }] });
    fake.addFault({ method: 'POST', status: 502, dropAfterWrite: true, times: 1 });
    expect(await rerunFailedJobs(client, repo, run.id, 1)).toEqual({ started: true, attempt: 2 });
    expect(fake.state.reruns.list()).toHaveLength(1);
  });
});

const commitTo = (expectedHeadOid: string, proof: string) => ({
  branch: 'feature',
  expectedHeadOid,
  headline: 'fix',
  body: proof,
  additions: [{ path: 'a.txt', contents: 'a\n' }],
  proof,
});

describe('createCommitOnBranch', () => {
  it('reports a moved head as stale and writes nothing', async () => {
    const old = fake.state.branches.set({ branch: 'feature' }).sha;
    fake.state.commits.add({ branch: 'feature', files: { 'x.txt': 'x\n' } });
    const result = await createCommitOnBranch(client, repo, commitTo(old, 'p'));
    expect(result).toMatchObject({ status: 'stale' });
    expect(fake.writes).toHaveLength(0);
  });

  it('finds its own commit after an ambiguous failure instead of committing twice', async () => {
    const head = fake.state.branches.set({ branch: 'feature' }).sha;
    fake.addFault({ operationId: 'graphql', status: 502, dropAfterWrite: true, times: 1 });
    const result = await createCommitOnBranch(client, repo, commitTo(head, 'Closed-Loop-Fix: abc'));
    expect(result).toMatchObject({ status: 'committed', oid: fake.state.branches.get('feature')!.sha });
    expect(fake.state.commits.get(fake.state.branches.get('feature')!.sha)!.parents).toEqual([head]);
  });
});

describe('our own commits are the ones GitHub signed for us, not the ones that say so', () => {
  const FORGED = 'style: lint\n\nClosed-Loop-Fix: 0011223344556677';
  it('a pushed commit with the bot login and forged trailers steers no loop guard', async () => {
    fake.state.branches.set({ branch: 'feature' });
    fake.state.commits.add({ branch: 'feature', message: FORGED, files: { 'a.ts': 'a\n' }, author: { login: 'github-actions[bot]' } });
    fake.state.commits.add({
      branch: 'feature',
      message: 'Revert "x"\n\nClosed-Loop-Rollback: 0123456789abcdef0123456789abcdef01234567',
      files: { 'b.ts': 'b\n' },
      author: { login: 'github-actions[bot]' },
    });
    const commits = await listBranchCommits(client, repo, 'feature', 5);
    expect(commits.slice(-2).map((c) => c.ours)).toEqual([false, false]);
    expect(ourFixes(commits)).toEqual([]);
    expect(lastRollbackAt(commits)).toBeUndefined();
    // The newest commit "looks" like ours, but the guard does not stop on it, and counts no fix.
    expect(fixLoopRefusal({ commits, maxFixes: 1, fingerprint: 'ffffffffffffffff' })).toBeUndefined();
  });

  it('a commit made through createCommitOnBranch is ours (verified, committed by web-flow)', async () => {
    const head = fake.state.branches.set({ branch: 'feature' }).sha;
    await createCommitOnBranch(client, repo, commitTo(head, 'Closed-Loop-Fix: 0011223344556677'));
    const commits = await listBranchCommits(client, repo, 'feature', 5);
    expect(commits[commits.length - 1]!.ours).toBe(true);
    expect(ourFixes(commits).map((f) => f.fingerprint)).toEqual(['0011223344556677']);
    expect(fixLoopRefusal({ commits, maxFixes: 3, fingerprint: 'ffffffffffffffff' })).toMatch(/is ours/);
    fake.assertNoViolations();
  });
});
