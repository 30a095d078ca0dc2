import { statSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigurationError } from '../errors.js';

/**
 * Where an action will write, checked before any API call or heavy work: a report folder that is a
 * file, or an output file that is a folder, fails at once in one line naming the input, instead of
 * after minutes of work (and after the findings could have been shown).
 */
export function checkOutputFile(full: string, label: string, given = full): void {
  if (statOf(full)?.isDirectory()) throw new ConfigurationError(`${label}: ${given} is a directory; give the path of a file to write.`);
  parentsAreFolders(dirname(full), full, label, given);
}

/** A folder to write into: it may not exist yet (it is created), but it, or the nearest existing parent, must be a folder. */
export function checkOutputDir(full: string, label: string, given = full): void {
  parentsAreFolders(full, full, label, given);
}

function parentsAreFolders(start: string, target: string, label: string, given: string): void {
  for (let dir = start; ; dir = dirname(dir)) {
    const stats = statOf(dir);
    if (stats && !stats.isDirectory())
      throw new ConfigurationError(`${label}: ${dir === target ? given : `${dir} (in ${given})`} is a file, not a directory; choose another path.`);
    if (stats || dirname(dir) === dir) return;
  }
}

function statOf(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
