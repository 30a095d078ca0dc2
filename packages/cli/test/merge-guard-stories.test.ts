import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { startFakeGitHub } from '@closed-loop/testkit';
import { replay } from '../src/replay/replay.js';

const ROOT = join(new URL('.', import.meta.url).pathname, '..', '..', '..');

// The merge-guard stories, played through the bundles against the fake GitHub.
describe('merge-guard replay stories', () => {
  it('secret-scan-merge-group and secret-bypass-stale hold with no OpenAPI violation', async () => {
    const fake = await startFakeGitHub();
    try {
      const result = await replay({ root: ROOT, fake, only: ['secret-scan-merge-group', 'secret-bypass-stale'], print: () => undefined });
      expect(result.stories.map((s) => [s.id, s.ok])).toEqual([
        ['secret-scan-merge-group', true],
        ['secret-bypass-stale', true],
      ]);
      expect(result.specViolations).toEqual([]);
    } finally {
      await fake.close();
    }
  }, 120_000);
});
