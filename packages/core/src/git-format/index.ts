export * from './diff.js';
export * from './trailers.js';
