// The bundles dist/ holds and how ncc builds them: shared by build.mjs (writes them) and sbom.mjs (lists
// what is inside them), so both see the same module graph.
import ncc from '@vercel/ncc';
import { minify } from 'terser';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** One entry per action with a src/main.ts, plus the CLI. */
export function bundleEntries() {
  const entries = readdirSync(join(root, 'actions'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, 'actions', d.name, 'src', 'main.ts')))
    .map((d) => ({ name: d.name, input: join(root, 'actions', d.name, 'src', 'main.ts') }));
  entries.push({ name: 'cli', input: join(root, 'packages', 'cli', 'src', 'bin.ts') });
  return entries;
}

/** What ncc's own `minify` passes terser for index.js (names kept, no compression). */
const MINIFY = { module: true, compress: false, mangle: { keep_classnames: true, keep_fnames: true } };

/** Bundles one entry; `files` are the absolute paths of every source module webpack put into it. */
export async function bundle(input) {
  const { code, assets, stats } = await ncc(input, {
    cache: false,
    // terser through ncc, names kept (keep_fnames/keep_classnames): halves each bundle and the code node
    // parses at start (≤ 1.5 MB each; tests/bench/bundles). licenses.txt still names every package inside.
    minify: true,
    sourceMap: false,
    transpileOnly: true, // `npm run typecheck` is the type gate; bundling stays fast
    license: 'licenses.txt',
    quiet: true,
    target: 'es2022',
  });
  // Only modules that landed in a chunk: webpack also builds modules it then drops (unused re-exports of
  // side-effect-free packages), and those are not in the bundle.
  const compilation = stats?.compilation;
  const files = new Set();
  for (const module of compilation?.modules ?? []) {
    if (!compilation.chunkGraph.getNumberOfModuleChunks(module)) continue;
    for (const m of [module, ...(module.modules ?? [])]) if (typeof m.resource === 'string') files.add(m.resource.split('?')[0]);
  }
  // ncc minifies only index.js: the chunks of non-eager `import()`s (N.index.js, the CLI's commands) get
  // the same terser settings here, or each would ship and be parsed at about twice its size.
  const out = { ...assets };
  for (const [file, asset] of Object.entries(out)) {
    if (!/^\d+\.index\.js$/.test(file)) continue;
    const minified = await minify(String(asset.source), MINIFY);
    out[file] = { ...asset, source: minified.code };
  }
  return { code, assets: out, files: [...files].sort() };
}
