// Issues (which include pull requests, as on GitHub), their labels and assignees.
import { shape } from '../sample.js';
import type { IssueState } from '../state/index.js';
import {
  apiRepoUrl,
  created,
  type Handler,
  type HandlerContext,
  HttpError,
  notFound,
  ok,
  paginate,
  renderUser,
  str,
  target,
  text,
  unprocessable,
} from './common.js';
import { renderLabel } from './labels.js';

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

export function getIssue(ctx: HandlerContext): IssueState {
  return ctx.repo.issues.get(Number(ctx.params.issue_number)) ?? notFound();
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
          sort === 'updated' ? x.updated_at : sort === 'comments' ? ctx.state.comments.list({ ...target(ctx), issueNumber: x.number }).length : x.created_at;
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
    const i = ctx.state.issues.add({
      ...target(ctx),
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
      i.labels.forEach((name) => ctx.state.labels.add({ ...target(ctx), name }));
    }
    if (Array.isArray(b.assignees)) i.assignees = b.assignees as string[];
    applyState(ctx, i, b.state, b.state_reason);
    i.updated_at = ctx.state.iso();
    return ok(renderIssue(ctx, i));
  },
  'issues/add-labels': (ctx) => {
    const i = getIssue(ctx);
    const raw = Array.isArray(ctx.body) ? ctx.body : (ctx.body.labels ?? []);
    const names = labelNames(raw);
    if (!names.length) unprocessable('Validation Failed', [{ resource: 'Label', field: 'labels', code: 'missing_field' }]);
    for (const n of names)
      if (!i.labels.some((l) => l.toLowerCase() === n.toLowerCase())) i.labels.push(ctx.state.labels.add({ ...target(ctx), name: n }).name);
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
};
