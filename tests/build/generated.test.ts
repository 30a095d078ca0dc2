import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configSchema, VERSION } from '@closed-loop/core';
import { usageBlock, withUsage } from '../../scripts/action-docs.mjs';
import { scanSectionSchema, scanValidatorPath, typesPath, typesSource, validatorPath, validatorSource } from '../../scripts/build-validators.mjs';
import { ROOT, read } from '../support/source-files.js';

const actions = readdirSync(join(ROOT, 'actions'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(ROOT, 'actions', d.name, 'action.yml')))
  .map((d) => d.name);
const bundled = actions.filter((a) => existsSync(join(ROOT, 'actions', a, 'src', 'main.ts')));
const STALE = 'is stale: run `npm run build` and commit the result';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

describe('generated files', () => {
  it('VERSION matches package.json', () => {
    expect(VERSION).toBe((JSON.parse(read('package.json')) as { version: string }).version);
  });

  it(`docs/closed-loop.schema.json is the current config schema (else it ${STALE})`, () => {
    expect(JSON.parse(read('docs/closed-loop.schema.json'))).toEqual(configSchema());
  });

  it(`the precompiled config validator is generated from the current schema (else it ${STALE})`, () => {
    // Compared as text: the file is what every action runs, so it must be exactly what the generator writes.
    if (readFileSync(validatorPath, 'utf8') !== validatorSource(configSchema()))
      throw new Error(`packages/core/src/config/generated/validate-config.ts ${STALE}`);
    if (readFileSync(scanValidatorPath, 'utf8') !== validatorSource(scanSectionSchema(configSchema())))
      throw new Error(`packages/core/src/config/generated/validate-scan.ts ${STALE}`);
  });

  it(`the config section types are generated from the current schema (else they are stale: run \`npm run build\`)`, async () => {
    // The types every engine reads its section with: a schema change without a regeneration fails here.
    if (readFileSync(typesPath, 'utf8') !== (await typesSource(configSchema()))) throw new Error(`packages/core/src/config/generated/types.ts ${STALE}`);
  });

  it.each(actions)(`docs/%s.md carries the usage block generated from action.yml (else it ${STALE})`, (name) => {
    const page = read(`docs/${name}.md`);
    expect(withUsage(page, usageBlock(read(`actions/${name}/action.yml`), name))).toBe(page);
  });

  it('the usage block lists every input with its description and default', () => {
    const block = usageBlock('inputs:\n  mode:\n    description: How to act.\n    default: auto\noutputs:\n  result:\n    description: The | result.\n', 'x');
    expect(block).toContain("    # How to act.\n    # Default: auto\n    mode: ''");
    expect(block).toContain('| `result` | The \\| result. |');
    expect(withUsage('# T\n', 'B')).toBe('# T\n\n## Usage\n\n<!-- start usage -->\nB\n<!-- end usage -->\n');
  });

  it(`dist/ equals a fresh build of every bundle (else it ${STALE})`, () => {
    const out = mkdtempSync(join(tmpdir(), 'cl-dist-'));
    try {
      execFileSync(process.execPath, [join(ROOT, 'scripts/build.mjs'), '--out', out], { stdio: 'pipe' });
      for (const name of [...bundled, 'cli']) {
        const fresh = join(out, name);
        const committed = join(ROOT, 'dist', name);
        expect(existsSync(committed)).toBe(true);
        expect(filesUnder(committed)).toEqual(filesUnder(fresh));
        for (const file of filesUnder(fresh)) {
          const same = readFileSync(join(fresh, file)).equals(readFileSync(join(committed, file)));
          if (!same) throw new Error(`dist/${name}/${file} ${STALE}`);
        }
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 900_000); // eight minified ncc builds: ~3 min alone, more on a loaded machine
});
