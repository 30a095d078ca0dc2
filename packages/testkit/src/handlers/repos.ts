// Repositories.
import { type Handler, ok, renderRepo } from './common.js';

export const reposHandlers: Record<string, Handler> = {
  'repos/get': (ctx) => ok(renderRepo(ctx, 'full-repository', ctx.repo)),
};
