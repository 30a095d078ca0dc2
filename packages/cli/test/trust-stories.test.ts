// The trust-boundary stories (issue 16) through the bundled dist/ actions, in one fake GitHub.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startFakeGitHub, type FakeGitHub } from '@closed-loop/testkit';
import { join } from 'node:path';
import { replay, type ReplayReport } from '../src/replay/replay.js';

const ROOT = join(new URL('.', import.meta.url).pathname, '..', '..', '..');
const IDS = [
  'fix-from-bot',
  'fix-untrusted-content',
  'fork-isolation',
  'status-per-workflow',
  'fix-from-comment',
  'fix-from-comment-moved',
  'missing-permission',
];

describe('trust stories', () => {
  let fake: FakeGitHub;
  let report: ReplayReport;
  beforeAll(async () => {
    fake = await startFakeGitHub();
    report = await replay({ root: ROOT, fake, only: IDS, print: () => undefined });
  }, 300_000);
  afterAll(() => fake.close());

  it('all hold, with 0 OpenAPI violations', () => {
    expect(report.stories.map((s) => s.id)).toEqual(IDS);
    expect(report.stories.filter((s) => !s.ok).map((s) => [s.id, s.unmet])).toEqual([]);
    expect(report.specViolations).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('missing-permission: notify ends in one error line naming the permission', () => {
    const story = report.stories.find((s) => s.id === 'missing-permission');
    const notify = story?.steps.find((s) => s.label === 'notify');
    expect(notify?.exitCode).toBe(1);
    expect(notify?.errors).toHaveLength(1);
    expect(notify?.errors?.[0]).toMatch(/issues: write/);
    expect(notify?.errors?.[0]).not.toMatch(/internal error|\n/);
  });

  it('fix-from-bot: the Dependabot branch keeps its head; a suggestion review is all that is written', () => {
    const story = report.stories.find((s) => s.id === 'fix-from-bot');
    const writes = story?.steps.flatMap((s) => s.writes) ?? [];
    expect(writes.some((w) => w.includes('/reviews'))).toBe(true);
    expect(writes.some((w) => /graphql|createCommitOnBranch/i.test(w))).toBe(false);
  });
});
