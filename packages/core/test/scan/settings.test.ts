import { describe, expect, it } from '@jest/globals';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { scanSchema } from '../../src/config/sections/scan.js';
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
      { scan: { weak_matches: 42 } },
      { scan: { weak_matches: 'code-files' } },
      { scan: 'yes' },
      [1],
      false,
    ]) {
      expect(quickScanSection(bad)).toBeUndefined();
    }
  });

  it('agrees with the full schema (ajv) on every setting, valid values and invalid ones', () => {
    const validate = new Ajv2020({ strict: false }).compile(scanSchema);
    const samples: unknown[] = [true, false, 'data-files', 'high', 'urgent', 42, 300, 10, '', 'docs/**', ['docs/**'], [''], ['phi'], ['pii'], null, {}];
    for (const key of Object.keys(scanSchema.properties ?? {}))
      for (const sample of samples) {
        const section = { [key]: sample };
        // The quick check agrees with ajv on every sample: accepts exactly what the schema accepts.
        expect([key, sample, quickScanSection({ scan: section }) !== undefined]).toEqual([key, sample, validate(section)]);
      }
  });

  it('never scans the baseline file, wherever it is configured', () => {
    expect(scanOptionsOf({ ...DEFAULT_SCAN_CONFIG, exclude: ['docs/**'], baseline: 'security/accepted.json' }).exclude).toEqual([
      'docs/**',
      'security/accepted.json',
    ]);
  });

  it('maps config keys to engine options', () => {
    expect(scanOptionsOf({ ...DEFAULT_SCAN_CONFIG, disable_rules: ['jwt'], weak_matches: true })).toMatchObject({
      disable: ['jwt'],
      weakMatches: true,
      maxLineLength: 8192,
    });
  });
});
