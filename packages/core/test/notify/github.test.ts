// notify end to end against the fake GitHub: final state, writes and request counts per scenario.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { PLANTED_SECRET_STRINGS, plantedSecretLog, startFakeGitHub, type FakeGitHub } from '@closed-loop/testkit';
import type { Verdict } from '../../src/classify/verdict.js';
import { notifyFailure, notifyResolution } from '../../src/flows/notify.js';
import { readLedger, type NotifySettings } from '../../src/notify/index.js';
import { makeOutcome, makeVerdict, type VerdictOptions } from './fixtures.js';
import { ChatServer, notifyDeps, writtenText } from './harness.js';

let fake: FakeGitHub;
let chat: ChatServer;
beforeAll(async () => {
  fake = await startFakeGitHub({ seed: 7 });
  chat = await new ChatServer().listen();
});
beforeEach(() => {
  fake.reset();
  chat.reset();
});
afterAll(async () => {
  await fake.close();
  await chat.close();
});

/** A verdict whose head commit exists in the fake (statuses need a real sha). */
function verdictOn(opts: VerdictOptions = {}, pull = false): Verdict {
  if (pull) {
    const { pull: p } = fake.state.pulls.add({ head: 'feature', title: 'Add feature', user: 'octocat' });
    return makeVerdict({ ...opts, run: { headSha: p.head.sha, headBranch: 'feature', event: 'pull_request', pullRequests: [p.number], ...opts.run } });
  }
  const sha = fake.state.commits.add({ branch: 'main', message: 'change' });
  return makeVerdict({ ...opts, run: { headSha: sha, ...opts.run } });
}

function deps(settings?: Partial<NotifySettings>) {
  return notifyDeps(fake, { chat: chat.targets, ...(settings ? { settings } : {}) });
}

const ourIssues = () => fake.state.issues.list().filter((i) => i.user === 'github-actions[bot]');
const openIssues = () => ourIssues().filter((i) => i.state === 'open');

describe('routing by severity (final state per channel)', () => {
  it('critical: issue with labels, failure status, summary and chat — in ≤ 6 GitHub requests', async () => {
    const v = verdictOn();
    const d = deps();
    const report = await notifyFailure(d, v, makeOutcome());
    expect(report).toMatchObject({
      channels: ['issue', 'status', 'summary', 'chat'],
      change: 'first-failure',
      status: 'created',
      chat: { slack: 'sent', teams: 'sent' },
    });
    const [issue] = ourIssues();
    expect(ourIssues()).toHaveLength(1);
    expect(issue?.title).toBe('testing/test-failure failure in CI › test (node 20) › Run tests');
    expect(issue?.labels.sort()).toEqual(['category:testing', 'closed-loop', 'severity:critical']);
    expect(readLedger(issue?.body)?.count).toBe(1);
    expect(issue?.body).toContain('Deterministic test failure');
    expect(fake.state.statuses.list()).toEqual([
      expect.objectContaining({ sha: v.run.headSha, state: 'failure', context: 'closed-loop / CI', creator: 'github-actions[bot]' }),
    ]);
    expect(report.summary).toContain('| Job | Step | Category | Confidence | Evidence |');
    expect(chat.received.map((r) => r.path).sort()).toEqual(['/slack', '/teams']);
    console.log(`notify, one critical failure without a PR: ${fake.requests.length} GitHub requests (${fake.writes.length} writes)`);
    expect(fake.requests.length).toBeLessThanOrEqual(6);
    fake.assertNoViolations();
  });

  it('high with a PR: one sticky comment, status, summary; no issue, no chat — in ≤ 6 requests', async () => {
    const v = verdictOn({ severity: 'high' }, true);
    const report = await notifyFailure(deps(), v);
    expect(report).toMatchObject({ channels: ['comment', 'status', 'summary'], comments: [{ pull: v.run.pullRequests[0], result: 'created' }] });
    expect(ourIssues()).toHaveLength(0);
    const comments = fake.state.comments.list({ issueNumber: v.run.pullRequests[0] });
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain('<!-- closed-loop:notify-comment ');
    expect(chat.received).toHaveLength(0);
    console.log(`notify, one high failure on a PR: ${fake.requests.length} GitHub requests (${fake.writes.length} writes)`);
    expect(fake.requests.length).toBeLessThanOrEqual(6);
    fake.assertNoViolations();
  });

  it('high without a PR falls back to an issue', async () => {
    await notifyFailure(deps(), verdictOn({ severity: 'high' }));
    expect(ourIssues()).toHaveLength(1);
    expect(ourIssues()[0]?.labels).toContain('severity:high');
  });

  it('medium: status and summary only; low: status only', async () => {
    const medium = await notifyFailure(deps(), verdictOn({ severity: 'medium' }, true));
    expect(medium.summary).toBeDefined();
    const low = await notifyFailure(deps(), verdictOn({ severity: 'low', signature: 'v1:1111111111111111' }));
    expect(low.summary).toBeUndefined();
    expect(ourIssues()).toHaveLength(0);
    expect(fake.state.comments.list()).toHaveLength(0);
    expect(fake.state.statuses.list().map((s) => s.state)).toEqual(['failure', 'failure']);
    expect(chat.received).toHaveLength(0);
  });

  it('writes nothing for a run still in progress or without failed jobs', async () => {
    const report = await notifyFailure(deps(), verdictOn({ status: 'in-progress' }));
    await notifyFailure(deps(), verdictOn({ status: 'no-failed-jobs' }));
    expect(report).toMatchObject({ channels: [], change: 'none' });
    expect(fake.requests).toHaveLength(0);
  });

  it('uses a configured status context and routing table', async () => {
    const d = deps({ statusContext: 'ci/triage', routing: { critical: ['status'], high: [], medium: [], low: [] } });
    await notifyFailure(d, verdictOn());
    expect(fake.state.statuses.list().map((s) => s.context)).toEqual(['ci/triage / CI']);
    expect(ourIssues()).toHaveLength(0);
  });
});

describe('noise control and idempotency', () => {
  it('a second occurrence updates the same issue (count 2) without a new issue or a second ping', async () => {
    await notifyFailure(deps(), verdictOn());
    const d = deps();
    d.clock.advance(3_600_000);
    const v2 = verdictOn({ run: { id: 9002, htmlUrl: 'https://github.com/acme/widgets/actions/runs/9002' } });
    const before = fake.requests.length;
    const report = await notifyFailure(d, v2);
    console.log(`notify, second occurrence (critical): ${fake.requests.length - before} GitHub requests`);
    expect(fake.requests.length - before).toBeLessThanOrEqual(4);
    expect(report.change).toBe('repeat');
    expect(ourIssues()).toHaveLength(1);
    const ledger = readLedger(ourIssues()[0]?.body);
    expect(ledger).toMatchObject({ count: 2, firstSeen: '2026-01-01T12:00:00.000Z', lastSeen: '2026-01-01T13:00:00.000Z' });
    expect(ledger?.runs.map((r) => r.id)).toEqual([9002, 9001]);
    expect(chat.received).toHaveLength(2); // the first failure's Slack + Teams only
  });

  it('running notify twice for the same run writes nothing the second time', async () => {
    const v = verdictOn({}, true);
    await notifyFailure(deps(), v);
    const high = verdictOn({ severity: 'high', signature: 'v1:2222222222222222', run: { pullRequests: v.run.pullRequests } });
    await notifyFailure(deps(), high);
    const writes = fake.writes.length;
    const before = fake.requests.length;
    const again = deps();
    again.clock.advance(60_000);
    const r1 = await notifyFailure(again, v);
    const r2 = await notifyFailure(again, high);
    expect(fake.writes.length).toBe(writes);
    console.log(`notify re-run for the same run (critical issue + high comment): ${fake.requests.length - before} GitHub requests, 0 writes`);
    expect(r1).toMatchObject({ change: 'same-run', status: 'unchanged', issue: { result: 'unchanged' } });
    expect(r2).toMatchObject({ comments: [{ result: 'unchanged' }], status: 'unchanged' });
    expect(chat.received).toHaveLength(2);
  });

  it('two concurrent notifies for the same signature end with one open issue counting both runs', async () => {
    const a = verdictOn();
    const b = verdictOn({ run: { id: 9100 } });
    await Promise.all([notifyFailure(deps(), a), notifyFailure(deps(), b)]);
    expect(openIssues()).toHaveLength(1);
    // Both really raced (each created one); the younger twin was closed as a duplicate of the oldest.
    expect(ourIssues().map((i) => [i.state, i.state_reason])).toEqual([
      ['open', null],
      ['closed', 'duplicate'],
    ]);
    expect(readLedger(openIssues()[0]?.body)?.count).toBe(2);
    fake.assertNoViolations();
  });
});

describe('closing the loop', () => {
  it('a green run closes the issue with time to recovery, resolves the PR comment and turns the status green', async () => {
    const v = verdictOn({ severity: 'high' }, true);
    await notifyFailure(deps(), v);
    const crit = verdictOn({ signature: 'v1:3333333333333333', run: { headBranch: 'feature', pullRequests: v.run.pullRequests } });
    await notifyFailure(deps(), crit);
    chat.reset();
    const green = deps();
    green.clock.advance(2 * 3_600_000 + 5 * 60_000);
    const sha = fake.state.commits.add({ branch: 'feature', message: 'fix' });
    const run = { ...v.run, id: 9200, headSha: sha, conclusion: 'success', htmlUrl: 'https://github.com/acme/widgets/actions/runs/9200' };
    const before = fake.requests.length;
    const report = await notifyResolution(green, run);
    console.log(`notify on a green run (1 issue + 1 PR comment): ${fake.requests.length - before} GitHub requests`);
    expect(report.change).toBe('resolution');
    const [issue] = ourIssues();
    expect(issue).toMatchObject({ state: 'closed', state_reason: 'completed' });
    expect(issue?.body).toContain('Time to recovery: **2h 5m**');
    const comment = fake.state.comments.list({ issueNumber: v.run.pullRequests[0] })[0];
    expect(comment?.body).toMatch(/passed again on `feature`/);
    expect(comment?.body).not.toContain('Evidence');
    const status = fake.state.statuses.list().filter((s) => s.sha === sha);
    expect(status).toEqual([expect.objectContaining({ state: 'success', description: 'CI recovered after 2h 5m' })]);
    expect(chat.received.map((r) => r.path).sort()).toEqual(['/slack', '/teams']);
    const writes = fake.writes.length;
    await notifyResolution(green, run);
    expect(fake.writes.length).toBe(writes);
    fake.assertNoViolations();
  });

  it('a failure after resolution reopens the issue as a regression and pings again', async () => {
    const v = verdictOn();
    await notifyFailure(deps(), v);
    await notifyResolution(deps(), { ...v.run, id: 9300, conclusion: 'success' });
    chat.reset();
    const report = await notifyFailure(deps(), verdictOn({ run: { id: 9301 } }));
    expect(report.change).toBe('regression');
    expect(ourIssues()).toHaveLength(1);
    expect(ourIssues()[0]).toMatchObject({ state: 'open' });
    expect(readLedger(ourIssues()[0]?.body)).toMatchObject({ count: 2 });
    expect(chat.received).toHaveLength(2);
  });

  it('a human "won\'t fix" close is respected; a human "completed" close is reopened', async () => {
    fake.addToken('human-token', { login: 'maintainer', type: 'User' });
    await notifyFailure(deps(), verdictOn());
    const number = ourIssues()[0]!.number;
    const close = (reason: string) =>
      fetch(`${fake.url}/repos/acme/widgets/issues/${number}`, {
        method: 'PATCH',
        headers: { authorization: 'token human-token', 'content-type': 'application/json' },
        body: JSON.stringify({ state: 'closed', state_reason: reason }),
      });
    expect((await close('not_planned')).status).toBe(200);
    const issueWrites = () => fake.writes.filter((w) => w.path.includes('/issues')).length;
    const before = issueWrites();
    chat.reset();
    const report = await notifyFailure(deps(), verdictOn({ run: { id: 9401 } }));
    expect(report.issue).toMatchObject({ number, result: 'wont-fix' });
    expect(ourIssues()[0]).toMatchObject({ state: 'closed', state_reason: 'not_planned' });
    expect(issueWrites()).toBe(before);
    expect(chat.received).toHaveLength(0);

    fake.state.issues.list()[0]!.state_reason = 'completed';
    const reopened = await notifyFailure(deps(), verdictOn({ run: { id: 9402 } }));
    expect(reopened.change).toBe('regression');
    expect(ourIssues()[0]).toMatchObject({ state: 'open' });
  });
});

describe('safety of what is written', () => {
  it('a GitHub token, an AWS key and a private key in the log reach no write (the fake forbids them)', async () => {
    const v = verdictOn({ lines: ['Error: publish failed', ...plantedSecretLog()] }, true);
    await notifyFailure(deps(), v);
    await notifyFailure(
      deps(),
      verdictOn({ severity: 'high', signature: 'v1:4444444444444444', lines: plantedSecretLog(), run: { pullRequests: v.run.pullRequests } }),
    );
    const text = writtenText(fake);
    for (const s of PLANTED_SECRET_STRINGS) expect(text).not.toContain(s);
    expect(text).toContain('***');
    expect(fake.violations).toEqual([]);
    expect(JSON.stringify(chat.received)).not.toContain(PLANTED_SECRET_STRINGS[0]);
  });

  it('the fake catches a planted secret that is written unredacted', async () => {
    await fetch(`${fake.url}/repos/acme/widgets/issues`, {
      method: 'POST',
      headers: { authorization: 'token test-token', 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'leak', body: plantedSecretLog().join('\n') }),
    });
    expect(fake.violations.join('\n')).toMatch(/forbidden string/);
    expect(() => fake.assertNoPlantedLeaks()).toThrow(/planted secret reached the fake GitHub unredacted/);
  });

  it('a 65,536+ character excerpt is truncated with a visible note and GitHub accepts the body', async () => {
    const lines = Array.from({ length: 800 }, (_, i) => `at frame ${i} ${'z'.repeat(90)}`);
    await notifyFailure(deps(), verdictOn({ lines }));
    const body = ourIssues()[0]?.body ?? '';
    expect(lines.join('\n').length).toBeGreaterThan(65_536);
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body).toContain('Truncated by closed-loop');
    expect(readLedger(body)?.count).toBe(1);
    fake.assertNoViolations();
  });

  it('`@org/team` in a log line does not ping anyone in any write or chat message', async () => {
    const v = verdictOn({ lines: ['Error: ask @org/team to rotate the key (cc @alice)'] }, true);
    await notifyFailure(deps(), v);
    await notifyFailure(
      deps(),
      verdictOn({ severity: 'high', signature: 'v1:5555555555555555', lines: ['@org/team'], run: { pullRequests: v.run.pullRequests } }),
    );
    const text = `${writtenText(fake)}\n${JSON.stringify(chat.received)}`;
    expect(text).not.toMatch(/@org\/team|@alice/);
    expect(text).toContain('@\u200Borg/team');
  });

  it('mentions configured for escalation are added on a critical first failure', async () => {
    await notifyFailure(deps({ escalation: { mentions: ['@acme/oncall'], assignees: ['maintainer'] } }), verdictOn());
    expect(ourIssues()[0]?.body).toContain('cc @acme/oncall');
    expect(ourIssues()[0]?.assignees).toEqual(['maintainer']);
  });
});

describe('escalation', () => {
  it('high → critical on the same signature escalates once: labels, assignees, a mention comment and chat', async () => {
    fake.state.collaborators.set({ username: 'maintainer', role: 'write' });
    const settings = { escalation: { mentions: ['@acme/oncall'], assignees: ['maintainer'] } };
    await notifyFailure(deps(settings), verdictOn({ severity: 'high' }));
    expect(chat.received).toHaveLength(0);
    const report = await notifyFailure(deps(settings), verdictOn({ severity: 'critical', run: { id: 9601 } }));
    expect(report.change).toBe('escalation');
    const [issue] = ourIssues();
    expect(issue?.labels).toContain('severity:critical');
    expect(issue?.labels).not.toContain('severity:high');
    expect(issue?.assignees).toEqual(['maintainer']);
    expect(fake.state.comments.list({ issueNumber: issue?.number }).map((c) => c.body)).toEqual([
      expect.stringMatching(/^Escalated to critical in \[run #9601\].*cc @acme\/oncall/),
    ]);
    expect(chat.received).toHaveLength(2);
    const again = await notifyFailure(deps(settings), verdictOn({ severity: 'critical', run: { id: 9602 } }));
    expect(again.change).toBe('repeat');
    expect(fake.state.comments.list({ issueNumber: issue?.number })).toHaveLength(1);
    expect(chat.received).toHaveLength(2);
    fake.assertNoViolations();
  });
});

describe('failures around notify', () => {
  it('a chat webhook answering 500 is a warning; every GitHub channel is still written', async () => {
    chat.status = 500;
    const d = deps();
    const report = await notifyFailure(d, verdictOn());
    expect(report.chat).toEqual({ slack: 'failed', teams: 'failed' });
    expect(report.warnings).toEqual([
      expect.stringContaining('Slack notification failed (HTTP 500)'),
      expect.stringContaining('Teams notification failed (HTTP 500)'),
    ]);
    expect(report.warnings.join('\n')).not.toContain(chat.url);
    expect(d.logger.messages('warning')).toHaveLength(2);
    expect(ourIssues()).toHaveLength(1);
    expect(fake.state.statuses.list()).toHaveLength(1);
  });

  it('an unreachable or slow chat webhook times out as a warning', async () => {
    const d = notifyDeps(fake, { settings: { chatTimeoutSeconds: 1 }, chat: { slackWebhookUrl: 'http://127.0.0.1:9/slack' } });
    const report = await notifyFailure(d, verdictOn());
    expect(report.chat).toEqual({ slack: 'failed' });
  });

  it('fault injection (5xx, secondary rate limits, dropped writes) ends in the same final state', async () => {
    const scenario = async () => {
      const v = verdictOn({}, true);
      await notifyFailure(deps(), v);
      await notifyFailure(deps(), verdictOn({ severity: 'high', signature: 'v1:6666666666666666', run: { pullRequests: v.run.pullRequests } }));
      await notifyFailure(deps(), verdictOn({ run: { id: 9501 } }));
      return {
        issues: ourIssues().map((i) => ({ state: i.state, title: i.title, labels: [...i.labels].sort(), count: readLedger(i.body)?.count })),
        comments: fake.state.comments.list().map((c) => readLedger(c.body)?.count),
        statuses: fake.state.statuses.list().map((s) => `${s.state} ${s.description}`),
      };
    };
    const clean = await scenario();
    fake.reset();
    fake.addFault({ method: 'GET', status: 502, probability: 0.2 });
    fake.addFault({ method: 'PATCH', status: 500, probability: 0.2 });
    fake.addFault({ method: 'POST', status: 403, secondaryRateLimit: true, retryAfterSeconds: 1, times: 2 });
    fake.addFault({ operationId: 'issues/create', status: 502, dropAfterWrite: true, times: 1 });
    fake.addFault({ operationId: 'issues/create-comment', status: 502, dropAfterWrite: true, times: 1 });
    const faulty = await scenario();
    expect(faulty).toEqual(clean);
    expect(fake.requests.filter((r) => r.status >= 500 || r.status === 403).length).toBeGreaterThan(2);
    fake.assertNoViolations();
  });
});
