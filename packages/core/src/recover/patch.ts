import { createHash } from 'node:crypto';
import { parseDiff, type FilePatch } from '../git-format/diff.js';
import { pushAll } from '../iterate.js';

/** Parses `git diff` output we are about to apply: malformed input throws with the line number. */
export function parsePatch(text: string): FilePatch[] {
  return parseDiff(text, { strict: true });
}

export function changedLines(files: FilePatch[]): number {
  return files.reduce((n, f) => n + f.hunks.reduce((m, h) => m + h.lines.filter((l) => l[0] === '+' || l[0] === '-').length, 0), 0);
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
    pushAll(out, src.slice(pos, start));
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
  pushAll(out, src.slice(pos));
  if (!out.length) return '';
  const finalNewline = touchesEnd ? !newNoNewline : endsWithNewline;
  return out.join('\n') + (finalNewline ? '\n' : '');
}
