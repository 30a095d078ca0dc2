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
