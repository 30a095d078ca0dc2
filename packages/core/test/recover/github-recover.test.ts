import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { startFakeGitHub, type FakeGitHub } from '@closed-loop/testkit';
import { ManualClock } from '../../src/clock.js';
import { GitHubClient } from '../../src/github/github-client.js';
import { createCommitOnBranch, rerunFailedJobs } from '../../src/github/recover.js';

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
    const run = fake.state.addRun({ conclusion: 'failure', jobs: [{ name: 'build', conclusion: 'failure' }] });
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
    expect(fake.state.reruns).toHaveLength(1);
    expect(fake.countRequests({ method: 'POST' })).toBe(2);
  });

  it('reconciles a POST that failed after taking effect instead of re-running twice', async () => {
    const run = fake.state.addRun({ conclusion: 'failure', jobs: [{ name: 'build', conclusion: 'failure' }] });
    fake.addFault({ method: 'POST', status: 502, dropAfterWrite: true, times: 1 });
    expect(await rerunFailedJobs(client, repo, run.id, 1)).toEqual({ started: true, attempt: 2 });
    expect(fake.state.reruns).toHaveLength(1);
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
    const old = fake.state.setBranch({ branch: 'feature' }).sha;
    fake.state.addCommit({ branch: 'feature', files: { 'x.txt': 'x\n' } });
    const result = await createCommitOnBranch(client, repo, commitTo(old, 'p'));
    expect(result).toMatchObject({ status: 'stale' });
    expect(fake.writes).toHaveLength(0);
  });

  it('finds its own commit after an ambiguous failure instead of committing twice', async () => {
    const head = fake.state.setBranch({ branch: 'feature' }).sha;
    fake.addFault({ operationId: 'graphql', status: 502, dropAfterWrite: true, times: 1 });
    const result = await createCommitOnBranch(client, repo, commitTo(head, 'Closed-Loop-Fix: abc'));
    expect(result).toMatchObject({ status: 'committed', oid: fake.state.branch('feature')!.sha });
    expect(fake.state.commit(fake.state.branch('feature')!.sha)!.parents).toEqual([head]);
  });
});
