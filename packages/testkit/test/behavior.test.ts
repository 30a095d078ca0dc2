// Realistic semantics: pagination, PR commit cap, issues, compare, re-runs, GraphQL commits.
import { beforeEach, describe, expect, it } from '@jest/globals';
import { getOctokit } from '@actions/github';
import { PULL_COMMITS_CAP, type FakeGitHub } from '../src/index.js';
import { api, seed, WIDGETS } from './helpers.js';
import { fakeGitHubForFile } from '../../../tests/support/fake-github.js';

let fake: FakeGitHub;
fakeGitHubForFile((started) => (fake = started), { seed: 7 });
beforeEach(() => fake.reset());

describe('pagination', () => {
  it('pages with Link next/last and GitHub-like headers', async () => {
    for (let i = 0; i < 75; i++) fake.state.issues.add({ title: `#${i}` });
    const first = await api(fake, 'GET', '/repos/acme/widgets/issues');
    expect((first.json as unknown[]).length).toBe(30);
    const link = first.headers.get('link')!;
    expect(link).toContain(`<${fake.url}/repos/acme/widgets/issues?page=2>; rel="next"`);
    expect(link).toContain('page=3>; rel="last"');
    expect(first.headers.get('x-ratelimit-remaining')).toMatch(/^\d+$/);
    expect(first.headers.get('x-github-request-id')).toMatch(/^[0-9A-F:]+$/);
    const last = await api(fake, 'GET', '/repos/acme/widgets/issues?per_page=100');
    expect((last.json as unknown[]).length).toBe(75);
    expect(last.headers.get('link')).toBeNull();
    const octokit = getOctokit('test-token', { baseUrl: fake.url });
    const all = await octokit.paginate(octokit.rest.issues.listForRepo, { ...WIDGETS, per_page: 20 });
    expect(all).toHaveLength(75);
    fake.assertNoViolations();
  });

  it('caps pull request commits at 250 like GitHub', async () => {
    const commits: string[] = [];
    fake.state.branches.set({ branch: 'big' });
    for (let i = 0; i < 300; i++) commits.push(fake.state.commits.add({ branch: 'big', message: `c${i}` }));
    const { pull } = fake.state.pulls.add({ head: 'big', commits });
    const octokit = getOctokit('test-token', { baseUrl: fake.url });
    const listed = await octokit.paginate(octokit.rest.pulls.listCommits, { ...WIDGETS, pull_number: pull.number, per_page: 100 });
    expect(listed).toHaveLength(PULL_COMMITS_CAP);
    const page4 = await api(fake, 'GET', `/repos/acme/widgets/pulls/${pull.number}/commits?per_page=100&page=4`);
    expect(page4.json).toEqual([]);
    const pr = await octokit.rest.pulls.get({ ...WIDGETS, pull_number: pull.number });
    expect(pr.data.commits).toBe(250);
    fake.assertNoViolations();
  });
});

describe('issues', () => {
  it('filters, closes with state_reason and shares numbers with pulls', async () => {
    fake.state.pulls.add({ head: 'x' });
    fake.state.issues.add({ title: 'a', labels: ['bug'], user: 'bob' });
    fake.state.issues.add({ title: 'b', labels: ['bug', 'flaky'] });
    const octokit = getOctokit('test-token', { baseUrl: fake.url });
    const flaky = await octokit.rest.issues.listForRepo({ ...WIDGETS, labels: 'bug,flaky' });
    expect(flaky.data.map((i) => i.title)).toEqual(['b']);
    const byBob = await octokit.rest.issues.listForRepo({ ...WIDGETS, creator: 'bob' });
    expect(byBob.data.map((i) => i.number)).toEqual([2]);
    const closed = await octokit.rest.issues.update({ ...WIDGETS, issue_number: 2, state: 'closed', state_reason: 'not_planned' });
    expect(closed.data).toMatchObject({
      state: 'closed',
      state_reason: 'not_planned',
      closed_by: { login: 'github-actions[bot]' },
    });
    expect(closed.data.closed_at).toBeTruthy();
    const created = await octokit.rest.issues.create({ ...WIDGETS, title: 'next' });
    expect(created.data.number).toBe(4);
    const all = await octokit.rest.issues.listForRepo({ ...WIDGETS, state: 'all', direction: 'asc' });
    expect(all.data.map((i) => [i.number, !!i.pull_request])).toEqual([
      [1, true],
      [2, false],
      [3, false],
      [4, false],
    ]);
    fake.assertNoViolations();
  });
});

describe('repository data', () => {
  it('compares branches and reads contents at a ref', async () => {
    const base = fake.state.commits.add({
      branch: 'main',
      files: { 'a.txt': 'one\n' },
    });
    fake.state.branches.set({ branch: 'topic', sha: base });
    fake.state.commits.add({
      branch: 'topic',
      files: { 'a.txt': 'two\n', 'b.txt': 'new\n' },
    });
    fake.state.commits.add({ branch: 'main', files: { 'c.txt': 'main\n' } });
    const octokit = getOctokit('test-token', { baseUrl: fake.url });
    const cmp = await octokit.rest.repos.compareCommitsWithBasehead({ ...WIDGETS, basehead: 'main...topic' });
    expect(cmp.data).toMatchObject({
      status: 'diverged',
      ahead_by: 1,
      behind_by: 1,
      merge_base_commit: { sha: base },
    });
    expect(cmp.data.files?.map((f) => [f.filename, f.status])).toEqual([
      ['a.txt', 'modified'],
      ['b.txt', 'added'],
    ]);
    const content = await octokit.rest.repos.getContent({ ...WIDGETS, path: 'a.txt', ref: 'topic' });
    expect(Buffer.from((content.data as { content: string }).content, 'base64').toString()).toBe('two\n');
    const perm = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...WIDGETS, username: 'acme' });
    expect(perm.data).toMatchObject({
      permission: 'admin',
      role_name: 'admin',
    });
    fake.state.collaborators.set({ username: 'tri', role: 'triage' });
    const tri = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...WIDGETS, username: 'tri' });
    expect(tri.data).toMatchObject({ permission: 'read', role_name: 'triage' });
    fake.assertNoViolations();
  });

  it('createCommitOnBranch commits files and rejects stale heads', async () => {
    const octokit = getOctokit('test-token', { baseUrl: fake.url });
    const head = fake.state.branches.get('main')!.sha;
    const mutation = `mutation($input: CreateCommitOnBranchInput!) { createCommitOnBranch(input: $input) { commit { oid url } } }`;
    const input = {
      branch: { repositoryNameWithOwner: 'acme/widgets', branchName: 'main' },
      message: {
        headline: 'fix: quarantine flaky test',
        body: 'by closed-loop',
      },
      fileChanges: {
        additions: [
          {
            path: 'src/x.ts',
            contents: Buffer.from('export {};\n').toString('base64'),
          },
        ],
        deletions: [{ path: 'README.md' }],
      },
      expectedHeadOid: head,
    };
    const res = await octokit.graphql<{
      createCommitOnBranch: { commit: { oid: string; url: string } };
    }>(mutation, { input });
    const oid = res.createCommitOnBranch.commit.oid;
    expect(oid).toMatch(/^[0-9a-f]{40}$/);
    expect(fake.state.branches.get('main')!.sha).toBe(oid);
    expect(fake.state.commits.get(oid)).toMatchObject({
      parents: [head],
      message: 'fix: quarantine flaky test\n\nby closed-loop',
    });
    expect(fake.state.contents.get('src/x.ts')).toBe('export {};\n');
    expect(fake.state.contents.get('README.md')).toBeUndefined();

    const stale = await fetch(`${fake.url}/graphql`, {
      method: 'POST',
      headers: { authorization: 'bearer test-token' },
      body: JSON.stringify({ query: mutation, variables: { input } }),
    });
    expect(stale.status).toBe(200);
    const body = (await stale.json()) as {
      errors: Array<{ type: string; message: string }>;
    };
    expect(body.errors[0]).toMatchObject({
      type: 'STALE_DATA',
      message: `Expected branch to point to "${head}" but it did not. Pull and try merging again.`,
    });
    await expect(octokit.graphql(mutation, { input })).rejects.toThrow(/Expected branch to point to/);
    fake.assertNoViolations();

    await octokit.graphql('query { viewer { login } }').catch(() => undefined);
    expect(fake.violations).toHaveLength(1);
  });
});

describe('actions', () => {
  it('re-runs failed jobs as a new attempt, refuses while running, and completes on demand', async () => {
    const ids = seed(fake);
    const octokit = getOctokit('test-token', { baseUrl: fake.url });
    await octokit.rest.actions.reRunWorkflowFailedJobs({ ...WIDGETS, run_id: ids.runId });
    let run = (await octokit.rest.actions.getWorkflowRun({ ...WIDGETS, run_id: ids.runId })).data;
    expect(run).toMatchObject({
      run_attempt: 2,
      status: 'queued',
      conclusion: null,
      previous_attempt_url: expect.stringContaining('/attempts/1'),
    });
    const jobs2 = (await octokit.rest.actions.listJobsForWorkflowRunAttempt({ ...WIDGETS, run_id: ids.runId, attempt_number: 2 })).data.jobs;
    expect(jobs2.map((j) => [j.name, j.status, j.conclusion])).toEqual([
      ['lint', 'completed', 'success'],
      ['test', 'queued', null],
    ]);
    await expect(octokit.rest.actions.reRunWorkflow({ ...WIDGETS, run_id: ids.runId })).rejects.toMatchObject({ status: 403 });
    fake.state.runs.complete({ runId: ids.runId, conclusion: 'success' });
    run = (await octokit.rest.actions.getWorkflowRun({ ...WIDGETS, run_id: ids.runId })).data;
    expect(run).toMatchObject({
      run_attempt: 2,
      status: 'completed',
      conclusion: 'success',
    });
    const first = (await octokit.rest.actions.getWorkflowRunAttempt({ ...WIDGETS, run_id: ids.runId, attempt_number: 1 })).data;
    expect(first.conclusion).toBe('failure');
    expect(fake.state.reruns.list()).toEqual([
      {
        owner: 'acme',
        repo: 'widgets',
        runId: ids.runId,
        attempt: 2,
        kind: 'failed',
      },
    ]);
    fake.assertNoViolations();
  });

  it('lists runs with filters', async () => {
    const ids = seed(fake);
    fake.state.runs.add({
      workflow: 'CI',
      head_branch: 'main',
      conclusion: 'success',
      created_at: '2020-01-01T00:00:00Z',
    });
    fake.state.runs.add({
      workflow: 'Release',
      head_branch: 'main',
      status: 'in_progress',
      event: 'workflow_dispatch',
    });
    const octokit = getOctokit('test-token', { baseUrl: fake.url });
    const list = (q: Record<string, string | boolean>): Promise<number> =>
      octokit.rest.actions.listWorkflowRunsForRepo({ ...WIDGETS, ...q }).then((r) => r.data.total_count);
    expect(await list({})).toBe(3);
    expect(await list({ branch: 'main' })).toBe(2);
    expect(await list({ status: 'failure' })).toBe(1);
    expect(await list({ status: 'in_progress' })).toBe(1);
    expect(await list({ event: 'workflow_dispatch' })).toBe(1);
    expect(await list({ head_sha: ids.headSha })).toBe(1);
    expect(await list({ created: '<2021-01-01' })).toBe(1);
    const withPr = await octokit.rest.actions.getWorkflowRun({ ...WIDGETS, run_id: ids.runId });
    expect(withPr.data.pull_requests).toHaveLength(1);
    const noPr = await octokit.rest.actions.getWorkflowRun({ ...WIDGETS, run_id: ids.runId, exclude_pull_requests: true });
    expect(noPr.data.pull_requests).toHaveLength(0);
    const perWorkflow = await octokit.rest.actions.listWorkflowRuns({ ...WIDGETS, workflow_id: ids.workflowId });
    expect(perWorkflow.data.total_count).toBe(2);
    fake.assertNoViolations();
  });
});
