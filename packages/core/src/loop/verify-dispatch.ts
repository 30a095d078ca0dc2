import { verifyTriggeringRun, type TriggerDecision, type TriggerPolicy } from './verify-trigger.js';

/**
 * A manual run (`workflow_dispatch` with a run id) is verified exactly as a `workflow_run` event is, but
 * against the run as the API returns it, never against what the dispatcher typed: the id is the only
 * thing taken from the inputs, and the run must be a completed run of a listed workflow of this repository.
 */
export function verifyDispatchedRun(apiRun: Record<string, unknown> | undefined, runId: number, policy: TriggerPolicy): TriggerDecision {
  if (!apiRun) return { act: false, reason: `run ${runId} was not found in ${policy.repository}; check the run-id input.` };
  const status = typeof apiRun.status === 'string' ? apiRun.status : 'unknown';
  return verifyTriggeringRun('workflow_run', { action: status === 'completed' ? 'completed' : status, workflow_run: apiRun }, policy);
}
