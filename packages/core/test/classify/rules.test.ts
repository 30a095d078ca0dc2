import { describe, expect, it } from '@jest/globals';
import { BUILTIN_RULES, CATEGORIES, mayMatch } from '../../src/classify/index.js';

describe('built-in rule pack', () => {
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
    it('matches each positive example, and each example holds one of its keywords', () => {
      expect(rule.examples.match.length).toBeGreaterThan(0);
      for (const line of rule.examples.match) {
        expect([line, rule.pattern.test(line)]).toEqual([line, true]);
        expect([line, mayMatch(rule, line.toLowerCase())]).toEqual([line, true]);
      }
    });
    it('matches no negative example', () => {
      expect(rule.examples.noMatch.length).toBeGreaterThan(0);
      for (const line of rule.examples.noMatch) expect([line, rule.pattern.test(line)]).toEqual([line, false]);
    });
  });
});
