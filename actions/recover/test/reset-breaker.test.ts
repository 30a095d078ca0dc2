// The breaker reset by label or comment: `closed-loop:reset-breaker` on a failure issue (or a
// `/closed-loop reset [category]` comment) resets the breaker only when the person who added it (the
// labeled event's sender, the comment's author) has write permission or above, read through the API. A
// reader's label or comment, a bot's, or a payload claiming a role reset nothing. A reset shows at once on
// the failure issue's Circuit breaker line.
import { beforeEach, describe, expect, it } from '@jest/globals';
import { findBreakerReset, GitHubClient, ManualClock } from '@closed-loop/core';
import { type FakeGitHub } from '@closed-loop/testkit';
import { withMarker } from '../../../packages/core/src/github/api/issues.js';
import { readLedger, recordFailure } from '../../../packages/core/src/notify/ledger.js';
import { renderIssue } from '../../../packages/core/src/notify/markdown.js';
import { issueMarker } from '../../../packages/core/src/notify/plan.js';
import { makeOutcome, makeVerdict } from '../../../packages/core/test/notify/fixtures.js';
import { fakeGitHubPerTest, NOW, recover, REPO } from './harness.js';

const SIGNATURE = 'v1:fedcba9876543210';
const LABEL = 'closed-loop:reset-breaker';
let fake: FakeGitHub;
fakeGitHubPerTest(3, (started) => (fake = started));
beforeEach(() => {
  fake.state.collaborators.set({ username: 'maintainer', role: 'write' });
  fake.state.collaborators.set({ username: 'triager', role: 'triage' });
});

function failureIssue() {
  return fake.state.issues.add({
    title: 'infrastructure failure in Deploy',
    body: `${issueMarker(SIGNATURE)}\n<!-- closed-loop:notify-ledger e30= -->`,
    user: 'github-actions[bot]',
    labels: ['closed-loop', LABEL],
  });
}

function labeled(issue: ReturnType<typeof failureIssue>, sender: { login: string; type: string }, label = LABEL) {
  return {
    name: 'issues',
    payload: {
      action: 'labeled',
      label: { name: label },
      issue: { number: issue.number, body: issue.body, user: { login: 'github-actions[bot]' } },
      sender,
    },
  };
}

const lookup = () =>
  findBreakerReset(
    new GitHubClient({ token: 'test-token', baseUrl: fake.url, timeScaleMs: 1, writeSpacingMs: 0 }, new ManualClock()),
    REPO,
    SIGNATURE,
    'infrastructure',
    0,
  );

describe('recover reset-breaker (label)', () => {
  it("a writer's label writes the reset record the re-run phase reads, and the label is removed", async () => {
    const issue = failureIssue();
    const r = await recover(fake, { inputs: { phase: 'reset-breaker' }, event: labeled(issue, { login: 'maintainer', type: 'User' }) });
    expect(r.outcome.reason).toMatch(/breaker reset on #\d+ by maintainer \(write\)/);
    const records = fake.state.comments.list({ issueNumber: issue.number }).filter((c) => c.body.includes('closed-loop:breaker-reset'));
    expect(records).toHaveLength(1);
    expect(fake.state.issues.list().find((i) => i.number === issue.number)?.labels).not.toContain(LABEL);
    expect(await lookup()).toMatchObject({ by: 'label' });
    fake.assertNoViolations();
  });

  it("a triager's label and a bot's label reset nothing (the permission is read through the API)", async () => {
    const issue = failureIssue();
    const reader = await recover(fake, { inputs: { phase: 'reset-breaker' }, event: labeled(issue, { login: 'triager', type: 'User' }) });
    expect(reader.outcome.reason).toMatch(/refused: triager is triage/);
    const bot = await recover(fake, { inputs: { phase: 'reset-breaker' }, event: labeled(issue, { login: 'renovate[bot]', type: 'Bot' }) });
    expect(bot.outcome.reason).toMatch(/refused/);
    expect(fake.state.comments.list({ issueNumber: issue.number })).toHaveLength(0);
    expect(await lookup()).toBeUndefined();
    fake.assertNoViolations();
  });

  it('ignores other labels, and issues that are not our failure issues', async () => {
    const issue = failureIssue();
    const other = await recover(fake, { inputs: { phase: 'reset-breaker' }, event: labeled(issue, { login: 'maintainer', type: 'User' }, 'bug') });
    expect(other.outcome.reason).toMatch(/is not closed-loop:reset-breaker/);
    const theirs = fake.state.issues.add({ title: 'x', body: '<!-- closed-loop:notify-ledger e30= -->', user: 'mallory', labels: [LABEL] });
    const forged = await recover(fake, {
      inputs: { phase: 'reset-breaker' },
      event: {
        name: 'issues',
        payload: {
          action: 'labeled',
          label: { name: LABEL },
          issue: { number: theirs.number, body: theirs.body, user: { login: 'mallory' } },
          sender: { login: 'maintainer', type: 'User' },
        },
      },
    });
    expect(forged.outcome.reason).toMatch(/not a closed-loop failure issue/);
    expect(fake.writes).toHaveLength(0);
  });
});

/** A failure issue as notify writes it after recover found the infrastructure breaker open. */
function reportedIssue() {
  const verdict = makeVerdict({ category: 'infrastructure', signature: SIGNATURE });
  const ledger = recordFailure(undefined, verdict, NOW - 600_000, 10).ledger;
  const outcome = makeOutcome({
    action: 'escalate',
    breaker: { state: 'open', consecutiveFailures: 6, failureRate: 1, reopensAt: '2026-01-05T13:00:00.000Z' },
  });
  const body = withMarker(renderIssue({ verdict, outcome, ledger }, (t) => t, []).body, issueMarker(SIGNATURE));
  return fake.state.issues.add({ title: 'infrastructure failure in Deploy', body, user: 'github-actions[bot]', labels: ['closed-loop'] });
}

const breakerLine = (issueNumber: number) =>
  fake.state.issues
    .get(issueNumber)
    ?.body?.split('\n')
    .find((l) => l.startsWith('**Circuit breaker**'));

/** `user` comments `body` on the issue: the issue_comment event GitHub sends. */
function commented(issue: ReturnType<typeof reportedIssue>, user: string, body: string, type = 'User') {
  const c = fake.state.comments.add({ issueNumber: issue.number, body, user });
  return {
    comment: c,
    event: {
      name: 'issue_comment',
      payload: {
        action: 'created',
        comment: { id: c.id, body, created_at: c.created_at, user: { login: user, type } },
        issue: { number: issue.number, body: issue.body, user: { login: 'github-actions[bot]' } },
        sender: { login: user, type },
      },
    },
  };
}

describe('recover reset-breaker: the failure issue shows the reset', () => {
  it("a writer's label: the breaker line says reset, by whom and how; nothing else on the issue changes", async () => {
    const issue = reportedIssue();
    expect(breakerLine(issue.number)).toContain('**open**');
    await recover(fake, { inputs: { phase: 'reset-breaker' }, event: labeled({ ...issue, body: issue.body }, { login: 'maintainer', type: 'User' }) });
    expect(breakerLine(issue.number)).toMatch(/\*\*reset\*\* by maintainer \(the `closed-loop:reset-breaker` label\) at 2026-01-05 12:00 UTC/);
    const after = fake.state.issues.get(issue.number)?.body ?? '';
    expect(after.replace(/^\*\*Circuit breaker\*\*.*$/m, '').replace(/notify-ledger \S+/, '')).toBe(
      (issue.body ?? '').replace(/^\*\*Circuit breaker\*\*.*$/m, '').replace(/notify-ledger \S+/, ''),
    );
    expect(readLedger(after)?.breaker?.reset).toEqual({ at: new Date(NOW).toISOString(), by: 'maintainer', how: 'label' });
    fake.assertNoViolations();
  });

  it("a writer's comment: 👍 on the comment and the line shows the reset; the same event again writes nothing", async () => {
    const issue = reportedIssue();
    const { comment, event } = commented(issue, 'maintainer', 'The proxy is fixed.\n/closed-loop reset infrastructure');
    const r = await recover(fake, { inputs: { phase: 'reset-breaker' }, event });
    expect(r.outcome.reason).toMatch(/breaker reset on #\d+ by maintainer \(write\), infrastructure/);
    expect(fake.state.comments.get(comment.id)?.reactions.map((x) => x.content)).toEqual(['+1']);
    expect(breakerLine(issue.number)).toMatch(/\*\*reset\*\* by maintainer \(`\/closed-loop reset`\)/);
    // The comment is the record: the re-run phase's lookup honours it (permission read there too).
    expect(await lookup()).toMatchObject({ by: 'maintainer' });
    const writes = fake.writes.filter((w) => w.method !== 'POST' || !w.path.endsWith('/reactions')).length;
    await recover(fake, { inputs: { phase: 'reset-breaker' }, event });
    expect(fake.writes.filter((w) => w.method !== 'POST' || !w.path.endsWith('/reactions')).length).toBe(writes);
    expect(fake.state.comments.list({ issueNumber: issue.number })).toHaveLength(1);
    fake.assertNoViolations();
  });

  it("a reader's comment resets nothing and is answered once; a bot's is ignored", async () => {
    const issue = reportedIssue();
    fake.state.collaborators.set({ username: 'reader', role: 'read' });
    const { event } = commented(issue, 'reader', '/closed-loop reset');
    const r = await recover(fake, { inputs: { phase: 'reset-breaker' }, event });
    expect(r.outcome.reason).toMatch(/refused: reader is read/);
    await recover(fake, { inputs: { phase: 'reset-breaker' }, event });
    const answers = fake.state.comments.list({ issueNumber: issue.number }).filter((c) => c.body.includes('breaker-reset-refused'));
    expect(answers).toHaveLength(1);
    expect(answers[0]?.body).toContain('only people with write permission can reset the circuit breaker (this commenter has read access)');
    const bot = commented(issue, 'renovate[bot]', '/closed-loop reset', 'Bot');
    const before = fake.writes.length;
    expect((await recover(fake, { inputs: { phase: 'reset-breaker' }, event: bot.event })).outcome.reason).toMatch(/ignored/);
    expect(fake.writes.length).toBe(before);
    expect(breakerLine(issue.number)).toContain('**open**');
    expect(await lookup()).toBeUndefined();
    fake.assertNoViolations();
  });

  it('a category outside the enum is answered and resets nothing; another category leaves this line as it is', async () => {
    const issue = reportedIssue();
    const unknown = commented(issue, 'maintainer', '/closed-loop reset @everyone<script>');
    const r = await recover(fake, { inputs: { phase: 'reset-breaker' }, event: unknown.event });
    expect(r.outcome.reason).toMatch(/unknown category/);
    const answer = fake.state.comments.list({ issueNumber: issue.number }).find((c) => c.body.includes('breaker-reset-refused'));
    expect(answer?.body).toContain('is not one of quality, security');
    expect(answer?.body).not.toContain('<script>');
    const other = commented(issue, 'maintainer', '/closed-loop reset testing');
    await recover(fake, { inputs: { phase: 'reset-breaker' }, event: other.event });
    expect(fake.state.comments.get(other.comment.id)?.reactions).toHaveLength(1);
    expect(breakerLine(issue.number)).toContain('**open**');
    expect(await lookup()).toBeUndefined();
    fake.assertNoViolations();
  });

  it('ignores comments without the command, edited comments, and comments on issues that are not ours', async () => {
    const issue = reportedIssue();
    const plain = commented(issue, 'maintainer', 'please do not /closed-loop reset yet');
    expect((await recover(fake, { inputs: { phase: 'reset-breaker' }, event: plain.event })).outcome.reason).toMatch(/no \/closed-loop reset line/);
    const edited = commented(issue, 'maintainer', '/closed-loop reset');
    const editedEvent = { ...edited.event, payload: { ...edited.event.payload, action: 'edited' } };
    expect((await recover(fake, { inputs: { phase: 'reset-breaker' }, event: editedEvent })).outcome.reason).toMatch(/not issue_comment: edited/);
    const theirs = fake.state.issues.add({ title: 'x', body: '<!-- closed-loop:notify-ledger e30= -->', user: 'mallory' });
    const forged = commented({ ...theirs }, 'maintainer', '/closed-loop reset');
    const forgedEvent = {
      ...forged.event,
      payload: { ...forged.event.payload, issue: { number: theirs.number, body: theirs.body, user: { login: 'mallory' } } },
    };
    expect((await recover(fake, { inputs: { phase: 'reset-breaker' }, event: forgedEvent })).outcome.reason).toMatch(/not a closed-loop failure issue/);
    expect(fake.writes).toHaveLength(0);
  });
});
