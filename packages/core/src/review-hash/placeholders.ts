/**
 * Values that look filled in but prove nothing: left-over template text, dummy words, repeated
 * characters, and the SHA-256 of nothing. Checked for both Review-Hash and Review-Id values.
 */
export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

const PLACEHOLDER_WORDS = ['test', 'fake', 'todo', 'tbd', 'n/a', 'none', 'null', 'placeholder', 'example', 'xxx'];

const TEMPLATE_SYNTAX: readonly [RegExp, string][] = [
  [/<[^<>]*>/, 'template syntax <…>'],
  [/\$\{[^}]*\}/, 'template syntax ${…}'],
  [/\{\{[^}]*\}\}/, 'template syntax {{…}}'],
];

/** Why a value is a placeholder, or undefined when it is not one. */
export function placeholderKind(raw: string): string | undefined {
  const value = raw.trim();
  if (value === '') return 'empty';
  if (PLACEHOLDER_WORDS.includes(value.toLowerCase())) return `the word "${value.toLowerCase()}"`;
  for (const [pattern, kind] of TEMPLATE_SYNTAX) if (pattern.test(value)) return kind;
  if (value.toLowerCase() === EMPTY_SHA256) return 'the SHA-256 of the empty string';
  if (value.length > 1 && new RegExp(`^(?:${escapeRegExp(value.charAt(0))})+$`, 'i').test(value)) return 'one repeated character';
  return undefined;
}

/** Default Review-Id shape: a UUID, a ULID, or at least 16 hex characters. */
export const DEFAULT_REVIEW_ID_PATTERN =
  '^(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[0-7][0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{25}|[0-9a-fA-F]{16,})$';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
