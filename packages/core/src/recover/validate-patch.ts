import { addedLines, type AddedLine, type FilePatch } from '../git-format/diff.js';
import { changedLines, parsePatch, patchFingerprint } from './patch.js';
import { scanAddedLines } from '../scan/engine.js';
import { prohibitedPath } from './prohibited.js';

export interface SecretHit {
  path: string;
  line: number;
  rule: string;
}

/** The secret scan, injected: the scan engine's `scanAddedLines` adapted to this shape. */
export type AddedLineScanner = (files: { path: string; lines: AddedLine[] }[]) => SecretHit[] | Promise<SecretHit[]>;

export interface PatchLimits {
  maxChangedLines: number;
  prohibitedPaths: readonly string[];
  /** Defaults to the secret-scan engine. */
  scan?: AddedLineScanner;
}

/**
 * The secret-scan engine over a patch's added lines. Stricter than a repository scan: vendored and lock
 * files are scanned too, and `closed-loop:allow` pragmas do not count, since the patch could add them itself.
 */
export const scanPatchSecrets: AddedLineScanner = (files) =>
  scanAddedLines(files, { defaultExcludes: false, includeSuppressed: true }).map((f) => ({ path: f.file, line: f.line, rule: f.ruleId }));

export type PatchVerdict =
  { ok: true; files: FilePatch[]; changedLines: number; fingerprint: string } | { ok: false; reason: string; problems: string[]; changedLines: number };

/**
 * Everything a fixer patch must satisfy before the privileged job commits it. The patch comes from a
 * job that ran repository code, so it is untrusted input: each rule is checked here, in code, whatever
 * the config says. Applying it to the expected head is the executor's last check.
 */
export async function validatePatch(text: string, limits: PatchLimits): Promise<PatchVerdict> {
  let files: FilePatch[];
  try {
    files = parsePatch(text);
  } catch (error) {
    return { ok: false, reason: `the patch is malformed: ${(error as Error).message}`, problems: ['malformed'], changedLines: 0 };
  }
  const count = changedLines(files);
  const problems: string[] = [];
  if (!files.length) problems.push('the fixers changed nothing');
  if (count > limits.maxChangedLines) problems.push(`${count} changed lines, over the limit of ${limits.maxChangedLines}`);
  for (const f of files) {
    const name = f.newPath ?? f.oldPath ?? '?';
    if (f.status === 'deleted') problems.push(`deletes ${name}; fixes never delete files`);
    if (f.status === 'added') problems.push(`creates ${name}; fixes only edit existing files`);
    if (f.status === 'renamed') problems.push(`renames ${f.oldPath} to ${f.newPath}; fixes never move files`);
    if (f.modeChange) problems.push(`changes the permissions of ${name}`);
    if (f.binary) problems.push(`changes the binary file ${name}`);
    for (const p of new Set([f.oldPath, f.newPath])) {
      const rule = p ? prohibitedPath(p, limits.prohibitedPaths) : undefined;
      if (rule) problems.push(`touches ${p}, a prohibited path (${rule})`);
    }
  }
  if (!problems.length) {
    const hits = await (limits.scan ?? scanPatchSecrets)(files.map((f) => ({ path: f.newPath ?? '', lines: addedLines(f) })));
    for (const h of hits) problems.push(`adds a likely secret (${h.rule}) at ${h.path}:${h.line}`);
  }
  if (problems.length) return { ok: false, reason: `patch refused: ${problems.join('; ')}`, problems, changedLines: count };
  return { ok: true, files, changedLines: count, fingerprint: patchFingerprint(files) };
}
