import { describe, expect, it } from '@jest/globals';
import { issueCommentEvent, reviewCommentEvent, type FakeGitHub } from '@closed-loop/testkit';
import { fakeGitHubPerTest, minutesBefore, recover, verdictFor, writesOf } from './harness.js';

const FIX_MESSAGE = 'style: apply closed-loop fixers (lint)\n\nMade by closed-loop recover from run 1.\n\nClosed-Loop-Fix: 0011223344556677';
let fake: FakeGitHub;
fakeGitHubPerTest(3, (started) => (fake = started));

/** Green run on `good`, then our fix commit on top, then a failed run on the fix. */
function fixThenFailure(extraHuman = false, forged = false) {
  const s = fake.state;
  s.branches.set({ branch: 'feature' });
  const good = s.commits.add({ branch: 'feature', message: 'work', files: { 'src/app.ts': 'const a=1\n' } });
  s.runs.add({ workflow: 'CI', head_branch: 'feature', head_sha: good, conclusion: 'success', created_at: minutesBefore(30) });
  if (extraHuman) s.commits.add({ branch: 'feature', message: 'more work', files: { 'src/b.ts': 'b\n' } });
  // Ours: made through createCommitOnBranch, so GitHub signed it (committer web-flow). A forged one was
  // pushed with the bot's e-mail and our trailer: same author login, same message, no GitHub signature.
  const fix = s.commits.add({
    branch: 'feature',
    message: FIX_MESSAGE,
    files: { 'src/app.ts': 'const a = 1\n' },
    author: { login: 'github-actions[bot]' },
    signedByGitHub: !forged,
  });
  const run = s.runs.add({
    workflow: 'CI',
    head_branch: 'feature',
    head_sha: fix,
    conclusion: 'failure',
    created_at: minutesBefore(5),
    jobs: [{ name: 'test', conclusion: 'failure' }],
  });
  return { good, fix, run };
}

const rollback = (v: object) => ({ inputs: { phase: 'rollback', verdict: JSON.stringify(v) } });

describe('rollback against the fake GitHub', () => {
  it('reverts our fix with a new commit when the run after it fails', async () => {
    const { fix, run } = fixThenFailure();
    const r = await recover(fake, rollback(verdictFor(run, { category: 'testing', subcategory: 'test-failure', transient: false })));
    expect(r.outcome).toMatchObject({ action: 'rollback', executed: true, breaker: { state: 'open' } });
    expect(r.outcome.reason).toMatch(/a person should look/);
    const head = fake.state.commits.get(fake.state.branches.get('feature')!.sha)!;
    expect(head.parents).toEqual([fix]);
    expect(head.files.get('src/app.ts')).toBe('const a=1\n');
    expect(head.message).toMatch(new RegExp(`This reverts commit ${fix}\\.[\\s\\S]*Closed-Loop-Rollback: ${fix}`));
    expect(writesOf(fake)).toEqual(['POST graphql']);
    // run, head commit, branch + history, compare, file at parent, mutation
    expect(fake.countRequests()).toBe(7);
    fake.assertNoViolations();
  });

  it("a pushed commit with the bot's e-mail and a forged Closed-Loop-Fix trailer is not ours: nothing is reverted", async () => {
    const { run } = fixThenFailure(false, true);
    const before = fake.state.branches.get('feature')!.sha;
    const r = await recover(fake, rollback(verdictFor(run, { category: 'testing', subcategory: 'test-failure', transient: false })));
    expect(r.outcome.action).not.toBe('rollback');
    expect(fake.state.branches.get('feature')!.sha).toBe(before);
    expect(fake.writes).toHaveLength(0);
    fake.assertNoViolations();
  });

  it('leaves the branch alone when our fix is not the only change since green', async () => {
    const { run } = fixThenFailure(true);
    const before = fake.state.branches.get('feature')!.sha;
    const r = await recover(fake, rollback(verdictFor(run)));
    expect(r.outcome).toMatchObject({ action: 'escalate', executed: false });
    expect(r.outcome.reason).toMatch(/2 commits since the last green run/);
    expect(fake.state.branches.get('feature')!.sha).toBe(before);
    expect(fake.writes).toHaveLength(0);
  });
});

describe('comment trigger against the fake GitHub', () => {
  function pullWithComment(login: string, role: 'read' | 'write', body = 'Please /closed-loop fix this') {
    const { pull, issue } = fake.state.pulls.add({ head: 'feature' });
    fake.state.collaborators.set({ username: login, role });
    const payload = issueCommentEvent({ body, login, issueNumber: pull.number, repository: 'acme/widgets' });
    // Written a minute after the head commit.
    (payload.comment as { created_at: string }).created_at = minutesBefore(-1);
    return { pull, issue, payload, event: { name: 'issue_comment', payload } };
  }

  it('refuses a read-only commenter and says why on the comment', async () => {
    const { pull, event } = pullWithComment('reader', 'read');
    const r = await recover(fake, { inputs: { phase: 'comment' }, event });
    expect(r.outputs.proceed).toBe(false);
    expect(r.outcome).toMatchObject({ action: 'report', executed: false });
    const replies = fake.state.comments.list({ issueNumber: pull.number });
    expect(replies).toHaveLength(1);
    expect(replies[0]!.body).toMatch(/^Not running the fixers: only people with write permission can ask for a fix \(this commenter has read access\)/);
    expect(replies[0]!.user).toBe('github-actions[bot]');
    expect(writesOf(fake)).toEqual(['POST issues/create-comment']);
    // our earlier replies, the commenter's role, the PR, fixes in the last hour (2 lists), the reply
    expect(fake.countRequests()).toBe(6);
    fake.assertNoViolations();
  });

  it('lets a writer through with the PR head for the fixer job, in suggestion mode', async () => {
    const { pull, issue, event } = pullWithComment('maintainer', 'write');
    const files = { '.github/closed-loop.yml': 'recover:\n  fixers:\n    lint: ["npx eslint --fix ."]\n' };
    const r = await recover(fake, { inputs: { phase: 'comment' }, event, files });
    expect(r.outputs).toMatchObject({
      proceed: true,
      'pull-number': pull.number,
      'head-sha': pull.head.sha,
      'head-ref': 'feature',
      'fix-mode': 'suggest',
      'comment-kind': 'issue',
    });
    // The request record the loop's workflow_run job trusts, and the label that starts the PR's own CI.
    expect(writesOf(fake)).toEqual(['POST issues/create-comment', 'POST issues/add-labels']);
    const [record] = fake.state.comments.list({ issueNumber: pull.number });
    expect(record!.body).toContain(`<!-- closed-loop:fix-request issue.${String(r.outputs['comment-id'])}.${pull.head.sha}.suggest -->`);
    expect(record!.body).toMatch(/a label added with GITHUB_TOKEN starts no workflow run/);
    expect(issue.labels).toEqual(['closed-loop:fix']);
    fake.assertNoViolations();
  });

  it('refuses when the head was committed after the comment was written', async () => {
    const { issue, payload, event } = pullWithComment('maintainer', 'write');
    (payload.comment as { created_at: string }).created_at = minutesBefore(5);
    const files = { '.github/closed-loop.yml': 'recover:\n  fixers:\n    lint: ["npx eslint --fix ."]\n' };
    const r = await recover(fake, { inputs: { phase: 'comment' }, event, files });
    expect(r.outputs.proceed).toBe(false);
    expect(r.outcome.reason).toMatch(/committed after the comment was written/);
    expect(writesOf(fake)).toEqual(['POST issues/create-comment']);
    expect(issue.labels).toEqual([]);
  });

  it('refuses a review comment whose recorded head is no longer the head', async () => {
    const { pull } = fake.state.pulls.add({ head: 'feature' });
    fake.state.collaborators.set({ username: 'maintainer', role: 'write' });
    const thread = fake.state.reviewComments.add({ pullNumber: pull.number, body: '/closed-loop fix', path: 'a.txt', user: 'maintainer' });
    const payload = reviewCommentEvent({ body: '/closed-loop fix', repository: 'acme/widgets' });
    const c = payload.comment as { id: number; user: { login: string } };
    c.id = thread.id;
    c.user.login = 'maintainer';
    const pr = payload.pull_request as { number: number; head: { sha: string } };
    pr.number = pull.number;
    pr.head.sha = 'b'.repeat(40);
    const files = { '.github/closed-loop.yml': 'recover:\n  fixers:\n    lint: ["npx eslint --fix ."]\n' };
    const r = await recover(fake, { inputs: { phase: 'comment' }, event: { name: 'pull_request_review_comment', payload }, files });
    expect(r.outputs.proceed).toBe(false);
    expect(r.outcome.reason).toMatch(/head moved from bbbbbbbbbbbb to .* after the comment/);
    expect(writesOf(fake)).toEqual(['POST pulls/create-reply-for-review-comment']);
  });

  it('ignores comments without the phrase without calling the API', async () => {
    const { event } = pullWithComment('maintainer', 'write', 'LGTM');
    const r = await recover(fake, { inputs: { phase: 'comment' }, event });
    expect(r.outputs.proceed).toBe(false);
    expect(fake.countRequests()).toBe(0);
  });

  it('stops after 3 attempts on one comment', async () => {
    const { pull, event } = pullWithComment('reader', 'read');
    for (let i = 0; i < 4; i++) await recover(fake, { inputs: { phase: 'comment' }, event });
    expect(fake.state.comments.list({ issueNumber: pull.number })).toHaveLength(3);
  });

  it('answers on a review comment thread after the fix is delivered', async () => {
    const { pull } = fake.state.pulls.add({
      head: 'feature',
      files: [{ filename: 'src/feature.txt', status: 'added', additions: 1, deletions: 0, patch: '@@ -0,0 +1 @@\n+feature' }],
    });
    const thread = fake.state.reviewComments.add({ pullNumber: pull.number, body: '/closed-loop fix', path: 'src/feature.txt', user: 'maintainer' });
    const patch = 'diff --git a/src/feature.txt b/src/feature.txt\n--- a/src/feature.txt\n+++ b/src/feature.txt\n@@ -1 +1 @@\n-feature\n+Feature\n';
    const r = await recover(fake, {
      inputs: {
        phase: 'apply-fix',
        'pull-number': String(pull.number),
        'head-sha': pull.head.sha,
        'comment-id': String(thread.id),
        'comment-kind': 'review',
        'fix-mode': 'suggest',
      },
      files: { 'closed-loop-fix.patch': patch, '.github/closed-loop.yml': 'recover:\n  fixers:\n    format: ["npx prettier --write ."]\n' },
    });
    expect(r.outcome).toMatchObject({ action: 'suggest', executed: true });
    const replies = fake.state.reviewComments.list({ pullNumber: pull.number }).filter((c) => c.in_reply_to_id === thread.id);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.body).toMatch(/^Done: fix requested in a comment; offered as suggestions — \[Suggested changes/);
    expect(replies[0]!.body).toContain('<!-- closed-loop:fix-done');
    expect(writesOf(fake)).toEqual(['POST pulls/create-review', 'POST pulls/create-reply-for-review-comment']);
    fake.assertNoViolations();
  });
});
