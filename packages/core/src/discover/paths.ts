/** Path classification shared by the harvesters: excluded paths, test files, source files. */
import { PathMatcher } from '../scan/paths.js';

/** Excludes by glob; a pattern without `/` matches a basename at any depth (like .gitignore). */
export function pathFilter(excludes: readonly string[]): (path: string) => boolean {
  const matcher = new PathMatcher(excludes);
  return (path) => !matcher.matches(path);
}

/**
 * How each ecosystem names its tests, most specific first; the first rule that matches is the one
 * reported (test-gap notes say which rules found the repository's tests).
 */
export const TEST_RULES: readonly (readonly [name: string, pattern: RegExp])[] = [
  ['Go `*_test.go`', /_test\.go$/],
  ['Python `test_*.py` / `*_test.py`', /(^|\/)test_[^/]+\.py$|_test\.py$/],
  ['JVM `src/test/…`', /(^|\/)src\/(test|androidTest|testFixtures|integrationTest|it)\//],
  ['JVM `*Test` / `*Tests` / `*Spec` / `*IT` class', /(^|\/)(?:[A-Z]\w*(?:Tests?|Spec|IT)|Test[A-Z]\w*)\.(?:java|kt|kts|scala|groovy)$/],
  ['Ruby `spec/` / `*_spec.rb` / `*_test.rb`', /_spec\.rb$|_test\.rb$/],
  ['Rust `tests/`', /(^|\/)tests\/.*\.rs$/],
  ['JS/TS `*.test.*` / `*.spec.*`', /[._-](test|spec)\.[cm]?[jt]sx?$/],
  ['JS/TS `__tests__/`', /(^|\/)__tests__\//],
  ['C# `*Tests.cs` / `*.Tests/`', /Tests?\.cs$|(^|\/)[^/]*\.Tests?\//],
  ['Elixir `*_test.exs`', /_test\.exs$/],
  ['`.test.` / `.spec.` in the name', /[._-](test|spec)\.[^/]+$/i],
  ['test folder (`test/`, `tests/`, `spec/`, `e2e/`)', /(^|\/)(__tests__|tests?|spec|specs|e2e)\//i],
];

/** The rule by which a path is a test, or undefined when it is not one. */
export function testRule(path: string): string | undefined {
  return TEST_RULES.find(([, pattern]) => pattern.test(path))?.[0];
}

export function isTestFile(path: string): boolean {
  return testRule(path) !== undefined;
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

/** `src/a/foo.ts` → `foo`, and for tests what they are named after: `foo_test.go`, `test_foo.py`, `FooTest.java`, `foo_spec.rb` → `foo`. */
export function stem(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1).replace(/\.[^.]+$/, '');
  if (!isTestFile(path)) return base.toLowerCase();
  return base
    .replace(/^test_|[._-](test|spec)$|_test$|_spec$/i, '')
    .replace(/(?<=[a-z0-9])(?:Tests?|Spec|IT)$/, '')
    .replace(/^Test(?=[A-Z])/, '')
    .toLowerCase();
}

/** Where a test for a source file would be, by its language's convention: the rule a test gap shows. */
export function expectedTest(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  const [name, ext] = dot > 0 ? [base.slice(0, dot), base.slice(dot + 1)] : [base, ''];
  switch (ext.toLowerCase()) {
    case 'go':
      return `${name}_test.go beside it`;
    case 'py':
      return `test_${name}.py or ${name}_test.py`;
    case 'java':
    case 'kt':
    case 'scala':
    case 'groovy':
      return `${name}Test.${ext} (or …Tests, …Spec, …IT) under src/test/`;
    case 'rb':
      return `${name}_spec.rb under spec/ or ${name}_test.rb under test/`;
    case 'rs':
      return `#[cfg(test)] in the file, or tests/${name}.rs`;
    case 'cs':
      return `${name}Tests.cs`;
    case 'ts':
    case 'tsx':
    case 'js':
    case 'jsx':
    case 'mjs':
    case 'cjs':
    case 'mts':
    case 'cts':
      return `${name}.test.${ext} / ${name}.spec.${ext} or __tests__/${name}.${ext}`;
    default:
      return `a test file named after ${name.toLowerCase()}`;
  }
}
