import type { JSONSchema } from '../json-schema.js';
import { classifySchema } from './classify.js';
import { recoverSchema } from './recover.js';
import { notifySchema } from './notify.js';
import { scanSchema } from './scan.js';
import { reviewHashSchema } from './review-hash.js';
import { valueDiscoverySchema } from './value-discovery.js';
import { qualityGateSchema } from './quality-gate.js';

/** One section per engine; each engine's owner keeps its own file. Keys are snake_case like the YAML. */
export const SECTIONS: Record<string, JSONSchema> = {
  classify: classifySchema,
  recover: recoverSchema,
  notify: notifySchema,
  scan: scanSchema,
  review_hash: reviewHashSchema,
  value_discovery: valueDiscoverySchema,
  quality_gate: qualityGateSchema,
};
