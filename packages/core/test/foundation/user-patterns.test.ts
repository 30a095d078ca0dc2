// A user's regular expression runs on every log line; JavaScript's engine has no time limit, so a
// catastrophic pattern held classify until the job timed out (`(a+)+$` on a 5,000-character line).
// `(unclosed` was reported valid by `config validate` and only rejected later by classify.
import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../src/config/load.js';
import { userPatternProblem } from '../../src/config/user-patterns.js';
import { userRules } from '../../src/classify/settings.js';

const rule = (pattern: string) => `version: 1\nclassify:\n  rules:\n    - pattern: ${JSON.stringify(pattern)}\n      category: testing\n`;

describe('user regular expressions', () => {
  it.each(['(a+)+$', '(\\w+\\s?)*$', '(x*)*y'])('rejects the catastrophic pattern %s at its line in the file', (pattern) => {
    expect(() => loadConfig(rule(pattern), 'cl.yml')).toThrow(/^cl\.yml:4:\d+: classify\.rules\.0\.pattern can take exponential time on a long line/);
  });

  it('rejects a pattern that does not compile, at load (so `config validate` says so too)', () => {
    expect(() => loadConfig(rule('(unclosed'), 'cl.yml')).toThrow(
      /^cl\.yml:4:\d+: classify\.rules\.0\.pattern is not a valid regular expression \(.*Unterminated group\)\.$/,
    );
  });

  it('checks environments and the review id pattern the same way', () => {
    expect(() => loadConfig('version: 1\nenvironments:\n  prod:\n    review_hash:\n      review_id_pattern: "(a+)+"\n', 'cl.yml')).toThrow(
      /^cl\.yml:5:\d+: environments\.prod\.review_hash\.review_id_pattern can take exponential time/,
    );
  });

  it('keeps ordinary patterns, and classify compiles only checked ones', () => {
    expect(userPatternProblem('ECONNRESET|socket hang up', 'i')).toBeUndefined();
    expect(userPatternProblem('^FAIL\\s+(\\S+\\.test\\.ts)')).toBeUndefined();
    const rules = userRules({ rules: [{ pattern: 'flaky-service', category: 'infrastructure' }] });
    expect(rules[0]?.pattern.test('flaky-service timed out')).toBe(true);
    expect(() => userRules({ rules: [{ pattern: '(a+)+$', category: 'testing' }] })).toThrow(/classify\.rules\[0\]\.pattern can take exponential time/);
  });
});
