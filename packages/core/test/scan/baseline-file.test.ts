import { describe, expect, it } from '@jest/globals';
import { parseBaseline, serializeBaseline, updatedBaseline } from '../../src/scan/baseline.js';

describe('the baseline file', () => {
  it('keeps top-level keys that are not ours when rewritten', () => {
    const text = JSON.stringify({ $comment: 'reviewed by security, 2026-03', owner: 'platform', version: 1, entries: [] });
    const next = updatedBaseline(parseBaseline(text), [], [], new Date(0));
    expect(JSON.parse(serializeBaseline(next))).toEqual({ $comment: 'reviewed by security, 2026-03', owner: 'platform', version: 1, entries: [] });
  });

  it('gives advice that works for a corrupt file (--update-baseline reads it first, so it cannot fix it)', () => {
    expect(() => parseBaseline('{"version": 1, "entries": [', 'b.json')).toThrow(
      /^b\.json: not valid JSON .*; fix it by hand, or delete it and run `closed-loop scan --update-baseline`/,
    );
    expect(() => parseBaseline('{"version": 2}', 'b.json')).toThrow(/fix it by hand, or delete it and run/);
  });
});
