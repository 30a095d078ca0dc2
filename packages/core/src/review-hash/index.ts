export * from './payload.js';
export * from './trailers.js';
export * from './placeholders.js';
export * from './record.js';
export * from './proof.js';
export * from './check.js';
export * from './explain.js';
