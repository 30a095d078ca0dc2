import { describe, expect, it } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { replay } from '../src/replay/replay.js';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..');

describe('operations stories (through the bundles in dist/)', () => {
  const ids = ['breaker-reset', 'breaker-reset-label', 'digest', 'escalation', 'failure-rate-tiers', 'manual-dispatch', 'manual-dispatch-recent'];
  it(`${ids.join(', ')} hold with 0 OpenAPI violations`, async () => {
    const report = await replay({ root, only: ids, print: () => undefined });
    expect(report.stories.filter((s) => !s.ok).map((s) => `${s.id}: ${s.unmet.join('; ')}`)).toEqual([]);
    expect(report.stories.map((s) => s.id).sort()).toEqual(ids);
    expect(report.specViolations).toEqual([]);
    expect(report.ok).toBe(true);
  }, 300_000);
});
