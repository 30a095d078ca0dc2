// Paths the workflow gives are taken as given: an absolute sarif-file was silently moved under the
// workspace (creating folders in the checkout), and a named baseline that is missing was read as empty.
import { describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Git, GitHubClient, recordingRuntime } from '@closed-loop/core';
import type { FakeGitHub } from '@closed-loop/testkit';
import { fakeGitHubForFile } from '../../../tests/support/fake-github.js';
import { openPullRequest, removeCheckouts } from '../../../tests/support/pull-request-checkout.js';
import { readInputs } from '../src/inputs.js';
import { run } from '../src/run.js';

let fake: FakeGitHub;
fakeGitHubForFile((started) => (fake = started), undefined, removeCheckouts);

async function scanPull(inputs: Record<string, string>) {
  const { repo, payload } = openPullRequest(fake, { head: { 'src/app.ts': 'export const answer = 42;\n' }, user: 'contributor' });
  const { runtime, outputs } = recordingRuntime(inputs);
  const client = new GitHubClient({ token: 'test-token', baseUrl: fake.url, timeScaleMs: 1, writeSpacingMs: 0 });
  const deps = { runtime, client, git: new Git(repo.dir), event: { name: 'pull_request', payload }, repository: `${fake.owner}/${fake.repo}` };
  return { repo, outputs, result: run(readInputs(runtime.inputs), { ...deps, clock: { now: () => Date.UTC(2026, 2, 4), sleep: async () => undefined } }) };
}

describe('secret-scan paths', () => {
  it('writes an absolute sarif-file where it says, not under the workspace', async () => {
    const target = join(mkdtempSync(join(tmpdir(), 'cl-sarif-')), 'scan.sarif');
    const { repo, outputs, result } = await scanPull({ 'sarif-file': target });
    await result;
    expect(outputs['sarif-path']).toBe(target);
    expect(existsSync(target)).toBe(true);
    expect(existsSync(join(repo.dir, target))).toBe(false);
  });

  it('refuses a baseline the workflow names that does not exist', async () => {
    const { result } = await scanPull({ baseline: 'ci/secrets-baseline.json' });
    await expect(result).rejects.toThrow(/^Input baseline: no file ci\/secrets-baseline\.json at [0-9a-f]{12}; commit it/);
  });
});
