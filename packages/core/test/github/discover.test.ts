import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { startFakeGitHub, type FakeGitHub } from '@closed-loop/testkit';
import { GitHubClient } from '../../src/github/github-client.js';
import { DASHBOARD_TITLE, listLoopIssues, listRecentRuns, publishDashboard, type PublishOptions } from '../../src/flows/discover.js';
import { DASHBOARD_MARKER, itemIssueMarker } from '../../src/discover/dashboard.js';
import { LIMITS } from '../../src/render/limits.js';
import { marker } from '../../src/render/markers.js';
import { ledgerMarkers } from '../../src/notify/ledger.js';
import { ManualClock } from '../../src/clock.js';
import { RecordingLogger } from '../../src/logger.js';
import { metricsOf, todo } from '../discover/fixtures.js';

let fake: FakeGitHub;
const repo = { owner: 'acme', repo: 'widgets' };
const client = () =>
  new GitHubClient({ token: 'test-token', baseUrl: fake.url, timeScaleMs: 1, writeSpacingMs: 0, logger: new RecordingLogger() }, new ManualClock());
const options: PublishOptions = {
  label: 'value-discovery',
  top: 25,
  maxNewIssues: 2,
  today: '2026-02-01',
  retentionDays: 14,
  redact: (s) => s.replace(/hunter2/g, '***'),
};

beforeEach(async () => {
  fake = await startFakeGitHub({ seed: 3 });
});
afterEach(async () => {
  fake.assertNoViolations();
  await fake.close();
});

const dashboards = () => fake.state.issues.list().filter((i) => i.body?.includes(DASHBOARD_MARKER));
const tick = (number: number, ids: string[]) => {
  const issue = fake.state.issues.list().find((i) => i.number === number)!;
  for (const id of ids) issue.body = issue.body!.replace(`- [ ] <!-- vd:item=${id} -->`, `- [x] <!-- vd:item=${id} -->`);
};

describe('dashboard upsert against the fake GitHub', () => {
  it('is created once, left alone when unchanged, and updated in place when the backlog changes', async () => {
    const m = metricsOf([todo(1), todo(2)]);
    const first = await publishDashboard(client(), repo, m, options);
    expect(first.action).toBe('created');
    expect(dashboards()).toHaveLength(1);
    expect(dashboards()[0]).toMatchObject({ title: DASHBOARD_TITLE, labels: ['value-discovery'], user: 'github-actions[bot]' });

    const writes = fake.writes.length;
    const second = await publishDashboard(client(), repo, metricsOf([todo(1), todo(2)]), options);
    expect(second.action).toBe('unchanged');
    expect(fake.writes.length).toBe(writes);

    const third = await publishDashboard(client(), repo, metricsOf([todo(1)]), options);
    expect(third.action).toBe('updated');
    expect(third.dashboard.number).toBe(first.dashboard.number);
    expect(dashboards()).toHaveLength(1);
    expect(third.resolved.map((r) => r.title)).toEqual(['TODO: item 2']);
    expect(dashboards()[0]?.body).toContain('~~TODO: item 2~~ (2026-02-01)');
  });

  it('turns a ticked box into exactly one issue, and links it from the dashboard', async () => {
    const m = metricsOf([todo(1), todo(2)]);
    const { dashboard } = await publishDashboard(client(), repo, m, options);
    const target = m.items[1]!;
    tick(dashboard.number, [target.id]);

    const run = await publishDashboard(client(), repo, m, options);
    expect(run.opened).toHaveLength(1);
    const opened = fake.state.issues.list().find((i) => i.number === run.opened[0]?.number)!;
    expect(opened).toMatchObject({ title: target.title, labels: ['value-discovery'] });
    expect(opened.body).toContain(itemIssueMarker(target.id));
    expect(opened.body).toContain(`(#${dashboard.number})`);
    expect(dashboards()[0]?.body).toContain(`- [x] <!-- vd:item=${target.id} -->`);
    expect(dashboards()[0]?.body).toContain(` → #${opened.number}`);

    const writes = fake.writes.length;
    const again = await publishDashboard(client(), repo, m, options);
    expect(again).toMatchObject({ opened: [], action: 'unchanged' });
    expect(fake.writes.length).toBe(writes);
    expect(fake.state.issues.list()).toHaveLength(2);
  });

  it('opens one issue per ticked box even when the create call fails ambiguously', async () => {
    const m = metricsOf([todo(1)]);
    const { dashboard } = await publishDashboard(client(), repo, m, options);
    tick(dashboard.number, [m.items[0]!.id]);
    fake.addFault({ method: 'POST', operationId: 'issues/create', status: 502, dropAfterWrite: true, times: 1 });
    const run = await publishDashboard(client(), repo, m, options);
    expect(run.opened).toHaveLength(1);
    expect(fake.state.issues.list().filter((i) => i.body?.includes(itemIssueMarker(m.items[0]!.id)))).toHaveLength(1);
    expect(fake.countRequests({ operationId: 'issues/create' })).toBe(2); // the dashboard, then the item once
  });

  it('opens at most N issues a run, highest-ranked first; the rest wait ticked for the next run', async () => {
    const m = metricsOf([todo(1), todo(2), todo(3)]);
    const { dashboard } = await publishDashboard(client(), repo, m, options);
    tick(
      dashboard.number,
      m.items.map((i) => i.id),
    );
    const first = await publishDashboard(client(), repo, m, options);
    expect(first.opened.map((o) => o.id)).toEqual([m.items[0]!.id, m.items[1]!.id]);
    expect(dashboards()[0]?.body).toContain(`- [x] <!-- vd:item=${m.items[2]!.id} -->`);
    const second = await publishDashboard(client(), repo, m, options);
    expect(second.opened.map((o) => o.id)).toEqual([m.items[2]!.id]);
    expect(fake.state.issues.list()).toHaveLength(4);
  });

  it('respects the body cap with a visible note, and redacts what it writes', async () => {
    fake.forbid('hunter2');
    const m = metricsOf(Array.from({ length: 2000 }, (_, i) => todo(i, { title: `TODO: password hunter2 ${'x'.repeat(100)} ${i}` })));
    await publishDashboard(client(), repo, m, { ...options, top: 2000 });
    const body = dashboards()[0]!.body!;
    expect(body.length).toBeLessThanOrEqual(LIMITS.body);
    expect(body).toContain("more items are not shown to fit GitHub's 65,536-character issue limit");
    expect(body).toContain('password ***');
  });

  it('does not take over a dashboard-looking issue someone else wrote', async () => {
    fake.state.issues.add({ title: 'fake', body: `x\n\n${DASHBOARD_MARKER}`, user: 'mallory', labels: ['value-discovery'] });
    const r = await publishDashboard(client(), repo, metricsOf([todo(1)]), options);
    expect(r.action).toBe('created');
    expect(r.dashboard.number).toBe(2);
  });
});

describe('CI and loop signals from the API', () => {
  it('lists runs of the window and closed-loop issues with who closed them', async () => {
    fake.state.runs.add({ workflow: 'CI', conclusion: 'failure', created_at: '2026-01-20T00:00:00Z' });
    fake.state.runs.add({ workflow: 'CI', conclusion: 'success', created_at: '2026-01-25T00:00:00Z' });
    fake.state.runs.add({ workflow: 'CI', conclusion: 'success', created_at: '2025-06-01T00:00:00Z' });
    fake.state.issues.add({ title: 'Build failed', user: 'github-actions[bot]', labels: ['closed-loop'], state: 'closed', created_at: '2026-01-21T00:00:00Z' });
    fake.state.issues.add({ title: 'Lint failed', user: 'github-actions[bot]', labels: ['closed-loop'], created_at: '2026-01-22T00:00:00Z' });
    fake.state.issues.add({ title: 'Not ours', user: 'octocat', labels: ['closed-loop'], created_at: '2026-01-22T00:00:00Z' });
    const now = Date.parse('2026-02-01T00:00:00Z');
    const runs = await listRecentRuns(client(), repo, 30, now);
    expect(runs.map((r) => r.conclusion).sort()).toEqual(['failure', 'success']);
    expect(runs[0]).toMatchObject({ path: '.github/workflows/ci.yml', run_attempt: 1, status: 'completed' });
    const issues = await listLoopIssues(client(), repo, 'closed-loop', 30, now);
    expect(issues.map((i) => [i.title, i.state, i.closedByUs]).sort()).toEqual([
      ['Build failed', 'closed', true],
      ['Lint failed', 'open', false],
    ]);
  });

  it("reads each issue's ledger runs (MTTD) and, for a critical one, when our sweep escalated it (not a pasted marker)", async () => {
    const ledger = (severity: string) =>
      ledgerMarkers({
        v: 1,
        signature: `v1:${severity}`,
        firstSeen: '2026-01-21T00:00:00Z',
        since: '2026-01-21T00:00:00Z',
        lastSeen: '2026-01-21T00:00:00Z',
        count: 1,
        severity: severity as 'critical',
        failing: [],
        runs: [
          {
            id: 41,
            attempt: 1,
            at: '2026-01-21T00:03:00Z',
            sha: 'a'.repeat(40),
            branch: 'main',
            url: 'https://github.com/acme/widgets/actions/runs/41',
            severity: severity as 'critical',
          },
        ],
      });
    const critical = fake.state.issues.add({
      title: 'Deploy failed',
      body: ledger('critical'),
      user: 'github-actions[bot]',
      labels: ['closed-loop'],
      created_at: '2026-01-21T00:00:00Z',
    });
    fake.state.issues.add({
      title: 'Tests failed',
      body: ledger('high'),
      user: 'github-actions[bot]',
      labels: ['closed-loop'],
      created_at: '2026-01-21T00:00:00Z',
    });
    fake.state.comments.add({ issueNumber: critical.number, body: `Escalated\n\n${marker('notify-sweep-escalation', 'k.1')}`, user: 'github-actions[bot]' });
    fake.state.comments.add({ issueNumber: critical.number, body: `fake\n\n${marker('notify-sweep-escalation', 'k.2')}`, user: 'mallory' });
    const issues = await listLoopIssues(client(), repo, 'closed-loop', 30, Date.parse('2026-02-01T00:00:00Z'));
    const [deploy, tests] = [issues.find((i) => i.title === 'Deploy failed'), issues.find((i) => i.title === 'Tests failed')];
    expect(deploy?.ledgerRuns).toEqual([{ id: 41, attempt: 1, at: '2026-01-21T00:03:00Z' }]);
    expect(deploy?.escalatedAt).toHaveLength(1);
    expect(tests?.ledgerRuns).toHaveLength(1);
    expect(tests?.escalatedAt).toBeUndefined();
  });
});
