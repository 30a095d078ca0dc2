/** Path classification shared by the harvesters: excluded paths, test files, source files. */
import { PathMatcher } from '../scan/paths.js';

/** Excludes by glob; a pattern without `/` matches a basename at any depth (like .gitignore). */
export function pathFilter(excludes: readonly string[]): (path: string) => boolean {
  const matcher = new PathMatcher(excludes);
  return (path) => !matcher.matches(path);
}

const TEST_PATH = /(^|\/)(__tests__|tests?|spec|specs|e2e)\/|[._-](test|spec)\.[^/]+$|(^|\/)test_[^/]+\.py$|_test\.(go|py|rb|exs?)$/i;

export function isTestFile(path: string): boolean {
  return TEST_PATH.test(path);
}

const SOURCE_EXT =
  /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs|py|go|rb|java|kt|kts|scala|rs|c|cc|cpp|cxx|h|hpp|cs|php|swift|m|mm|ex|exs|erl|clj|lua|sh|bash|pl|r|dart|vue|svelte)$/i;

/** Code in a programming language, tests included (data, docs and generated typings are not). */
export function isCodeFile(path: string): boolean {
  return SOURCE_EXT.test(path) && !/\.d\.ts$/.test(path);
}

export function isSourceFile(path: string): boolean {
  return isCodeFile(path) && !isTestFile(path);
}

/** `src/a/foo.ts` → `foo`: what a test for it is usually named after. */
export function stem(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return base
    .replace(/\.[^.]+$/, '')
    .replace(/^test_|[._-](test|spec)$|_test$/i, '')
    .toLowerCase();
}
