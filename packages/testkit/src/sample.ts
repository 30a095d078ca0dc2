// Builds a minimal spec-valid value for a schema so handlers only overlay the fields they own.
import { deref, spec, type JsonSchema } from './spec.js';

const FIXED_DATE = '2024-01-01T00:00:00Z';

function typeOf(schema: JsonSchema): string | undefined {
  const t = schema.type;
  if (Array.isArray(t)) return (t as string[]).find((x) => x !== 'null') ?? 'null';
  return typeof t === 'string' ? t : undefined;
}

function stringFor(schema: JsonSchema, key: string | undefined): string {
  switch (schema.format) {
    case 'date-time':
      return FIXED_DATE;
    case 'date':
      return FIXED_DATE.slice(0, 10);
    case 'uri':
    case 'url':
      return `https://github.com/${key ?? 'x'}`;
    case 'email':
      return 'octocat@users.noreply.github.com';
    case 'uuid':
      return '00000000-0000-4000-8000-000000000000';
    default:
  }
  if (key && /_url$|^url$/.test(key)) return `https://api.github.com/${key}`;
  if (key && /sha$/.test(key)) return '0'.repeat(40);
  if (key && /_at$/.test(key)) return FIXED_DATE;
  return key ?? 'string';
}

/**
 * A value satisfying `schema` with every required property present, first enum/branch choices,
 * and deterministic placeholders. Optional properties are omitted to keep payloads small.
 */
export function sampleFromSchema(schema: unknown, key?: string, depth = 0): unknown {
  const raw = deref(schema);
  if (!raw || typeof raw !== 'object' || depth > 40) return null;
  const s = raw as JsonSchema;
  if ('const' in s) return s.const;
  if (Array.isArray(s.enum)) return (s.enum as unknown[]).find((x) => x !== null) ?? s.enum[0] ?? null;
  if (Array.isArray(s.allOf)) {
    const parts = (s.allOf as unknown[]).map((x) => sampleFromSchema(x, key, depth + 1));
    if (parts.every((p) => p && typeof p === 'object' && !Array.isArray(p))) return Object.assign({}, ...parts) as unknown;
    return parts[0];
  }
  for (const k of ['anyOf', 'oneOf'] as const) {
    const branches = s[k];
    if (Array.isArray(branches) && branches.length) {
      // A nullable wrapper's real branch is more useful than a null.
      const pick: unknown = branches.find((b) => (deref(b) as JsonSchema | null | undefined)?.type !== 'null') ?? branches[0];
      return sampleFromSchema(pick, key, depth + 1);
    }
  }
  const type = typeOf(s) ?? (s.properties ? 'object' : s.items ? 'array' : undefined);
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const props = (s.properties ?? {}) as Record<string, unknown>;
      for (const name of (s.required ?? []) as string[]) out[name] = props[name] !== undefined ? sampleFromSchema(props[name], name, depth + 1) : null;
      return out;
    }
    case 'array': {
      const min = typeof s.minItems === 'number' ? s.minItems : 0;
      return Array.from({ length: min }, () => sampleFromSchema(s.items, key, depth + 1));
    }
    case 'integer':
    case 'number':
      return typeof s.minimum === 'number' ? s.minimum : 1;
    case 'boolean':
      return false;
    case 'string':
      return stringFor(s, key);
    case 'null':
      return null;
    default:
      return {};
  }
}

const named = new Map<string, unknown>();

/** A fresh sample of `#/components/schemas/<name>` (cached, then cloned so callers may mutate). */
export function sampleOf(name: string): Record<string, unknown> {
  if (!named.has(name)) {
    if (!spec().components.schemas?.[name]) throw new Error(`no schema ${name} in the OpenAPI subset`);
    named.set(name, sampleFromSchema({ $ref: `#/components/schemas/${name}` }));
  }
  return structuredClone(named.get(name)) as Record<string, unknown>;
}

/** Deep-merges real state over a sample; arrays and nulls from the overlay replace the sample's. */
export function overlay(base: unknown, top: unknown): unknown {
  if (top === undefined) return base;
  if (!top || typeof top !== 'object' || Array.isArray(top) || !base || typeof base !== 'object' || Array.isArray(base)) return top;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(top)) if (v !== undefined) out[k] = overlay(out[k], v);
  return out;
}

/** Sample of a named schema with `data` overlaid: the way every handler renders a resource. */
export function shape(name: string, data: Record<string, unknown>): Record<string, unknown> {
  return overlay(sampleOf(name), data) as Record<string, unknown>;
}
