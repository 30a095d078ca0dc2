// Commit statuses and the combined status of a ref.
import { shape } from '../sample.js';
import { resolveRef, type StatusState } from '../state/index.js';
import {
  apiRepoUrl,
  created,
  type Handler,
  type HandlerContext,
  notFound,
  ok,
  paginate,
  renderRepo,
  renderUser,
  str,
  target,
  unprocessable,
} from './common.js';

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
  return resolveRef(ctx.repo, ref)?.sha ?? notFound();
}

export const statusesHandlers: Record<string, Handler> = {
  'repos/create-commit-status': (ctx) => {
    const sha = String(ctx.params.sha);
    if (!ctx.repo.commits.has(sha)) unprocessable(`No commit found for SHA: ${sha}`);
    const s = ctx.state.statuses.add({
      ...target(ctx),
      sha,
      state: ctx.body.state as StatusState['state'],
      context: str(ctx.body.context),
      description: str(ctx.body.description),
      targetUrl: str(ctx.body.target_url),
      creator: ctx.login,
    });
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
};
