import type { JSONSchema } from '../json-schema.js';

/** `value_discovery:` in .github/closed-loop.yml. Filled in by the value-discovery engine. */
export const valueDiscoverySchema: JSONSchema = {
  type: 'object',
  description: 'Settings for value-discovery.',
  additionalProperties: false,
  properties: {},
};
