import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ManualClock } from '@closed-loop/core';
import { issueCommentEvent, startFakeGitHub, type FakeGitHub } from '@closed-loop/testkit';
import { APP_INPUTS, failedRun, recover, verdictFor } from './harness.js';

/** The evidence of a formatter that named `path` (a fix may only touch the files the tool reported). */
const reported = (path: string) => ({ startLine: 1, endLine: 1, lines: [`[warn] ${path}`] });

const T = Date.UTC(2026, 0, 5, 12, 0, 0);
const SEEDS = [1, 2, 3, 4, 5];
const injected = { drops: 0, limits: 0, errors: 0 };
const fakes = new Map<number, FakeGitHub>();
let fake: FakeGitHub;

beforeAll(async () => {
  for (const seed of SEEDS) fakes.set(seed, await startFakeGitHub({ seed }));
});
afterAll(async () => {
  for (const f of fakes.values()) await f.close();
});

/** 20 % of requests fail with a 5xx (some after the write happened), and some hit the secondary rate limit. */
function unreliable(): void {
  fake.addFault({ status: 502, probability: 0.1, dropAfterWrite: true });
  fake.addFault({ status: 500, probability: 0.2 });
  fake.addFault({ status: 403, secondaryRateLimit: true, retryAfterSeconds: 1, probability: 0.1 });
}

/** Runs a scenario on a clean fake and on an unreliable one; the final states must match. */
async function twice<T>(seed: number, scenario: () => Promise<T>): Promise<{ clean: T; faulty: T; cleanRequests: number; faultyRequests: number }> {
  fake = fakes.get(seed)!;
  fake.reset();
  fake.state.now = () => new Date(T);
  const clean = await scenario();
  const cleanRequests = fake.countRequests();
  fake.reset();
  fake.state.now = () => new Date(T);
  unreliable();
  const faulty = await scenario();
  injected.drops += fake.requests.filter((q) => q.method !== 'GET' && q.status === 502).length;
  injected.limits += fake.requests.filter((q) => q.status === 403).length;
  injected.errors += fake.requests.filter((q) => q.status === 500).length;
  return { clean, faulty, cleanRequests, faultyRequests: fake.countRequests() };
}

describe('recover under 20 % 5xx and secondary rate limits (seeded)', () => {
  it.each(SEEDS)('re-runs exactly once (seed %i)', async (seed) => {
    const r = await twice(seed, async () => {
      fake.state.branches.set({ branch: 'feature' });
      const run = failedRun(fake, 'feature');
      const { outcome } = await recover(fake, { inputs: { phase: 'rerun', verdict: JSON.stringify(verdictFor(run)) } });
      return {
        action: outcome.action,
        executed: outcome.executed,
        reruns: fake.state.reruns.list().length,
        attempts: fake.state.runs.get(run.id)!.attempts.length,
      };
    });
    expect(r.faulty).toEqual(r.clean);
    expect(r.clean).toEqual({ action: 'rerun', executed: true, reruns: 1, attempts: 2 });
    expect(r.faultyRequests).toBeGreaterThan(r.cleanRequests);
  });

  it.each(SEEDS)('commits a fix exactly once and reverts it exactly once (seed %i)', async (seed) => {
    const r = await twice(seed, async () => {
      const s = fake.state;
      s.branches.set({ branch: 'feature' });
      const green = s.commits.add({ branch: 'feature', message: 'work', files: { 'src/app.ts': 'const a=1\n' } });
      s.runs.add({ workflow: 'CI', head_branch: 'feature', head_sha: green, conclusion: 'success', created_at: '2026-01-05T11:00:00Z' });
      const failed = s.runs.add({ workflow: 'CI', head_branch: 'feature', head_sha: green, conclusion: 'failure', created_at: '2026-01-05T11:30:00Z' });
      const patch = 'diff --git a/src/app.ts b/src/app.ts\n--- a/src/app.ts\n+++ b/src/app.ts\n@@ -1 +1 @@\n-const a=1\n+const a = 1\n';
      const fixed = await recover(fake, {
        inputs: {
          phase: 'apply-fix',
          verdict: JSON.stringify(verdictFor(failed, { category: 'quality', subcategory: 'lint', transient: false, evidence: reported('src/app.ts') })),
          ...APP_INPUTS,
        },
        files: { '.github/closed-loop.yml': 'recover:\n  fixers:\n    lint: ["npx eslint --fix ."]\n', 'closed-loop-fix.patch': patch },
      });
      const fixSha = s.branches.get('feature')!.sha;
      const after = s.runs.add({ workflow: 'CI', head_branch: 'feature', head_sha: fixSha, conclusion: 'failure', created_at: '2026-01-05T11:50:00Z' });
      const rolled = await recover(fake, {
        inputs: { phase: 'rollback', verdict: JSON.stringify(verdictFor(after)), ...APP_INPUTS },
        clock: new ManualClock(T),
      });
      const head = s.commits.get(s.branches.get('feature')!.sha)!;
      const chain = [head, s.commits.get(head.parents[0]!)!].map((c) => c.message.split('\n')[0]);
      return { fix: fixed.outcome.action, rollback: rolled.outcome.action, commits: s.runs.list().length, chain, file: head.files.get('src/app.ts') };
    });
    expect(r.faulty).toEqual(r.clean);
    expect(r.clean).toMatchObject({ fix: 'fix', rollback: 'rollback', file: 'const a=1\n' });
    expect(r.clean.chain).toEqual(['Revert "style: apply closed-loop fixers (lint)"', 'style: apply closed-loop fixers (lint)']);
    expect(r.faultyRequests).toBeGreaterThan(r.cleanRequests);
  });

  it.each(SEEDS)('answers a read-only commenter once and posts fork suggestions once (seed %i)', async (seed) => {
    const r = await twice(seed, async () => {
      const s = fake.state;
      const { pull } = s.pulls.add({
        head: 'feature',
        fork: true,
        files: [{ filename: 'src/feature.txt', status: 'added', additions: 1, deletions: 0, patch: '@@ -0,0 +1 @@\n+feature' }],
      });
      s.collaborators.set({ username: 'reader', role: 'read' });
      const event = {
        name: 'issue_comment',
        payload: issueCommentEvent({ body: '/closed-loop fix', login: 'reader', issueNumber: pull.number, repository: 'acme/widgets' }),
      };
      const gate = await recover(fake, { inputs: { phase: 'comment' }, event });
      const run = s.runs.add({
        workflow: 'CI',
        head_branch: 'feature',
        head_sha: pull.head.sha,
        event: 'pull_request',
        conclusion: 'failure',
        pullNumbers: [pull.number],
        fork: true,
      });
      const patch = 'diff --git a/src/feature.txt b/src/feature.txt\n--- a/src/feature.txt\n+++ b/src/feature.txt\n@@ -1 +1 @@\n-feature\n+Feature\n';
      const fix = await recover(fake, {
        inputs: {
          phase: 'apply-fix',
          verdict: JSON.stringify(verdictFor(run, { category: 'quality', subcategory: 'format', transient: false, evidence: reported('src/feature.txt') })),
        },
        files: { '.github/closed-loop.yml': 'recover:\n  fixers:\n    format: ["npx prettier --write ."]\n', 'closed-loop-fix.patch': patch },
      });
      return {
        gate: gate.outputs.proceed,
        fix: fix.outcome.action,
        replies: s.comments.list({ issueNumber: pull.number }).map((c) => c.body.split('\n')[0]),
        reviews: s.reviews.list({ pullNumber: pull.number }).length,
        suggestions: s.reviewComments.list({ pullNumber: pull.number }).map((c) => c.body),
        head: s.branches.get('feature')!.sha === pull.head.sha,
      };
    });
    expect(r.faulty).toEqual(r.clean);
    expect(r.clean).toMatchObject({ gate: false, fix: 'suggest', reviews: 1, suggestions: ['```suggestion\nFeature\n```'], head: true });
    expect(r.clean.replies).toHaveLength(1);
  });

  it('actually hit writes after they happened, rate limits and plain 5xx across the seeds', () => {
    expect(injected.drops).toBeGreaterThan(0);
    expect(injected.limits).toBeGreaterThan(0);
    expect(injected.errors).toBeGreaterThan(0);
  });
});
