import type { JSONSchema } from '../json-schema.js';

/** `recover:` in .github/closed-loop.yml. Filled in by the recover engine. */
export const recoverSchema: JSONSchema = {
  type: 'object',
  description: 'Settings for recover.',
  additionalProperties: false,
  properties: {},
};
