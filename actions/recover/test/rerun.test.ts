import { beforeEach, describe, expect, it } from '@jest/globals';
import { ManualClock } from '@closed-loop/core';
import { type FakeGitHub } from '@closed-loop/testkit';
import { failAgain, failedRun, fakeGitHubPerTest, minutesBefore, NOW, recover, verdictFor, writesOf } from './harness.js';

let fake: FakeGitHub;
fakeGitHubPerTest(7, (started) => (fake = started));
beforeEach(() => {
  fake.state.branches.set({ branch: 'feature' });
});

const rerunInputs = (v: object, extra: Record<string, string> = {}) => ({ phase: 'rerun', verdict: JSON.stringify(v), ...extra });

describe('recover rerun against the fake GitHub', () => {
  it('re-runs a transient network failure after the computed delay', async () => {
    const run = failedRun(fake, 'feature');
    const r = await recover(fake, { inputs: rerunInputs(verdictFor(run)) });
    expect(r.outcome).toMatchObject({ action: 'rerun', executed: true, delaySeconds: 30, attempt: 1, maxAttempts: 3, breaker: { state: 'closed' } });
    expect(r.clock.now() - NOW).toBe(30_000);
    expect(fake.state.reruns.list()).toEqual([expect.objectContaining({ runId: run.id, attempt: 2, kind: 'failed' })]);
    expect(writesOf(fake)).toEqual(['POST actions/re-run-workflow-failed-jobs']);
    // run, branch head, history, run again right before the POST, the POST
    expect(fake.countRequests()).toBe(5);
    expect(r.outputs).toMatchObject({ action: 'rerun', 'breaker-state': 'closed', executed: true });
    expect(JSON.parse(r.files.get('closed-loop-recover-audit.json')!)).toMatchObject({
      schema: 'closed-loop/recover-audit@1',
      phase: 'rerun',
      outcome: { action: 'rerun' },
    });
    expect(r.summary).toMatch(/### closed-loop recover \(rerun\): rerun/);
    fake.assertNoViolations();
  });

  it('defers a backoff longer than max-wait to a later check, waiting nothing', async () => {
    const run = failedRun(fake, 'feature');
    failAgain(fake, run);
    failAgain(fake, run);
    const r = await recover(fake, { inputs: rerunInputs(verdictFor(run), { 'max-wait': '60' }) });
    expect(r.outcome).toMatchObject({ action: 'defer', executed: false, delaySeconds: 120, notBefore: new Date(NOW + 120_000).toISOString() });
    expect(r.outputs['retry-at']).toBe(new Date(NOW + 120_000).toISOString());
    expect(r.clock.now()).toBe(NOW);
    expect(fake.writes).toHaveLength(0);
  });

  it('does not re-run the 4th failure: breaker open, escalation', async () => {
    failedRun(fake, 'feature', { created_at: minutesBefore(50) });
    const run = failedRun(fake, 'feature', { created_at: minutesBefore(40) });
    failAgain(fake, run);
    failAgain(fake, run);
    failAgain(fake, run);
    const r = await recover(fake, { inputs: rerunInputs(verdictFor(run)) });
    expect(r.outcome).toMatchObject({ action: 'escalate', executed: false, attempt: 4, breaker: { state: 'open', consecutiveFailures: 5 } });
    expect(r.outcome.reason).toMatch(/after 3 re-runs \(limit 3\)/);
    expect(fake.state.reruns.list()).toHaveLength(0);
    expect(fake.writes).toHaveLength(0);
    // run, head, history, and the failure issues (a maintainer may have reset the open breaker)
    expect(fake.countRequests()).toBe(4);
  });

  it("counts only the run's own repository toward the breaker: a fork's failing `feature` runs do not open ours", async () => {
    // Four failed runs of a fork's branch named `feature` (same workflow, same branch name) in the window.
    for (const m of [50, 45, 40, 35])
      failedRun(fake, 'feature', { created_at: minutesBefore(m), fork: true, event: 'pull_request', head_sha: `f0${m}`.padEnd(40, 'f') });
    const run = failedRun(fake, 'feature');
    const r = await recover(fake, { inputs: rerunInputs(verdictFor(run)) });
    expect(r.outcome).toMatchObject({ action: 'rerun', executed: true, breaker: { state: 'closed', consecutiveFailures: 1 } });
    expect(fake.state.reruns.list().map((x) => x.runId)).toEqual([run.id]);
    fake.assertNoViolations();
  });

  it('allows exactly one trial re-run while the breaker is half-open', async () => {
    const runs = [60, 50, 40, 30, 20].map((m) => failedRun(fake, 'feature', { created_at: minutesBefore(m) }));
    const first = await recover(fake, { inputs: rerunInputs(verdictFor(runs[4]!)) });
    expect(first.outcome).toMatchObject({ action: 'rerun', executed: true, breaker: { state: 'half-open' } });
    expect(first.outcome.reason).toMatch(/this is the one trial/);
    const second = await recover(fake, { inputs: rerunInputs(verdictFor(runs[3]!)) });
    expect(second.outcome).toMatchObject({ action: 'none', executed: false, breaker: { state: 'half-open' } });
    expect(second.outcome.reason).toMatch(/trial re-run of run \d+ is still going/);
    expect(fake.state.reruns.list().map((x) => x.runId)).toEqual([runs[4]!.id]);
    expect(fake.countRequests()).toBe(6 + 4); // each half-open pass also looks for a breaker reset
  });

  it('does nothing when the head moved since the failure', async () => {
    const run = failedRun(fake, 'feature');
    fake.state.commits.add({ branch: 'feature', message: 'newer work', files: { 'a.txt': 'a\n' } });
    const r = await recover(fake, { inputs: rerunInputs(verdictFor(run)) });
    expect(r.outcome).toMatchObject({ action: 'none', executed: false });
    expect(r.outcome.reason).toMatch(/head moved/);
    expect(fake.writes).toHaveLength(0);
    expect(fake.countRequests()).toBe(2);
  });

  it('re-runs once when two recover runs race for the same failure', async () => {
    const run = failedRun(fake, 'feature');
    const v = verdictFor(run);
    const [a, b] = await Promise.all([
      recover(fake, { inputs: rerunInputs(v), clock: new ManualClock(NOW) }),
      recover(fake, { inputs: rerunInputs(v), clock: new ManualClock(NOW) }),
    ]);
    expect(fake.state.reruns.list()).toHaveLength(1);
    expect([a.outcome.executed, b.outcome.executed].sort()).toEqual([false, true]);
    const loser = a.outcome.executed ? b : a;
    expect(loser.outcome).toMatchObject({ action: 'none' });
    expect(loser.outcome.reason).toMatch(/attempt 2/);
    expect(fake.state.runs.get(run.id)!.attempts).toHaveLength(2);
    expect(fake.countRequests()).toBeLessThanOrEqual(12);
  });

  it('records what supervised and analysis_only would do without doing it', async () => {
    const run = failedRun(fake, 'feature');
    const s = await recover(fake, { inputs: rerunInputs(verdictFor(run), { mode: 'supervised' }) });
    expect(s.outcome).toMatchObject({ action: 'report', executed: false });
    const a = await recover(fake, { inputs: rerunInputs(verdictFor(run), { mode: 'analysis_only' }) });
    expect(a.outcome).toMatchObject({ action: 'rerun', executed: false });
    expect(fake.writes).toHaveLength(0);
  });

  it('lets environments.production force supervised', async () => {
    const run = failedRun(fake, 'feature');
    const config = 'version: 1\nenvironments:\n  production:\n    recover:\n      force_supervised: true\n';
    const r = await recover(fake, {
      inputs: rerunInputs(verdictFor(run), { environment: 'production', mode: 'automatic' }),
      files: { '.github/closed-loop.yml': config },
    });
    expect(r.outcome).toMatchObject({ mode: 'supervised', action: 'report', executed: false });
    expect(fake.writes).toHaveLength(0);
  });
});
