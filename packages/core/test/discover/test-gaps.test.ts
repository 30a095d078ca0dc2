import { describe, expect, it } from '@jest/globals';
import { expectedTest, isTestFile, stem, testRule } from '../../src/discover/paths.js';
import { testGapCandidates, testGapNote, type FileFacts } from '../../src/discover/files.js';
import { discoverSettings } from '../../src/discover/settings.js';
import { loadConfig } from '../../src/config/index.js';
import { scoreCandidates } from '../../src/discover/scoring.js';

const settings = { ...discoverSettings(loadConfig(undefined)), test_gap_min_commits: 3 };
const NOW = Date.UTC(2026, 1, 1);
const churn = (commits: number, withTests = 0) => ({ commits, lastTime: NOW / 1000 - 86_400, withTests });

describe('tests across languages', () => {
  it('recognises each ecosystem’s convention, and names the rule', () => {
    expect(
      [
        'pkg/server/handler_test.go',
        'tests/test_api.py',
        'pkg/api_test.py',
        'src/test/java/com/acme/ParserTest.java',
        'app/src/main/kotlin/com/acme/ParserSpec.kt',
        'spec/models/user_spec.rb',
        'test/models/user_test.rb',
        'tests/parser.rs',
        'src/app.test.ts',
        'src/__tests__/app.js',
        'Acme.Tests/ParserTests.cs',
      ].map(testRule),
    ).toEqual([
      'Go `*_test.go`',
      'Python `test_*.py` / `*_test.py`',
      'Python `test_*.py` / `*_test.py`',
      'JVM `src/test/…`',
      'JVM `*Test` / `*Tests` / `*Spec` / `*IT` class',
      'Ruby `spec/` / `*_spec.rb` / `*_test.rb`',
      'Ruby `spec/` / `*_spec.rb` / `*_test.rb`',
      'Rust `tests/`',
      'JS/TS `*.test.*` / `*.spec.*`',
      'JS/TS `__tests__/`',
      'C# `*Tests.cs` / `*.Tests/`',
    ]);
    expect(['src/contest.go', 'src/Latest.java', 'lib/testing_utils.rb', 'src/attestation.py'].some(isTestFile)).toBe(false);
  });

  it('matches a test to the source it is named after, in every language', () => {
    expect(
      [
        'handler_test.go',
        'tests/test_api.py',
        'src/test/java/ParserTest.java',
        'TestParser.java',
        'spec/user_spec.rb',
        'tests/parser.rs',
        'src/app.spec.tsx',
        'ParserTests.cs',
      ].map(stem),
    ).toEqual(['handler', 'api', 'parser', 'parser', 'user', 'parser', 'app', 'parser']);
    // A source named like a test suffix is not cut: Contest.java stays "contest".
    expect(stem('src/main/java/Contest.java')).toBe('contest');
  });

  it('says where a test would be for each language', () => {
    expect(expectedTest('pkg/handler.go')).toBe('handler_test.go beside it');
    expect(expectedTest('src/main/java/Parser.java')).toBe('ParserTest.java (or …Tests, …Spec, …IT) under src/test/');
    expect(expectedTest('src/lexer.rs')).toBe('#[cfg(test)] in the file, or tests/lexer.rs');
  });

  const files: FileFacts[] = [
    { path: 'pkg/handler.go', bytes: 1, churn: churn(8) },
    { path: 'pkg/handler_test.go', bytes: 1 },
    { path: 'pkg/router.go', bytes: 1, churn: churn(9) },
    { path: 'src/lexer.rs', bytes: 1, churn: churn(7), inlineTests: true },
    { path: 'src/main/java/com/acme/Parser.java', bytes: 1, churn: churn(6) },
    { path: 'src/test/java/com/acme/ParserTest.java', bytes: 1 },
    { path: 'app/models.py', bytes: 1, churn: churn(5, 4) },
  ];

  it('reports only sources with no test by their convention, and shows the rule in the item', () => {
    const gaps = testGapCandidates(files, settings, NOW);
    expect(gaps.map((g) => g.path)).toEqual(['pkg/router.go']);
    expect(gaps[0]?.rationale).toMatch(/no test found where its language puts one \(router_test\.go beside it\)/);
  });

  it('explains how tests were recognised, so a count of 0 can be checked', () => {
    expect(testGapNote(files, settings)).toBe(
      '2 test files recognised (Go `*_test.go` 1, JVM `src/test/…` 1); of 5 source files changed in at least 3 commits, 2 have a test named after them, 1 hold their own tests (#[cfg(test)]), 1 change together with tests in over 10% of their commits',
    );
  });

  it('gives every item a "why this rank" line', () => {
    const items = scoreCandidates(testGapCandidates(files, settings, NOW), settings.scoring_weights);
    expect(items[0]?.why).toMatch(/^#1 of 1: 9 commits in the window, 0 with a test file .*; \d+% of its score comes from WSJF/);
  });
});
