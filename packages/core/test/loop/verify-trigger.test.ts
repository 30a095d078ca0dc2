import { describe, expect, it } from '@jest/globals';
import { workflowRunEvent } from '@closed-loop/testkit';
import { verifyTriggeringRun } from '../../src/loop/index.js';

const policy = { workflows: ['.github/workflows/ci.yml'], repository: 'Codertocat/Hello-World' };
type RunEvent = { workflow_run: Record<string, unknown> };
const event = (overrides: Parameters<typeof workflowRunEvent>[0] = {}) => workflowRunEvent({ conclusion: 'failure', ...overrides }) as RunEvent;
const withPath = (e: RunEvent, path: string): RunEvent => ({ ...e, workflow_run: { ...e.workflow_run, path } });

describe('verifyTriggeringRun', () => {
  it('acts on a failed run of an allowed workflow, from its head SHA', () => {
    const payload = withPath(event(), '.github/workflows/ci.yml');
    const decision = verifyTriggeringRun('workflow_run', payload, {
      ...policy,
      repository: (payload.workflow_run.repository as { full_name: string }).full_name,
    });
    expect(decision).toMatchObject({ act: true, run: { path: 'failure', fork: false, headSha: payload.workflow_run.head_sha } });
  });

  it('routes a success to the resolution path and ignores cancelled runs', () => {
    const ok = withPath(event({ conclusion: 'success' }), '.github/workflows/ci.yml');
    const repo = (ok.workflow_run.repository as { full_name: string }).full_name;
    expect(verifyTriggeringRun('workflow_run', ok, { ...policy, repository: repo })).toMatchObject({ act: true, run: { path: 'success' } });
    const cancelled = { ...ok, workflow_run: { ...ok.workflow_run, conclusion: 'cancelled' } };
    expect(verifyTriggeringRun('workflow_run', cancelled, { ...policy, repository: repo })).toMatchObject({ act: true, run: { path: 'ignore' } });
  });

  it('marks a fork head and keeps acting (recover then suggests instead of pushing)', () => {
    const payload = withPath(event({ fork: true }), '.github/workflows/ci.yml');
    const repo = (payload.workflow_run.repository as { full_name: string }).full_name;
    expect(verifyTriggeringRun('workflow_run', payload, { ...policy, repository: repo })).toMatchObject({ act: true, run: { fork: true } });
  });

  it.each([
    ['another event', 'pull_request', withPath(event(), '.github/workflows/ci.yml'), /not workflow_run/],
    ['a workflow not named by the caller', 'workflow_run', withPath(event(), '.github/workflows/deploy.yml'), /not in the workflows input/],
    ['a run still in progress', 'workflow_run', { action: 'requested', workflow_run: {} }, /only completed runs/],
  ])('refuses %s', (_label, name, payload, reason) => {
    const decision = verifyTriggeringRun(name, payload, policy);
    expect(decision.act).toBe(false);
    expect(decision.act ? '' : decision.reason).toMatch(reason);
  });

  it('refuses a run of another repository and one without a head SHA', () => {
    const payload = withPath(event(), '.github/workflows/ci.yml');
    expect(verifyTriggeringRun('workflow_run', payload, { ...policy, repository: 'someone/else' })).toMatchObject({
      act: false,
      reason: expect.stringMatching(/refusing to act/),
    });
    const repo = (payload.workflow_run.repository as { full_name: string }).full_name;
    const noSha = { ...payload, workflow_run: { ...payload.workflow_run, head_sha: 'main' } };
    expect(verifyTriggeringRun('workflow_run', noSha, { ...policy, repository: repo })).toMatchObject({
      act: false,
      reason: expect.stringMatching(/head_sha/),
    });
  });
});
