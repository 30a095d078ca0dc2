import { ConfigurationError, type RunInfo } from '@closed-loop/core';

type Json = Record<string, unknown>;

/** The run a `workflow_run` event is about, in the verdict's RunInfo shape (for resolution on green runs). */
export function runFromEvent(eventName: string, payload: Json): RunInfo {
  const run = payload.workflow_run as Json | undefined;
  if (eventName === 'workflow_run' && (!run || typeof run !== 'object' || run.id === undefined || run.head_sha === undefined))
    throw new ConfigurationError(
      'the workflow_run event payload has no workflow_run object with an id and head_sha; the runner writes it, so pass a complete workflow_run webhook payload when you run notify yourself.',
    );
  if (eventName !== 'workflow_run' || !run) {
    throw new ConfigurationError(
      `notify without a verdict input needs a workflow_run event (got "${eventName || 'none'}"); pass the failure-classify result as \`verdict:\`.`,
    );
  }
  const repository = text((payload.repository as Json | undefined)?.full_name);
  const headRepo = text((run.head_repository as Json | undefined)?.full_name);
  return {
    id: Number(run.id),
    attempt: Number(run.run_attempt ?? 1),
    workflowName: text(run.name) || text((payload.workflow as Json | undefined)?.name) || text(run.path) || 'workflow',
    workflowPath: text(run.path),
    event: text(run.event),
    headSha: String(run.head_sha),
    headBranch: typeof run.head_branch === 'string' ? run.head_branch : null,
    htmlUrl: text(run.html_url),
    repository,
    conclusion: typeof run.conclusion === 'string' ? run.conclusion : null,
    pullRequests: ((run.pull_requests as Json[] | undefined) ?? []).map((p) => Number(p.number)).filter((n) => Number.isInteger(n)),
    fork: !!headRepo && !!repository && headRepo !== repository,
  };
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
