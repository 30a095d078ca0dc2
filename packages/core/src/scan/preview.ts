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
// A safety net for secrets on the line no finding covers; the masks already placed are placeholders to it.
const tokenRedactor = new Redactor([], { placeholders: 'drop' });

/**
 * The line around a finding with every detected secret on it masked. A credential keeps its first
 * characters (a public prefix such as `ghp_` or `AKIA` tells the reader what leaked); PHI keeps nothing.
 * A rule's match can stop short of the token it sits in, and the same value can appear twice on a line
 * (`key:key`, a log echoing it): so each span grows to its whole token run, and every other occurrence of
 * a masked value on the line is masked too.
 */
export function redactedPreview(text: string, spans: readonly Span[], focus: Span): string {
  const masks = maskedRanges(text, spans);
  let masked = '';
  let cursor = 0;
  let focusAt = focus.start;
  for (const range of masks) {
    const replacement = mask(text.slice(range.start, range.end), range.revealPrefix);
    masked += text.slice(cursor, range.start) + replacement;
    // Re-locate the focus in the masked text: shift by what masking before it removed.
    if (range.end <= focus.start) focusAt -= range.end - range.start - replacement.length;
    else if (range.start <= focus.start) focusAt = masked.length - replacement.length;
    cursor = range.end;
  }
  masked += text.slice(cursor);
  const start = Math.max(0, focusAt - CONTEXT);
  const end = Math.min(masked.length, focusAt + CONTEXT * 2);
  const window = (start > 0 ? '…' : '') + masked.slice(start, end).trim() + (end < masked.length ? '…' : '');
  return tokenRedactor.redact(window.replace(CONTROL_CHARACTERS, ' '));
}

// A token run: what a secret may continue into. Quotes, spaces, brackets and separators end it; `=` ends
// it only going backwards (an assignment), since base64 padding follows the value.
const RUN_FORWARD = /[^\s"'`,;|<>()[\]{}&:]/;
const RUN_BACKWARD = /[^\s"'`,;|<>()[\]{}&:=]/;
const MIN_REPEAT = 4;

interface Range {
  start: number;
  end: number;
  revealPrefix: boolean;
}

/** Sorted, non-overlapping ranges to mask: each span widened to its token run, plus repeats of each value. */
export function maskedRanges(text: string, spans: readonly Span[]): Range[] {
  const ranges: Range[] = [];
  for (const span of spans) {
    let { start, end } = span;
    while (start > 0 && RUN_BACKWARD.test(text[start - 1] as string)) start--;
    while (end < text.length && RUN_FORWARD.test(text[end] as string)) end++;
    ranges.push({ start, end, revealPrefix: span.revealPrefix });
  }
  // Every other copy of a masked value: the value without the prefix the mask would show, so a repeat
  // preceded by something else is still found.
  const values = [...spans, ...ranges].map((r) => ({ value: text.slice(r.start, r.end), revealPrefix: r.revealPrefix }));
  for (const { value, revealPrefix } of values) {
    const shown = mask(value, revealPrefix).replace(REDACTED, '');
    const core = value.slice(shown.length);
    if (core.length < MIN_REPEAT) continue;
    for (let at = text.indexOf(core); at !== -1; at = text.indexOf(core, at + 1)) ranges.push({ start: at, end: at + core.length, revealPrefix: false });
  }
  ranges.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Range[] = [];
  for (const r of ranges) {
    const last = merged.at(-1);
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged;
}

const REDACTED = '[REDACTED]';

const PUBLIC_PREFIX = /^(?:-----BEGIN[ A-Z]*-----|[A-Za-z]{2,10}[_.-](?:v1_|live_|test_|api03-|pat_)?|AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9]|AIza|eyJ|ZXlK|SK|SG\.)/;

/** `ghp_[REDACTED]`: at most the format's public prefix (12 characters) survives, never secret characters. */
export function mask(secret: string, revealPrefix: boolean): string {
  const prefix = revealPrefix ? (PUBLIC_PREFIX.exec(secret)?.[0] ?? '') : '';
  return `${prefix.length <= secret.length / 2 ? prefix.slice(0, 40) : ''}${REDACTED}`;
}
