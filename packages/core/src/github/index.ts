export * from './client.js';
export * from './github-client.js';
export * from './api-errors.js';
export * from './api/index.js';
