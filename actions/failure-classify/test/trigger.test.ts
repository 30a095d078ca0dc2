// The loop's entry: the triggering workflow_run is verified before anything is read or acted on.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { GitHubClient, recordingRuntime, type Verdict } from '@closed-loop/core';
import { startFakeGitHub, type FakeGitHub } from '@closed-loop/testkit';
import { readInputs } from '../src/inputs.js';
import { runLoopStep } from '../src/run.js';
import { eventFor, rawLog } from './fixture.js';

let fake: FakeGitHub;
beforeAll(async () => {
  fake = await startFakeGitHub();
});
beforeEach(() => fake.reset());
afterAll(() => fake.close());

async function step(payload: Record<string, unknown>, inputs: Record<string, string>, eventName = 'workflow_run') {
  const { runtime, outputs, logger } = recordingRuntime(inputs);
  const client = new GitHubClient({ token: 'test-token', baseUrl: fake.url, timeScaleMs: 1, writeSpacingMs: 0 });
  const before = fake.requests.length;
  const verdict: Verdict | undefined = await runLoopStep(readInputs(runtime.inputs), {
    runtime,
    client,
    clock: { now: () => Date.now(), sleep: () => Promise.resolve() },
    repo: { owner: 'acme', repo: 'widgets' },
    event: { name: eventName, payload },
    readConfig: () => Promise.resolve(undefined),
    writeResult: () => Promise.resolve(),
  });
  return { verdict, outputs, logger, requests: fake.requests.length - before };
}

function failedRun() {
  const run = fake.state.runs.add({
    workflow: 'CI',
    conclusion: 'failure',
    jobs: [
      {
        name: 'test',
        conclusion: 'failure',
        steps: [{ name: 'Run npm test', conclusion: 'failure' }],
        log: rawLog('npm test', ['npm ERR! code ECONNRESET', 'npm ERR! network aborted']),
      },
    ],
  });
  const payload = eventFor(fake, run.id);
  const workflowRun = payload.workflow_run as Record<string, unknown>;
  return { run, payload: { ...payload, workflow_run: { ...workflowRun, path: '.github/workflows/ci.yml' } } };
}

describe('failure-classify as the loop entry (workflows input)', () => {
  it('classifies a failed run of a listed workflow and says path=failure', async () => {
    const { payload } = failedRun();
    const out = await step(payload, { workflows: '.github/workflows/ci.yml' });
    expect(out.outputs.path).toBe('failure');
    expect(out.verdict?.category).toBe('infrastructure');
  });

  it('outputs the verified run id (the fix job downloads its artifact by it), and none for a run it refused', async () => {
    const { run, payload } = failedRun();
    expect((await step(payload, { workflows: '.github/workflows/ci.yml' })).outputs['run-id']).toBe(String(run.id));
    const manual = await step({}, { workflows: '.github/workflows/ci.yml', 'run-id': String(run.id) }, 'workflow_dispatch');
    expect(manual.outputs['run-id']).toBe(String(run.id));
    const refused = await step({}, { workflows: '.github/workflows/release.yml', 'run-id': String(run.id) }, 'workflow_dispatch');
    expect(refused.outputs).toMatchObject({ path: 'ignore' });
    expect(refused.outputs['run-id']).toBeUndefined();
  });

  it('does not read anything for a run of a workflow the caller did not list', async () => {
    const { payload } = failedRun();
    const out = await step(payload, { workflows: '.github/workflows/release.yml' });
    expect(out).toMatchObject({ verdict: undefined, outputs: { path: 'ignore' }, requests: 0 });
    expect(out.logger.messages('info').join('\n')).toContain('is not in the workflows input');
  });

  it('takes the resolution path for a green run without reading logs', async () => {
    const { payload } = failedRun();
    const green = { ...payload, workflow_run: { ...(payload.workflow_run as object), conclusion: 'success' } };
    const out = await step(green, { workflows: '.github/workflows/ci.yml' });
    expect(out).toMatchObject({ verdict: undefined, outputs: { path: 'success' }, requests: 0 });
  });

  it('refuses another event, and still classifies an explicit run-id without the check', async () => {
    const { run, payload } = failedRun();
    expect((await step(payload, { workflows: '.github/workflows/ci.yml' }, 'pull_request')).outputs.path).toBe('ignore');
    const manual = await step({}, { workflows: '.github/workflows/ci.yml', 'run-id': String(run.id) }, 'workflow_dispatch');
    expect(manual.outputs.path).toBe('failure');
    expect(manual.verdict?.run.id).toBe(run.id);
  });
});

describe('manual run over the recent failures of a workflow (workflow + since-hours)', () => {
  const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
  function seed() {
    const failed = (h: number, workflow = 'CI') => fake.state.runs.add({ workflow, conclusion: 'failure', created_at: hoursAgo(h) }).id;
    const ids = [failed(1), failed(2), failed(3)];
    fake.state.runs.add({ workflow: 'CI', conclusion: 'success', created_at: hoursAgo(1.5) });
    fake.state.runs.add({ workflow: 'CI', status: 'in_progress', created_at: hoursAgo(0.5) });
    failed(10); // outside a 6 h window
    failed(1, 'Release'); // another workflow
    return ids;
  }
  const dispatch = (inputs: Record<string, string>) => step({}, { workflows: '.github/workflows/ci.yml', ...inputs }, 'workflow_dispatch');

  it("lists the workflow's failed runs in the window, newest first, capped at max-runs, and classifies none", async () => {
    const ids = seed();
    const out = await dispatch({ workflow: 'ci.yml', 'since-hours': '6' });
    expect(out.outputs).toMatchObject({ path: 'list', runs: JSON.stringify(ids) });
    expect(out.verdict).toBeUndefined();
    expect(fake.requests.filter((r) => r.path.includes('/logs'))).toEqual([]);
    const capped = await dispatch({ workflow: '.github/workflows/ci.yml', 'since-hours': '6', 'max-runs': '2' });
    expect(capped.outputs.runs).toBe(JSON.stringify(ids.slice(0, 2)));
    fake.assertNoViolations();
  });

  it('refuses a workflow not in workflows, a workflow_run event, run-id with it, and a missing half', async () => {
    seed();
    await expect(dispatch({ workflow: 'release.yml', 'since-hours': '6' })).rejects.toThrow('Input workflow: "release.yml" is not one of the workflows input');
    await expect(step({}, { workflows: '.github/workflows/ci.yml', workflow: 'ci.yml', 'since-hours': '6' })).rejects.toThrow(
      'are for a manual run (workflow_dispatch)',
    );
    await expect(dispatch({ workflow: 'ci.yml', 'since-hours': '6', 'run-id': '5' })).rejects.toThrow('either run-id or workflow');
    await expect(dispatch({ workflow: 'ci.yml' })).rejects.toThrow('go together');
    await expect(dispatch({ workflow: 'ci.yml', 'since-hours': '500' })).rejects.toThrow('since-hours');
  });
});
