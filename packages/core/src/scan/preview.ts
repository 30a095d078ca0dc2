import { Redactor } from '../redact/index.js';
import type { ScanCategory } from './types.js';

export interface Span {
  start: number;
  end: number;
  category: ScanCategory;
  /** The rule's format has a public prefix worth showing (ghp_, AKIA, xoxb-); never for passwords or PHI. */
  revealPrefix: boolean;
}

const CONTEXT = 40;
// Terminal escapes and other control characters in a preview could rewrite what a reader sees.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f]/g;
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
    masked += text.slice(cursor, span.start) + mask(text.slice(span.start, span.end), span.revealPrefix);
    cursor = span.end;
  }
  masked += text.slice(cursor);
  // Re-locate the focus in the masked text: shift by what masking before it removed.
  let shift = 0;
  for (const span of spans) if (span.end <= focus.start) shift += span.end - span.start - mask(text.slice(span.start, span.end), span.revealPrefix).length;
  const start = Math.max(0, focus.start - shift - CONTEXT);
  const end = Math.min(masked.length, focus.start - shift + CONTEXT * 2);
  const window = (start > 0 ? '…' : '') + masked.slice(start, end).trim() + (end < masked.length ? '…' : '');
  return tokenRedactor.redact(window.replace(CONTROL_CHARACTERS, ' '));
}

const PUBLIC_PREFIX = /^(?:-----BEGIN[ A-Z]*-----|[A-Za-z]{2,10}[_.-](?:v1_|live_|test_|api03-|pat_)?|AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9]|AIza|eyJ|ZXlK|SK|SG\.)/;

/** `ghp_[REDACTED]`: at most the format's public prefix (12 characters) survives, never secret characters. */
export function mask(secret: string, revealPrefix: boolean): string {
  const prefix = revealPrefix ? (PUBLIC_PREFIX.exec(secret)?.[0] ?? '') : '';
  return `${prefix.length <= secret.length / 2 ? prefix.slice(0, 40) : ''}[REDACTED]`;
}
