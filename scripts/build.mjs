#!/usr/bin/env node
// Rebuilds dist/: one ncc bundle per action plus the CLI, then the generated docs.
// `node scripts/build.mjs [name …] [--out DIR]`: only those bundles; into DIR instead of dist/ (tests).
// Reproducible: same sources and lockfile give byte-identical output (CI checks `git status dist`).
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { bundle, bundleEntries, root } from './bundles.mjs';

const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const outRoot = outIndex >= 0 ? args.splice(outIndex, 2)[1] : join(root, 'dist');
const only = args;
const everything = !only.length && outIndex < 0;

// The precompiled config validator (and the section types beside it) is source the bundles include: regenerated first, on a full build only
// (a partial or `--out` build never writes into src/; tests/build checks the committed file is fresh).
if (everything) execFileSync(process.execPath, [join(root, 'scripts', 'build-validators.mjs')], { stdio: 'inherit' });

for (const { name, input } of bundleEntries().filter((e) => !only.length || only.includes(e.name))) {
  const started = Date.now();
  const { code, assets } = await bundle(input);
  const out = join(outRoot, name);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'index.js'), code);
  for (const [file, { source }] of Object.entries(assets)) {
    mkdirSync(dirname(join(out, file)), { recursive: true });
    writeFileSync(join(out, file), source);
  }
  console.log(`dist/${name}/index.js ${(code.length / 1024).toFixed(0)} KiB in ${Date.now() - started} ms`);
}

if (everything) execFileSync(process.execPath, [join(root, 'scripts', 'generate-docs.mjs')], { stdio: 'inherit' });
