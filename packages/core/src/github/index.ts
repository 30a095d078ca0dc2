export * from './client.js';
export * from './github-client.js';
export * from './upsert.js';
