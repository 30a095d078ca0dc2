// Misleading answers to bad inputs: a verdict given as a JSON array was read as a file path ("cannot
// read"), and an empty workflow_run payload was told it needs a workflow_run event.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GitHubClient, ManualClock, recordingRuntime } from '@closed-loop/core';
import { startFakeGitHub, type FakeGitHub } from '@closed-loop/testkit';
import { runFromEvent } from '../src/event.js';
import { readInputs } from '../src/inputs.js';
import { run } from '../src/run.js';

let fake: FakeGitHub;
beforeAll(async () => {
  fake = await startFakeGitHub();
});
afterAll(() => fake.close());

describe('notify answers bad inputs with what is wrong', () => {
  it('a verdict that is a JSON array is JSON of the wrong shape, not an unreadable file', async () => {
    const h = recordingRuntime({ verdict: '[{"category": "testing"}]' });
    const clock = new ManualClock(Date.UTC(2026, 0, 1));
    const client = new GitHubClient({ baseUrl: fake.url, token: 'test-token', timeScaleMs: 1, writeSpacingMs: 0 }, clock);
    const attempt = run(readInputs(h.runtime.inputs), {
      runtime: h.runtime,
      client,
      clock,
      event: { name: 'workflow_run', payload: {} },
      configText: undefined,
      readFile: () => '',
    });
    await expect(attempt).rejects.toThrow('Input verdict is not a closed-loop/verdict@1 result (not a JSON object)');
  });

  it('an empty workflow_run payload is called incomplete, not the wrong event', () => {
    expect(() => runFromEvent('workflow_run', {})).toThrow(/^the workflow_run event payload has no workflow_run object/);
    expect(() => runFromEvent('workflow_run', { workflow_run: null })).toThrow(/^the workflow_run event payload has no workflow_run object/);
    expect(() => runFromEvent('push', {})).toThrow(/needs a workflow_run event \(got "push"\)/);
  });
});

describe('notify checks its inputs before any API call', () => {
  it.each(['hooks.slack.com/services/T0/B0/x', 'http://hooks.example.test/x', 'not a url'])(
    'a webhook that is not an https URL (%s) fails, without echoing it',
    (url) => {
      const h = recordingRuntime({ 'slack-webhook-url': url });
      expect(() => readInputs(h.runtime.inputs)).toThrow(
        'Input slack-webhook-url is not an https:// URL; pass the incoming-webhook URL from a secret (the value is not shown here).',
      );
    },
  );
});
