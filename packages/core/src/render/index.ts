export * from './limits.js';
export * from './truncate.js';
export * from './escape.js';
export * from './markdown.js';
export * from './markers.js';
