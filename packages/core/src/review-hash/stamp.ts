import { findSeparator, parseTrailers, type Trailer } from '../git-format/trailers.js';
import { TRAILER } from './record.js';

const OURS = new Set(Object.values(TRAILER).map((k) => k.toLowerCase()));

/**
 * The message with our trailers set: joined to an existing trailer block (replacing earlier Review-*
 * lines there), or as a new last paragraph. The result parses back, by git's rules, to exactly `trailers`
 * for our keys.
 */
export function withReviewTrailers(message: string, trailers: readonly Trailer[]): string {
  const body = message.replace(/\s+$/, '');
  const add = trailers.map((t) => `${t.key}: ${t.value}`).join('\n');
  if (!parseTrailers(`${body}\n`).length) return `${body}\n\n${add}\n`;
  const lines = body.split('\n');
  let start = lines.length;
  while (start > 0 && (lines[start - 1] ?? '').trim() !== '') start--;
  const kept = lines.slice(start).filter((line) => {
    const sep = findSeparator(line);
    return sep < 1 || !OURS.has(line.slice(0, sep).trim().toLowerCase());
  });
  const joined = [...lines.slice(0, start), ...kept].join('\n').replace(/\s+$/, '');
  return `${joined}${kept.length ? '\n' : '\n\n'}${add}\n`;
}

/** Message of the empty commit `stamp --new-commit` makes. */
export function reviewCommitMessage(reviewId: string | undefined, trailers: readonly Trailer[]): string {
  return withReviewTrailers(`Record review${reviewId ? ` ${reviewId}` : ''}`, trailers);
}
