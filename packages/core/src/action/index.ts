export * from './run-action.js';
export * from './runtime.js';
