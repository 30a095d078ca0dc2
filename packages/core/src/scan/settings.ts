import type { JSONSchema } from '../config/json-schema.js';
import { scanSchema } from '../config/sections/scan.js';
import type { ScanOptions, WeakMatches } from './engine.js';
import type { ScanCategory, ScanSeverity } from './types.js';

/** The `scan:` config section after defaults are filled in. */
export interface ScanConfig {
  fail_on: ScanSeverity;
  baseline: string;
  report_dir: string;
  exclude: string[];
  include: string[];
  fixtures: string[];
  disable_rules: string[];
  categories: ScanCategory[];
  bypass_label: string;
  bypass_keyword: string;
  create_issues: boolean;
  max_line_length: number;
  weak_matches: WeakMatches;
}

/** The schema's defaults (the one place they are written), as the engine's settings. */
export const DEFAULT_SCAN_CONFIG: ScanConfig = Object.fromEntries(
  Object.entries(scanSchema.properties ?? {}).map(([key, schema]) => [key, structuredClone(schema.default)]),
) as unknown as ScanConfig;

export function scanConfigOf(section: unknown): ScanConfig {
  return { ...DEFAULT_SCAN_CONFIG, ...(section as Partial<ScanConfig> | undefined) };
}

export function scanOptionsOf(config: ScanConfig): ScanOptions {
  return {
    // The baseline records what was accepted; wherever it is configured to live, it is not scanned.
    exclude: [...config.exclude, config.baseline],
    include: config.include,
    fixtures: config.fixtures,
    disable: config.disable_rules,
    categories: config.categories,
    maxLineLength: config.max_line_length,
    weakMatches: config.weak_matches,
  };
}

/**
 * The `scan:` section checked against its own schema without compiling the whole config schema (ajv
 * costs ~130 ms, a third of the pre-commit hook's budget). Undefined when anything is off: the caller
 * then loads the file the full way, which reports the error with its line and column.
 */
export function quickScanSection(document: unknown): ScanConfig | undefined {
  if (document === undefined || document === null) return scanConfigOf(undefined);
  if (typeof document !== 'object' || Array.isArray(document)) return undefined;
  const section = (document as { scan?: unknown }).scan;
  if (section === undefined || section === null) return scanConfigOf(undefined);
  return conforms(section, scanSchema) ? scanConfigOf(section) : undefined;
}

// What `conforms` understands. A schema using anything else is not judged here: the caller falls back to
// ajv, so the quick check can only ever be stricter than the full one, never more lenient.
const UNDERSTOOD = new Set([
  'type',
  'description',
  'default',
  'enum',
  'const',
  'oneOf',
  'properties',
  'additionalProperties',
  'items',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
]);

function conforms(value: unknown, schema: JSONSchema): boolean {
  if (Object.keys(schema).some((k) => !UNDERSTOOD.has(k)) || typeof schema.additionalProperties === 'object') return false;
  if (schema.enum && !schema.enum.includes(value)) return false;
  if ('const' in schema && value !== schema.const) return false;
  if (schema.oneOf && schema.oneOf.filter((s) => conforms(value, s)).length !== 1) return false;
  switch (schema.type) {
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
      return Object.entries(value).every(([k, v]) => {
        const sub = schema.properties?.[k];
        return sub ? conforms(v, sub) : schema.additionalProperties !== false;
      });
    }
    case 'array':
      return Array.isArray(value) && (!schema.items || value.every((v) => conforms(v, schema.items as JSONSchema)));
    case 'string':
      return typeof value === 'string' && value.length >= (schema.minLength ?? 0) && value.length <= (schema.maxLength ?? Infinity);
    case 'integer':
      return Number.isInteger(value) && (value as number) >= (schema.minimum ?? -Infinity) && (value as number) <= (schema.maximum ?? Infinity);
    case 'boolean':
      return typeof value === 'boolean';
    default:
      return schema.type === undefined;
  }
}
