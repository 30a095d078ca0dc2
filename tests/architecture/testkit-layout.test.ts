import { describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ROOT, codeOnly, importsOf, read, sourceFiles } from '../support/source-files.js';

// The fake GitHub is split by resource like packages/core/src/github (see packages/testkit/README.md).
const STATE = 'packages/testkit/src/state';
const HANDLERS = 'packages/testkit/src/handlers';
const MAX_LINES = 300;
/** The verbs every resource object speaks, and the few domain actions named after GitHub's. */
const VERBS = ['add', 'set', 'get', 'list'];
const DOMAIN_ACTIONS = ['complete', 'setLog', 'expireLogs', 'resolve'];
const SHARED = ['nextId', 'iso', 'repo'];

const lines = (file: string): number => read(file).split('\n').length;

describe("the fake GitHub's layout", () => {
  it(`keeps each state and handler module to one resource (at most ${MAX_LINES} lines)`, () => {
    const files = [...sourceFiles(STATE), ...sourceFiles(HANDLERS)];
    expect(files.length).toBeGreaterThan(20);
    expect(files.filter((f) => lines(f) > MAX_LINES).map((f) => `${f}: ${lines(f)} lines`)).toEqual([]);
  });

  it('names every handler module after a resource of the state', () => {
    const exposed = [...read(`${STATE}/index.ts`).matchAll(/readonly (\w+) = new \w+\(/g)].map((m) => m[1]);
    const offenders = sourceFiles(HANDLERS)
      .map((f) => basename(f, '.ts'))
      .filter((name) => !['common', 'index'].includes(name))
      .filter((name) => !exposed.includes(name) && !existsSync(join(ROOT, STATE, `${name}.ts`)));
    expect(offenders).toEqual([]);
  });

  it('gives resource objects one verb set: add / set / get / list, plus named domain actions', () => {
    const offenders = sourceFiles(STATE).flatMap((file) =>
      [...codeOnly(read(file)).matchAll(/^ {2}(?!private |constructor|readonly )(\w+)\(/gm)]
        .map((m) => m[1] ?? '')
        .filter((name) => ![...VERBS, ...DOMAIN_ACTIONS, ...SHARED].includes(name))
        .map((name) => `${file}: ${name}()`),
    );
    expect(offenders).toEqual([]);
  });

  it('keeps the state free of HTTP: no state module imports a handler, the server or the spec', () => {
    const offenders = sourceFiles(STATE).flatMap((file) =>
      importsOf(read(file))
        .filter((spec) => spec.startsWith('.') && !spec.startsWith('./') && spec !== '../must.js')
        .map((spec) => `${file} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('has no monolithic state file beside the per-resource modules', () => {
    expect(existsSync(join(ROOT, 'packages/testkit/src/state.ts'))).toBe(false);
  });
});
