export * from './verify-trigger.js';
export * from './verify-dispatch.js';
