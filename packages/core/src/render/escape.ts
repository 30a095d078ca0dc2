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

/**
 * Issue and pull request references stop being references: GitHub autolinks `#123`, `GH-123`,
 * `owner#123`, `owner/repo#123` and full issue/PR/discussion URLs, and each one posted adds a "mentioned
 * this" backlink on the target, so a log line quoting `#1` would spam another issue's timeline. A zero-width
 * space after `#`/`GH-`, or before the URL's number, keeps the text readable and links nothing.
 * (docs.github.com: "Autolinked references and URLs".)
 */
export function neutraliseReferences(text: string): string {
  return text
    .replace(/#(?=\d)/g, `#${ZWSP}`)
    .replace(/\b(GH-)(?=\d)/gi, `$1${ZWSP}`)
    .replace(/(github\.com\/[\w.-]+\/[\w.-]+\/(?:issues|pull|discussions)\/)(?=\d)/gi, `$1${ZWSP}`);
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * For untrusted text in running Markdown (a table cell, a list item): HTML, mentions, issue references,
 * markers, layout. `{ linkText: true }` for the text of a `[text](url)` link: GitHub resolves no
 * reference inside a link, so `run #12` stays as written there.
 */
export function escapeInline(text: string, options: { linkText?: boolean } = {}): string {
  const flat = text.replace(/\r?\n/g, ' ');
  const safe = neutraliseMentions(escapeHtml(flat));
  return (options.linkText ? safe : neutraliseReferences(safe)).replace(/([\\`*_[\]|])/g, '\\$1').replace(/^([#>+-])/, '\\$1');
}

/** The longest run of backticks in `text` (at least `floor`). */
function longestRun(text: string, floor: number): number {
  let longest = floor;
  for (const m of text.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  return longest;
}

/**
 * Untrusted text shown verbatim: a fenced block longer than any backtick run inside it, so the text
 * cannot close it. Mentions and HTML do not render in code; markers are still broken, because our
 * marker search reads the raw body.
 */
export function codeBlock(text: string, language = ''): string {
  const longest = longestRun(text, 2);
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${neutraliseMarkers(text)}\n${fence}`;
}

/** Inline code span that survives backticks in the text. */
export function inlineCode(text: string): string {
  const flat = neutraliseMarkers(text.replace(/\r?\n/g, ' '));
  const longest = longestRun(flat, 0);
  const ticks = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${flat}${pad}${ticks}`;
}
