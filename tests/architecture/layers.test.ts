import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { ROOT, codeOnly, importsOf, read, sourceFiles } from '../support/source-files.js';

// The layering rules of docs/architecture.md, one test each.

const CORE = 'packages/core/src';
const API = `${CORE}/github/api`;
const FLOWS = `${CORE}/flows`;
// Engines: pure decisions over plain data (the same list as boundaries.test.ts checks for I/O).
const ENGINES = ['review-hash', 'classify', 'recover', 'notify', 'scan', 'discover', 'loop', 'gate'].map((e) => `${CORE}/${e}`);
const ROUTE = /['"`](GET|POST|PUT|PATCH|DELETE) (\/[^'"`\s]*)['"`]/g;
const ACTIONS = readdirSync(join(ROOT, 'actions')).filter((a) => existsSync(join(ROOT, 'actions', a, 'src')));

function target(file: string, spec: string): string | undefined {
  return spec.startsWith('.') ? normalize(join(dirname(file), spec)) : undefined;
}
const under = (path: string | undefined, folder: string) => !!path && (path === folder || path.startsWith(`${folder}/`));
/** Imports that stay in the build: `import type` and `export type` vanish. */
const runtimeImports = (source: string) => importsOf(codeOnly(source).replace(/(?:^|\n)\s*(?:import|export) type [^;]*;/g, ''));

describe('layers (docs/architecture.md)', () => {
  it('no `as unknown as` in the GitHub layer or the flows: octokit route types describe every response', () => {
    const offenders = [...sourceFiles(`${CORE}/github`), ...sourceFiles(FLOWS)].filter((f) => /\bas\s+unknown\s+as\b/.test(codeOnly(read(f))));
    expect(offenders).toEqual([]);
  });

  it('every REST route is spelled in github/api only, each route in one resource module', () => {
    const folders = ['packages/core/src', 'packages/cli/src', ...ACTIONS.map((a) => `actions/${a}/src`)];
    const outside: string[] = [];
    const owner = new Map<string, Set<string>>();
    for (const file of folders.flatMap((f) => sourceFiles(f))) {
      for (const [, method, path] of codeOnly(read(file)).matchAll(ROUTE)) {
        const route = `${method} ${path}`;
        if (!under(file, API)) outside.push(`${file}: ${route}`);
        else owner.set(route, new Set([...(owner.get(route) ?? []), file]));
      }
    }
    expect(outside).toEqual([]);
    expect(owner.size).toBeGreaterThan(20);
    expect([...owner].filter(([, files]) => files.size > 1).map(([route, files]) => `${route}: ${[...files].join(', ')}`)).toEqual([]);
  });

  it('only the GitHub layer touches octokit: no .request(, .paginate(, .graphql( or .octokit elsewhere', () => {
    const folders = ['packages/core/src', 'packages/cli/src', ...ACTIONS.map((a) => `actions/${a}/src`)];
    const offenders = folders
      .flatMap((f) => sourceFiles(f))
      .filter((file) => !under(file, `${CORE}/github`))
      .filter((file) => /\.(request|paginate|graphql)\s*[(<]|\.octokit\b/.test(codeOnly(read(file))));
    expect(offenders).toEqual([]);
  });

  it('github/api modules import no engine, flow, action or CLI at run time (engine data shapes as types only)', () => {
    const offenders = sourceFiles(API).flatMap((file) =>
      runtimeImports(read(file))
        .filter((spec) => {
          const to = target(file, spec);
          return ENGINES.some((e) => under(to, e)) || under(to, FLOWS) || /^@closed-loop\//.test(spec);
        })
        .map((spec) => `${file} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('github/ outside api/ is the client only: no engine, no flow, not even as types', () => {
    // (github/index.ts, the layer's entry point, re-exports api/.)
    const files = sourceFiles(`${CORE}/github`).filter((f) => !under(f, API) && f !== `${CORE}/github/index.ts`);
    const offenders = files.flatMap((file) =>
      importsOf(codeOnly(read(file)))
        .filter((spec) => {
          const to = target(file, spec);
          return ENGINES.some((e) => under(to, e)) || under(to, FLOWS) || under(to, API);
        })
        .map((spec) => `${file} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('engines import no flow and no GitHub layer', () => {
    const offenders = ENGINES.filter((e) => existsSync(join(ROOT, e))).flatMap((engine) =>
      sourceFiles(engine).flatMap((file) =>
        importsOf(codeOnly(read(file)))
          .filter((spec) => under(target(file, spec), FLOWS) || under(target(file, spec), `${CORE}/github`))
          .map((spec) => `${file} imports ${spec}`),
      ),
    );
    expect(offenders).toEqual([]);
  });

  it('actions and the CLI reach core through its public entry points only', () => {
    const offenders = ['packages/cli/src', ...ACTIONS.map((a) => `actions/${a}/src`)].flatMap((folder) =>
      sourceFiles(folder).flatMap((file) =>
        importsOf(codeOnly(read(file)))
          .filter(
            (spec) => (spec.startsWith('@closed-loop/core') && !/^@closed-loop\/core(\/preflight)?$/.test(spec)) || under(target(file, spec), 'packages/core'),
          )
          .map((spec) => `${file} imports ${spec}`),
      ),
    );
    expect(offenders).toEqual([]);
  });

  it('an action calls no GitHub endpoint itself: its reads and writes go through flows', () => {
    // Endpoint functions: the github/api functions that take the client. Helpers over their data
    // (toHistoryRun, unavailable …) are not calls to GitHub and may be used anywhere.
    const endpoints = new Set(
      sourceFiles(API).flatMap((file) =>
        [...codeOnly(read(file)).matchAll(/export\s+(?:async\s+)?function\s+(\w+)\s*(?:<[^>]*>)?\(\s*client\s*:\s*GitHubClient\b/g)].map((m) => m[1] ?? ''),
      ),
    );
    expect(endpoints.size).toBeGreaterThan(30);
    const imported = ACTIONS.flatMap((a) =>
      sourceFiles(`actions/${a}/src`).flatMap((file) =>
        [...codeOnly(read(file)).matchAll(/import\s*\{([^}]*)\}\s*from\s*['"]@closed-loop\/core['"]/g)]
          .flatMap((m) => (m[1] ?? '').split(','))
          .map((name) => ({ file, name: name.trim() })),
      ),
    );
    // The scan sees the actions' imports of core (each action imports runAction), so an empty list below means something.
    expect(imported.filter((i) => i.name === 'runAction').length).toBeGreaterThanOrEqual(ACTIONS.length);
    expect(imported.filter((i) => endpoints.has(i.name)).map((i) => `${i.file}: ${i.name}`)).toEqual([]);
  });

  it('flows do no I/O of their own: no file system, process, git or process globals; those are injected', () => {
    const IO = /^(node:)?(fs|fs\/promises|child_process|http|https|net)$|^@actions\/|^@octokit\//;
    const offenders = sourceFiles(FLOWS).flatMap((file) => {
      const bad = runtimeImports(read(file)).filter(
        (spec) => IO.test(spec) || under(target(file, spec), `${CORE}/git`) || target(file, spec) === `${CORE}/action/runtime.js`,
      );
      if (/\bprocess\.(env|cwd|argv|stdout|stderr)\b/.test(codeOnly(read(file), { strings: true }))) bad.push('process globals');
      return bad.map((b) => `${file}: ${b}`);
    });
    expect(offenders).toEqual([]);
  });

  it('every module in github/api and flows is listed in its index (the public entry point)', () => {
    for (const folder of [API, FLOWS]) {
      const index = read(`${folder}/index.ts`);
      const modules = sourceFiles(folder).filter((f) => !f.endsWith('/index.ts'));
      expect(modules.filter((m) => !index.includes(`./${m.slice(folder.length + 1).replace(/\.ts$/, '.js')}'`))).toEqual([]);
    }
  });
});
