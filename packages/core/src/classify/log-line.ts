/**
 * One line of a GitHub Actions (or any CI) log, cleaned: the timestamp prefix, ANSI colour and `\r`
 * progress redraws removed, and the runner's `##[…]` markers recognised. Works a line at a time so the
 * scanner never holds the log.
 */
export type LogFormat = 'raw' | 'gh-run-view' | 'plain';

export type Marker = 'group' | 'endgroup' | 'error' | 'warning' | 'notice' | 'command' | undefined;

export interface LogLine {
  text: string;
  marker: Marker;
  /** From the `gh run view --log` columns. */
  job?: string;
  step?: string;
}

// `gh run view --log`: job<TAB>step<TAB>2024-01-01T00:00:00.0000000Z text
const GH_RUN_VIEW = /^([^\t]*)\t([^\t]*)\t\uFEFF?(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z) ?/;
const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z ?/;
// CSI sequences (colours, cursor moves), OSC sequences (titles, hyperlinks) and charset switches.
const ESC = '\u001b';
const BEL = '\u0007';
const ANSI = new RegExp(`${ESC}\\[[0-9;?]*[ -/]*[@-~]|${ESC}\\][^${BEL}${ESC}]*(?:${BEL}|${ESC}\\\\)|${ESC}[()][A-Z0-9]|${ESC}[=>]`, 'g');
const MARKER = /^##\[(group|endgroup|error|warning|notice|command|section)\]/;

/** Decides the format from the first non-empty line. */
export function detectFormat(line: string): LogFormat {
  const l = line.charCodeAt(0) === 0xfeff ? line.slice(1) : line;
  if (GH_RUN_VIEW.test(l)) return 'gh-run-view';
  if (TIMESTAMP.test(l)) return 'raw';
  return 'plain';
}

/** Keeps what a terminal would show after `\r` redraws; a trailing `\r` is a CRLF ending. */
export function stripProgress(line: string): string {
  let l = line.endsWith('\r') ? line.slice(0, -1) : line;
  const cr = l.lastIndexOf('\r');
  if (cr >= 0) {
    // A redraw that ends in an empty frame keeps the last non-empty one.
    const frames = l.split('\r');
    l = [...frames].reverse().find((f) => f.trim() !== '') ?? '';
  }
  return l;
}

export function stripAnsi(text: string): string {
  return text.includes(ESC) ? text.replace(ANSI, '') : text;
}

export function parseLine(raw: string, format: LogFormat): LogLine {
  let text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  let job: string | undefined;
  let step: string | undefined;
  if (format === 'gh-run-view') {
    const m = GH_RUN_VIEW.exec(text);
    if (m) {
      job = m[1];
      step = m[2];
      text = text.slice(m[0].length);
    }
  } else if (format === 'raw' && text.length > 20 && text.charCodeAt(4) === 45 /* - */) {
    const m = TIMESTAMP.exec(text);
    if (m) text = text.slice(m[0].length);
  }
  text = stripAnsi(stripProgress(text));
  let marker: Marker;
  if (text.charCodeAt(0) === 35 /* # */ && text.charCodeAt(1) === 35) {
    const m = MARKER.exec(text);
    if (m) {
      marker = m[1] === 'section' ? 'group' : (m[1] as Marker);
      text = text.slice(m[0].length);
    }
  } else if (text.startsWith('[command]')) {
    marker = 'command';
    text = text.slice('[command]'.length);
  }
  return { text, marker, ...(job !== undefined ? { job } : {}), ...(step !== undefined ? { step } : {}) };
}
