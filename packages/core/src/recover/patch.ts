import { createHash } from 'node:crypto';
import { unquoteGitPath } from '../scan/diff.js';

export interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** Body lines with their ' ', '-', '+' or '\' prefix. */
  lines: string[];
}

export interface FilePatch {
  oldPath: string | null;
  newPath: string | null;
  status: 'modified' | 'added' | 'deleted' | 'renamed';
  /** `old mode`/`new mode`: a permission change. */
  modeChange: boolean;
  binary: boolean;
  hunks: Hunk[];
}

export interface AddedLine {
  line: number;
  text: string;
}

/** Parses `git diff` output (unified, git extended headers). Malformed input throws with the line number. */
export function parsePatch(text: string): FilePatch[] {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const files: FilePatch[] = [];
  let file: FilePatch | undefined;
  let hunk: Hunk | undefined;
  let left = { old: 0, new: 0 };
  for (const [i, line] of lines.entries()) {
    if (hunk && (left.old > 0 || left.new > 0 || line.startsWith('\\'))) {
      const kind = line[0];
      if (kind === '\\') {
        hunk.lines.push(line);
        continue;
      }
      if (kind !== ' ' && kind !== '-' && kind !== '+' && line !== '') throw new Error(`patch line ${i + 1}: unexpected "${line.slice(0, 40)}" inside a hunk`);
      hunk.lines.push(line === '' ? ' ' : line);
      if (kind !== '+') left.old--;
      if (kind !== '-') left.new--;
      if (left.old < 0 || left.new < 0) throw new Error(`patch line ${i + 1}: hunk longer than its header says`);
      continue;
    }
    hunk = undefined;
    if (line.startsWith('diff --git ')) {
      file = { oldPath: null, newPath: null, status: 'modified', modeChange: false, binary: false, hunks: [] };
      const both = headerPaths(line.slice('diff --git '.length));
      file.oldPath = both[0];
      file.newPath = both[1];
      files.push(file);
      continue;
    }
    if (!file) {
      if (line.trim() === '') continue;
      throw new Error(`patch line ${i + 1}: expected "diff --git"`);
    }
    const m = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (m) {
      hunk = {
        oldStart: Number(m[1]),
        oldLines: m[2] === undefined ? 1 : Number(m[2]),
        newStart: Number(m[3]),
        newLines: m[4] === undefined ? 1 : Number(m[4]),
        lines: [],
      };
      left = { old: hunk.oldLines, new: hunk.newLines };
      file.hunks.push(hunk);
    } else if (line.startsWith('--- ')) file.oldPath = devNull(line.slice(4), 'a/');
    else if (line.startsWith('+++ ')) file.newPath = devNull(line.slice(4), 'b/');
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

function devNull(raw: string, prefix: string): string | null {
  const p = unquoteGitPath(raw.replace(/\t.*$/, ''));
  if (p === '/dev/null') return null;
  return p.startsWith(prefix) ? p.slice(prefix.length) : p;
}

/** `a/x b/x` (paths may be C-quoted); without renames both sides name the same path. */
function headerPaths(rest: string): [string, string] {
  if (rest.startsWith('"')) {
    const m = /^("(?:[^"\\]|\\.)*") (.*)$/.exec(rest);
    if (m?.[1] && m[2]) return [unquoteGitPath(m[1]).replace(/^a\//, ''), unquoteGitPath(m[2]).replace(/^b\//, '')];
  }
  const half = (rest.length - 1) / 2;
  if (Number.isInteger(half) && rest.slice(2, half) === rest.slice(half + 3)) return [rest.slice(2, half), rest.slice(half + 3)];
  const sep = rest.indexOf(' b/');
  return [rest.slice(2, sep), rest.slice(sep + 3)];
}

export function changedLines(files: FilePatch[]): number {
  return files.reduce((n, f) => n + f.hunks.reduce((m, h) => m + h.lines.filter((l) => l[0] === '+' || l[0] === '-').length, 0), 0);
}

/** Added lines with their line number in the new file: what the secret scan reads. */
export function addedLines(file: FilePatch): AddedLine[] {
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

/**
 * Identity of a fix independent of where it lands: paths and changed lines, not line numbers or context.
 * A human revert of a fix blocks its fingerprint for good.
 */
export function patchFingerprint(files: FilePatch[]): string {
  const h = createHash('sha256');
  for (const f of [...files].sort((a, b) => String(a.newPath).localeCompare(String(b.newPath)))) {
    h.update(`${f.oldPath}\0${f.newPath}\0`);
    for (const hunk of f.hunks) for (const l of hunk.lines) if (l[0] === '+' || l[0] === '-') h.update(`${l}\n`);
  }
  return h.digest('hex').slice(0, 16);
}

export class PatchApplyError extends Error {
  override readonly name = 'PatchApplyError';
}

/** Applies one file's hunks to its text exactly (no fuzz, no offset): anything else means the head moved. */
export function applyFilePatch(original: string, file: FilePatch): string {
  const endsWithNewline = original === '' || original.endsWith('\n');
  const src = original === '' ? [] : (endsWithNewline ? original.slice(0, -1) : original).split('\n');
  const out: string[] = [];
  let pos = 0;
  let newNoNewline = false;
  let touchesEnd = false;
  for (const h of file.hunks) {
    const start = h.oldLines === 0 ? h.oldStart : h.oldStart - 1;
    if (start < pos || start > src.length) throw new PatchApplyError(`${file.newPath}: hunk at line ${h.oldStart} does not fit the file`);
    out.push(...src.slice(pos, start));
    pos = start;
    let last = '';
    newNoNewline = false;
    for (const l of h.lines) {
      const kind = l[0];
      const text = l.slice(1);
      if (kind === '\\') {
        if (last !== '-') newNoNewline = true;
        continue;
      }
      last = kind ?? '';
      if (kind === ' ' || kind === '-') {
        if (src[pos] !== text)
          throw new PatchApplyError(`${file.newPath}: line ${pos + 1} differs from the patch's context; the file changed since the fix was made`);
        pos++;
      }
      if (kind === ' ' || kind === '+') out.push(text);
    }
    touchesEnd = pos === src.length;
  }
  out.push(...src.slice(pos));
  if (!out.length) return '';
  const finalNewline = touchesEnd ? !newNoNewline : endsWithNewline;
  return out.join('\n') + (finalNewline ? '\n' : '');
}
