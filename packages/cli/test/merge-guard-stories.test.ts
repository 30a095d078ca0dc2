import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { startFakeGitHub } from '@closed-loop/testkit';
import { replay } from '../src/replay/replay.js';

const ROOT = join(new URL('.', import.meta.url).pathname, '..', '..', '..');

// The merge-guard stories, played through the bundles against the fake GitHub.
describe('merge-guard replay stories', () => {
  it('every merge-guard story holds in one fake, with no OpenAPI violation', async () => {
    const fake = await startFakeGitHub();
    try {
      const ids = ['secret-scan-merge-group', 'secret-bypass-stale', 'merge-gate-self-stamp', 'merge-gate-rebase', 'merge-gate-late-commit'];
      const result = await replay({ root: ROOT, fake, only: ids, print: () => undefined });
      expect(result.stories.map((s) => [s.id, s.ok, s.unmet])).toEqual(ids.map((id) => [id, true, []]));
      expect(result.specViolations).toEqual([]);
      // The gate re-ran on a pull_request_review and read the reviews, whose payloads the fake validated.
      expect(fake.requests.some((r) => /\/pulls\/\d+\/reviews/.test(r.path))).toBe(true);
    } finally {
      await fake.close();
    }
  }, 300_000);
});
