// GitHub Actions: workflows, runs, attempts, jobs, logs and re-runs.
import { must } from '../must.js';
import { shape } from '../sample.js';
import type { AttemptState, JobState, RunState } from '../state/index.js';
import { apiRepoUrl, created, type Handler, type HandlerContext, HttpError, notFound, ok, paginate, renderRepo, renderUser } from './common.js';

export function getRun(ctx: HandlerContext): RunState {
  return ctx.repo.runs.get(Number(ctx.params.run_id)) ?? notFound();
}

function attemptOf(run: RunState, n?: number): AttemptState {
  return (n === undefined ? run.attempts[run.attempts.length - 1] : run.attempts.find((a) => a.attempt === n)) ?? notFound();
}

export function renderRun(ctx: HandlerContext, run: RunState, attemptNo?: number): Record<string, unknown> {
  const a = attemptOf(run, attemptNo);
  const base = `${apiRepoUrl(ctx)}/actions/runs/${run.id}`;
  const commit = ctx.repo.commits.get(run.head_sha);
  const pulls = ctx.query.exclude_pull_requests === true ? [] : run.pullNumbers.map((n) => ctx.repo.pulls.get(n)).filter((p) => !!p);
  return shape('workflow-run', {
    id: run.id,
    node_id: `WFR_${run.id}`,
    name: run.name,
    display_title: commit?.message.split('\n')[0] ?? run.name,
    run_number: run.run_number,
    run_attempt: a.attempt,
    event: run.event,
    status: a.status,
    conclusion: a.conclusion,
    head_sha: run.head_sha,
    head_branch: run.head_branch,
    path: run.path,
    workflow_id: run.workflowId,
    url: base,
    html_url: `https://github.com/${ctx.repo.owner}/${ctx.repo.name}/actions/runs/${run.id}`,
    jobs_url: `${base}/jobs`,
    logs_url: `${base}/logs`,
    rerun_url: `${base}/rerun`,
    cancel_url: `${base}/cancel`,
    artifacts_url: `${base}/artifacts`,
    check_suite_url: `${apiRepoUrl(ctx)}/check-suites/${run.id}`,
    workflow_url: `${apiRepoUrl(ctx)}/actions/workflows/${run.workflowId}`,
    previous_attempt_url: a.attempt > 1 ? `${base}/attempts/${a.attempt - 1}` : null,
    created_at: run.created_at,
    updated_at: a.updated_at,
    run_started_at: a.run_started_at,
    actor: renderUser(ctx, run.actor),
    triggering_actor: renderUser(ctx, a.triggeringActor),
    head_commit: commit
      ? {
          id: commit.sha,
          tree_id: commit.treeSha,
          message: commit.message,
          timestamp: commit.author.date,
          author: { name: commit.author.name, email: commit.author.email },
          committer: { name: commit.author.name, email: commit.author.email },
        }
      : null,
    head_repository: renderRepo(ctx, 'minimal-repository', ctx.repo, run.headRepoFullName),
    repository: renderRepo(ctx, 'minimal-repository', ctx.repo),
    pull_requests: pulls.map((p) => ({
      id: p.id,
      number: p.number,
      url: `${apiRepoUrl(ctx)}/pulls/${p.number}`,
      head: {
        ref: p.head.ref,
        sha: p.head.sha,
        repo: { id: ctx.repo.id, url: apiRepoUrl(ctx), name: ctx.repo.name },
      },
      base: {
        ref: p.base.ref,
        sha: p.base.sha,
        repo: { id: ctx.repo.id, url: apiRepoUrl(ctx), name: ctx.repo.name },
      },
    })),
  });
}

export function renderJob(ctx: HandlerContext, job: JobState): Record<string, unknown> {
  const run = must(ctx.repo.runs.get(job.runId), `run ${String(job.runId)}`);
  return shape('job', {
    id: job.id,
    node_id: `J_${job.id}`,
    run_id: run.id,
    run_attempt: job.attempt,
    run_url: `${apiRepoUrl(ctx)}/actions/runs/${run.id}`,
    head_sha: run.head_sha,
    head_branch: run.head_branch,
    workflow_name: run.name,
    name: job.name,
    url: `${apiRepoUrl(ctx)}/actions/jobs/${job.id}`,
    html_url: `https://github.com/${ctx.repo.owner}/${ctx.repo.name}/actions/runs/${run.id}/job/${job.id}`,
    check_run_url: `${apiRepoUrl(ctx)}/check-runs/${job.id}`,
    status: job.status,
    conclusion: job.conclusion,
    created_at: job.started_at,
    started_at: job.started_at,
    completed_at: job.completed_at,
    labels: job.labels,
    runner_id: job.status === 'queued' ? null : 1,
    runner_name: job.status === 'queued' ? null : 'GitHub Actions 1',
    runner_group_id: job.status === 'queued' ? null : 1,
    runner_group_name: job.status === 'queued' ? null : 'GitHub Actions',
    steps: job.steps.map((s) => ({
      ...s,
      started_at: job.started_at,
      completed_at: s.status === 'completed' ? (job.completed_at ?? job.started_at) : null,
    })),
  });
}

function renderWorkflow(ctx: HandlerContext, id: number): Record<string, unknown> {
  const w = must(ctx.repo.workflows.get(id), `workflow ${String(id)}`);
  return shape('workflow', {
    id: w.id,
    node_id: `W_${w.id}`,
    name: w.name,
    path: w.path,
    state: w.state,
    url: `${apiRepoUrl(ctx)}/actions/workflows/${w.id}`,
    html_url: `https://github.com/${ctx.repo.owner}/${ctx.repo.name}/blob/${ctx.repo.default_branch}/${w.path}`,
    badge_url: `https://github.com/${ctx.repo.owner}/${ctx.repo.name}/workflows/${encodeURIComponent(w.name)}/badge.svg`,
  });
}

/** GitHub's `created` filter: `>=date`, `<date`, `a..b`, or an exact day. */
function createdMatches(created: string, filter: string): boolean {
  const t = Date.parse(created);
  const range = /^(.+)\.\.(.+)$/.exec(filter);
  if (range) {
    const [, from = '', to = ''] = range;
    return (from === '*' || t >= Date.parse(from)) && (to === '*' || t <= Date.parse(to) + (to.length <= 10 ? 86399999 : 0));
  }
  const cmp = /^(>=|<=|>|<)(.+)$/.exec(filter);
  if (cmp) {
    const d = Date.parse(cmp[2] ?? '');
    return cmp[1] === '>=' ? t >= d : cmp[1] === '<=' ? t <= d : cmp[1] === '>' ? t > d : t < d;
  }
  return created.startsWith(filter);
}

const STATUSES = new Set(['queued', 'in_progress', 'completed', 'waiting', 'requested', 'pending']);

function listRuns(ctx: HandlerContext, workflowId?: number): ReturnType<Handler> {
  const q = ctx.query;
  const runs = [...ctx.repo.runs.values()]
    .filter((run) => workflowId === undefined || run.workflowId === workflowId)
    .filter((run) => {
      const a = attemptOf(run);
      if (q.branch !== undefined && run.head_branch !== q.branch) return false;
      if (q.event !== undefined && run.event !== q.event) return false;
      if (q.actor !== undefined && run.actor !== q.actor) return false;
      if (q.head_sha !== undefined && run.head_sha !== q.head_sha) return false;
      if (typeof q.status === 'string') {
        if (STATUSES.has(q.status) ? a.status !== q.status : a.conclusion !== q.status) return false;
      }
      if (typeof q.created === 'string' && !createdMatches(run.created_at, q.created)) return false;
      return true;
    })
    .sort((x, y) => y.created_at.localeCompare(x.created_at) || y.id - x.id);
  const { page, headers, total } = paginate(ctx, runs);
  return ok({ total_count: total, workflow_runs: page.map((r) => renderRun(ctx, r)) }, headers);
}

function findWorkflow(ctx: HandlerContext): number {
  const key = String(ctx.params.workflow_id);
  for (const w of ctx.repo.workflows.values()) if (String(w.id) === key || w.path === key || w.path.endsWith(`/${key}`)) return w.id;
  return notFound();
}

function jobsPage(ctx: HandlerContext, jobs: JobState[]): ReturnType<Handler> {
  const { page, headers, total } = paginate(ctx, jobs);
  return ok({ total_count: total, jobs: page.map((j) => renderJob(ctx, j)) }, headers);
}

/** Starts a new attempt. Which jobs re-run depends on the kind; the rest carry their results over. */
function rerun(ctx: HandlerContext, run: RunState, kind: 'all' | 'failed' | 'job', jobId?: number): ReturnType<Handler> {
  const prev = attemptOf(run);
  if (prev.status !== 'completed') throw new HttpError(403, `This workflow run is not completed`);
  if (kind === 'failed' && !prev.jobIds.some((id) => isFailed(must(ctx.repo.jobs.get(id), `job ${String(id)}`)))) {
    throw new HttpError(403, 'This workflow run has no failed jobs to re-run');
  }
  const now = ctx.state.iso();
  const next: AttemptState = {
    attempt: prev.attempt + 1,
    status: 'queued',
    conclusion: null,
    created_at: now,
    updated_at: now,
    run_started_at: now,
    jobIds: [],
    triggeringActor: ctx.login,
  };
  run.attempts.push(next);
  for (const id of prev.jobIds) {
    const old = must(ctx.repo.jobs.get(id), `job ${String(id)}`);
    const again = kind === 'all' || (kind === 'failed' && isFailed(old)) || (kind === 'job' && old.id === jobId);
    const job: JobState = again
      ? {
          ...old,
          id: ctx.state.nextId(),
          attempt: next.attempt,
          status: 'queued',
          conclusion: null,
          completed_at: null,
          started_at: now,
          logsExpired: false,
          steps: old.steps.map((s) => ({
            ...s,
            status: 'queued',
            conclusion: null,
          })),
        }
      : {
          ...old,
          id: ctx.state.nextId(),
          attempt: next.attempt,
          steps: old.steps.map((s) => ({ ...s })),
        };
    if (again) delete job.log;
    ctx.repo.jobs.set(job.id, job);
    next.jobIds.push(job.id);
  }
  ctx.state.reruns.add({
    owner: ctx.repo.owner,
    repo: ctx.repo.name,
    runId: run.id,
    attempt: next.attempt,
    kind,
    ...(jobId !== undefined ? { jobId } : {}),
  });
  return created({});
}

function isFailed(j: JobState): boolean {
  return j.conclusion === 'failure' || j.conclusion === 'cancelled' || j.conclusion === 'timed_out';
}

export const runsHandlers: Record<string, Handler> = {
  'actions/list-workflow-runs-for-repo': (ctx) => listRuns(ctx),
  'actions/list-workflow-runs': (ctx) => listRuns(ctx, findWorkflow(ctx)),
  'actions/get-workflow-run': (ctx) => ok(renderRun(ctx, getRun(ctx))),
  'actions/get-workflow-run-attempt': (ctx) => ok(renderRun(ctx, getRun(ctx), Number(ctx.params.attempt_number))),
  'actions/list-jobs-for-workflow-run-attempt': (ctx) => {
    const a = attemptOf(getRun(ctx), Number(ctx.params.attempt_number));
    return jobsPage(
      ctx,
      a.jobIds.map((id) => must(ctx.repo.jobs.get(id), `job ${String(id)}`)),
    );
  },
  'actions/list-jobs-for-workflow-run': (ctx) => {
    const run = getRun(ctx);
    // filter=latest (default) shows the newest attempt's jobs; all shows every attempt's.
    const attempts = ctx.query.filter === 'all' ? run.attempts : [attemptOf(run)];
    return jobsPage(
      ctx,
      attempts.flatMap((a) => a.jobIds.map((id) => must(ctx.repo.jobs.get(id), `job ${String(id)}`))),
    );
  },
  'actions/get-job-for-workflow-run': (ctx) => ok(renderJob(ctx, ctx.repo.jobs.get(Number(ctx.params.job_id)) ?? notFound())),
  'actions/download-job-logs-for-workflow-run': (ctx) => {
    const job = ctx.repo.jobs.get(Number(ctx.params.job_id)) ?? notFound();
    if (job.logsExpired) throw new HttpError(410, 'Logs have expired and are no longer available.');
    if (job.log === undefined) notFound();
    return {
      status: 302,
      headers: { location: ctx.blob(job.log, 'text/plain; charset=utf-8') },
    };
  },
  'actions/re-run-workflow': (ctx) => rerun(ctx, getRun(ctx), 'all'),
  'actions/re-run-workflow-failed-jobs': (ctx) => rerun(ctx, getRun(ctx), 'failed'),
  'actions/re-run-job-for-workflow-run': (ctx) => {
    const job = ctx.repo.jobs.get(Number(ctx.params.job_id)) ?? notFound();
    const run = must(ctx.repo.runs.get(job.runId), `run ${String(job.runId)}`);
    if (attemptOf(run).attempt !== job.attempt) throw new HttpError(403, 'Only jobs of the latest attempt can be re-run');
    return rerun(ctx, run, 'job', job.id);
  },
  'actions/list-repo-workflows': (ctx) => {
    const { page, headers, total } = paginate(ctx, [...ctx.repo.workflows.keys()]);
    return ok(
      {
        total_count: total,
        workflows: page.map((id) => renderWorkflow(ctx, id)),
      },
      headers,
    );
  },
  'actions/get-workflow': (ctx) => ok(renderWorkflow(ctx, findWorkflow(ctx))),
};
