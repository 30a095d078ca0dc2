export type RedactFn = (text: string) => string;

/**
 * Redacts every string of a value (a verdict, an outcome) before anything is rendered or written from
 * it. A list of strings (evidence lines) is redacted as one text, so a private key spread over several
 * lines is removed whole.
 */
export function redactDeep<T>(value: T, redact: RedactFn): T {
  return walk(value, redact) as T;
}

function walk(value: unknown, redact: RedactFn): unknown {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) {
    if (value.length && value.every((v) => typeof v === 'string')) return redact(value.join('\n')).split('\n');
    return value.map((v) => walk(v, redact));
  }
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, redact)]));
  return value;
}
