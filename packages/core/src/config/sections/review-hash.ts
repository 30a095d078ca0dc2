import type { JSONSchema } from '../json-schema.js';

/** `review_hash:` in .github/closed-loop.yml. Filled in by the review-hash engine. */
export const reviewHashSchema: JSONSchema = {
  type: 'object',
  description: 'Settings for review-hash.',
  additionalProperties: false,
  properties: {},
};
