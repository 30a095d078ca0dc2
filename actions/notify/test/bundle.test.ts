// The committed bundle as a runner starts it: INPUT_* variables, event file, GITHUB_OUTPUT and step summary.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { PLANTED_SECRET_STRINGS, plantedSecretLog, startFakeGitHub, workflowRunEvent, type FakeGitHub } from '@closed-loop/testkit';
import { makeVerdict } from '../../../packages/core/test/notify/fixtures.js';
import { runFromEvent } from '../src/event.js';

const BUNDLE = fileURLToPath(new URL('../../../dist/notify/index.js', import.meta.url));
let fake: FakeGitHub;
beforeAll(async () => {
  fake = await startFakeGitHub();
});
afterAll(() => fake.close());

async function runBundle(inputs: Record<string, string>, event: Record<string, unknown>) {
  const dir = mkdtempSync(join(tmpdir(), 'cl-notify-bundle-'));
  const files = { event: join(dir, 'event.json'), output: join(dir, 'output'), summary: join(dir, 'summary.md') };
  writeFileSync(files.event, JSON.stringify(event));
  writeFileSync(files.output, '');
  writeFileSync(files.summary, '');
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('INPUT_') && !k.startsWith('GITHUB_')));
  const env = {
    ...base,
    ...Object.fromEntries(Object.entries({ 'github-token': 'test-token', ...inputs }).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
    GITHUB_API_URL: fake.url,
    GITHUB_WORKSPACE: dir,
    GITHUB_EVENT_NAME: 'workflow_run',
    GITHUB_EVENT_PATH: files.event,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
  };
  const { stdout } = await promisify(execFile)(process.execPath, [BUNDLE], { env, encoding: 'utf8', timeout: 60_000 });
  return { stdout, output: readFileSync(files.output, 'utf8'), summary: readFileSync(files.summary, 'utf8') };
}

describe('dist/notify/index.js', () => {
  it('notifies a failure, then closes the loop on the green run', async () => {
    const sha = fake.state.commits.add({ branch: 'main', message: 'break' });
    const failed = workflowRunEvent({ conclusion: 'failure', repository: 'acme/widgets', headSha: sha, headBranch: 'main', runId: 5151, workflowName: 'CI' });
    const verdict = makeVerdict({ run: runFromEvent('workflow_run', failed), lines: ['Error: deploy failed', ...plantedSecretLog()] });
    const first = await runBundle({ verdict: JSON.stringify(verdict) }, failed);
    expect(first.output).toMatch(/change<<.*\nfirst-failure\n/);
    expect(first.summary).toContain('closed-loop notify');
    for (const s of PLANTED_SECRET_STRINGS) expect(first.summary + first.stdout).not.toContain(s);
    expect(fake.state.issues.list()).toEqual([expect.objectContaining({ state: 'open', labels: expect.arrayContaining(['closed-loop']) })]);

    const fixed = fake.state.commits.add({ branch: 'main', message: 'fix' });
    const green = workflowRunEvent({ conclusion: 'success', repository: 'acme/widgets', headSha: fixed, headBranch: 'main', runId: 5152, workflowName: 'CI' });
    const second = await runBundle({}, green);
    expect(second.output).toMatch(/change<<.*\nresolution\n/);
    expect(fake.state.issues.list()[0]).toMatchObject({ state: 'closed', state_reason: 'completed' });
    expect(fake.state.statuses.list().map((s) => s.state)).toEqual(['failure', 'success']);
    fake.assertNoViolations();
  });
});
