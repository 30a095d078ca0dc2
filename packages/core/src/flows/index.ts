// Flows: orchestration over the GitHub resource API (../github/api) and the pure engines.
export * from './bench-artifact.js';
export * from './breaker-reset.js';
export * from './discover.js';
export * from './notify.js';
export * from './notify-digest.js';
export * from './notify-sweep.js';
export * from './recover.js';
export * from './recover-comment.js';
export * from './recover-context.js';
export * from './recover-fix.js';
export * from './recover-history.js';
export * from './recover-reset-breaker.js';
export * from './recover-rerun.js';
export * from './recover-rollback.js';
export * from './run-classify.js';
export * from './scan-bypass.js';
