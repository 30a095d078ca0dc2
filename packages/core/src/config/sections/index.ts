import type { ConfigSections } from '../generated/types.js';
import type { JSONSchema } from '../json-schema.js';
import { classifySchema } from './classify.js';
import { recoverSchema } from './recover.js';
import { notifySchema } from './notify.js';
import { scanSchema } from './scan.js';
import { reviewHashSchema } from './review-hash.js';
import { valueDiscoverySchema } from './value-discovery.js';
import { qualityGateSchema } from './quality-gate.js';

/**
 * One section per engine; each engine's owner keeps its own file. Keys are snake_case like the YAML.
 * Its keys are the generated ConfigSections' (both ways: a section missing from either fails to compile).
 */
export const SECTIONS: Record<keyof ConfigSections, JSONSchema> = {
  classify: classifySchema,
  recover: recoverSchema,
  notify: notifySchema,
  scan: scanSchema,
  review_hash: reviewHashSchema,
  value_discovery: valueDiscoverySchema,
  quality_gate: qualityGateSchema,
};
