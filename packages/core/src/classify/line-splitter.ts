/**
 * Splits a byte or text stream into lines without holding more than one line (capped) at a time.
 * `maxBytes` stops reading: the caller learns the log was cut through `truncated`.
 */
export interface SplitOptions {
  maxBytes?: number;
  /** Longer lines are cut (a minified bundle or a base64 blob would otherwise sit in memory). */
  maxLineLength?: number;
}

export interface SplitResult {
  bytes: number;
  truncated: boolean;
}

export async function splitLines(
  chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  onLine: (line: string) => void,
  options: SplitOptions = {},
): Promise<SplitResult> {
  const maxBytes = options.maxBytes ?? Infinity;
  const maxLine = options.maxLineLength ?? 16_384;
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  let overlong = false;
  let bytes = 0;
  let truncated = false;
  const feed = (text: string): void => {
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      const piece = text.slice(start, nl);
      const line = pending ? pending + piece : piece;
      pending = '';
      onLine(overlong || line.length > maxLine ? line.slice(0, maxLine) : line);
      overlong = false;
      start = nl + 1;
    }
    if (start < text.length) {
      if (overlong) return;
      pending += text.slice(start);
      if (pending.length > maxLine) {
        pending = pending.slice(0, maxLine);
        overlong = true;
      }
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
  if (pending) onLine(pending);
  return { bytes, truncated };
}
