import { isFailedConclusion } from '../conclusions.js';
/**
 * Decides whether a `workflow_run` event may drive the loop. Privileged triggers run with our token,
 * so we act only on completed runs of the workflows the caller named, of this repository, and always on
 * the run's head SHA (a branch name can move, or be chosen by a fork to look like ours).
 */
export interface TriggerPolicy {
  /** Workflow files (`.github/workflows/ci.yml`) whose runs the loop acts on. */
  workflows: string[];
  /** The repository the loop runs in (`owner/name`). */
  repository: string;
}

export interface TriggeringRun {
  runId: number;
  attempt: number;
  headSha: string;
  conclusion: string | null;
  workflowPath: string;
  event: string;
  /** Head repository differs from this repository: fix by suggestion only, never push. */
  fork: boolean;
  /** The loop's path: a failure to classify and recover, or a success that resolves earlier failures. */
  path: 'failure' | 'success' | 'ignore';
}

export type TriggerDecision = { act: true; run: TriggeringRun } | { act: false; reason: string };

export function verifyTriggeringRun(eventName: string, payload: unknown, policy: TriggerPolicy): TriggerDecision {
  if (eventName !== 'workflow_run')
    return { act: false, reason: `event ${eventName} is not workflow_run; call this workflow from an "on: workflow_run" trigger.` };
  const event = payload as { action?: string; workflow_run?: Record<string, unknown> };
  const run = event.workflow_run;
  if (event.action !== 'completed' || !run)
    return { act: false, reason: `workflow_run action is "${String(event.action)}"; only completed runs are acted on.` };
  const field = (key: string) => (typeof run[key] === 'string' ? run[key] : '');
  const path = field('path').replace(/@.*$/, '');
  const allowed = policy.workflows.map((w) => w.trim().replace(/^\.\//, '')).filter(Boolean);
  if (!allowed.includes(path))
    return { act: false, reason: `run of ${path || 'an unknown workflow'} is not in the workflows input (${allowed.join(', ') || 'empty'}); nothing to do.` };
  const repo = (run.repository as { full_name?: string } | undefined)?.full_name;
  if (repo?.toLowerCase() !== policy.repository.toLowerCase())
    return { act: false, reason: `run belongs to ${String(repo)}, not ${policy.repository}; refusing to act.` };
  const headSha = field('head_sha');
  if (!/^[0-9a-f]{40}$/.test(headSha)) return { act: false, reason: 'run has no valid head_sha; refusing to act.' };
  const headRepo = (run.head_repository as { full_name?: string } | null | undefined)?.full_name;
  const conclusion = typeof run.conclusion === 'string' ? run.conclusion : null;
  return {
    act: true,
    run: {
      runId: Number(run.id),
      attempt: Number(run.run_attempt ?? 1),
      headSha,
      conclusion,
      workflowPath: path,
      event: field('event'),
      fork: !!headRepo && headRepo.toLowerCase() !== policy.repository.toLowerCase(),
      path: conclusion === 'success' ? 'success' : isFailedConclusion(conclusion) ? 'failure' : 'ignore',
    },
  };
}
