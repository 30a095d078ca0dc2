import { describe, expect, it } from '@jest/globals';
import { DEFAULT_SCAN_CONFIG, quickScanSection, scanOptionsOf } from '../../src/scan/index.js';

describe('scan settings', () => {
  it('the quick check accepts a valid section (defaults filled) and an absent one', () => {
    expect(quickScanSection({ scan: { fail_on: 'critical', exclude: ['docs/**'], weak_matches: true } })).toEqual({
      ...DEFAULT_SCAN_CONFIG,
      fail_on: 'critical',
      exclude: ['docs/**'],
      weak_matches: true,
    });
    expect(quickScanSection(undefined)).toEqual(DEFAULT_SCAN_CONFIG);
    expect(quickScanSection({ notify: { anything: 1 } })).toEqual(DEFAULT_SCAN_CONFIG);
  });

  it('anything off is left to the full loader (which reports line and column)', () => {
    for (const bad of [
      { scan: { fail_on: 'urgent' } },
      { scan: { bogus: 1 } },
      { scan: { exclude: 'docs/**' } },
      { scan: { max_line_length: 10 } },
      { scan: { bypass_label: '' } },
      { scan: 'yes' },
      [1],
      false,
    ]) {
      expect(quickScanSection(bad)).toBeUndefined();
    }
  });

  it('maps config keys to engine options', () => {
    expect(scanOptionsOf({ ...DEFAULT_SCAN_CONFIG, disable_rules: ['jwt'], weak_matches: true })).toMatchObject({
      disable: ['jwt'],
      weakMatches: true,
      maxLineLength: 8192,
    });
  });
});
