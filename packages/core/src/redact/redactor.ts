import { TOKEN_PATTERNS } from './patterns.js';

export const REDACTED = '***';

/**
 * Removes secrets from text before it is written anywhere (issue bodies, comments, summaries, logs):
 * values we were told are secret (inputs, env), and token formats that are secret by shape.
 */
export class Redactor {
  private readonly values = new Set<string>();

  constructor(secrets: Iterable<string> = []) {
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
    for (const { pattern, keepPrefix } of TOKEN_PATTERNS) {
      out = out.replace(pattern, (_match: string, prefix: unknown) => (keepPrefix ? String(prefix) : '') + REDACTED);
    }
    return out;
  }
}
