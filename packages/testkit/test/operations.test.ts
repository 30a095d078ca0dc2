// Every operation in the subset answers a valid request with a spec-valid response.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { listOperations, type FakeGitHub } from '../src/index.js';
import { api, seeded, type Seeded } from './helpers.js';

let fake: FakeGitHub;
let ids: Seeded;

beforeAll(async () => {
  ({ fake, ids } = await seeded());
});
afterAll(() => fake.close());

type Call = [method: string, path: (i: Seeded) => string, body: ((i: Seeded) => unknown) | undefined, status: number];
const R = '/repos/acme/widgets';

const calls: Record<string, Call> = {
  'GET /repos/{owner}/{repo}/actions/runs': ['GET', () => `${R}/actions/runs?status=failure&per_page=5`, undefined, 200],
  'GET /repos/{owner}/{repo}/actions/runs/{run_id}': ['GET', (i) => `${R}/actions/runs/${i.runId}`, undefined, 200],
  'GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}': ['GET', (i) => `${R}/actions/runs/${i.runId}/attempts/1`, undefined, 200],
  'GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/jobs': [
    'GET',
    (i) => `${R}/actions/runs/${i.runId}/attempts/1/jobs`,
    undefined,
    200,
  ],
  'GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs': ['GET', (i) => `${R}/actions/runs/${i.runId}/jobs?filter=all`, undefined, 200],
  'GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts': ['GET', (i) => `${R}/actions/runs/${i.runId}/artifacts`, undefined, 200],
  'GET /repos/{owner}/{repo}/actions/jobs/{job_id}': ['GET', (i) => `${R}/actions/jobs/${i.jobId}`, undefined, 200],
  'GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs': ['GET', (i) => `${R}/actions/jobs/${i.jobId}/logs`, undefined, 302],
  'POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun-failed-jobs': ['POST', (i) => `${R}/actions/runs/${i.runId}/rerun-failed-jobs`, () => ({}), 201],
  'POST /repos/{owner}/{repo}/actions/runs/{run_id}/rerun': ['POST', (i) => `${R}/actions/runs/${i.runId}/rerun`, () => ({ enable_debug_logging: false }), 403],
  'POST /repos/{owner}/{repo}/actions/jobs/{job_id}/rerun': ['POST', (i) => `${R}/actions/jobs/${i.jobId}/rerun`, undefined, 403],
  'GET /repos/{owner}/{repo}/actions/workflows': ['GET', () => `${R}/actions/workflows`, undefined, 200],
  'GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}': ['GET', (i) => `${R}/actions/workflows/${i.workflowId}`, undefined, 200],
  'GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs': ['GET', () => `${R}/actions/workflows/ci.yml/runs?branch=fix-bug`, undefined, 200],
  'GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}': ['GET', () => `${R}/actions/artifacts/1/zip`, undefined, 404],
  'GET /repos/{owner}/{repo}/issues': ['GET', () => `${R}/issues?state=all&labels=bug&sort=updated&direction=asc`, undefined, 200],
  'POST /repos/{owner}/{repo}/issues': ['POST', () => `${R}/issues`, () => ({ title: 'New', body: 'b', labels: ['ci'] }), 201],
  'GET /repos/{owner}/{repo}/issues/{issue_number}': ['GET', (i) => `${R}/issues/${i.issue}`, undefined, 200],
  'PATCH /repos/{owner}/{repo}/issues/{issue_number}': [
    'PATCH',
    (i) => `${R}/issues/${i.issue}`,
    () => ({ state: 'closed', state_reason: 'not_planned' }),
    200,
  ],
  'GET /repos/{owner}/{repo}/issues/{issue_number}/comments': ['GET', (i) => `${R}/issues/${i.issue}/comments`, undefined, 200],
  'POST /repos/{owner}/{repo}/issues/{issue_number}/comments': ['POST', (i) => `${R}/issues/${i.pull}/comments`, () => ({ body: 'on a PR' }), 201],
  'GET /repos/{owner}/{repo}/issues/comments/{comment_id}': ['GET', (i) => `${R}/issues/comments/${i.commentId}`, undefined, 200],
  'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}': ['PATCH', (i) => `${R}/issues/comments/${i.commentId}`, () => ({ body: 'edited' }), 200],
  'POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions': [
    'POST',
    (i) => `${R}/issues/comments/${i.commentId}/reactions`,
    () => ({ content: 'eyes' }),
    201,
  ],
  'DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}': ['DELETE', (i) => `${R}/issues/comments/${i.commentId}`, undefined, 204],
  'POST /repos/{owner}/{repo}/issues/{issue_number}/labels': ['POST', (i) => `${R}/issues/${i.issue}/labels`, () => ({ labels: ['flaky'] }), 200],
  'DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}': ['DELETE', (i) => `${R}/issues/${i.issue}/labels/flaky`, undefined, 200],
  'POST /repos/{owner}/{repo}/issues/{issue_number}/assignees': ['POST', (i) => `${R}/issues/${i.issue}/assignees`, () => ({ assignees: ['octocat'] }), 201],
  'GET /repos/{owner}/{repo}/labels': ['GET', () => `${R}/labels`, undefined, 200],
  'POST /repos/{owner}/{repo}/labels': ['POST', () => `${R}/labels`, () => ({ name: 'quarantine', color: 'ff0000' }), 201],
  'GET /repos/{owner}/{repo}/labels/{name}': ['GET', () => `${R}/labels/bug`, undefined, 200],
  'POST /repos/{owner}/{repo}/statuses/{sha}': [
    'POST',
    (i) => `${R}/statuses/${i.headSha}`,
    () => ({ state: 'failure', context: 'closed-loop', description: 'x' }),
    201,
  ],
  'GET /repos/{owner}/{repo}/commits/{ref}/statuses': ['GET', (i) => `${R}/commits/${i.headSha}/statuses`, undefined, 200],
  'GET /repos/{owner}/{repo}/commits/{ref}/status': ['GET', () => `${R}/commits/fix-bug/status`, undefined, 200],
  'POST /repos/{owner}/{repo}/check-runs': ['POST', () => `${R}/check-runs`, (i) => ({ name: 'guard', head_sha: i.headSha, status: 'in_progress' }), 201],
  'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}': [
    'PATCH',
    () => `${R}/check-runs/CHECK`,
    () => ({ conclusion: 'success', output: { title: 'ok', summary: 'fine' } }),
    200,
  ],
  'GET /repos/{owner}/{repo}/pulls': ['GET', () => `${R}/pulls?state=open&head=acme:fix-bug&base=main`, undefined, 200],
  'GET /repos/{owner}/{repo}/pulls/{pull_number}': ['GET', (i) => `${R}/pulls/${i.pull}`, undefined, 200],
  'GET /repos/{owner}/{repo}/pulls/{pull_number}/commits': ['GET', (i) => `${R}/pulls/${i.pull}/commits`, undefined, 200],
  'GET /repos/{owner}/{repo}/pulls/{pull_number}/files': ['GET', (i) => `${R}/pulls/${i.pull}/files`, undefined, 200],
  'POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews': [
    'POST',
    (i) => `${R}/pulls/${i.pull}/reviews`,
    () => ({
      event: 'COMMENT',
      body: 'suggestion',
      comments: [{ path: 'src/fix-bug.txt', line: 1, body: '```suggestion\nfixed\n```' }],
    }),
    200,
  ],
  'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews': ['GET', (i) => `${R}/pulls/${i.pull}/reviews`, undefined, 200],
  'GET /repos/{owner}/{repo}/pulls/{pull_number}/comments': ['GET', (i) => `${R}/pulls/${i.pull}/comments`, undefined, 200],
  'GET /repos/{owner}/{repo}/pulls/comments/{comment_id}': ['GET', (i) => `${R}/pulls/comments/${i.reviewCommentId}`, undefined, 200],
  'POST /repos/{owner}/{repo}/pulls/comments/{comment_id}/reactions': [
    'POST',
    (i) => `${R}/pulls/comments/${i.reviewCommentId}/reactions`,
    () => ({ content: '+1' }),
    201,
  ],
  'POST /repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies': [
    'POST',
    (i) => `${R}/pulls/${i.pull}/comments/${i.reviewCommentId}/replies`,
    () => ({ body: 'done' }),
    201,
  ],
  'GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls': ['GET', (i) => `${R}/commits/${i.headSha}/pulls`, undefined, 200],
  'GET /repos/{owner}/{repo}': ['GET', () => R, undefined, 200],
  'GET /repos/{owner}/{repo}/branches/{branch}': ['GET', () => `${R}/branches/main`, undefined, 200],
  'GET /repos/{owner}/{repo}/commits': ['GET', () => `${R}/commits?sha=main&per_page=1`, undefined, 200],
  'GET /repos/{owner}/{repo}/commits/{ref}': ['GET', (i) => `${R}/commits/${i.headSha}`, undefined, 200],
  'GET /repos/{owner}/{repo}/compare/{basehead}': ['GET', () => `${R}/compare/main...fix-bug`, undefined, 200],
  'GET /repos/{owner}/{repo}/contents/{path}': ['GET', () => `${R}/contents/src/index.ts?ref=main`, undefined, 200],
  'GET /repos/{owner}/{repo}/git/ref/{ref}': ['GET', () => `${R}/git/ref/heads/main`, undefined, 200],
  'GET /repos/{owner}/{repo}/git/commits/{commit_sha}': ['GET', (i) => `${R}/git/commits/${i.mainSha}`, undefined, 200],
  'GET /repos/{owner}/{repo}/git/trees/{tree_sha}': ['GET', () => `${R}/git/trees/main?recursive=1`, undefined, 200],
  'GET /repos/{owner}/{repo}/collaborators/{username}/permission': ['GET', () => `${R}/collaborators/maintainer/permission`, undefined, 200],
};

describe('every operation in the subset', () => {
  it('has a table entry', () => {
    expect(Object.keys(calls).sort()).toEqual([...listOperations()].sort());
  });

  it('answers valid requests with spec-valid responses', async () => {
    let checkRunId = 0;
    for (const [op, [method, path, body, status]] of Object.entries(calls)) {
      const p = path(ids).replace('CHECK', String(checkRunId));
      const res = await api(fake, method, p, body?.(ids));
      if (op === 'POST /repos/{owner}/{repo}/check-runs') checkRunId = (res.json as { id: number }).id;
      expect({ op, status: res.status }).toEqual({ op, status });
    }
    fake.assertNoViolations();
    expect(fake.countRequests()).toBe(Object.keys(calls).length);
  });
});
