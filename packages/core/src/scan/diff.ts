import { addedLines, parseDiff } from '../git-format/diff.js';
import type { ScanFile } from './types.js';

/** A file section of a unified diff: where its added lines are, or why it has none. */
export interface DiffFile extends ScanFile {
  binary: boolean;
  deleted: boolean;
}

/**
 * The added lines of a unified diff (git diff / format-patch), with their new-file line numbers.
 * Deleted lines and context are ignored: a commit that removes a secret must not be reported.
 * `paths`, when given (from `git diff --raw -z`), replaces the header paths in order, so file names
 * with newlines or odd bytes stay exact.
 */
export function parseUnifiedDiff(diff: string, paths?: readonly string[]): DiffFile[] {
  const files = parseDiff(diff, { strict: false, addedLinesOnly: true }).map((f): DiffFile => ({
    path: f.newPath ?? f.oldPath ?? '',
    lines: addedLines(f),
    binary: f.binary,
    deleted: f.newPath === null,
  }));
  // The NUL-separated list is exact; use it when it lines up one-to-one with the sections.
  if (paths && paths.length === files.length) files.forEach((f, i) => (f.path = paths[i] as string));
  return files;
}
