export * from './client.js';
export * from './github-client.js';
export * from './upsert.js';
export * from './pulls.js';
export * from './discover.js';
export * from './notify.js';
export * from './recover.js';
