import { createHash } from 'node:crypto';
import type { ItemKind } from './types.js';

/**
 * Text as the id sees it: case, whitespace runs and comment punctuation do not make a new item, so
 * re-indenting or re-wrapping a TODO keeps its checkbox.
 */
export function normaliseText(text: string): string {
  return text
    .toLowerCase()
    .replace(/^[\s/*#;!<>-]+|[\s/*#;!<>-]+$/g, '')
    .replace(/\s+/g, ' ');
}

/** Stable item id: the same finding keeps its id across runs and line moves (never hashes a line number). */
export function itemId(kind: ItemKind, path: string | undefined, rule: string, text: string): string {
  return createHash('sha256')
    .update([kind, path ?? '', rule, normaliseText(text)].join('\0'))
    .digest('hex')
    .slice(0, 16);
}
