// Who may reset the circuit breaker: a `/closed-loop reset` comment counts only from someone whose
// permission, read through the API, is write or above. A reader or a bot commenting the same words
// on the (public) failure issue must not re-open re-runs.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { startFakeGitHub, type FakeGitHub } from '@closed-loop/testkit';
import { findBoardResets, findBreakerReset } from '../../src/flows/breaker-reset.js';
import { breakerBoard, type BoardRun } from '../../src/recover/breaker-board.js';
import { recoverSettings } from '../../src/recover/settings.js';
import type { LoopIssue } from '../../src/discover/ci-health.js';
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
  fake.state.collaborators.set({ username: 'triager', role: 'triage' });
});
afterAll(() => fake.close());

const client = () => new GitHubClient({ token: 'test-token', baseUrl: fake.url, timeScaleMs: 1, writeSpacingMs: 0 }, new ManualClock());

function failureIssue(): number {
  return fake.state.issues.add({ title: 'infrastructure failure in CI', body: `${issueMarker(SIGNATURE)}\nnetwork`, user: 'github-actions[bot]' }).number;
}

describe('findBreakerReset', () => {
  it('ignores a reset from a reader, a triager and a bot', async () => {
    const issueNumber = failureIssue();
    fake.state.comments.add({ issueNumber, body: '/closed-loop reset', user: 'visitor' });
    fake.state.comments.add({ issueNumber, body: '/closed-loop reset', user: 'triager' });
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

// The dashboard's breakers read resets where recover reads them: the failure issue of the latest failure.
describe('findBoardResets', () => {
  const settings = recoverSettings().breaker;
  const ago = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
  const runs: BoardRun[] = [2, 4, 6, 8, 10].map((m, i) => ({
    id: 500 + i,
    name: 'CI',
    path: '.github/workflows/ci.yml',
    head_branch: 'main',
    status: 'completed',
    conclusion: 'failure',
    run_attempt: 1,
    created_at: ago(m + 3),
    updated_at: ago(m),
  }));
  const loopIssue = (number: number): LoopIssue => ({
    number,
    title: 'infrastructure failure in CI',
    state: 'open',
    state_reason: null,
    labels: [],
    created_at: ago(10),
    closed_at: null,
    closedByUs: false,
    ledgerRuns: [{ id: 500, attempt: 1, at: ago(1) }],
  });

  it("applies a writer's reset on the latest failure's issue to that category; the breaker is closed as recover would see it", async () => {
    const issueNumber = failureIssue();
    fake.state.comments.add({ issueNumber, body: '/closed-loop reset infrastructure', user: 'maintainer' });
    const resets = await findBoardResets(client(), repo, runs, [loopIssue(issueNumber)], Date.now(), settings);
    expect(Object.keys(resets)).toEqual(['.github/workflows/ci.yml@main']);
    expect(Object.keys(resets['.github/workflows/ci.yml@main'] ?? {})).toEqual(['infrastructure']);
    const rows = breakerBoard(runs, Date.now(), settings, resets);
    expect(rows.map((r) => r.category)).not.toContain('infrastructure');
    expect(breakerBoard(runs, Date.now(), settings).map((r) => r.category)).toContain('infrastructure');
    expect(fake.violations).toEqual([]);
  });

  it("ignores a reader's reset, and reads nothing when no issue records the failure", async () => {
    const issueNumber = failureIssue();
    fake.state.comments.add({ issueNumber, body: '/closed-loop reset', user: 'visitor' });
    expect(await findBoardResets(client(), repo, runs, [loopIssue(issueNumber)], Date.now(), settings)).toEqual({});
    const before = fake.requests.length;
    expect(await findBoardResets(client(), repo, runs, [{ ...loopIssue(issueNumber), ledgerRuns: [] }], Date.now(), settings)).toEqual({});
    expect(fake.requests.length).toBe(before);
  });
});
