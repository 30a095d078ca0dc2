import { describe, expect, it } from '@jest/globals';
import { DEFAULT_EXCLUDE, PathMatcher } from '../../src/scan/paths.js';

describe('scan PathMatcher', () => {
  it('plain globs: a path is matched through their literal runs and the globs themselves', () => {
    const excluded = new PathMatcher(DEFAULT_EXCLUDE);
    for (const path of [
      'node_modules/a/b.js',
      'web/vendor/x.go',
      'dist/app.min.js',
      'Cargo.lock',
      'a/b/c.lock',
      '.closed-loop/secrets-baseline.json',
      './.yarn/cache/z',
    ])
      expect([path, excluded.matches(path)]).toEqual([path, true]);
    // Each holds a literal run of some glob, but no glob matches it.
    for (const path of ['src/vendors.ts', 'min.js', 'lock', 'src/node_modules_list.ts', 'docs/secrets-baseline.json.md'])
      expect([path, excluded.matches(path)]).toEqual([path, false]);
  });

  it('a list with a brace, class, extglob, escape or ! glob is matched by the globs alone', () => {
    expect(new PathMatcher(['docs/**', '**/*.{pem,crt}']).matches('a/b.crt')).toBe(true);
    expect(new PathMatcher(['docs/**', '[ab].txt']).matches('x/a.txt')).toBe(true);
    expect(new PathMatcher(['docs/**', '**']).matches('src/a.ts')).toBe(true);
    expect(new PathMatcher(['src/**', '!src/gen/**']).matches('src/gen/a.ts')).toBe(false);
    expect(new PathMatcher([]).matches('a.ts')).toBe(false);
  });
});
