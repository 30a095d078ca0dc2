import type { ClassifyRule } from '../rule.js';

/** Test runners' own failure summaries and assertion messages that testing.ts does not know yet. */
export const testSummaryRules: ClassifyRule[] = [
  {
    // A summary says that tests failed, not why: below a cause line in the same block (weight 0.7).
    // testthat's summaries (r-lib/testthat R/reporter-progress.R: `[ FAIL 1 | WARN 0 | SKIP 0 | PASS 9 ]`;
    // older versions `[ OK: 796 | SKIPPED: 0 | WARNINGS: 0 | FAILED: 1 ]`), CTest's `N% tests passed, M
    // tests failed out of T`, prove's `Result: FAIL`, PHP run-tests' `FAILED TEST SUMMARY`/`Tests failed :`,
    // NUnit/xUnit/dotnet test `Failed!  - Failed: N`, ExUnit `N tests, M failures`, Criterion `Synthesis: … Failing: N`.
    id: 'testing/harness-summary',
    category: 'testing',
    subcategory: 'test-failure',
    pattern:
      /\[ FAIL [1-9]\d* \||\| FAILED: [1-9]\d* \]|tests passed, [1-9]\d* tests? failed out of \d+|^Result: FAIL$|^FAILED TEST SUMMARY$|^Tests failed\s*:\s*[1-9]|Failed!\s+- Failed:\s+[1-9]|\d+ (tests|properties|doctests)(, \d+ \w+)*, [1-9]\d* failures?|Synthesis: Tested: \d+ \| Passing: \d+ \| Failing: [1-9]|Failed tests?:\s+[1-9]|^Failed Tests? Summary/,
    weight: 0.7,
    keywords: [
      '[ fail',
      '| failed:',
      'tests failed out of',
      'result: fail',
      'failed test summary',
      'tests failed',
      'failed!',
      'failure',
      'failing:',
      'failed test',
    ],
    examples: {
      match: [
        '[ FAIL 1 | WARN 0 | SKIP 2 | PASS 41 ]',
        '[ OK: 796 | SKIPPED: 0 | WARNINGS: 0 | FAILED: 1 ]',
        '95% tests passed, 1 tests failed out of 20',
        'Result: FAIL',
        'FAILED TEST SUMMARY',
        'Tests failed    :    2 (  0.1%) (  0.1%)',
        'Failed!  - Failed:     1, Passed:    41, Skipped:     0, Total:    42, Duration: 2 s',
        '12 tests, 1 failure',
        '[====] Synthesis: Tested: 8 | Passing: 7 | Failing: 1 | Crashing: 0',
      ],
      noMatch: ['[ FAIL 0 | WARN 0 | SKIP 0 | PASS 9 ]', '100% tests passed, 0 tests failed out of 20', '12 tests, 0 failures', 'Result: PASS'],
    },
  },
  {
    // Assertion wording of runners testing.ts does not cover: ExUnit (`Assertion with == failed`),
    // Criterion/CUnit (`Assertion failed: …`), Catch2 (`REQUIRE( … )` `with expansion`), GoogleTest
    // (`Expected equality of these values:`, `[  FAILED  ]`), Boost.Test (`error: in "suite/case": check … has failed`).
    id: 'testing/assertion-catalogue',
    category: 'testing',
    subcategory: 'assertion',
    pattern:
      /Assertion with [=!<>~]+ failed|^\s*Expected equality of these values:|^\[ {2}FAILED {2}\] \S+|error: in "[^"]+": check .* has failed|^\S+:\d+: FAILED:$|\*\* \(ExUnit\.AssertionError\)/,
    weight: 0.85,
    keywords: ['assertion with', 'expected equality', '[  failed  ]', 'has failed', 'failed:', 'exunit.assertionerror'],
    examples: {
      match: [
        '     Assertion with == failed',
        '  Expected equality of these values:',
        '[  FAILED  ] MathTest.Adds (0 ms)',
        'test.cpp(12): error: in "suite/adds": check add(1, 1) == 3 has failed [2 != 3]',
        '** (ExUnit.AssertionError)',
      ],
      noMatch: ['[       OK ] MathTest.Adds (0 ms)', 'check passed'],
    },
  },
  {
    // A compiler's or language's own test suite reports a case whose compilation failed (e.g. Rust's
    // compiletest, GHC's testsuite, `[compilation failed]` result tags): a failing test, not a broken build.
    id: 'testing/compile-test-case',
    category: 'testing',
    subcategory: 'test-failure',
    pattern: /\[compilation failed\]|\bcompile-fail test .* failed|^\s*\[(ui|compile-fail|run-pass|run-fail)\] \S+ .*FAILED|Unexpected failures:$/i,
    weight: 0.8,
    keywords: ['[compilation failed]', 'compile-fail', '[ui]', '[run-pass]', '[run-fail]', 'unexpected failures:'],
    examples: {
      match: ['test/run/closures.t [compilation failed]', 'Unexpected failures:', '[ui] tests/ui/borrowck/issue-1.rs ... FAILED'],
      noMatch: ['compilation finished', 'Unexpected passes:'],
    },
  },
];
