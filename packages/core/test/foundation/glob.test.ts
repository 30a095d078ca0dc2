import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../src/config/load.js';
import { GlobList, globProblem } from '../../src/glob.js';
import { prohibitedPath } from '../../src/recover/prohibited.js';
import { PathMatcher } from '../../src/scan/paths.js';

describe('globs go through picomatch, with one set of conventions', () => {
  it('braces, classes and ranges match (the hand-written matcher ignored them)', () => {
    const keys = GlobList.of(['**/*.{pem,crt}']);
    expect(keys.matches('a/b.pem')).toBe(true);
    expect(keys.matches('b.crt')).toBe(true);
    expect(keys.matches('a/b.key')).toBe(false);
    expect(new PathMatcher(['[ab].txt']).matches('deep/a.txt')).toBe(true);
    expect(new PathMatcher(['[ab].txt']).matches('c.txt')).toBe(false);
    expect(new PathMatcher(['logs/[0-9][0-9].log']).matches('logs/42.log')).toBe(true);
    expect(new PathMatcher(['src/**/*.+(ts|tsx)']).matches('src/a/b.tsx')).toBe(true);
  });

  it('dot files match like others; a pattern without / matches the base name anywhere; ./ is dropped', () => {
    expect(new PathMatcher(['**/*.pem']).matches('a/.hidden.pem')).toBe(true);
    expect(new PathMatcher(['Makefile']).matches('tools/Makefile')).toBe(true);
    expect(new PathMatcher(['./dist/**']).matches('dist/a.js')).toBe(true);
    expect(new PathMatcher(['dist/**']).matches('src/dist/a.js')).toBe(false);
    expect(new PathMatcher(['*.ts']).matches('a/b/c.ts')).toBe(true);
    expect(new PathMatcher(['src/*.ts']).matches('src/a/c.ts')).toBe(false);
  });

  it('in a list, a leading ! removes what it matches; a list of only ! patterns matches the rest', () => {
    const list = GlobList.of(['src/**', '!src/gen/**']);
    expect(list.matches('src/a.ts')).toBe(true);
    expect(list.matches('src/gen/a.ts')).toBe(false);
    expect(GlobList.of(['!docs/**']).matches('src/a.ts')).toBe(true);
    expect(GlobList.of(['!docs/**']).matches('docs/a.md')).toBe(false);
    expect(GlobList.of(['!(*.md)']).matches('a.ts')).toBe(true);
    expect(GlobList.of([]).matches('a.ts')).toBe(false);
  });

  it('recover.patch.prohibited_paths with braces is a guard that holds; ! there never lifts a built-in', () => {
    expect(prohibitedPath('certs/server.crt', ['**/*.{pem,crt}'])).toBe('**/*.{pem,crt}');
    expect(prohibitedPath('CERTS/SERVER.CRT', ['**/*.{pem,crt}'])).toBe('**/*.{pem,crt}');
    expect(prohibitedPath('src/a.ts', ['**/*.{pem,crt}'])).toBeUndefined();
    expect(prohibitedPath('.github/workflows/ci.yml', ['!.github/**'])).toBe('.github/**');
  });

  it('names what picomatch cannot parse', () => {
    expect(globProblem('**/*.{pem,crt}')).toBeUndefined();
    expect(globProblem('**/*.{pem,crt')).toMatch(/is not a glob picomatch can parse \(Missing closing: "}"/);
    expect(globProblem('[ab.txt')).toMatch(/Missing closing: "]"/);
    expect(globProblem('src\\')).toMatch(/can never match/);
    expect(globProblem('a\\*')).toBeUndefined();
    expect(globProblem('!')).toBe('is an empty pattern');
  });

  it('the config rejects an unparsable glob in one line naming the key', () => {
    const text = 'version: 1\nrecover:\n  patch:\n    prohibited_paths: ["**/*.{pem,crt"]\n';
    expect(() => loadConfig(text, 'cl.yml')).toThrow(
      /^cl\.yml:4:\d+: recover\.patch\.prohibited_paths\.0 "\*\*\/\*\.\{pem,crt" is not a glob picomatch can parse/,
    );
    const env = 'version: 1\nenvironments:\n  prod:\n    scan:\n      exclude: ["vendor/[x"]\n';
    expect(() => loadConfig(env, 'cl.yml')).toThrow(/^cl\.yml:5:\d+: environments\.prod\.scan\.exclude\.0 /);
    expect(() => loadConfig('version: 1\nscan:\n  exclude: ["**/*.{a,b}"]\n', 'cl.yml')).not.toThrow();
  });
});
