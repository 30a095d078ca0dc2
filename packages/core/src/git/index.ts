export * from './git.js';
export * from './review-hash.js';
export * from './discover.js';
export * from './scan.js';
export * from './workspace.js';
