#!/usr/bin/env node
// Pins the references our reusable workflows and composite action make to our own actions.
//
// Why: inside a reusable workflow (or a composite action), `uses: ./actions/x` resolves in the CALLER's
// repository, not ours. So they name `closed-loop/closed-loop/actions/x@<sha>`, and every such pin must be
// the same full commit SHA whose actions match these workflows.
//
// Release steps (docs/releasing.md): commit the release → `npm run release:pin` (pins to HEAD) →
// commit "Pin actions to <sha>" → tag that commit vX.Y.Z and move vX.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export function repositorySlug() {
  const url = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).repository.url;
  return /github\.com[/:]([^/]+\/[^/.]+)/.exec(url)[1];
}

/** Files that may reference our actions by slug: workflows and action metadata. */
export function pinnedFiles() {
  const workflows = readdirSync(join(root, '.github/workflows'))
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => `.github/workflows/${f}`);
  const actions = readdirSync(join(root, 'actions'))
    .map((a) => `actions/${a}/action.yml`)
    .filter((f) => existsSync(join(root, f)));
  return [...workflows, ...actions];
}

export function ownReference(slug) {
  const escaped = slug.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(`(uses:\\s*${escaped}/((?:actions/[\\w-]+)|(?:\\.github/workflows/[\\w.-]+)))@([^\\s#]+)`, 'g');
}

function pin(rev = 'HEAD') {
  const sha = execFileSync('git', ['rev-parse', '--verify', `${rev}^{commit}`], { cwd: root, encoding: 'utf8' }).trim();
  const re = ownReference(repositorySlug());
  let changed = 0;
  for (const file of pinnedFiles()) {
    const text = readFileSync(join(root, file), 'utf8');
    const next = text.replace(re, (_m, head) => `${head}@${sha}`);
    if (next !== text) {
      writeFileSync(join(root, file), next);
      changed++;
    }
  }
  console.log(`pinned our action references in ${changed} file(s) to ${sha}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [command, rev] = process.argv.slice(2);
  if (command !== 'pin') {
    console.error('usage: node scripts/release.mjs pin [REV]');
    process.exit(2);
  }
  pin(rev);
}
