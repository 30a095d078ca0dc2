/**
 * Values that are shaped like secrets but are not: template variables, redaction marks, documentation
 * samples, repeated or sequential characters. Applied to every rule unless it opts out.
 */
const PLACEHOLDER_PATTERNS: readonly RegExp[] = [
  /^\$\{[^}]*\}$/, // ${VAR}
  /^\$\(.*\)$/, // $(cmd)
  /^\$[A-Z_][A-Z0-9_]*$/i, // $VAR
  /^%[A-Z_][A-Z0-9_]*%$/i, // %VAR%
  /^\{\{.*\}\}$/, // {{ template }}
  /^<[^>]*>$/, // <token>
  /^\[[^\]]*\]$/, // [token]
  /(x{4,}|\*{3,}|\.{3,}|#{4,}|_{4,})/i, // xxxx, ***, …
  /^(.)\1+$/, // aaaaaaaa
  /(your|my)[_-]?(api[_-]?)?(key|token|secret|password)/i,
  /^(changeme|change_me|replace_?me|placeholder|redacted|dummy|sample|example|secret|password|passwd|token|null|none|undefined|true|false|todo|fixme|test|testing)$/i,
  /abcdefghijkl|ABCDEFGHIJKL/, // the alphabet typed out
  /EXAMPLE/, // AWS documentation keys: AKIAIOSFODNN7EXAMPLE
  /^(process\.env|os\.environ|env\.|getenv|System\.getenv|secrets\.|vars\.)/i,
];

const SEQUENTIAL = ['0123456789', 'abcdefghijklmnopqrstuvwxyz', '1234567890'];

export function isPlaceholder(value: string): boolean {
  if (PLACEHOLDER_PATTERNS.some((p) => p.test(value))) return true;
  const lower = value.toLowerCase();
  // Whole value is a run of the alphabet or digits (abcdef…, 123456…).
  return lower.length >= 6 && SEQUENTIAL.some((s) => s.includes(lower) || (lower.length > 10 && lower.startsWith(s)));
}
