import { BLOCK_PATTERNS, secretSpans } from './patterns.js';

export const REDACTED = '***';

/**
 * Removes secrets from text before it is written anywhere (issue bodies, comments, summaries, logs):
 * values we were told are secret (inputs, env), and token formats that are secret by shape.
 */
export class Redactor {
  private readonly values = new Set<string>();

  /**
   * `placeholders: 'drop'` applies scan's placeholder filter too: for text that is already masked (a scan
   * preview), whose `[REDACTED]`-style masks must stay readable. Default `'keep'`: see `patterns.ts`.
   */
  constructor(
    secrets: Iterable<string> = [],
    private readonly options: { placeholders?: 'drop' | 'keep' } = {},
  ) {
    for (const s of secrets) this.addSecret(s);
  }

  /** Very short values are skipped: redacting "a" or "1234" would shred every line. */
  addSecret(value: string): void {
    const trimmed = value.trim();
    if (trimmed.length < 6) return;
    this.values.add(trimmed);
    // A multi-line secret (a PEM key) may be echoed one line at a time.
    for (const line of trimmed.split(/\r?\n/)) if (line.trim().length >= 16) this.values.add(line.trim());
  }

  redact(text: string): string {
    let out = text;
    // Longest first, so a secret containing another is removed whole.
    for (const value of [...this.values].sort((a, b) => b.length - a.length)) out = out.split(value).join(REDACTED);
    for (const { pattern } of BLOCK_PATTERNS) out = out.replace(pattern, REDACTED);
    const lines = out.split('\n');
    return lines.map((line, i) => redactSpans(line, secretSpans(line, lines[i - 1] ?? '', lines[i + 1] ?? '', this.options.placeholders ?? 'keep'))).join('\n');
  }
}

/** `line` with each span (merged where they overlap) replaced by one {@link REDACTED}. */
function redactSpans(line: string, spans: [number, number][]): string {
  if (!spans.length) return line;
  spans.sort((a, b) => a[0] - b[0]);
  let out = '';
  let cursor = 0;
  for (const [start, end] of spans) {
    if (end <= cursor) continue;
    if (start >= cursor) out += line.slice(cursor, start) + REDACTED;
    cursor = end;
  }
  return out + line.slice(cursor);
}
