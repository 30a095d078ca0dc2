import { LIMITS } from './limits.js';

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * Cuts text to fit a limit and says so visibly, instead of letting GitHub reject the write.
 * Never splits a surrogate pair, and closes a code fence the cut left open so the note renders.
 */
export function truncate(text: string, limit: number, measure: (s: string) => number = (s) => s.length): string {
  if (measure(text) <= limit) return text;
  const note = (omitted: number) => `\n\n> [!NOTE]\n> Truncated by closed-loop: ${omitted} characters omitted to fit GitHub's limit.\n`;
  // Reserve room for the note and a closing fence; then shrink until it fits under the real measure.
  let keep = Math.max(0, Math.min(text.length, limit) - note(text.length).length - 16);
  for (;;) {
    let head = text.slice(0, keep);
    if (/[\uD800-\uDBFF]$/.test(head)) head = head.slice(0, -1);
    const open = openFence(head);
    const candidate = head + (open ? `\n${open}` : '') + note(text.length - head.length);
    if (measure(candidate) <= limit || keep === 0) return candidate;
    keep = Math.max(0, keep - Math.max(16, Math.ceil((measure(candidate) - limit) * 1.1)));
  }
}

/** One-line text cut to `max` characters with an ellipsis (no room for a note), never splitting a surrogate pair. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let head = text.slice(0, Math.max(0, max - 1));
  if (/[\uD800-\uDBFF]$/.test(head)) head = head.slice(0, -1);
  return `${head}…`;
}

export function truncateBody(text: string): string {
  return truncate(text, LIMITS.body);
}

export function truncateCheckOutput(text: string): string {
  return truncate(text, LIMITS.checkOutput);
}

export function capJobSummary(text: string): string {
  return truncate(text, LIMITS.jobSummaryBytes, (s) => Buffer.byteLength(s, 'utf8'));
}

function openFence(markdown: string): string | undefined {
  let open: string | undefined;
  for (const line of markdown.split('\n')) {
    const m = FENCE.exec(line);
    if (!m?.[1]) continue;
    const fence = m[1];
    if (open === undefined) open = fence;
    else if (fence[0] === open[0] && fence.length >= open.length && line.trim() === fence) open = undefined;
  }
  return open;
}
