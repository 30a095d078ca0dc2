import { ConfigurationError } from '../errors.js';
import { parseUnifiedDiff, type DiffFile } from '../scan/diff.js';
import { assertRev, type Git } from './git.js';

// No external diff drivers or textconv filters: we scan the bytes that are committed, and a repo's
// config must not be able to run programs during a scan.
const DIFF_FLAGS = ['diff', '--no-ext-diff', '--no-textconv', '--no-color', '--no-renames', '--unified=0', '--raw', '-z', '-p', '--diff-filter=ACMRTU'];

/**
 * `--raw -z -p` prints the NUL-separated file list first (exact paths), a NUL, then the patch; the
 * list gives each section its exact path.
 */
export function splitRawAndPatch(output: Buffer): { paths: string[]; patch: string } {
  const text = output.toString('utf8');
  const boundary = text.indexOf('\0\0');
  const rawPart = boundary >= 0 ? text.slice(0, boundary + 1) : '';
  const patch = boundary >= 0 ? text.slice(boundary + 2) : text;
  const fields = rawPart.split('\0').filter((f, i, all) => f !== '' || i < all.length - 1);
  const paths: string[] = [];
  for (let i = 0; i < fields.length; i++) {
    if ((fields[i] as string).startsWith(':')) {
      paths.push(fields[i + 1] ?? '');
      i++;
    }
  }
  return { paths, patch };
}

async function diffFiles(git: Git, args: string[]): Promise<DiffFile[]> {
  // core.quotePath=true (through the environment, so the command stays `git diff …`): header paths are
  // C-quoted ASCII that unquoteGitPath decodes exactly.
  const { stdout } = await git.run([...DIFF_FLAGS, ...args], {
    env: { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'core.quotePath', GIT_CONFIG_VALUE_0: 'true' },
  });
  const { paths, patch } = splitRawAndPatch(stdout);
  return parseUnifiedDiff(patch, paths);
}

/** Added lines of the index against HEAD (the pre-commit hook's view); works before the first commit. */
export async function stagedDiff(git: Git): Promise<DiffFile[]> {
  const head = await git.tryResolve('HEAD');
  return diffFiles(git, ['--cached', ...(head ? ['--end-of-options', head] : []), '--']);
}

/** Added lines of `A..B` (or `A...B`: against the merge base), as a PR or push introduces them. */
export async function rangeDiff(git: Git, range: string): Promise<DiffFile[]> {
  const match = /^(.+?)(\.\.\.?)(.+)$/.exec(range);
  if (!match)
    throw new ConfigurationError(`--range ${JSON.stringify(range)}: not a commit range; give A..B (commits in B not in A) or A...B (since their merge base).`);
  const [, from, dots, to] = match as unknown as [string, string, string, string];
  return diffFiles(git, ['--end-of-options', `${assertRev(from)}${dots}${assertRev(to)}`, '--']);
}
