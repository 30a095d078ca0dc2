import type { JSONSchema } from '../json-schema.js';

/** `notify:` in .github/closed-loop.yml. Filled in by the notify engine. */
export const notifySchema: JSONSchema = {
  type: 'object',
  description: 'Settings for notify.',
  additionalProperties: false,
  properties: {},
};
