// The breaker reset by label: `closed-loop:reset-breaker` on a failure issue resets the breaker only when
// the person who added it (the labeled event's sender) has write permission or above, read through the
// API. A reader's label, a bot's label, or a payload claiming a role reset nothing.
import { beforeEach, describe, expect, it } from '@jest/globals';
import { findBreakerReset, GitHubClient, ManualClock } from '@closed-loop/core';
import { type FakeGitHub } from '@closed-loop/testkit';
import { issueMarker } from '../../../packages/core/src/notify/plan.js';
import { fakeGitHubPerTest, recover, REPO } from './harness.js';

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
