// Who may reset the circuit breaker: a `/closed-loop reset` comment counts only from someone whose
// permission, read through the API, is write or above. A reader or a bot commenting the same words
// on the (public) failure issue must not re-open re-runs.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { startFakeGitHub, type FakeGitHub } from '@closed-loop/testkit';
import { findBreakerReset } from '../../src/flows/breaker-reset.js';
import { GitHubClient } from '../../src/github/index.js';
import { issueMarker } from '../../src/notify/plan.js';
import { ManualClock } from '../../src/clock.js';

const repo = { owner: 'acme', repo: 'widgets' };
const SIGNATURE = 'v1:0123456789abcdef';
let fake: FakeGitHub;
beforeAll(async () => {
  fake = await startFakeGitHub();
});
beforeEach(() => {
  fake.reset();
  fake.state.collaborators.set({ username: 'maintainer', role: 'write' });
  fake.state.collaborators.set({ username: 'visitor', role: 'read' });
});
afterAll(() => fake.close());

const client = () => new GitHubClient({ token: 'test-token', baseUrl: fake.url, timeScaleMs: 1, writeSpacingMs: 0 }, new ManualClock());

function failureIssue(): number {
  return fake.state.issues.add({ title: 'infrastructure failure in CI', body: `${issueMarker(SIGNATURE)}\nnetwork`, user: 'github-actions[bot]' }).number;
}

describe('findBreakerReset', () => {
  it('ignores a reset from a reader, and from a bot', async () => {
    const issueNumber = failureIssue();
    fake.state.comments.add({ issueNumber, body: '/closed-loop reset', user: 'visitor' });
    fake.state.comments.add({ issueNumber, body: '/closed-loop reset', user: 'dependabot[bot]' });
    expect(await findBreakerReset(client(), repo, SIGNATURE, 'infrastructure', 0)).toBeUndefined();
    expect(fake.violations).toEqual([]);
  });

  it('takes a reset from a writer, for that category or all', async () => {
    const issueNumber = failureIssue();
    fake.state.comments.add({ issueNumber, body: '/closed-loop reset testing', user: 'maintainer' });
    expect(await findBreakerReset(client(), repo, SIGNATURE, 'infrastructure', 0)).toBeUndefined();
    fake.state.comments.add({ issueNumber, body: 'proxy fixed\n/closed-loop reset', user: 'maintainer' });
    expect(await findBreakerReset(client(), repo, SIGNATURE, 'infrastructure', 0)).toMatchObject({ by: 'maintainer' });
  });
});
