import type { JSONSchema } from '../json-schema.js';

/** `scan:` in .github/closed-loop.yml. Filled in by the scan engine. */
export const scanSchema: JSONSchema = {
  type: 'object',
  description: 'Settings for scan.',
  additionalProperties: false,
  properties: {},
};
