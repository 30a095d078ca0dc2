/**
 * The conclusions of a completed workflow run, job, step or check run that mean "it failed": the one list
 * every part of closed-loop counts failures with (classify, recover's breaker, the loop's trigger check,
 * CI and loop health).
 *
 * From GitHub's REST docs (workflow runs, jobs and check runs): `success`, `failure`, `neutral`,
 * `cancelled`, `skipped`, `timed_out`, `action_required`, `stale`, and for workflow runs `startup_failure`.
 * - `failure`, `timed_out`: the code or the runner failed.
 * - `startup_failure`: the run failed before any job started (invalid workflow file, a required
 *   workflow or reusable workflow that cannot be read): a failure the author must fix.
 * - not `cancelled`: a person or a concurrency group stopped it; it says nothing about the code.
 * - not `action_required`: the run waits for a maintainer's approval (a first-time contributor's fork),
 *   no job ran and there is nothing to classify, re-run or fix.
 * - not `neutral`, `skipped`, `stale`: no verdict on the code.
 */
export const FAILED_CONCLUSIONS: ReadonlySet<string> = new Set(['failure', 'timed_out', 'startup_failure']);

/** True for a conclusion in {@link FAILED_CONCLUSIONS}. */
export function isFailedConclusion(conclusion: string | null | undefined): boolean {
  return FAILED_CONCLUSIONS.has(conclusion ?? '');
}
