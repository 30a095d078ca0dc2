export * from './load.js';
export * from './schema.js';
export * from './path.js';
export type { JSONSchema } from './json-schema.js';
export type { SourcePosition } from './yaml-positions.js';
