// Builds a synthetic repository for value-discovery in seconds with `git fast-import`: files with
// branching code and debt markers, and a skewed commit history so some files are real hotspots.
import { Git, seededRandom } from '@closed-loop/core';

export interface RepoShape {
  commits: number;
  files: number;
  /** Files each commit after the first changes. */
  filesPerCommit?: number;
  seed?: number;
  /** Unix seconds of the newest commit; history spreads back over `spanDays`. */
  now: number;
  spanDays?: number;
  /** More files a commit writes (path → text), e.g. generated code that changes with every schema change. */
  extra?: (commit: number, random: () => number) => Record<string, string>;
}

export const GIT_ENV = {
  GIT_AUTHOR_NAME: 'bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
};

function source(index: number, version: number): string {
  const depth = 1 + (index % 5);
  const lines = [`// module ${index}`, `export function f${index}(x: number): number {`];
  for (let d = 0; d < depth + (version % 3); d++) lines.push(`${'  '.repeat(d + 1)}if (x > ${d} && x < ${d + version}) {`);
  lines.push(`${'  '.repeat(depth + 1)}x += ${version};`);
  for (let d = depth + (version % 3) - 1; d >= 0; d--) lines.push(`${'  '.repeat(d + 1)}}`);
  if (index % 7 === 0) lines.push(`  // TODO: simplify module ${index}`);
  if (index % 31 === 0) lines.push(`  // FIXME: overflow when x is large (${index})`);
  lines.push('  return x;', '}', '');
  return lines.join('\n');
}

const pathOf = (i: number) => (i % 10 === 9 ? `test/mod${i - 1}.test.ts` : `src/pkg${i % 40}/mod${i}.ts`);

/** Creates the repository in `dir` (an empty directory) and checks out its head. */
export async function generateRepo(dir: string, shape: RepoShape): Promise<Git> {
  const git = new Git(dir, GIT_ENV);
  await git.run(['init', '-q', '-b', 'main']);
  const random = seededRandom(shape.seed ?? 42);
  const per = shape.filesPerCommit ?? 3;
  const span = (shape.spanDays ?? 300) * 86_400;
  const chunks: string[] = [];
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  const version = new Array<number>(shape.files).fill(0);
  for (let c = 0; c < shape.commits; c++) {
    const time = Math.floor(shape.now - span + (span * (c + 1)) / shape.commits);
    chunks.push(`commit refs/heads/main\ncommitter bench <bench@example.com> ${time} +0000\n${data(`commit ${c}`)}`);
    // Skewed choice (r³): a few files take most of the churn, like real code.
    const touched = c === 0 ? Array.from({ length: shape.files }, (_, i) => i) : Array.from({ length: per }, () => Math.floor(shape.files * random() ** 3));
    for (const i of new Set(touched)) {
      version[i] = (version[i] ?? 0) + 1;
      chunks.push(`M 100644 inline ${pathOf(i)}\n${data(source(i, version[i] ?? 0))}`);
    }
    for (const [path, text] of Object.entries(shape.extra?.(c, random) ?? {})) chunks.push(`M 100644 inline ${path}\n${data(text)}`);
  }
  await git.run(['fast-import', '--quiet'], { input: chunks.join('') });
  await git.run(['checkout', '-q', '-f', 'main']);
  return git;
}
