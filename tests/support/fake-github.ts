// The fake GitHub's lifecycle in a test file: started once before the file's tests, closed after them.
import { afterAll, beforeAll } from '@jest/globals';
import { startFakeGitHub, type FakeGitHub, type FakeGitHubOptions } from '@closed-loop/testkit';

/**
 * One fake GitHub for the test file, handed to `use` once started (tests keep it in a `let`); closed, and
 * `afterFile` run, after the file. `options` are startFakeGitHub's: a seed makes ids and faults repeat.
 */
export function fakeGitHubForFile(use: (fake: FakeGitHub) => void, options?: FakeGitHubOptions, afterFile?: () => void): void {
  let fake: FakeGitHub | undefined;
  beforeAll(async () => use((fake = await startFakeGitHub(options))));
  afterAll(async () => {
    await fake?.close();
    afterFile?.();
  });
}
