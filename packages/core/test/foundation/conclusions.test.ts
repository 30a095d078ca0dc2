import { describe, expect, it } from '@jest/globals';
import { FAILED_CONCLUSIONS, isFailedConclusion } from '../../src/conclusions.js';
import { workflowHealth, type RunSummary } from '../../src/discover/ci-health.js';
import { loopHealth } from '../../src/discover/loop-health.js';

const run = (id: number, conclusion: string): RunSummary => ({
  id,
  name: 'CI',
  path: '.github/workflows/ci.yml',
  head_sha: `sha${id}`,
  head_branch: 'main',
  status: 'completed',
  run_attempt: 1,
  conclusion,
  created_at: `2026-01-0${id}T00:00:00Z`,
  updated_at: `2026-01-0${id}T00:10:00Z`,
});

describe('FAILED_CONCLUSIONS: one list of what "failed" means', () => {
  it('is failure, timed_out and startup_failure; never cancelled, action_required or a neutral verdict', () => {
    expect([...FAILED_CONCLUSIONS].sort()).toEqual(['failure', 'startup_failure', 'timed_out']);
    for (const c of ['success', 'cancelled', 'action_required', 'neutral', 'skipped', 'stale', null, undefined]) expect(isFailedConclusion(c)).toBe(false);
  });

  it('CI and loop health count a run that failed to start as a failure (they ignored it before)', () => {
    const runs = [run(1, 'success'), run(2, 'startup_failure'), run(3, 'failure'), run(4, 'action_required')];
    expect(workflowHealth(runs)[0]).toMatchObject({ runs: 3, failures: 2 });
    // Both failures stay unrecovered: MTTR has no sample, but the auto-recovery rate counts two failed runs.
    expect(loopHealth(runs, [], [], Date.parse('2026-01-05T00:00:00Z')).kpis.auto_recovery_rate.current).toMatchObject({ n: 2 });
  });
});
