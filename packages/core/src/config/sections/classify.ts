import type { JSONSchema } from '../json-schema.js';

/** `classify:` in .github/closed-loop.yml. Filled in by the classify engine. */
export const classifySchema: JSONSchema = {
  type: 'object',
  description: 'Settings for classify.',
  additionalProperties: false,
  properties: {},
};
