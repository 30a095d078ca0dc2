// `npm run demo` end to end: the bundled dist/ actions against the fake GitHub, final state asserted.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startFakeGitHub, workflowRunEvent, type FakeGitHub } from '@closed-loop/testkit';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { replay, type ReplayReport } from '../src/replay/replay.js';
import { cli } from './io.js';

const ROOT = join(new URL('.', import.meta.url).pathname, '..', '..', '..');

describe('closed-loop replay (the demo)', () => {
  let fake: FakeGitHub;
  let report: ReplayReport;
  let printed = '';
  beforeAll(async () => {
    fake = await startFakeGitHub();
    report = await replay({ root: ROOT, fake, print: (t) => (printed += t) });
    // Every area's stories play here, each step a bundled action in its own process.
  }, 600_000);
  afterAll(() => fake.close());

  it('plays every story, the loop stories first, each holding, with no OpenAPI violation', () => {
    expect(report.stories.slice(0, 4).map((s) => s.id)).toEqual(['transient', 'lint-fix', 'test-failure', 'recovery']);
    expect(report.stories.filter((s) => !s.ok).map((s) => [s.id, s.unmet])).toEqual([]);
    expect(report.specViolations).toEqual([]);
    expect(report.ok).toBe(true);
    console.log(`demo: ${report.requests} requests, ${report.writes} writes, ${report.durationMs} ms`);
  });

  it('transient network failure: classified as such and re-run once', () => {
    const [story] = report.stories;
    expect(story?.steps[0]?.outputs?.path).toBe('failure');
    expect(JSON.parse(story?.steps[0]?.outputs?.result ?? '{}')).toMatchObject({ category: 'infrastructure', transient: true });
    expect(story?.steps[1]?.outputs?.action).toBe('rerun');
    // Other areas' stories re-run their own workflows' runs; this one is about CI's.
    expect(fake.state.reruns.list().filter((x) => fake.state.runs.get(x.runId)?.name === 'CI')).toHaveLength(1);
  });

  it('lint failure: the fixer patch is committed on the PR branch with expectedHeadOid', () => {
    const commit = fake.writes.find((w) => w.path === '/graphql');
    expect(commit?.status).toBe(200);
    const head = fake.state.branches.get('format-cart');
    const expected = (commit?.body as { variables: { input: { expectedHeadOid: string } } }).variables.input.expectedHeadOid;
    expect(fake.state.commits.get(head!.sha)?.parents).toEqual([expected]);
    const formatted = fake.state.contents.get('src/cart.ts', { ref: head?.sha });
    expect(formatted).toContain('items.reduce((sum, i) => sum + i.price, 0);');
  });

  it('test failure on main: one issue, escalated; recovery closes it and turns the status green', () => {
    // Later stories (other areas') fail and recover main again in the same fake, so this story's outcome
    // is read from what its own steps wrote, and the issue by its number.
    const failure = report.stories.find((s) => s.id === 'test-failure');
    const recovery = report.stories.find((s) => s.id === 'recovery');
    const number = Number(failure?.steps.at(-1)?.outputs?.['issue-number']);
    expect(failure?.steps.at(-1)?.writes).toEqual([
      expect.stringMatching(/^POST {3}\/issues → 201 {2}issue "testing\/test-failure .*\[closed-loop, category:testing, severity:critical\]/),
      expect.stringContaining('closed-loop / CI: failure'),
    ]);
    expect(recovery?.steps.at(-1)?.writes).toEqual([
      `PATCH  /issues/${number} → 200  state=closed (completed)`,
      expect.stringMatching(/^POST {3}\/statuses\/[0-9a-f]{40} → 201 {2}closed-loop \/ CI: success — CI recovered after /),
    ]);
    expect(fake.state.issues.list().find((i) => i.number === number)?.labels).toEqual(expect.arrayContaining(['closed-loop', 'category:testing']));
  });

  it('prints a readable account with every write', () => {
    expect(printed).toMatch(/━━ 1\/\d+ Transient network failure/);
    expect(printed).toContain('✎ POST   /actions/runs/');
    expect(printed).toContain('createCommitOnBranch');
    expect(printed).toMatch(/Done: \d+ stories, \d+ API requests \(\d+ writes\), 0 OpenAPI violations/);
  });
});

describe('closed-loop replay options', () => {
  it('replays your own workflow_run event with your own log as one story', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-replay-'));
    writeFileSync(join(dir, 'event.json'), JSON.stringify(workflowRunEvent({ conclusion: 'failure', runId: 4242 })));
    writeFileSync(join(dir, 'job.log'), 'Run npm test\nnpm ERR! code ECONNRESET\nnpm ERR! network aborted\n');
    const { code, stdout } = await cli(['replay', '--event', 'event.json', '--log', 'job.log'], { cwd: dir });
    expect({ code, stdout }).toMatchObject({ code: 0 });
    expect(stdout).toContain('━━ 1/1 Your event: workflow_run 4242 (failure)');
    expect(stdout).toContain('log job.log');
    expect(stdout).toMatch(/classify .*infrastructure\/network/);
  }, 60_000);

  it('rejects an unknown story and an unreadable event with exit 2', async () => {
    expect(await cli(['replay', '--story', 'nope'])).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown story') });
    expect(await cli(['replay', '--event', 'missing.json'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--event missing.json: no such file or directory'),
    });
  });
});

describe('the bundled CLI outside a clone of this repository', () => {
  it('runs every other command; replay alone says in one line that it needs the clone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-cli-copy-'));
    cpSync(join(ROOT, 'dist', 'cli'), dir, { recursive: true });
    const run = (...args: string[]) => spawnSync(process.execPath, [join(dir, 'index.js'), ...args], { cwd: dir, encoding: 'utf8' });
    expect(run('--version')).toMatchObject({ status: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+\n$/) });
    const replayed = run('replay');
    expect(replayed.status).toBe(2);
    expect(replayed.stderr.trim().split('\n')).toEqual([expect.stringContaining('replay runs from a clone of the closed-loop repository')]);
  });
});
