// Shared seeding for the testkit's own tests.
import { startFakeGitHub, type FakeGitHub } from '../src/index.js';

/** The fake's main repository, as the REST parameters that name it. */
export const WIDGETS = { owner: 'acme', repo: 'widgets' };

export async function seeded(): Promise<{ fake: FakeGitHub; ids: Seeded }> {
  const fake = await startFakeGitHub({ seed: 42 });
  return { fake, ids: seed(fake) };
}

export interface Seeded {
  runId: number;
  jobId: number;
  failedJobId: number;
  workflowId: number;
  issue: number;
  pull: number;
  commentId: number;
  reviewCommentId: number;
  headSha: string;
  mainSha: string;
}

export function seed(fake: FakeGitHub): Seeded {
  const s = fake.state;
  const mainSha = s.commits.add({
    branch: 'main',
    message: 'Add src',
    files: {
      'src/index.ts': 'export const x = 1;\n',
      'docs/guide.md': '# Guide\n',
    },
  });
  const { pull } = s.pulls.add({
    head: 'fix-bug',
    title: 'Fix the bug',
    user: 'octocat',
  });
  const run = s.runs.add({
    workflow: 'CI',
    head_branch: 'fix-bug',
    head_sha: pull.head.sha,
    event: 'pull_request',
    conclusion: 'failure',
    pullNumbers: [pull.number],
    jobs: [
      { name: 'lint', conclusion: 'success', log: 'lint ok\n' },
      {
        name: 'test',
        conclusion: 'failure',
        steps: [
          { name: 'Checkout', conclusion: 'success' },
          { name: 'Run tests', conclusion: 'failure' },
        ],
        log: 'FAIL src/a.test.ts\n',
      },
    ],
  });
  const jobs = s.jobs.list({ runId: run.id });
  const issue = s.issues.add({
    title: 'Flaky test',
    labels: ['bug'],
    user: 'octocat',
  });
  const comment = s.comments.add({
    issueNumber: issue.number,
    body: 'seen again',
  });
  const rc = s.reviewComments.add({
    pullNumber: pull.number,
    body: 'nit',
    path: `src/fix-bug.txt`,
    line: 1,
  });
  s.collaborators.set({ username: 'maintainer', role: 'maintain' });
  return {
    runId: run.id,
    jobId: jobs[0]!.id,
    failedJobId: jobs[1]!.id,
    workflowId: run.workflowId,
    issue: issue.number,
    pull: pull.number,
    commentId: comment.id,
    reviewCommentId: rc.id,
    headSha: pull.head.sha,
    mainSha,
  };
}

export async function api(
  fake: FakeGitHub,
  method: string,
  path: string,
  body?: unknown,
  token = 'test-token',
): Promise<{ status: number; json: unknown; headers: Headers }> {
  const res = await fetch(fake.url + path, {
    method,
    redirect: 'manual',
    headers: {
      authorization: `token ${token}`,
      accept: 'application/vnd.github+json',
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  let json: unknown = text;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    /* non-JSON bodies (logs) stay text */
  }
  return { status: res.status, json, headers: res.headers };
}
