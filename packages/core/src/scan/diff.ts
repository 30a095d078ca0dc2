import type { ScanFile } from './types.js';

/** A file section of a unified diff: where its added lines are, or why it has none. */
export interface DiffFile extends ScanFile {
  binary: boolean;
  deleted: boolean;
}

/** Undoes git's C-style path quoting ("a/caf\303\251.txt"): octal escapes are UTF-8 bytes. */
export function unquoteGitPath(raw: string): string {
  if (!raw.startsWith('"') || !raw.endsWith('"') || raw.length < 2) return raw;
  const bytes: number[] = [];
  const simple: Record<string, number> = { n: 10, t: 9, r: 13, b: 8, f: 12, v: 11, a: 7, '"': 34, '\\': 92 };
  for (let i = 1; i < raw.length - 1; i++) {
    const ch = raw[i] as string;
    if (ch !== '\\') {
      bytes.push(...Buffer.from(ch, 'utf8'));
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

function stripPrefix(path: string): string {
  const unquoted = unquoteGitPath(path.replace(/\t$/, ''));
  return unquoted.replace(/^[abciwo12]\//, '');
}

/**
 * The added lines of a unified diff (git diff / format-patch), with their new-file line numbers.
 * Deleted lines and context are ignored: a commit that removes a secret must not be reported.
 * `paths`, when given (from `git diff --raw -z`), replaces the header paths in order, so file names
 * with newlines or odd bytes stay exact.
 */
export function parseUnifiedDiff(diff: string, paths?: readonly string[]): DiffFile[] {
  const files: DiffFile[] = [];
  let current: DiffFile | undefined;
  let newLine = 0;
  let inHunk = false;
  let remainingOld = 0;
  let remainingNew = 0;
  const lines = diff.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] as string;
    if (inHunk && (remainingOld > 0 || remainingNew > 0)) {
      const tag = raw[0];
      if (tag === '+') {
        current?.lines.push({ line: newLine++, text: raw.slice(1) });
        remainingNew--;
        continue;
      }
      if (tag === '-') {
        remainingOld--;
        continue;
      }
      if (tag === ' ' || raw === '') {
        newLine++;
        remainingOld--;
        remainingNew--;
        continue;
      }
      if (tag === '\\') continue; // "\ No newline at end of file"
    }
    inHunk = false;
    if (raw.startsWith('diff --git ') || raw.startsWith('diff --cc ') || raw.startsWith('diff --combined ')) {
      const header = /^diff --git ("(?:[^"\\]|\\.)*"|\S+) ("(?:[^"\\]|\\.)*"|.+)$/.exec(raw);
      current = { path: header ? stripPrefix(header[2] as string) : raw.slice(raw.lastIndexOf(' ') + 1), lines: [], binary: false, deleted: false };
      files.push(current);
    } else if (raw.startsWith('+++ ') && current) {
      const target = raw.slice(4);
      if (target === '/dev/null') current.deleted = true;
      else current.path = stripPrefix(target);
    } else if (raw.startsWith('deleted file mode') && current) current.deleted = true;
    else if ((raw.startsWith('Binary files ') || raw === 'GIT binary patch') && current) current.binary = true;
    else if (raw.startsWith('@@') && current) {
      const hunk = /^@@+ -\d+(?:,(\d+))? .*?\+(\d+)(?:,(\d+))? @@/.exec(raw);
      if (!hunk) continue;
      newLine = Number(hunk[2]);
      remainingOld = hunk[1] === undefined ? 1 : Number(hunk[1]);
      remainingNew = hunk[3] === undefined ? 1 : Number(hunk[3]);
      inHunk = true;
    }
  }
  // The NUL-separated list is exact; use it when it lines up one-to-one with the sections.
  if (paths && paths.length === files.length) files.forEach((f, i) => (f.path = paths[i] as string));
  return files;
}
