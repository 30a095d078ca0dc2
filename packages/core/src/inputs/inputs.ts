import { ConfigurationError } from '../errors.js';

/** Where raw input strings come from: the runner's INPUT_* variables, CLI flags, or a test's table. */
export type InputSource = (name: string) => string | undefined;

/** The runner's convention (same as @actions/core): INPUT_<NAME>, spaces to underscores, upper case. */
export function envInputs(env: NodeJS.ProcessEnv = process.env): InputSource {
  return (name) => env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`];
}

export function mapInputs(values: Record<string, string | undefined>): InputSource {
  return (name) => values[name];
}

interface IntOptions {
  min?: number;
  max?: number;
  default?: number;
}

const TRUE = ['true', 'True', 'TRUE'];
const FALSE = ['false', 'False', 'FALSE'];

/**
 * Typed readers over an InputSource. Each failure is a ConfigurationError that names the input and
 * says what is allowed, so the user sees one line they can act on.
 */
export class Inputs {
  constructor(
    private readonly source: InputSource,
    private readonly onSecret: (value: string) => void = () => {},
  ) {}

  /** Trimmed value, or undefined when unset or blank (the runner passes '' for omitted inputs). */
  optional(name: string): string | undefined;
  optional(name: string, fallback: string): string;
  optional(name: string, fallback?: string): string | undefined {
    const raw = this.source(name)?.trim();
    return raw === undefined || raw === '' ? fallback : raw;
  }

  required(name: string): string {
    const value = this.optional(name);
    if (value === undefined) throw missing(name);
    return value;
  }

  /** A value that must never be printed: it is registered for redaction before anything can log it. */
  secret(name: string, required = false): string | undefined {
    const value = required ? this.required(name) : this.optional(name);
    if (value) this.onSecret(value);
    return value;
  }

  int(name: string, options: IntOptions = {}): number {
    const raw = this.optional(name);
    if (raw === undefined) {
      if (options.default === undefined) throw missing(name);
      return options.default;
    }
    const range = describeRange(options);
    if (!/^[+-]?\d+$/.test(raw)) throw new ConfigurationError(`Input ${name} must be a whole number${range}, got "${raw}".`);
    const value = Number(raw);
    if ((options.min !== undefined && value < options.min) || (options.max !== undefined && value > options.max)) {
      throw new ConfigurationError(`Input ${name} must be a whole number${range}, got ${value}.`);
    }
    return value;
  }

  /** YAML 1.2 core-schema booleans, as @actions/core's getBooleanInput accepts. */
  boolean(name: string, fallback?: boolean): boolean {
    const raw = this.optional(name);
    if (raw === undefined) {
      if (fallback === undefined) throw missing(name);
      return fallback;
    }
    if (TRUE.includes(raw)) return true;
    if (FALSE.includes(raw)) return false;
    throw new ConfigurationError(`Input ${name} must be true or false, got "${raw}".`);
  }

  /** Newline- or comma-separated values, trimmed, blanks dropped. */
  list(name: string, fallback: string[] = []): string[] {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    return raw
      .split(/[\n,]/)
      .map((s) => s.trim())
      .filter(Boolean);
  }

  enum<T extends string>(name: string, allowed: readonly T[], fallback?: T): T {
    const raw = this.optional(name);
    if (raw === undefined) {
      if (fallback === undefined) throw missing(name);
      return fallback;
    }
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    throw new ConfigurationError(`Input ${name} must be one of ${allowed.join(', ')}; got "${raw}".`);
  }
}

function missing(name: string): ConfigurationError {
  return new ConfigurationError(`Input required and not supplied: ${name}. Set \`${name}:\` under \`with:\`.`);
}

function describeRange({ min, max }: IntOptions): string {
  if (min !== undefined && max !== undefined) return ` from ${min} to ${max}`;
  if (min !== undefined) return ` of at least ${min}`;
  if (max !== undefined) return ` of at most ${max}`;
  return '';
}
