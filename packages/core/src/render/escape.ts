/**
 * Escaping for text we did not write (log lines, commit messages, branch names, PR titles) before it
 * goes into Markdown that GitHub renders: it must not ping people, inject HTML, or forge our markers.
 */

const ZWSP = '\u200B';

/** `@user` and `@org/team` stop being mentions when a zero-width space follows the `@`. */
export function neutraliseMentions(text: string): string {
  return text.replace(/@(?=[A-Za-z0-9])/g, `@${ZWSP}`);
}

/** Breaks `<!--` so untrusted text can never look like one of our hidden markers. */
export function neutraliseMarkers(text: string): string {
  return text.replace(/<!--/g, `<!-${ZWSP}-`).replace(/-->/g, `-${ZWSP}->`);
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** For untrusted text in running Markdown (a table cell, a list item): HTML, mentions, markers, layout. */
export function escapeInline(text: string): string {
  const flat = text.replace(/\r?\n/g, ' ');
  return neutraliseMentions(escapeHtml(flat))
    .replace(/([\\`*_[\]|])/g, '\\$1')
    .replace(/^([#>+-])/, '\\$1');
}

/**
 * Untrusted text shown verbatim: a fenced block longer than any backtick run inside it, so the text
 * cannot close it. Mentions and HTML do not render in code; markers are still broken, because our
 * marker search reads the raw body.
 */
export function codeBlock(text: string, language = ''): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${neutraliseMarkers(text)}\n${fence}`;
}

/** Inline code span that survives backticks in the text. */
export function inlineCode(text: string): string {
  const flat = neutraliseMarkers(text.replace(/\r?\n/g, ' '));
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${flat}${pad}${ticks}`;
}
