import { oneLine, Redactor } from '@closed-loop/core';

/**
 * Text made safe for a terminal: control characters (a binary file's escape bytes could move the cursor,
 * retitle the window or hide text) are shown as \xNN instead of being sent raw.
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** JSON.parse quotes the start of the text it could not read (`Unexpected token 'g', "ghp_Zq8Xw2"... is not valid JSON`). */
const JSON_EXCERPT = /, "(?:[^"\\]|\\.)*"(?:\.\.\.)? is not valid JSON/g;

/**
 * The one stderr line of an error: on one line, without the excerpt of the input JSON.parse quotes, with
 * credentials in token formats redacted (a config key, a verdict field or a bad value may hold one) and
 * control characters shown as \xNN.
 */
export function errorLine(message: string): string {
  return printable(new Redactor().redact(oneLine(message).replace(JSON_EXCERPT, '')));
}
