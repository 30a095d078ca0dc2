// Issues (which include pull requests, as on GitHub), comments, labels, assignees and reactions.
import { shape } from '../sample.js';
import type { CommentState, IssueState } from '../state.js';
import {
  apiRepoUrl,
  created,
  HttpError,
  notFound,
  ok,
  paginate,
  react,
  renderLabel,
  renderUser,
  rollup,
  str,
  text,
  unprocessable,
  type Handler,
  type HandlerContext,
} from './common.js';

export function renderIssue(ctx: HandlerContext, i: IssueState): Record<string, unknown> {
  const url = `${apiRepoUrl(ctx)}/issues/${i.number}`;
  const comments = [...ctx.repo.comments.values()].filter((c) => c.issueNumber === i.number).length;
  return shape('issue', {
    id: i.id,
    node_id: `I_${i.id}`,
    number: i.number,
    title: i.title,
    body: i.body,
    state: i.state,
    state_reason: i.state_reason,
    locked: i.locked,
    user: renderUser(ctx, i.user),
    labels: i.labels.map((l) => renderLabel(ctx, l)),
    assignee: i.assignees[0] ? renderUser(ctx, i.assignees[0]) : null,
    assignees: i.assignees.map((a) => renderUser(ctx, a)),
    comments,
    created_at: i.created_at,
    updated_at: i.updated_at,
    closed_at: i.closed_at,
    closed_by: i.closed_by ? renderUser(ctx, i.closed_by) : null,
    url,
    repository_url: apiRepoUrl(ctx),
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: `https://github.com/${ctx.repo.owner}/${ctx.repo.name}/${i.isPull ? 'pull' : 'issues'}/${i.number}`,
    author_association: i.user === ctx.repo.owner ? 'OWNER' : 'NONE',
    ...(i.isPull
      ? {
          pull_request: {
            url: `${apiRepoUrl(ctx)}/pulls/${i.number}`,
            html_url: `https://github.com/${ctx.repo.owner}/${ctx.repo.name}/pull/${i.number}`,
            diff_url: `https://github.com/${ctx.repo.owner}/${ctx.repo.name}/pull/${i.number}.diff`,
            patch_url: `https://github.com/${ctx.repo.owner}/${ctx.repo.name}/pull/${i.number}.patch`,
            merged_at: null,
          },
        }
      : {}),
  });
}

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

function getIssue(ctx: HandlerContext): IssueState {
  return ctx.repo.issues.get(Number(ctx.params.issue_number)) ?? notFound();
}

function getComment(ctx: HandlerContext): CommentState {
  return ctx.repo.comments.get(Number(ctx.params.comment_id)) ?? notFound();
}

function labelNames(raw: unknown): string[] {
  const list = Array.isArray(raw) ? raw : [];
  return list.map((l) => (typeof l === 'string' ? l : text((l as { name?: unknown }).name ?? ''))).filter(Boolean);
}

function applyState(ctx: HandlerContext, i: IssueState, state: unknown, reason: unknown): void {
  if (state === 'closed' && i.state !== 'closed') {
    i.state = 'closed';
    i.closed_at = ctx.state.iso();
    i.closed_by = ctx.login;
    i.state_reason = (str(reason) as IssueState['state_reason']) ?? 'completed';
  } else if (state === 'open' && i.state !== 'open') {
    i.state = 'open';
    i.closed_at = null;
    i.closed_by = null;
    i.state_reason = 'reopened';
  } else if (reason !== undefined && i.state === 'closed') {
    i.state_reason = reason as IssueState['state_reason'];
  }
}

export const issuesHandlers: Record<string, Handler> = {
  'issues/list-for-repo': (ctx) => {
    const q = ctx.query;
    const wanted =
      typeof q.labels === 'string'
        ? q.labels
            .split(',')
            .map((l) => l.trim().toLowerCase())
            .filter(Boolean)
        : [];
    const since = typeof q.since === 'string' ? Date.parse(q.since) : undefined;
    const sort = (q.sort as string | undefined) ?? 'created';
    const dir = q.direction === 'asc' ? 1 : -1;
    const items = [...ctx.repo.issues.values()]
      .filter((i) => (q.state ?? 'open') === 'all' || i.state === (q.state ?? 'open'))
      .filter((i) => wanted.every((w) => i.labels.some((l) => l.toLowerCase() === w)))
      .filter((i) => q.creator === undefined || i.user === q.creator)
      .filter(
        (i) =>
          q.assignee === undefined ||
          (q.assignee === 'none' ? i.assignees.length === 0 : q.assignee === '*' ? i.assignees.length > 0 : i.assignees.includes(text(q.assignee))),
      )
      .filter((i) => since === undefined || Date.parse(i.updated_at) >= since)
      .sort((a, b) => {
        const key = (x: IssueState): string | number =>
          sort === 'updated' ? x.updated_at : sort === 'comments' ? ctx.state.comments(ctx.repo.owner, ctx.repo.name, x.number).length : x.created_at;
        const ka = key(a);
        const kb = key(b);
        return (ka < kb ? -1 : ka > kb ? 1 : a.number - b.number) * dir;
      });
    const { page, headers } = paginate(ctx, items);
    return ok(
      page.map((i) => renderIssue(ctx, i)),
      headers,
    );
  },
  'issues/create': (ctx) => {
    const b = ctx.body;
    const i = ctx.state.addIssue({
      owner: ctx.repo.owner,
      repo: ctx.repo.name,
      title: String(b.title),
      body: str(b.body) ?? null,
      user: ctx.login,
      labels: labelNames(b.labels),
      assignees: [...(Array.isArray(b.assignees) ? (b.assignees as string[]) : []), ...(typeof b.assignee === 'string' ? [b.assignee] : [])],
    });
    return {
      status: 201,
      body: renderIssue(ctx, i),
      headers: { location: `${apiRepoUrl(ctx)}/issues/${i.number}` },
    };
  },
  'issues/get': (ctx) => ok(renderIssue(ctx, getIssue(ctx))),
  'issues/update': (ctx) => {
    const i = getIssue(ctx);
    const b = ctx.body;
    if (b.title !== undefined && b.title !== null) i.title = text(b.title);
    if (b.body !== undefined) i.body = (b.body as string | null) ?? null;
    if (b.labels !== undefined) {
      i.labels = labelNames(b.labels);
      i.labels.forEach((l) => ctx.state.ensureLabel(ctx.repo, l));
    }
    if (Array.isArray(b.assignees)) i.assignees = b.assignees as string[];
    applyState(ctx, i, b.state, b.state_reason);
    i.updated_at = ctx.state.iso();
    return ok(renderIssue(ctx, i));
  },
  'issues/list-comments': (ctx) => {
    const i = getIssue(ctx);
    const since = typeof ctx.query.since === 'string' ? Date.parse(ctx.query.since) : undefined;
    const list = ctx.state.comments(ctx.repo.owner, ctx.repo.name, i.number).filter((c) => since === undefined || Date.parse(c.updated_at) >= since);
    const { page, headers } = paginate(ctx, list);
    return ok(
      page.map((c) => renderComment(ctx, c)),
      headers,
    );
  },
  'issues/create-comment': (ctx) => {
    const i = getIssue(ctx);
    if (i.locked) throw new HttpError(403, 'Unable to create comment because issue is locked.');
    const c = ctx.state.addComment({
      owner: ctx.repo.owner,
      repo: ctx.repo.name,
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
  'issues/add-labels': (ctx) => {
    const i = getIssue(ctx);
    const raw = Array.isArray(ctx.body) ? ctx.body : (ctx.body.labels ?? []);
    const names = labelNames(raw);
    if (!names.length) unprocessable('Validation Failed', [{ resource: 'Label', field: 'labels', code: 'missing_field' }]);
    for (const n of names) if (!i.labels.some((l) => l.toLowerCase() === n.toLowerCase())) i.labels.push(ctx.state.ensureLabel(ctx.repo, n).name);
    i.updated_at = ctx.state.iso();
    return ok(i.labels.map((l) => renderLabel(ctx, l)));
  },
  'issues/remove-label': (ctx) => {
    const i = getIssue(ctx);
    const name = String(ctx.params.name).toLowerCase();
    const idx = i.labels.findIndex((l) => l.toLowerCase() === name);
    if (idx < 0) throw new HttpError(404, 'Label does not exist');
    i.labels.splice(idx, 1);
    i.updated_at = ctx.state.iso();
    return ok(i.labels.map((l) => renderLabel(ctx, l)));
  },
  'issues/add-assignees': (ctx) => {
    const i = getIssue(ctx);
    for (const a of (ctx.body.assignees as string[] | undefined) ?? []) if (!i.assignees.includes(a)) i.assignees.push(a);
    i.updated_at = ctx.state.iso();
    return created(renderIssue(ctx, i));
  },
  'issues/list-labels-for-repo': (ctx) => {
    const { page, headers } = paginate(ctx, [...ctx.repo.labels.values()]);
    return ok(
      page.map((l) => renderLabel(ctx, l.name)),
      headers,
    );
  },
  'issues/create-label': (ctx) => {
    const name = String(ctx.body.name);
    if (ctx.repo.labels.has(name.toLowerCase())) unprocessable('Validation Failed', [{ resource: 'Label', code: 'already_exists', field: 'name' }]);
    ctx.state.ensureLabel(ctx.repo, name, str(ctx.body.color)?.replace(/^#/, '') ?? 'ededed', str(ctx.body.description) ?? null);
    return created(renderLabel(ctx, name));
  },
  'issues/get-label': (ctx) => {
    const l = ctx.repo.labels.get(String(ctx.params.name).toLowerCase()) ?? notFound();
    return ok(renderLabel(ctx, l.name));
  },
};
