// The notify action's adapter: inputs → config → engine → outputs and summary, against the fake GitHub.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { ConfigurationError, GitHubClient, ManualClock, recordingRuntime, type RecordedRuntime } from '@closed-loop/core';
import { PLANTED_SECRET_STRINGS, plantedSecretLog, startFakeGitHub, workflowRunEvent, type FakeGitHub } from '@closed-loop/testkit';
import { makeOutcome, makeVerdict } from '../../../packages/core/test/notify/fixtures.js';
import { runFromEvent } from '../src/event.js';
import { readInputs } from '../src/inputs.js';
import { run, type RunDeps } from '../src/run.js';

let fake: FakeGitHub;
beforeAll(async () => {
  fake = await startFakeGitHub();
});
beforeEach(() => fake.reset());
afterAll(() => fake.close());

type Harness = RecordedRuntime;

function runtimeWith(values: Record<string, string>): Harness {
  return recordingRuntime(values);
}

function deps(h: Harness, event: Record<string, unknown> = {}, extra: Partial<RunDeps> = {}): RunDeps {
  const clock = new ManualClock(Date.UTC(2026, 0, 1, 12));
  const client = new GitHubClient({ baseUrl: fake.url, token: 'test-token', timeScaleMs: 1, writeSpacingMs: 0 }, clock);
  return { runtime: h.runtime, client, clock, event: { name: 'workflow_run', payload: event }, configText: undefined, readFile: () => '', ...extra };
}

/** A failed workflow_run on a commit that exists in the fake, and the verdict classify would give for it. */
function failedRun() {
  const sha = fake.state.commits.add({ branch: 'main', message: 'break' });
  const event = workflowRunEvent({ conclusion: 'failure', repository: 'acme/widgets', headSha: sha, headBranch: 'main', runId: 4242, workflowName: 'CI' });
  const verdict = makeVerdict({ run: runFromEvent('workflow_run', event), lines: ['Error: cannot reach @org/team', ...plantedSecretLog()] });
  return { sha, event, verdict };
}

describe('notify action', () => {
  it('routes a verdict given as JSON: issue, status, summary and outputs; secrets never leave', async () => {
    const { verdict, sha } = failedRun();
    const h = runtimeWith({ verdict: JSON.stringify(verdict), 'recover-outcome': JSON.stringify(makeOutcome()) });
    const report = await run(readInputs(h.runtime.inputs), deps(h));
    expect(report.change).toBe('first-failure');
    expect(h.outputs).toEqual({ channels: 'issue,status,summary,chat', 'issue-number': '1', change: 'first-failure' });
    expect(fake.state.issues.list()).toHaveLength(1);
    expect(fake.state.statuses.list()).toEqual([expect.objectContaining({ sha, state: 'failure' })]);
    expect(h.summaries).toHaveLength(1);
    expect(h.summaries[0]).toContain('### What recover did');
    for (const s of PLANTED_SECRET_STRINGS) expect(h.summaries[0]).not.toContain(s);
    expect(h.logger.openGroups).toBe(0);
    fake.assertNoViolations();
  });

  it('reads the verdict from a file, applies config and the severity override', async () => {
    const { verdict } = failedRun();
    const h = runtimeWith({ verdict: 'out/verdict.json', severity: 'low', 'status-context': 'ci/notify' });
    const files: Record<string, string> = { 'out/verdict.json': JSON.stringify(verdict) };
    await run(
      readInputs(h.runtime.inputs),
      deps(h, {}, { readFile: (p) => files[p] ?? '', configText: 'version: 1\nnotify:\n  routing:\n    low: [status]\n' }),
    );
    expect(fake.state.issues.list()).toHaveLength(0);
    expect(fake.state.statuses.list().map((s) => s.context)).toEqual(['ci/notify / CI']);
    expect(h.outputs.channels).toBe('status');
  });

  it('a fork controls its log text: ten fork runs with ten signatures open no issue and page no chat', async () => {
    const sha = fake.state.commits.add({ branch: 'main', message: 'break' });
    const webhook = 'https://hooks.slack.com/services/T000/B000/XXXXXXXX';
    const posts: string[] = [];
    for (let i = 0; i < 10; i++) {
      const event = workflowRunEvent({
        conclusion: 'failure',
        repository: 'acme/widgets',
        headSha: sha,
        headBranch: 'main',
        runId: 5000 + i,
        workflowName: 'CI',
        fork: true,
        event: 'pull_request',
      });
      const verdict = makeVerdict({ run: runFromEvent('workflow_run', event), signature: `v1:${String(i).padStart(16, '0')}` });
      expect(verdict.run.fork).toBe(true);
      const h = runtimeWith({ verdict: JSON.stringify(verdict), 'slack-webhook-url': webhook });
      await run(
        readInputs(h.runtime.inputs),
        deps(h, {}, { fetch: async (url) => (posts.push(url instanceof Request ? url.url : url.toString()), new Response('ok')) }),
      );
      expect(h.outputs.channels).not.toMatch(/issue|chat/);
    }
    expect(fake.state.issues.list()).toHaveLength(0);
    expect(posts).toEqual([]);
    expect(fake.state.statuses.list()).toHaveLength(10);
    fake.assertNoViolations();
  });

  it('closes the loop on a green workflow_run without a verdict', async () => {
    const { verdict } = failedRun();
    await run(readInputs(runtimeWith({ verdict: JSON.stringify(verdict) }).runtime.inputs), deps(runtimeWith({})));
    const sha = fake.state.commits.add({ branch: 'main', message: 'fix' });
    const green = workflowRunEvent({ conclusion: 'success', repository: 'acme/widgets', headSha: sha, headBranch: 'main', runId: 4300, workflowName: 'CI' });
    const h = runtimeWith({});
    const report = await run(readInputs(h.runtime.inputs), deps(h, green));
    expect(report.change).toBe('resolution');
    expect(fake.state.issues.list()[0]).toMatchObject({ state: 'closed', state_reason: 'completed' });
    expect(fake.state.statuses.list().filter((s) => s.sha === sha)).toEqual([expect.objectContaining({ state: 'success' })]);
    expect(h.outputs.change).toBe('resolution');
  });

  it('rejects bad input with one line naming it, before anything is written', async () => {
    const bad = async (values: Record<string, string>, event: Record<string, unknown> = {}) => {
      const h = runtimeWith(values);
      return run(readInputs(h.runtime.inputs), deps(h, event));
    };
    await expect(bad({ severity: 'urgent' })).rejects.toThrow(
      new ConfigurationError('Input severity must be one of critical, high, medium, low; got "urgent".'),
    );
    await expect(bad({ verdict: '{"schema":"other"}' })).rejects.toThrow(/Input verdict is not a closed-loop\/verdict@1 result/);
    await expect(bad({ verdict: 'missing.json' })).rejects.toThrow(/Input verdict is neither JSON nor a path/);
    await expect(bad({}, workflowRunEvent({ conclusion: 'failure' }))).rejects.toThrow(/needs the failure-classify verdict/);
    await expect(bad({}, {})).rejects.toThrow(/the workflow_run event payload has no workflow_run object/);
    expect(fake.requests).toHaveLength(0);
  });

  it('a failing chat webhook is a warning with the URL redacted, and the action still succeeds', async () => {
    const { verdict } = failedRun();
    const url = 'https://hooks.example.test/services/T000/B000/secretpart';
    const h = runtimeWith({ verdict: JSON.stringify(verdict), 'slack-webhook-url': url });
    const fetchFail = (async () => new Response('no', { status: 500 })) as typeof fetch;
    const report = await run(readInputs(h.runtime.inputs), deps(h, {}, { fetch: fetchFail }));
    expect(report.chat).toEqual({ slack: 'failed' });
    expect(h.logger.messages('warning')).toEqual([expect.stringContaining('Slack notification failed (HTTP 500)')]);
    expect(JSON.stringify(h.logger.lines)).not.toContain('secretpart');
  });
});
