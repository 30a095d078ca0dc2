import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Git } from './git.js';

export interface WorkspaceSnapshot {
  /** The tracked files as they are in the working tree, as a tree object. */
  tree: string;
  /** Tracked files that already differ from HEAD (uncommitted changes). */
  changed: string[];
}

/**
 * The working tree's tracked files as they are now, written as a tree object through a temporary index:
 * neither the index nor HEAD nor any file changes. A diff against it later holds only what changed since
 * (what the fixers did), not the uncommitted changes that were already there.
 */
export async function workspaceSnapshot(git: Git): Promise<WorkspaceSnapshot> {
  const dir = mkdtempSync(join(tmpdir(), 'cl-index-'));
  try {
    const env = { GIT_INDEX_FILE: join(dir, 'index') };
    await git.run(['read-tree', 'HEAD'], { env });
    await git.run(['add', '--update', '--', '.'], { env });
    const tree = await git.text(['write-tree'], { env });
    const changed = (await git.text(['diff', '--name-only', '--no-renames', 'HEAD', tree, '--'])).split('\n').filter(Boolean);
    return { tree, changed };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The patch from `from` (a tree or commit) to the working tree's tracked files. */
export async function workspaceDiff(git: Git, from: string): Promise<string> {
  return (await git.run(['diff', '--no-color', '--no-ext-diff', '--end-of-options', from, '--'])).stdout.toString('utf8');
}
