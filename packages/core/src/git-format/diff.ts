/**
 * The one reader of git's unified diff format (`git diff`, `git format-patch`, combined `diff --cc`, and the
 * header-less per-file `patch` GitHub's pulls/files API returns). Scan reads the added lines of it, recover
 * validates and applies it, the fix phase asks which lines GitHub accepts review comments on.
 */
export interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** Body lines with their ' ', '-', '+' or '\' prefix (combined diffs keep all their prefix columns). */
  lines: string[];
}

export interface FilePatch {
  oldPath: string | null;
  newPath: string | null;
  status: 'modified' | 'added' | 'deleted' | 'renamed';
  /** `old mode`/`new mode`: a permission change. */
  modeChange: boolean;
  binary: boolean;
  /** A `diff --cc`/`diff --combined` section (a merge): its hunks have one prefix column per parent. */
  combined: boolean;
  hunks: Hunk[];
  /** With `addedLinesOnly`: the added lines (the hunks then keep no body lines). */
  added?: AddedLine[];
}

export interface AddedLine {
  line: number;
  text: string;
}

export interface ParseDiffOptions {
  /**
   * Keep only each file's added lines (in `added`), not its hunks' body lines: what the secret scan reads,
   * with a fraction of the allocation on a large diff.
   */
  addedLinesOnly?: boolean;
  /**
   * `true` (a patch we will apply): text before the first `diff --git`, a line inside a hunk that is no
   * hunk line, a hunk longer than its header, or a combined diff throws with the line number, and CRLF
   * transport line endings are normalised. `false` (a diff we only read, e.g. a format-patch e-mail with
   * its headers): such lines end the hunk and are read as headers; bytes are kept as they are.
   */
  strict: boolean;
}

/** Undoes git's C-style path quoting ("a/caf\303\251.txt"): octal escapes are UTF-8 bytes. */
export function unquoteGitPath(raw: string): string {
  if (!raw.startsWith('"') || !raw.endsWith('"') || raw.length < 2) return raw;
  const bytes: number[] = [];
  const simple: Record<string, number> = { n: 10, t: 9, r: 13, b: 8, f: 12, v: 11, a: 7, '"': 34, '\\': 92 };
  for (let i = 1; i < raw.length - 1; i++) {
    const ch = raw[i] as string;
    if (ch !== '\\') {
      for (const byte of Buffer.from(ch, 'utf8')) bytes.push(byte);
      continue;
    }
    const next = raw[i + 1] as string;
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(raw.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(simple[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** A header path without its quoting, `\t<timestamp>` suffix and one `a/`-style prefix (incl. diff.mnemonicPrefix's c/ i/ w/ o/). */
function headerPath(raw: string): string | null {
  const path = unquoteGitPath(raw.replace(/\t.*$/, ''));
  return path === '/dev/null' ? null : path.replace(/^[abciwo12]\//, '');
}

/** `a/x b/x` (paths may be C-quoted); without renames both sides name the same path, spaces and all. */
function gitHeaderPaths(rest: string): [string | null, string | null] {
  const quoted = rest.includes('"') ? (/^("(?:[^"\\]|\\.)*"|\S+) ("(?:[^"\\]|\\.)*")$/.exec(rest) ?? /^("(?:[^"\\]|\\.)*") (.*)$/.exec(rest)) : null;
  if (quoted) return [headerPath(quoted[1] as string), headerPath(quoted[2] as string)];
  const half = (rest.length - 1) / 2;
  if (Number.isInteger(half) && rest.slice(2, half) === rest.slice(half + 3)) return [headerPath(rest.slice(0, half)), headerPath(rest.slice(half + 1))];
  const sep = rest.indexOf(' b/');
  if (sep >= 0) return [headerPath(rest.slice(0, sep)), headerPath(rest.slice(sep + 1))];
  const space = rest.indexOf(' ');
  return space < 0 ? [headerPath(rest), headerPath(rest)] : [headerPath(rest.slice(0, space)), headerPath(rest.slice(space + 1))];
}

export interface HunkHeader {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** Number of parents: 1 for `@@`, 2 for a merge's `@@@`. */
  parents: number;
}

/** `@@ -a,b +c,d @@` (or a combined `@@@ -a,b -e,f +c,d @@@`); counts default to 1 as in git. */
export function parseHunkHeader(line: string): HunkHeader | undefined {
  const m = /^(@@+) -(\d+)(?:,(\d+))? .*?\+(\d+)(?:,(\d+))? @@/.exec(line);
  if (!m) return undefined;
  return {
    oldStart: Number(m[2]),
    oldLines: m[3] === undefined ? 1 : Number(m[3]),
    newStart: Number(m[4]),
    newLines: m[5] === undefined ? 1 : Number(m[5]),
    parents: (m[1] as string).length - 1,
  };
}

const [EMPTY, SPACE, PLUS, MINUS, BACKSLASH] = [-1, 32, 43, 45, 92];

const emptyFile = (oldPath: string | null, newPath: string | null, combined = false): FilePatch => ({
  oldPath,
  newPath,
  status: 'modified',
  modeChange: false,
  binary: false,
  combined,
  hunks: [],
});

function parse(text: string, options: ParseDiffOptions, initial?: FilePatch): FilePatch[] {
  const source = options.strict ? text.replace(/\r\n/g, '\n') : text;
  const addedOnly = options.addedLinesOnly === true;
  const files: FilePatch[] = initial ? [initial] : [];
  let file = initial;
  let hunk: Hunk | undefined;
  let leftOld = 0;
  let leftNew = 0;
  /** addedLinesOnly: the current file's added lines, and the new-file number of the next body line. */
  let added: AddedLine[] = [];
  let newLine = 0;
  const fail = (i: number, why: string): never => {
    throw new Error(`patch line ${i + 1}: ${why}`);
  };
  // Line by line with indexOf, as split('\n') would cut it (a trailing newline gives a last empty line),
  // but a hunk's body lines are only sliced when kept: on a 10 MB diff most of the work is here.
  for (let i = 0, start = 0; start <= source.length; i++) {
    let end = source.indexOf('\n', start);
    if (end < 0) end = source.length;
    const from = start;
    start = end + 1;
    const kind = from < end ? source.charCodeAt(from) : EMPTY;
    if (hunk && (leftOld > 0 || leftNew > 0 || kind === BACKSLASH)) {
      if (kind === BACKSLASH) {
        if (!addedOnly) hunk.lines.push(source.slice(from, end)); // "\ No newline at end of file"
        continue;
      }
      if (kind === SPACE || kind === MINUS || kind === PLUS || kind === EMPTY) {
        if (addedOnly) {
          if (kind === PLUS) added.push({ line: newLine, text: source.slice(from + 1, end) });
          if (kind !== MINUS) newLine++;
        } else hunk.lines.push(kind === EMPTY ? ' ' : source.slice(from, end));
        if (kind !== PLUS) leftOld--;
        if (kind !== MINUS) leftNew--;
        if (options.strict && (leftOld < 0 || leftNew < 0)) fail(i, 'hunk longer than its header says');
        continue;
      }
      if (options.strict) fail(i, `unexpected "${source.slice(from, Math.min(end, from + 40))}" inside a hunk`);
    }
    const line = source.slice(from, end);
    hunk = undefined;
    if (line.startsWith('diff --git ')) {
      file = emptyFile(...gitHeaderPaths(line.slice('diff --git '.length)));
      if (addedOnly) file.added = added = [];
      files.push(file);
      continue;
    }
    const combined = line.startsWith('diff --') ? /^diff --(?:cc|combined) (.*)$/.exec(line) : null;
    if (combined) {
      if (options.strict) fail(i, 'a combined (merge) diff cannot be applied');
      const path = unquoteGitPath(combined[1] as string);
      file = emptyFile(path, path, true);
      if (addedOnly) file.added = added = [];
      files.push(file);
      continue;
    }
    if (!file) {
      if (options.strict && line.trim() !== '') fail(i, 'expected "diff --git"');
      continue;
    }
    const header = line.startsWith('@@') ? parseHunkHeader(line) : undefined;
    if (header) {
      if (options.strict && header.parents > 1) fail(i, 'a combined (merge) diff cannot be applied');
      const { parents: _parents, ...counts } = header;
      hunk = { ...counts, lines: [] };
      leftOld = hunk.oldLines;
      leftNew = hunk.newLines;
      newLine = hunk.newStart;
      file.hunks.push(hunk);
    } else if (line.startsWith('--- ')) file.oldPath = headerPath(line.slice(4));
    else if (line.startsWith('+++ ')) file.newPath = headerPath(line.slice(4));
    else if (line.startsWith('new file mode')) file.status = 'added';
    else if (line.startsWith('deleted file mode')) file.status = 'deleted';
    else if (line.startsWith('old mode') || line.startsWith('new mode')) file.modeChange = true;
    else if (line.startsWith('rename from ')) {
      file.status = 'renamed';
      file.oldPath = unquoteGitPath(line.slice('rename from '.length));
    } else if (line.startsWith('rename to ')) file.newPath = unquoteGitPath(line.slice('rename to '.length));
    else if (line.startsWith('Binary files') || line.startsWith('GIT binary patch')) file.binary = true;
  }
  for (const f of files) {
    if (f.status === 'added') f.oldPath = null;
    if (f.status === 'deleted') f.newPath = null;
  }
  return files;
}

/** Parses a unified diff into its file sections. */
export function parseDiff(text: string, options: ParseDiffOptions): FilePatch[] {
  return parse(text, options);
}

/** The hunks of one file's header-less patch, as GitHub's pulls/files and commits APIs return it. */
export function parseFileHunks(patch: string): Hunk[] {
  return parse(patch, { strict: false }, emptyFile(null, null))[0]?.hunks ?? [];
}

/** Added lines with their line number in the new file: what the secret scan reads. */
export function addedLines(file: FilePatch): AddedLine[] {
  if (file.added) return file.added;
  const out: AddedLine[] = [];
  for (const h of file.hunks) {
    let n = h.newStart;
    for (const l of h.lines) {
      if (l[0] === '+') out.push({ line: n, text: l.slice(1) });
      if (l[0] === '+' || l[0] === ' ') n++;
    }
  }
  return out;
}
