#!/usr/bin/env node
// Regenerates the docs derived from code: the config JSON Schema (from the bundled CLI) and each
// action's usage block (from its action.yml). Run by `npm run build`; a test fails when they are stale.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { usageBlock, withUsage } from './action-docs.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const schema = execFileSync(process.execPath, [join(root, 'dist/cli/index.js'), 'config', 'schema'], { encoding: 'utf8' });
writeFileSync(join(root, 'docs/closed-loop.schema.json'), schema);

for (const dir of readdirSync(join(root, 'actions'), { withFileTypes: true })) {
  const actionYml = join(root, 'actions', dir.name, 'action.yml');
  if (!dir.isDirectory() || !existsSync(actionYml)) continue;
  const page = join(root, 'docs', `${dir.name}.md`);
  const current = existsSync(page) ? readFileSync(page, 'utf8') : `# ${dir.name}\n`;
  const next = withUsage(current, usageBlock(readFileSync(actionYml, 'utf8'), dir.name));
  if (next !== current) writeFileSync(page, next);
}
console.log('docs: closed-loop.schema.json and usage blocks up to date');
