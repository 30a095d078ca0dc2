/** Path classification shared by the harvesters: excluded paths, test files, source files. */

/** `**` spans directories, `*` and `?` stay within one segment; a pattern without `/` matches any basename. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      re += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(glob.includes('/') ? `^${re}$` : `(?:^|/)${re}$`);
}

export function pathFilter(excludes: readonly string[]): (path: string) => boolean {
  const patterns = excludes.map(globToRegExp);
  return (path) => !patterns.some((p) => p.test(path));
}

const TEST_PATH = /(^|\/)(__tests__|tests?|spec|specs|e2e)\/|[._-](test|spec)\.[^/]+$|(^|\/)test_[^/]+\.py$|_test\.(go|py|rb|exs?)$/i;

export function isTestFile(path: string): boolean {
  return TEST_PATH.test(path);
}

const SOURCE_EXT = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs|py|go|rb|java|kt|kts|scala|rs|c|cc|cpp|cxx|h|hpp|cs|php|swift|m|mm|ex|exs|erl|clj|lua|sh|bash|pl|r|dart|vue|svelte)$/i;

export function isSourceFile(path: string): boolean {
  return SOURCE_EXT.test(path) && !isTestFile(path) && !/\.d\.ts$/.test(path);
}

/** `src/a/foo.ts` → `foo`: what a test for it is usually named after. */
export function stem(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return base.replace(/\.[^.]+$/, '').replace(/^test_|[._-](test|spec)$|_test$/i, '').toLowerCase();
}
