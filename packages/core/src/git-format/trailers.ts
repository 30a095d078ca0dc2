/**
 * Commit trailers, parsed with git's own rules (trailer.c, as `git log --format=%(trailers)` applies them):
 * only the last paragraph counts, and only when all its lines are trailers, or at least a quarter are and
 * one is git-generated (`Signed-off-by: `, `(cherry picked from commit `). The title paragraph never
 * counts. Keys are matched case-insensitively; continuation lines (leading whitespace) are unfolded.
 * A `---` line is body text here, not a patch divider: the message is already a commit.
 */
export interface Trailer {
  key: string;
  value: string;
}

const GIT_GENERATED_PREFIXES = ['Signed-off-by: ', '(cherry picked from commit '];
const COMMENT = '#';

const isBlank = (line: string): boolean => /^[ \t\n\r\f\v]*$/.test(line);
const startsWithSpace = (line: string): boolean => /^[ \t\n\r\f\v]/.test(line);

/** Position of the `:` ending a `token:` prefix (token = alphanumerics and `-`, then optional blanks), else -1. */
export function findSeparator(line: string): number {
  let whitespaceFound = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charAt(i);
    if (c === ':') return i;
    if (!whitespaceFound && /[A-Za-z0-9-]/.test(c)) continue;
    if (i !== 0 && (c === ' ' || c === '\t')) {
      whitespaceFound = true;
      continue;
    }
    break;
  }
  return -1;
}

/** Lines with their terminating newline kept, as git walks them. */
function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** Number of lines at the end that git ignores: the trailing run of comment and empty lines. */
function ignoredTail(lines: readonly string[]): number {
  let start = -1;
  let inConflicts = false;
  lines.forEach((line, i) => {
    if (line.startsWith(COMMENT) || line === '\n') {
      if (start < 0) start = i;
    } else if (line === 'Conflicts:\n') {
      inConflicts = true;
      if (start < 0) start = i;
    } else if (inConflicts && line.startsWith('\t')) {
      // a path in an old-style conflicts block
    } else {
      start = -1;
      inConflicts = false;
    }
  });
  return start < 0 ? 0 : lines.length - start;
}

/** Index of the first line of the trailer block within `lines`, or lines.length when there is none. */
function trailerBlockStart(lines: readonly string[]): number {
  let endOfTitle = 0;
  for (const line of lines) {
    if (!line.startsWith(COMMENT) && isBlank(line)) break;
    endOfTitle++;
  }

  let onlySpaces = true;
  let recognizedPrefix = false;
  let trailerLines = 0;
  let nonTrailerLines = 0;
  let possibleContinuationLines = 0;
  for (let i = lines.length - 1; i >= endOfTitle; i--) {
    const line = lines[i] ?? '';
    if (line.startsWith(COMMENT)) {
      nonTrailerLines += possibleContinuationLines;
      possibleContinuationLines = 0;
      continue;
    }
    if (isBlank(line)) {
      if (onlySpaces) continue;
      nonTrailerLines += possibleContinuationLines;
      if (recognizedPrefix && trailerLines * 3 >= nonTrailerLines) return i + 1;
      if (trailerLines && !nonTrailerLines) return i + 1;
      return lines.length;
    }
    onlySpaces = false;
    if (GIT_GENERATED_PREFIXES.some((p) => line.startsWith(p))) {
      trailerLines++;
      possibleContinuationLines = 0;
      recognizedPrefix = true;
      continue;
    }
    if (findSeparator(line) >= 1 && !startsWithSpace(line)) {
      trailerLines++;
      possibleContinuationLines = 0;
    } else if (startsWithSpace(line)) {
      possibleContinuationLines++;
    } else {
      nonTrailerLines += 1 + possibleContinuationLines;
      possibleContinuationLines = 0;
    }
  }
  return lines.length;
}

/** Newline plus the indentation after it becomes one space, as git's unfold_value does. */
function unfold(value: string): string {
  return value.replace(/\n[ \t\n\r\f\v]*/g, ' ').trim();
}

/** The trailers of a commit message, in order, with keys as written. */
export function parseTrailers(message: string): Trailer[] {
  const all = splitLines(message);
  const lines = all.slice(0, all.length - ignoredTail(all));
  const block = lines.slice(trailerBlockStart(lines));
  const items: string[] = [];
  let lastIsTrailer = false;
  for (const line of block) {
    if (line.startsWith(COMMENT)) continue;
    if (lastIsTrailer && startsWithSpace(line)) {
      items.push(`${items.pop() ?? ''}${line}`);
      continue;
    }
    items.push(line);
    lastIsTrailer = findSeparator(line) >= 1;
  }
  const trailers: Trailer[] = [];
  for (const item of items) {
    const sep = findSeparator(item);
    if (sep < 1) continue;
    trailers.push({ key: item.slice(0, sep).trim(), value: unfold(item.slice(sep + 1)) });
  }
  return trailers;
}

/** Every value of one trailer key (case-insensitive), in message order. */
export function trailerValues(trailers: readonly Trailer[], key: string): string[] {
  const k = key.toLowerCase();
  return trailers.filter((t) => t.key.toLowerCase() === k).map((t) => t.value);
}
