// Check runs.
import { shape } from '../sample.js';
import { newCheckRun } from '../state/checks.js';
import type { CheckRunState } from '../state/index.js';
import { apiRepoUrl, created, type Handler, type HandlerContext, notFound, ok, str, target, unprocessable } from './common.js';

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

function applyCheck(ctx: HandlerContext, c: Omit<CheckRunState, 'id'>): void {
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
  'checks/create': (ctx) => {
    // The request's fields are applied (and checked) before the run is stored.
    const draft = newCheckRun(String(ctx.body.name), String(ctx.body.head_sha), ctx.state.iso());
    applyCheck(ctx, draft);
    return created(renderCheckRun(ctx, ctx.state.checkRuns.add({ ...target(ctx), ...draft })));
  },
  'checks/update': (ctx) => {
    const c = ctx.repo.checkRuns.get(Number(ctx.params.check_run_id)) ?? notFound();
    applyCheck(ctx, c);
    return ok(renderCheckRun(ctx, c));
  },
};
