import { describe, expect, it } from '@jest/globals';
import { ALL_RULES, Scanner, textLines } from '../../src/scan/index.js';

// Rules are data: every example a rule carries is run here, so a regex change that breaks one fails.
// Examples judge what a rule reports on evidence; context-free weak matches are tested in engine.test.ts.
const scanner = new Scanner({ fixtures: [], weakMatches: false });
const idsIn = (text: string): string[] => scanner.scanFile({ path: 'src/example.txt', lines: textLines(text) }).map((f) => f.ruleId);

describe('rule examples', () => {
  for (const rule of ALL_RULES) {
    describe(rule.id, () => {
      for (const example of rule.examples.positive) {
        it(`reports ${JSON.stringify(example.slice(0, 50))}`, () => expect(idsIn(example)).toContain(rule.id));
      }
      for (const example of rule.examples.negative) {
        it(`does not report ${JSON.stringify(example.slice(0, 50))}`, () => expect(idsIn(example)).not.toContain(rule.id));
      }
    });
  }

  it('every rule has an id, a description and at least one example', () => {
    const ids = ALL_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of ALL_RULES) {
      expect(r.description.length).toBeGreaterThan(5);
      expect(r.examples.positive.length + r.examples.negative.length).toBeGreaterThan(0);
    }
  });
});
