#!/usr/bin/env node
// Regenerates packages/testkit/openapi/github-subset.json: the operations listed in operations.txt,
// cut from GitHub's official OpenAPI description in the pinned @octokit/openapi package.
// That package is ~385 MB installed, so it is fetched on demand with `npm pack` (one tarball, no install)
// instead of living in devDependencies and slowing every `npm ci`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const PINNED = '@octokit/openapi@23.0.2';
const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, '..', 'packages', 'testkit', 'openapi');
const DROP = new Set(['description', 'summary', 'externalDocs', 'example', 'examples', 'tags', 'x-github', 'x-githubEnterpriseOnly', 'x-multi-segment']);

const work = mkdtempSync(join(tmpdir(), 'openapi-'));
try {
  execFileSync('npm', ['pack', PINNED, '--pack-destination', work, '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const tgz = execFileSync('sh', ['-c', 'ls "$1"/*.tgz', 'sh', work]).toString().trim();
  execFileSync('tar', ['xzf', tgz, '-C', work, 'package/generated/api.github.com.json']);
  const spec = JSON.parse(readFileSync(join(work, 'package/generated/api.github.com.json'), 'utf8'));
  writeFileSync(join(outDir, 'github-subset.json'), JSON.stringify(subset(spec, readOperations()), null, 1) + '\n');
  console.log(`wrote github-subset.json from ${PINNED} (spec ${spec.info.version})`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

function readOperations() {
  return readFileSync(join(outDir, 'operations.txt'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const [method, path] = l.split(/\s+/);
      return { method: method.toLowerCase(), path };
    });
}

function subset(spec, operations) {
  const paths = {};
  for (const { method, path } of operations) {
    const op = spec.paths[path]?.[method];
    if (!op) throw new Error(`${method.toUpperCase()} ${path} is not in ${PINNED}`);
    paths[path] ??= {};
    if (spec.paths[path].parameters) paths[path].parameters = spec.paths[path].parameters;
    paths[path][method] = op;
  }
  const components = {};
  const seen = new Set();
  const visit = (node) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    if (typeof node.$ref === 'string') {
      const [, , kind, name] = node.$ref.split('/');
      const key = `${kind}/${name}`;
      if (!seen.has(key)) {
        seen.add(key);
        const target = spec.components[kind][name];
        (components[kind] ??= {})[name] = target;
        visit(target);
      }
    }
    Object.values(node).forEach(visit);
  };
  visit(paths);
  return clean({ openapi: spec.openapi, info: { title: spec.info.title, version: spec.info.version, source: PINNED }, paths, components });
}

// Strips prose and examples, and turns OpenAPI 3.0 `nullable` into JSON Schema so a stock validator reads it.
function clean(node, key) {
  if (Array.isArray(node)) return node.map((n) => clean(n));
  if (!node || typeof node !== 'object') return node;
  const out = {};
  for (const [k, v] of Object.entries(node)) {
    if (DROP.has(k) && key !== 'properties') continue;
    out[k] = clean(v, k);
  }
  if (out.nullable === true && key !== 'properties') {
    delete out.nullable;
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    else if (out.type === undefined) return { anyOf: [out, { type: 'null' }] };
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  } else if (out.nullable === false) delete out.nullable;
  return out;
}
