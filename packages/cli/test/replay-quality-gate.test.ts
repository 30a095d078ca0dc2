// The quality-gate story through dist/quality-gate against the fake GitHub: both failures in one sticky comment.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startFakeGitHub, type FakeGitHub } from '@closed-loop/testkit';
import { join } from 'node:path';
import { replay, type ReplayReport } from '../src/replay/replay.js';

const ROOT = join(new URL('.', import.meta.url).pathname, '..', '..', '..');

describe('closed-loop replay --story quality-gate', () => {
  let fake: FakeGitHub;
  let report: ReplayReport;
  let printed = '';
  beforeAll(async () => {
    fake = await startFakeGitHub();
    report = await replay({ root: ROOT, fake, only: ['quality-gate'], print: (t) => (printed += t) });
  }, 120_000);
  afterAll(() => fake.close());

  it('holds, with no OpenAPI violation', () => {
    expect(report.stories.map((s) => [s.id, s.ok, s.unmet])).toEqual([['quality-gate', true, []]]);
    expect(report.specViolations).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('found the base through the artifact API, and wrote exactly one comment', () => {
    const ops = fake.requests.map((r) => r.operationId);
    expect(ops).toEqual(expect.arrayContaining(['actions/list-workflow-runs-for-repo', 'actions/list-workflow-run-artifacts', 'actions/download-artifact']));
    expect(fake.writes.map((w) => `${w.method} ${w.operationId}`)).toEqual(['POST issues/create-comment']);
    expect(printed).toContain('quality-gate');
  });
});
