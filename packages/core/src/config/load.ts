import type { ErrorObject } from 'ajv';
import yaml from 'js-yaml';
import { ConfigurationError } from '../errors.js';
import { withDefaults, type ConfigSections, type SectionName } from './defaults.js';
import validator from './generated/validate-config.js';
import { CONFIG_PATH } from './path.js';
import { globProblem } from '../glob.js';
import { userGlobs, userPatternProblem, userPatterns } from './user-patterns.js';
import { parseWithPositions } from './yaml-positions.js';

/** `T` with every setting, at any depth, left out (an array's items too): what an override may give. */
export type DeepPartial<T> = T extends readonly (infer I)[] ? DeepPartial<I>[] : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

/** `environments.<name>`: any section, any of its settings (validated, no default filled in). */
export type EnvironmentOverride = { [K in SectionName]?: DeepPartial<ConfigSections[K]> };

/**
 * `.github/closed-loop.yml` as loadConfig returns it: every section present with its defaults filled
 * (the schema's `default: {}` and ajv's useDefaults), typed by the types generated from the same schema.
 */
export type Config = ConfigSections & { version: 1; environments: Record<string, EnvironmentOverride> };

function validate(value: unknown): { ok: boolean; errors: ErrorObject[] } {
  // Precompiled from configSchema() by scripts/build-validators.mjs: nothing is compiled at start.
  // useDefaults fills every omitted setting from the schema, so engines read one complete object.
  const ok = validator(value);
  return { ok, errors: validator.errors ?? [] };
}

/**
 * Loads `.github/closed-loop.yml` text. A missing file is the defaults; a bad one is a
 * ConfigurationError naming file, line, column and key path, with what is allowed.
 */
export function loadConfig(text: string | undefined, filename = CONFIG_PATH): Config {
  if (text === undefined || text.trim() === '') return defaults();
  let parsed: ReturnType<typeof parseWithPositions>;
  try {
    parsed = parseWithPositions(text, filename);
  } catch (error) {
    if (error instanceof yaml.YAMLException) {
      const { line, column } = error.mark;
      throw new ConfigurationError(`${filename}:${line + 1}:${column + 1}: invalid YAML: ${error.reason}.`);
    }
    throw error;
  }
  const value = parsed.value ?? {};
  if (typeof value !== 'object' || Array.isArray(value))
    throw new ConfigurationError(`${filename}:1:1: the file must be a mapping of settings (see docs/closed-loop.schema.json).`);
  const { ok, errors } = validate(value);
  if (!ok) {
    const first = mostSpecific(errors);
    const path = errorPath(first);
    const { line, column } = parsed.locate(path, first.keyword === 'additionalProperties' ? 'key' : 'value');
    const more = errors.length > 1 ? ` (${errors.length - 1} more problem${errors.length > 2 ? 's' : ''} after this one)` : '';
    throw new ConfigurationError(`${filename}:${line}:${column}: ${path.length ? path.join('.') : '(top level)'} ${describe(first)}${more}.`);
  }
  // The schema cannot say "a regular expression that terminates"; checked here so `config validate`
  // and every engine reject the same patterns, before any log is read.
  for (const pattern of userPatterns(value as Record<string, unknown>)) {
    const problem = userPatternProblem(pattern.source, pattern.flags);
    if (!problem) continue;
    const { line, column } = parsed.locate(pattern.path, 'value');
    throw new ConfigurationError(`${filename}:${line}:${column}: ${pattern.path.join('.')} ${problem}.`);
  }
  // Likewise a glob picomatch cannot parse: it would otherwise never match, silently (in a guard).
  for (const { path, glob } of userGlobs(value as Record<string, unknown>)) {
    const problem = globProblem(glob);
    if (!problem) continue;
    const { line, column } = parsed.locate(path, 'value');
    throw new ConfigurationError(`${filename}:${line}:${column}: ${path.join('.')} "${glob}" ${problem}.`);
  }
  // Validated against the schema the section types are generated from, defaults filled in: a Config.
  return value as Config;
}

export function defaults(): Config {
  const value = {};
  validate(value);
  return value as Config;
}

/**
 * The settings for one environment: `environments.<name>` merged over the top level (objects merge,
 * arrays and scalars replace). An unknown environment name is an error, not a silent fallback.
 */
export function resolveEnvironment(config: Config, environment: string | undefined): Config {
  const { environments, ...base } = config;
  if (!environment) return config;
  const override = environments[environment];
  if (!override) {
    const known = Object.keys(environments);
    throw new ConfigurationError(
      `environment "${environment}" is not defined under environments: in ${CONFIG_PATH}${known.length ? ` (defined: ${known.join(', ')})` : ''}.`,
    );
  }
  const merged = deepMerge(base, override) as Record<SectionName, unknown>;
  // An override's array replaces the base's whole, its items as written (the override schema fills no
  // default): each section is filled again, so the resolved config is as complete as a loaded one.
  const sections = Object.fromEntries(Object.keys(override).map((name) => [name, withDefaults(name as SectionName, merged[name as SectionName])]));
  return { ...base, ...sections, environments };
}

export function deepMerge(base: unknown, override: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(override)) return override === undefined ? base : override;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(override)) out[k] = deepMerge(base[k], v);
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function errorPath(error: ErrorObject): (string | number)[] {
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  const extra = (error.params as { additionalProperty?: string }).additionalProperty;
  return extra ? [...path, extra] : path;
}

// Deeper errors are closer to what the user typed; anyOf/oneOf summaries are least helpful.
function mostSpecific(errors: ErrorObject[]): ErrorObject {
  const score = (e: ErrorObject) => e.instancePath.split('/').length * 10 - (['anyOf', 'oneOf', 'if'].includes(e.keyword) ? 5 : 0);
  return [...errors].sort((a, b) => score(b) - score(a))[0] as ErrorObject;
}

function describe(error: ErrorObject): string {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return `is not a known setting; remove it or check the spelling against docs/closed-loop.schema.json`;
    case 'enum':
      return `must be one of: ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return `must be ${JSON.stringify(p.allowedValue)}`;
    case 'type':
      return `must be ${String(p.type)}`;
    case 'required':
      return `is missing required setting "${String(p.missingProperty)}"`;
    default:
      return error.message ?? 'is invalid';
  }
}
