// Issue and pull request comments, and their reactions.
import { shape } from '../sample.js';
import type { CommentState } from '../state/index.js';
import { apiRepoUrl, created, type Handler, type HandlerContext, HttpError, notFound, ok, paginate, react, renderUser, rollup, target } from './common.js';
import { getIssue } from './issues.js';

export function renderComment(ctx: HandlerContext, c: CommentState): Record<string, unknown> {
  const url = `${apiRepoUrl(ctx)}/issues/comments/${c.id}`;
  return shape('issue-comment', {
    id: c.id,
    node_id: `IC_${c.id}`,
    body: c.body,
    user: renderUser(ctx, c.user),
    created_at: c.created_at,
    updated_at: c.updated_at,
    url,
    html_url: `https://github.com/${ctx.repo.owner}/${ctx.repo.name}/issues/${c.issueNumber}#issuecomment-${c.id}`,
    issue_url: `${apiRepoUrl(ctx)}/issues/${c.issueNumber}`,
    author_association: c.user === ctx.repo.owner ? 'OWNER' : 'NONE',
    reactions: rollup(ctx, `${url}/reactions`, c.reactions),
  });
}

function getComment(ctx: HandlerContext): CommentState {
  return ctx.repo.comments.get(Number(ctx.params.comment_id)) ?? notFound();
}

export const commentsHandlers: Record<string, Handler> = {
  'issues/list-comments': (ctx) => {
    const i = getIssue(ctx);
    const since = typeof ctx.query.since === 'string' ? Date.parse(ctx.query.since) : undefined;
    const list = ctx.state.comments.list({ ...target(ctx), issueNumber: i.number }).filter((c) => since === undefined || Date.parse(c.updated_at) >= since);
    const { page, headers } = paginate(ctx, list);
    return ok(
      page.map((c) => renderComment(ctx, c)),
      headers,
    );
  },
  'issues/create-comment': (ctx) => {
    const i = getIssue(ctx);
    if (i.locked) throw new HttpError(403, 'Unable to create comment because issue is locked.');
    const c = ctx.state.comments.add({
      ...target(ctx),
      issueNumber: i.number,
      body: String(ctx.body.body),
      user: ctx.login,
    });
    i.updated_at = c.created_at;
    return created(renderComment(ctx, c));
  },
  'issues/get-comment': (ctx) => ok(renderComment(ctx, getComment(ctx))),
  'issues/update-comment': (ctx) => {
    const c = getComment(ctx);
    c.body = String(ctx.body.body);
    c.updated_at = ctx.state.iso();
    return ok(renderComment(ctx, c));
  },
  'issues/delete-comment': (ctx) => {
    ctx.repo.comments.delete(getComment(ctx).id);
    return { status: 204 };
  },
  'reactions/create-for-issue-comment': (ctx) => react(ctx, getComment(ctx).reactions),
};
