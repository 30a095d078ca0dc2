// Commit statuses and check runs.
import { shape } from '../sample.js';
import type { CheckRunState, StatusState } from '../state.js';
import { apiRepoUrl, created, notFound, ok, paginate, renderRepo, renderUser, str, unprocessable, type Handler, type HandlerContext } from './common.js';

function renderStatus(ctx: HandlerContext, s: StatusState, schema: 'status' | 'simple-commit-status'): Record<string, unknown> {
  return shape(schema, {
    id: s.id,
    node_id: `SC_${s.id}`,
    state: s.state,
    context: s.context,
    description: s.description,
    target_url: s.target_url,
    created_at: s.created_at,
    updated_at: s.created_at,
    creator: renderUser(ctx, s.creator),
    url: `${apiRepoUrl(ctx)}/statuses/${s.sha}`,
    avatar_url: null,
  });
}

function shaFor(ctx: HandlerContext, ref: string): string {
  return ctx.state.resolveRef(ctx.repo, ref)?.sha ?? notFound();
}

function renderCheckRun(ctx: HandlerContext, c: CheckRunState): Record<string, unknown> {
  return shape('check-run', {
    id: c.id,
    node_id: `CR_${c.id}`,
    name: c.name,
    head_sha: c.head_sha,
    status: c.status,
    conclusion: c.conclusion,
    started_at: c.started_at,
    completed_at: c.completed_at,
    details_url: c.details_url,
    external_id: c.external_id,
    output: {
      ...c.output,
      annotations_url: `${apiRepoUrl(ctx)}/check-runs/${c.id}/annotations`,
    },
    url: `${apiRepoUrl(ctx)}/check-runs/${c.id}`,
    html_url: `https://github.com/${ctx.repo.owner}/${ctx.repo.name}/runs/${c.id}`,
    check_suite: { id: c.id },
    app: null,
    pull_requests: [],
  });
}

function applyCheck(ctx: HandlerContext, c: CheckRunState): void {
  const b = ctx.body;
  if (typeof b.name === 'string') c.name = b.name;
  if (typeof b.status === 'string') c.status = b.status;
  if (typeof b.details_url === 'string') c.details_url = b.details_url;
  if (typeof b.external_id === 'string') c.external_id = b.external_id;
  if (typeof b.started_at === 'string') c.started_at = b.started_at;
  if (typeof b.conclusion === 'string') {
    // Supplying a conclusion completes the check, as on GitHub.
    c.conclusion = b.conclusion;
    c.status = 'completed';
    c.completed_at = str(b.completed_at) ?? ctx.state.iso();
  }
  const out = b.output as
    | {
        title?: string;
        summary?: string;
        text?: string;
        annotations?: unknown[];
      }
    | undefined;
  if (out)
    c.output = {
      title: out.title ?? null,
      summary: out.summary ?? null,
      text: out.text ?? null,
      annotations_count: c.output.annotations_count + (out.annotations?.length ?? 0),
    };
  if (c.status === 'completed' && !c.conclusion) unprocessable('Invalid request.\n\nWhen the status is completed, a conclusion is required.');
}

export const checksHandlers: Record<string, Handler> = {
  'repos/create-commit-status': (ctx) => {
    const sha = String(ctx.params.sha);
    if (!ctx.repo.commits.has(sha)) unprocessable(`No commit found for SHA: ${sha}`);
    const s: StatusState = {
      id: ctx.state.nextId(),
      sha,
      state: ctx.body.state as StatusState['state'],
      context: str(ctx.body.context) ?? 'default',
      description: str(ctx.body.description) ?? null,
      target_url: str(ctx.body.target_url) ?? null,
      creator: ctx.login,
      created_at: ctx.state.iso(),
    };
    ctx.repo.statuses.push(s);
    return created(renderStatus(ctx, s, 'status'));
  },
  'repos/list-commit-statuses-for-ref': (ctx) => {
    const sha = shaFor(ctx, String(ctx.params.ref));
    const list = ctx.repo.statuses.filter((s) => s.sha === sha).reverse();
    const { page, headers } = paginate(ctx, list);
    return ok(
      page.map((s) => renderStatus(ctx, s, 'status')),
      headers,
    );
  },
  'repos/get-combined-status-for-ref': (ctx) => {
    const sha = shaFor(ctx, String(ctx.params.ref));
    const latest = new Map<string, StatusState>();
    for (const s of ctx.repo.statuses) if (s.sha === sha) latest.set(s.context, s);
    const all = [...latest.values()];
    const state = all.some((s) => s.state === 'error' || s.state === 'failure')
      ? 'failure'
      : all.length && all.every((s) => s.state === 'success')
        ? 'success'
        : 'pending';
    const { page, headers } = paginate(ctx, all);
    return ok(
      shape('combined-commit-status', {
        state,
        sha,
        total_count: all.length,
        statuses: page.map((s) => renderStatus(ctx, s, 'simple-commit-status')),
        repository: renderRepo(ctx, 'minimal-repository', ctx.repo),
        commit_url: `${apiRepoUrl(ctx)}/commits/${sha}`,
        url: `${apiRepoUrl(ctx)}/commits/${sha}/status`,
      }),
      headers,
    );
  },
  'checks/create': (ctx) => {
    const c: CheckRunState = {
      id: ctx.state.nextId(),
      name: String(ctx.body.name),
      head_sha: String(ctx.body.head_sha),
      status: 'queued',
      conclusion: null,
      started_at: ctx.state.iso(),
      completed_at: null,
      details_url: null,
      external_id: null,
      output: { title: null, summary: null, text: null, annotations_count: 0 },
    };
    applyCheck(ctx, c);
    ctx.repo.checkRuns.set(c.id, c);
    return created(renderCheckRun(ctx, c));
  },
  'checks/update': (ctx) => {
    const c = ctx.repo.checkRuns.get(Number(ctx.params.check_run_id)) ?? notFound();
    applyCheck(ctx, c);
    return ok(renderCheckRun(ctx, c));
  },
};
