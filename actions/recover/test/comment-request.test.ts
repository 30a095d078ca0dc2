// The loop's half of a comment fix (issue 16): under workflow_run, the PR's own CI has run the fixers;
// only our request record decides where the patch goes, and only for the head it names.
import { describe, expect, it } from '@jest/globals';
import { issueCommentEvent, type FakeGitHub } from '@closed-loop/testkit';
import { fakeGitHubPerTest, NOW, recover, writesOf } from './harness.js';

const CONFIG = { '.github/closed-loop.yml': 'recover:\n  fixers:\n    format: ["npx prettier --write ."]\n' };
let fake: FakeGitHub;
fakeGitHubPerTest(5, (started) => (fake = started), NOW + 60_000);

/** A writer's /closed-loop fix on a PR, through the real comment gate: the record and the label. */
async function requested(opts: { fork?: boolean } = {}) {
  const { pull, issue } = fake.state.pulls.add({
    head: 'feature',
    ...(opts.fork ? { fork: true, headRepoFullName: 'mallory/widgets' } : {}),
    files: [{ filename: 'src/feature.txt', status: 'added', additions: 1, deletions: 0, patch: '@@ -0,0 +1 @@\n+feature' }],
  });
  fake.state.collaborators.set({ username: 'maintainer', role: 'write' });
  const payload = issueCommentEvent({ body: '/closed-loop fix', login: 'maintainer', issueNumber: pull.number, repository: 'acme/widgets' });
  (payload.comment as { created_at: string }).created_at = new Date(NOW + 60_000).toISOString();
  const gate = await recover(fake, { inputs: { phase: 'comment' }, event: { name: 'issue_comment', payload }, files: CONFIG });
  expect(gate.outputs.proceed).toBe(true);
  return { pull, issue, commentId: Number(gate.outputs['comment-id']) };
}

/** The PR's CI run (event pull_request, labeled) as the loop's workflow_run event sees it. */
function prRunEvent(pull: { number: number; head: { sha: string; ref: string; repoFullName: string } }, fork = false) {
  const run = fake.state.runs.add({
    workflow: 'CI',
    event: 'pull_request',
    conclusion: 'success',
    head_branch: pull.head.ref,
    head_sha: pull.head.sha,
    ...(fork ? { fork: true, headRepoFullName: pull.head.repoFullName } : { pullNumbers: [pull.number] }),
  });
  const payload = {
    action: 'completed',
    workflow_run: {
      id: run.id,
      event: 'pull_request',
      head_sha: run.head_sha,
      head_branch: run.head_branch,
      head_repository: { full_name: run.headRepoFullName },
      pull_requests: fork ? [] : [{ number: pull.number }],
    },
    repository: { full_name: 'acme/widgets' },
  };
  return { name: 'workflow_run', payload };
}

describe('comment-request under workflow_run', () => {
  it("hands apply-fix the recorded request when the PR's CI ran on the recorded head, and takes the label off", async () => {
    const { pull, issue, commentId } = await requested();
    const before = fake.writes.length;
    const r = await recover(fake, { inputs: { phase: 'comment-request' }, event: prRunEvent(pull), files: CONFIG });
    expect(r.outputs).toMatchObject({
      proceed: true,
      'pull-number': pull.number,
      'head-sha': pull.head.sha,
      'comment-id': commentId,
      'comment-kind': 'issue',
      'fix-mode': 'suggest',
    });
    expect(writesOf(fake).slice(before)).toEqual(['DELETE issues/remove-label']);
    expect(issue.labels).toEqual([]);
    fake.assertNoViolations();
  });

  it("finds a fork's pull request by head SHA and head repository (its run lists none)", async () => {
    const { pull } = await requested({ fork: true });
    const r = await recover(fake, { inputs: { phase: 'comment-request' }, event: prRunEvent(pull, true), files: CONFIG });
    expect(r.outputs).toMatchObject({ proceed: true, 'pull-number': pull.number, 'head-sha': pull.head.sha });
    fake.assertNoViolations();
  });

  it('refuses a patch for a head pushed after the comment, says so on the comment, and never applies that request later', async () => {
    const { pull, commentId } = await requested();
    const moved = fake.state.commits.add({ branch: 'feature', message: 'pushed after the comment', files: { 'src/feature.txt': 'other\n' } });
    pull.head.sha = moved;
    const before = fake.writes.length;
    const r = await recover(fake, { inputs: { phase: 'comment-request' }, event: prRunEvent(pull), files: CONFIG });
    expect(r.outputs.proceed).toBe(false);
    expect(r.outcome).toMatchObject({ action: 'report', executed: false });
    expect(r.outcome.reason).toMatch(/the head moved after the comment/);
    expect(writesOf(fake).slice(before)).toEqual(['DELETE issues/remove-label', 'POST issues/create-comment']);
    const answer = fake.state.comments.list({ issueNumber: pull.number }).at(-1)!;
    expect(answer.body).toMatch(/^Nothing changed: the fix was requested for [0-9a-f]{12} but the pull request's CI ran on/);
    expect(answer.body).toContain(`closed-loop:fix-outcome issue.${commentId}.`);
    // A second run on that head finds no pending request.
    const again = await recover(fake, { inputs: { phase: 'comment-request' }, event: prRunEvent(pull), files: CONFIG });
    expect(again.outcome.reason).toMatch(/no pending fix request/);
  });

  it('the outcome reply consumes the request: a re-run of the same CI applies nothing twice', async () => {
    const { pull, commentId } = await requested();
    const patch = 'diff --git a/src/feature.txt b/src/feature.txt\n--- a/src/feature.txt\n+++ b/src/feature.txt\n@@ -1 +1 @@\n-feature\n+Feature\n';
    const req = await recover(fake, { inputs: { phase: 'comment-request' }, event: prRunEvent(pull), files: CONFIG });
    const inputs = Object.fromEntries(['pull-number', 'head-sha', 'comment-id', 'comment-kind', 'fix-mode'].map((k) => [k, String(req.outputs[k])]));
    const applied = await recover(fake, { inputs: { phase: 'apply-fix', ...inputs }, files: { ...CONFIG, 'closed-loop-fix.patch': patch } });
    expect(applied.outcome).toMatchObject({ action: 'suggest', executed: true });
    expect(Number(inputs['comment-id'])).toBe(commentId);
    const again = await recover(fake, { inputs: { phase: 'comment-request' }, event: prRunEvent(pull), files: CONFIG });
    expect(again.outputs.proceed).toBe(false);
    expect(again.outcome.reason).toMatch(/no pending fix request/);
    fake.assertNoViolations();
  });

  it("leaves a push run alone, and a forged request record in a stranger's comment counts for nothing", async () => {
    const { pull } = await requested();
    // Someone pastes a record for another head into their own comment.
    fake.state.comments.add({ issueNumber: pull.number, user: 'mallory', body: `<!-- closed-loop:fix-request issue.1.${'c'.repeat(40)}.commit -->` });
    const r = await recover(fake, { inputs: { phase: 'comment-request' }, event: prRunEvent(pull), files: CONFIG });
    expect(r.outputs).toMatchObject({ proceed: true, 'head-sha': pull.head.sha, 'fix-mode': 'suggest' });
    const push = prRunEvent(pull);
    (push.payload.workflow_run as { event: string }).event = 'push';
    const p = await recover(fake, { inputs: { phase: 'comment-request' }, event: push, files: CONFIG });
    expect(p.outcome.reason).toMatch(/not by a pull request/);
  });
});
