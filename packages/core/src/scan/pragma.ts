/** The inline override: `closed-loop:allow <reason>` anywhere on the line (usually in a comment). */
const PRAGMA = /closed-loop:allow\b(?<reason>[^\r\n]*)/;

export interface Pragma {
  /** Empty when no reason was given (the pragma is then ignored, visibly). */
  reason: string;
}

export function readPragma(line: string): Pragma | undefined {
  if (!line.includes('closed-loop:allow')) return undefined;
  const match = PRAGMA.exec(line);
  if (!match) return undefined;
  // Strip comment terminators and quotes that follow the reason in most languages.
  const reason = (match.groups?.reason ?? '').replace(/(\*\/|-->|%>|#}|["'`;]+)\s*$/g, '').trim();
  return { reason: /[A-Za-z]{2,}/.test(reason) ? reason.slice(0, 200) : '' };
}
