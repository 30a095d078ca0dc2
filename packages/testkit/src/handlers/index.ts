// operationId → handler. Add a domain file and spread it here; server.ts needs no change.
import { actionsHandlers } from './actions.js';
import { checksHandlers } from './checks.js';
import type { Handler } from './common.js';
import { issuesHandlers } from './issues.js';
import { pullsHandlers } from './pulls.js';
import { reposHandlers } from './repos.js';
import { reviewCommentsHandlers } from './review-comments.js';

export const handlers: Record<string, Handler> = {
  ...actionsHandlers,
  ...issuesHandlers,
  ...checksHandlers,
  ...pullsHandlers,
  ...reposHandlers,
  ...reviewCommentsHandlers,
};

export type { Handler, HandlerContext, Reply } from './common.js';
export { HttpError } from './common.js';
