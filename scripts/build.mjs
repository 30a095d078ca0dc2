#!/usr/bin/env node
// Rebuilds dist/: one ncc bundle per action plus the CLI, then the generated docs.
// `node scripts/build.mjs [name …] [--out DIR]`: only those bundles; into DIR instead of dist/ (tests).
// Reproducible: same sources and lockfile give byte-identical output (CI checks `git status dist`).
import ncc from '@vercel/ncc';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const outRoot = outIndex >= 0 ? args.splice(outIndex, 2)[1] : join(root, 'dist');
const only = args;

const entries = readdirSync(join(root, 'actions'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(root, 'actions', d.name, 'src', 'main.ts')))
  .map((d) => ({ name: d.name, input: join(root, 'actions', d.name, 'src', 'main.ts') }));
entries.push({ name: 'cli', input: join(root, 'packages', 'cli', 'src', 'bin.ts') });

for (const { name, input } of entries.filter((e) => !only.length || only.includes(e.name))) {
  const started = Date.now();
  const { code, assets } = await ncc(input, {
    cache: false,
    minify: false,
    sourceMap: false,
    transpileOnly: true, // `npm run typecheck` is the type gate; bundling stays fast
    license: 'licenses.txt',
    quiet: true,
    target: 'es2022',
  });
  const out = join(outRoot, name);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'index.js'), code);
  for (const [file, { source }] of Object.entries(assets ?? {})) {
    mkdirSync(dirname(join(out, file)), { recursive: true });
    writeFileSync(join(out, file), source);
  }
  console.log(`dist/${name}/index.js ${(code.length / 1024).toFixed(0)} KiB in ${Date.now() - started} ms`);
}

if (!only.length && outIndex < 0) execFileSync(process.execPath, [join(root, 'scripts', 'generate-docs.mjs')], { stdio: 'inherit' });
