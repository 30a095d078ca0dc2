import type { JSONSchema } from './json-schema.js';
import type { ConfigSections } from './generated/types.js';
import { SECTIONS } from './sections/index.js';

export type { ConfigSections };
/** A section's key in .github/closed-loop.yml (`classify`, `review_hash` …). */
export type SectionName = keyof ConfigSections;

/**
 * The `section` of the config, `value`, with every omitted setting filled from the section schema's
 * `default`s — what ajv's `useDefaults` does in loadConfig, for engines handed a partial section (tests,
 * the CLI, action inputs). So the schema is the one place a default is written; `withDefaults(name, {})`
 * is the section's defaults. Typed by the type generated from that same schema (generated/types.ts).
 * Does not validate (the caller's value was validated, or is the engine's own) and never mutates `value`.
 */
export function withDefaults<K extends SectionName>(section: K, value: unknown): ConfigSections[K] {
  return fillDefaults(SECTIONS[section], value) as ConfigSections[K];
}

/** `value` filled from any `schema`'s defaults (untyped: withDefaults is the typed entry for a section). */
export function fillDefaults(schema: JSONSchema, value: unknown): unknown {
  return fill(schema, value === undefined ? structuredClone(schema.default) : value);
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
