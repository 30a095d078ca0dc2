export * from './run-action.js';
export * from './runtime.js';
export * from './event-file.js';
export * from './output-paths.js';
export * from './context.js';
export * from './check-inputs.js';
