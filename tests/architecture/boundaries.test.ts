import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync } from 'node:fs';
import { join, dirname, normalize } from 'node:path';
import { ROOT, codeOnly, importsOf, read, sourceFiles } from '../support/source-files.js';

const ENGINES = ['review-hash', 'classify', 'recover', 'notify', 'scan', 'discover', 'loop', 'gate'];
// What makes code impure: the GitHub client, git, the file system, processes, the network.
const IO_MODULES = [
  /^node:(fs|fs\/promises|child_process|http|https|net|dgram|worker_threads)$/,
  /^(fs|child_process|http|https|net)$/,
  /^@actions\//,
  /^undici$/,
  /^@octokit\//,
];

function resolvesInto(file: string, spec: string, folder: string): boolean {
  return spec.startsWith('.') && normalize(join(dirname(file), spec)).startsWith(normalize(folder) + '/');
}

describe('architecture', () => {
  it('core never imports an action, the CLI or the testkit', () => {
    const offenders = sourceFiles('packages/core/src').flatMap((file) =>
      importsOf(read(file))
        .filter(
          (spec) =>
            /^@closed-loop\/(cli|testkit)/.test(spec) ||
            /(^|\/)actions\//.test(spec) ||
            resolvesInto(file, spec, 'packages/cli') ||
            resolvesInto(file, spec, 'actions'),
        )
        .map((spec) => `${file} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('engines are pure: no GitHub client, git, file system, processes or network', () => {
    const engineFiles = ENGINES.filter((e) => existsSync(join(ROOT, 'packages/core/src', e))).flatMap((e) => sourceFiles(`packages/core/src/${e}`));
    expect(engineFiles.length).toBeGreaterThan(0);
    const offenders = engineFiles.flatMap((file) => {
      const source = read(file);
      const code = codeOnly(source, { strings: true });
      const bad = importsOf(codeOnly(source)).filter(
        (spec) =>
          IO_MODULES.some((re) => re.test(spec)) ||
          resolvesInto(file, spec, 'packages/core/src/github') ||
          resolvesInto(file, spec, 'packages/core/src/git') ||
          resolvesInto(file, spec, 'packages/core/src/action'),
      );
      if (/\bfetch\s*\(/.test(code)) bad.push('fetch()');
      if (/\bprocess\.(env|cwd|argv|stdout|stderr)\b/.test(code)) bad.push('process globals');
      return bad.map((b) => `${file}: ${b}`);
    });
    expect(offenders).toEqual([]);
  });

  it('every action is a thin adapter over core: it imports core, not another action', () => {
    const actions = readdirSync(join(ROOT, 'actions'), { withFileTypes: true }).filter(
      (d) => d.isDirectory() && existsSync(join(ROOT, 'actions', d.name, 'src')),
    );
    const offenders = actions.flatMap((a) =>
      sourceFiles(`actions/${a.name}/src`).flatMap((file) =>
        importsOf(read(file))
          .filter((spec) => spec.startsWith('.') && !resolvesInto(file, spec, `actions/${a.name}/src`))
          .map((spec) => `${file} imports ${spec}`),
      ),
    );
    expect(offenders).toEqual([]);
  });

  it('nothing an action runs compiles a JSON Schema: ajv only as types and its runtime helpers', () => {
    // The config validator is precompiled (scripts/build-validators.mjs); ajv's compiler costs 90–200 ms
    // at start and ~280 KB of bundle. Type-only imports vanish in the build.
    const folders = ['packages/core/src', ...readdirSync(join(ROOT, 'actions')).map((a) => `actions/${a}/src`)].filter((f) => existsSync(join(ROOT, f)));
    const offenders = folders.flatMap((folder) =>
      sourceFiles(folder).flatMap((file) => {
        const runtime = read(file).replace(/(?:^|\n)\s*import type [^;]*;/g, '');
        return importsOf(runtime)
          .filter((spec) => /^ajv(-[\w-]+)?(\/|$)/.test(spec) && !spec.startsWith('ajv/dist/runtime/'))
          .map((spec) => `${file} imports ${spec}`);
      }),
    );
    expect(offenders).toEqual([]);
  });

  it.each(readdirSync(join(ROOT, 'actions')).filter((a) => existsSync(join(ROOT, 'dist', a, 'index.js'))))(
    'dist/%s/index.js holds no schema compiler',
    (name) => {
      // Strings of ajv's compiler (lib/core.ts, lib/compile/index.ts) that survive minification.
      const bundle = read(`dist/${name}/index.js`);
      expect([/schema with key or id/, /makeValidate/].filter((marker) => marker.test(bundle)).map(String)).toEqual([]);
    },
  );
});
