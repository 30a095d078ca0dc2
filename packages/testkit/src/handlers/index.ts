// operationId → handler, one module per resource (as in src/state/). Add a resource file and spread it here; server.ts needs no change.
import { artifactsHandlers } from './artifacts.js';
import { checksHandlers } from './checks.js';
import { collaboratorsHandlers } from './collaborators.js';
import { commentsHandlers } from './comments.js';
import { commitsHandlers } from './commits.js';
import type { Handler } from './common.js';
import { contentsHandlers } from './contents.js';
import { issuesHandlers } from './issues.js';
import { labelsHandlers } from './labels.js';
import { pullsHandlers } from './pulls.js';
import { reposHandlers } from './repos.js';
import { reviewsHandlers } from './reviews.js';
import { runsHandlers } from './runs.js';
import { statusesHandlers } from './statuses.js';

export const handlers: Record<string, Handler> = {
  ...reposHandlers,
  ...commitsHandlers,
  ...contentsHandlers,
  ...collaboratorsHandlers,
  ...runsHandlers,
  ...artifactsHandlers,
  ...issuesHandlers,
  ...commentsHandlers,
  ...labelsHandlers,
  ...pullsHandlers,
  ...reviewsHandlers,
  ...statusesHandlers,
  ...checksHandlers,
};

export type { Handler, HandlerContext, Reply } from './common.js';
export { HttpError } from './common.js';
