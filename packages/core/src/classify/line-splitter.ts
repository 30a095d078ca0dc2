/**
 * Splits a byte or text stream into lines without holding more than one line (capped) at a time.
 * `maxBytes` stops reading: the caller learns the log was cut through `truncated`.
 */
export interface SplitOptions {
  maxBytes?: number;
  /**
   * Longer lines are passed on in windows of this many characters, overlapping by a quarter (at most
   * 512), so at most one window is held (a minified bundle or a base64 blob would otherwise sit in
   * memory) and an error message deep inside a long line is still read.
   */
  maxLineLength?: number;
}

export interface SplitResult {
  bytes: number;
  truncated: boolean;
}

/**
 * `onLine(text, continued)`: `continued` is true for the second and later windows of one long line
 * (same line number; a `gh run view --log` line's job prefix is only on the first).
 */
export async function splitLines(
  chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  onLine: (line: string, continued: boolean) => void,
  options: SplitOptions = {},
): Promise<SplitResult> {
  const maxBytes = options.maxBytes ?? Infinity;
  const maxLine = options.maxLineLength ?? 16_384;
  const overlap = Math.min(512, Math.floor(maxLine / 4));
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  let continued = false;
  let bytes = 0;
  let truncated = false;
  /** Passes on every full window of the pending line; at its end, the rest (unless the last window held it all). */
  const flush = (lineEnds: boolean): void => {
    while (pending.length > maxLine) {
      onLine(pending.slice(0, maxLine), continued);
      continued = true;
      pending = pending.slice(maxLine - overlap);
    }
    if (!lineEnds) return;
    if (!continued || pending.length > overlap) onLine(pending, continued);
    pending = '';
    continued = false;
  };
  const feed = (text: string): void => {
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      pending += text.slice(start, nl);
      flush(true);
      start = nl + 1;
    }
    if (start < text.length) {
      pending += text.slice(start);
      flush(false);
    }
  };
  for await (const chunk of chunks) {
    let part = chunk;
    const size = typeof part === 'string' ? Buffer.byteLength(part) : part.byteLength;
    if (bytes + size > maxBytes) {
      const keep = maxBytes - bytes;
      part = typeof part === 'string' ? Buffer.from(part).subarray(0, keep) : part.subarray(0, keep);
      truncated = true;
    }
    bytes += typeof part === 'string' ? size : part.byteLength;
    feed(typeof part === 'string' ? part : decoder.decode(part, { stream: true }));
    if (truncated) break;
  }
  feed(decoder.decode());
  if (pending) flush(true); // a continued line always keeps its overlap pending
  return { bytes, truncated };
}
