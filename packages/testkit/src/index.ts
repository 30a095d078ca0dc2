// Public surface of the fake GitHub used by every API test and by `npm run demo`.
export { FakeGitHub, startFakeGitHub, type FakeGitHubOptions } from './server.js';
export { APP_LOGIN, APP_SLUG, APP_TOKEN, DEFAULT_LOGIN, DEFAULT_TOKEN, type Access, type Scope, type TokenOptions } from './auth.js';
export type { FaultRule } from './faults.js';
export type { RecordedRequest, RequestFilter } from './record.js';
export { listOperations, spec } from './spec.js';
export { sampleFromSchema, sampleOf } from './sample.js';
export { validateSchema } from './validate.js';
export { PULL_COMMITS_CAP } from './handlers/pulls.js';
export { handlers } from './handlers/index.js';
export type { Handler, HandlerContext, Reply } from './handlers/index.js';
export * from './state/index.js';
export * from './events.js';
export * from './canaries.js';
export * from './runner.js';
export { testkitFile } from './paths.js';
export { zipOf } from './zip.js';
export { importGitCommits } from './git-import.js';
