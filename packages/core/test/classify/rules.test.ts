import { describe, expect, it } from '@jest/globals';
import { BUILTIN_RULES, CATEGORIES, KeywordIndex, RuleSet } from '../../src/classify/index.js';

describe('built-in rule pack', () => {
  const rules = new RuleSet();

  it('has unique ids prefixed with their category file', () => {
    const ids = BUILTIN_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of BUILTIN_RULES) {
      expect(CATEGORIES).toContain(r.category);
      expect(r.id.split('/')[0]).toBe(r.category === 'unknown' ? 'generic' : r.category);
      expect(r.weight).toBeGreaterThan(0);
      expect(r.weight).toBeLessThanOrEqual(1);
    }
  });

  it('uses no lookarounds or backreferences, so grep -E can replay every pattern', () => {
    for (const r of BUILTIN_RULES) expect(r.pattern.source).not.toMatch(/\(\?[=!<]|\\[1-9]/);
  });

  it('keeps keywords lowercase so they can be matched against a lowercased line', () => {
    for (const r of BUILTIN_RULES) for (const k of r.keywords) expect(k).toBe(k.toLowerCase());
  });

  describe.each(BUILTIN_RULES.map((r) => [r.id, r] as const))('%s', (_id, rule) => {
    it('matches each positive example, also through the keyword pre-filter the scanner uses', () => {
      expect(rule.examples.match.length).toBeGreaterThan(0);
      for (const line of rule.examples.match) {
        expect([line, rule.pattern.test(line)]).toEqual([line, true]);
        expect([line, rules.match(line).includes(rule)]).toEqual([line, true]);
      }
    });
    it('matches no negative example', () => {
      expect(rule.examples.noMatch.length).toBeGreaterThan(0);
      for (const line of rule.examples.noMatch) expect([line, rule.pattern.test(line)]).toEqual([line, false]);
    });
  });
});

describe('KeywordIndex', () => {
  it('finds every rule whose keyword occurs, overlapping and non-ASCII keywords included', () => {
    const index = new KeywordIndex([['he', 'hers'], ['she'], ['✖ 3'], ['zzz'], []]);
    expect(index.candidates('ushers')).toEqual([0, 1]);
    expect(index.candidates('x ✖ 3 problems')).toEqual([2]);
    expect(index.candidates('nothing here')).toEqual([0]);
    expect(index.candidates('plain')).toEqual([]);
    expect(index.candidates('a 😀 she')).toEqual([0, 1]);
  });
});
