// The bundles dist/ holds and how ncc builds them: shared by build.mjs (writes them) and sbom.mjs (lists
// what is inside them), so both see the same module graph.
import ncc from '@vercel/ncc';
import { minify } from 'terser';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
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
  const chunks = Object.keys(out).filter((file) => /^\d+\.index\.js$/.test(file));
  for (const file of chunks) out[file] = { ...out[file], source: (await minify(String(out[file].source), MINIFY)).code };
  const sorted = [...files].sort();
  // ncc's licenses.txt (license-webpack-plugin) is written once per chunk under one name, so with chunks
  // it names one chunk's packages only: then it is rebuilt here from every chunk's, in the same layout.
  if (chunks.length) out['licenses.txt'] = { ...out['licenses.txt'], source: licensesText(sorted) };
  return { code, assets: out, files: sorted };
}

/** The package directory a bundled file belongs to: the segment(s) after its last node_modules/. */
export function packageDirOf(file) {
  const parts = file.split(sep);
  const at = parts.lastIndexOf('node_modules');
  if (at < 0) return undefined;
  const width = parts[at + 1]?.startsWith('@') ? 2 : 1;
  return parts.slice(0, at + 1 + width).join(sep);
}

/** licenses.txt for the npm packages among `files`: each one's name, licence and licence file, by name. */
function licensesText(files) {
  const byName = new Map();
  for (const dir of new Set(files.map(packageDirOf).filter(Boolean))) {
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)/i.test(f));
    const text = file ? readFileSync(join(dir, file), 'utf8').trim() : '';
    const license = typeof manifest.license === 'string' ? manifest.license : 'UNKNOWN';
    byName.set(manifest.name, [manifest.name, license, ...(text ? [text] : [])].join('\n'));
  }
  return `${[...byName.keys()]
    .sort()
    .map((name) => byName.get(name))
    .join('\n\n')}\n`;
}
