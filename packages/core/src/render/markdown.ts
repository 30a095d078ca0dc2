import { escapeInline } from './escape.js';

/** A Markdown table; cells are escaped as untrusted unless passed through `raw()`. */
export interface RawCell {
  raw: string;
}

export function raw(markdown: string): RawCell {
  return { raw: markdown };
}

export function table(headers: string[], rows: (string | number | RawCell)[][]): string {
  const cell = (c: string | number | RawCell) => (typeof c === 'object' ? c.raw.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|') : escapeInline(String(c)));
  return [`| ${headers.map(cell).join(' | ')} |`, `| ${headers.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join(
    '\n',
  );
}

export function details(summary: string, body: string): string {
  return `<details><summary>${escapeInline(summary)}</summary>\n\n${body}\n\n</details>`;
}
