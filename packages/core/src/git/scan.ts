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
  // C-quoted ASCII that unquoteGitPath decodes exactly. diff.relative=false: paths are relative to the
  // root whatever folder git runs in (the hook starts the diff before it knows the root).
  const { stdout } = await git.run([...DIFF_FLAGS, ...args], {
    env: {
      GIT_CONFIG_COUNT: '2',
      GIT_CONFIG_KEY_0: 'core.quotePath',
      GIT_CONFIG_VALUE_0: 'true',
      GIT_CONFIG_KEY_1: 'diff.relative',
      GIT_CONFIG_VALUE_1: 'false',
    },
  });
  const { paths, patch } = splitRawAndPatch(stdout);
  return parseUnifiedDiff(patch, paths);
}

/** Added lines of the index against HEAD (the pre-commit hook's view); works before the first commit. */
export async function stagedDiff(git: Git): Promise<DiffFile[]> {
  // `--cached` alone diffs the index against HEAD, or against the empty tree before the first commit:
  // no `rev-parse HEAD` first, so every pre-commit hook starts one git process fewer.
  return diffFiles(git, ['--cached', '--']);
}

/** Added lines of `A..B` (or `A...B`: against the merge base), as a PR or push introduces them. */
export async function rangeDiff(git: Git, range: string): Promise<DiffFile[]> {
  const match = /^(.+?)(\.\.\.?)(.+)$/.exec(range);
  if (!match)
    throw new ConfigurationError(`--range ${JSON.stringify(range)}: not a commit range; give A..B (commits in B not in A) or A...B (since their merge base).`);
  const [, from, dots, to] = match as unknown as [string, string, string, string];
  return diffFiles(git, ['--end-of-options', `${assertRev(from)}${dots}${assertRev(to)}`, '--']);
}

/**
 * Added lines of every commit in `from..to`, each against its first parent: a secret added by one commit
 * and removed by the next is in the repository's history even though `from..to` as a whole hides it.
 * `from` may be the empty tree (every commit reachable from `to`). A line added twice is kept once.
 */
export async function commitsDiff(git: Git, from: string, to: string): Promise<DiffFile[]> {
  const fromCommit = await git.tryResolve(from);
  const list = await git.text(['rev-list', '--reverse', '--topo-order', '--end-of-options', assertRev(to), ...(fromCommit ? [`^${fromCommit}`] : [])]);
  const byPath = new Map<string, DiffFile>();
  const seen = new Set<string>();
  for (const sha of list.split('\n').filter(Boolean)) {
    const parent = await git.tryResolve(`${sha}^1`);
    const files = await rangeDiff(git, `${parent ?? (await emptyTree(git))}..${sha}`);
    for (const file of files) {
      const kept = byPath.get(file.path) ?? { ...file, lines: [] };
      byPath.set(file.path, kept);
      for (const line of file.lines) {
        const key = `${file.path}\0${line.line}\0${line.text}`;
        if (seen.has(key)) continue;
        seen.add(key);
        kept.lines.push(line);
      }
      kept.binary ||= file.binary;
    }
  }
  for (const file of byPath.values()) file.lines.sort((a, b) => a.line - b.line);
  return [...byPath.values()];
}

/** The id of the empty tree in this repository's object format. */
export async function emptyTree(git: Git): Promise<string> {
  return (await git.objectFormat()) === 'sha256'
    ? '6ef19b41225c5369f1c104d45d8d85efa9b057b53b14b4b9b939dd74decc5321'
    : '4b825dc642cb6eb9a060e54bf8d69288fbee4904';
}
