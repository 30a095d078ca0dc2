// Repository labels.
import { shape } from '../sample.js';
import { apiRepoUrl, created, type Handler, type HandlerContext, notFound, ok, paginate, str, target, unprocessable } from './common.js';

export function renderLabel(ctx: HandlerContext, name: string): Record<string, unknown> {
  const l = ctx.state.labels.add({ ...target(ctx), name });
  return shape('label', {
    id: l.id,
    node_id: `LA_${l.id}`,
    name: l.name,
    color: l.color,
    description: l.description,
    default: false,
    url: `${apiRepoUrl(ctx)}/labels/${encodeURIComponent(l.name)}`,
  });
}

export const labelsHandlers: Record<string, Handler> = {
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
    ctx.state.labels.add({ ...target(ctx), name, color: str(ctx.body.color)?.replace(/^#/, ''), description: str(ctx.body.description) });
    return created(renderLabel(ctx, name));
  },
  'issues/get-label': (ctx) => {
    const l = ctx.repo.labels.get(String(ctx.params.name).toLowerCase()) ?? notFound();
    return ok(renderLabel(ctx, l.name));
  },
};
