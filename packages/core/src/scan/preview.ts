import { Redactor } from '../redact/index.js';
import type { ScanCategory } from './types.js';

export interface Span {
  start: number;
  end: number;
  category: ScanCategory;
}

const CONTEXT = 40;
const tokenRedactor = new Redactor();

/**
 * The line around a finding with every detected secret on it masked. A credential keeps its first
 * characters (a public prefix such as `ghp_` or `AKIA` tells the reader what leaked); PHI keeps nothing.
 */
export function redactedPreview(text: string, spans: readonly Span[], focus: Span): string {
  let masked = '';
  let cursor = 0;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    if (span.start < cursor) continue;
    masked += text.slice(cursor, span.start) + mask(text.slice(span.start, span.end), span.category);
    cursor = span.end;
  }
  masked += text.slice(cursor);
  // Re-locate the focus in the masked text: shift by what masking before it removed.
  let shift = 0;
  for (const span of spans) if (span.end <= focus.start) shift += span.end - span.start - mask(text.slice(span.start, span.end), span.category).length;
  const start = Math.max(0, focus.start - shift - CONTEXT);
  const end = Math.min(masked.length, focus.start - shift + CONTEXT * 2);
  const window = (start > 0 ? '…' : '') + masked.slice(start, end).trim() + (end < masked.length ? '…' : '');
  return tokenRedactor.redact(window.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' '));
}

export function mask(secret: string, category: ScanCategory): string {
  if (category === 'phi') return '[REDACTED]';
  const keep = Math.min(4, Math.floor(secret.length / 6));
  return `${secret.slice(0, keep)}[REDACTED]`;
}
