import type { JSONSchema } from './json-schema.js';

/**
 * `value` with every omitted setting filled from `schema`'s `default`s — what ajv's `useDefaults` does in
 * loadConfig, for engines handed a partial section (tests, the CLI, action inputs). So the schema is the
 * one place a default is written; `withDefaults(schema, undefined)` is the section's defaults. Does not
 * validate (the caller's value was validated, or is the engine's own) and never mutates `value`.
 */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- T names the section's filled shape for the caller
export function withDefaults<T = unknown>(schema: JSONSchema, value: unknown): T {
  return fill(schema, value === undefined ? structuredClone(schema.default) : value) as T;
}

function fill(schema: JSONSchema, value: unknown): unknown {
  if (Array.isArray(value)) return schema.items ? value.map((item) => fill(schema.items as JSONSchema, item)) : value;
  if (typeof value !== 'object' || value === null) return value;
  const given = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const extra = schema.additionalProperties;
  for (const [key, v] of Object.entries(given)) out[key] = !schema.properties?.[key] && typeof extra === 'object' ? fill(extra, v) : v;
  for (const [key, sub] of Object.entries(schema.properties ?? {})) {
    const filled = given[key] === undefined ? structuredClone(sub.default) : given[key];
    if (filled !== undefined) out[key] = fill(sub, filled);
  }
  return out;
}
