import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { classifyConfigOf, CLASSIFY_DEFAULTS, DEFAULT_FAILURE_RATE_TIERS } from '../../src/classify/index.js';
import { withDefaults, type SectionName } from '../../src/config/defaults.js';
import { defaults, loadConfig } from '../../src/config/load.js';
import { SECTIONS } from '../../src/config/sections/index.js';
import { qualityGateSettingsOf } from '../../src/gate/settings.js';
import { DEFAULT_NOTIFY_SETTINGS, notifySettings } from '../../src/notify/settings.js';
import { recoverSettings } from '../../src/recover/settings.js';
import { resolvePolicy } from '../../src/review-hash/policy.js';
import { DEFAULT_SCAN_CONFIG, scanConfigOf } from '../../src/scan/settings.js';

const ROOT = join(import.meta.dirname, '../../../..');

describe('one source for every default: the section schema', () => {
  it.each(Object.keys(SECTIONS) as SectionName[])('%s: the engines fill exactly what the precompiled validator fills', (name) => {
    expect(withDefaults(name, {})).toEqual(defaults()[name]);
  });

  it('each engine reads a missing section as the loaded defaults', () => {
    const loaded = loadConfig(undefined);
    expect(classifyConfigOf(undefined)).toEqual(loaded.classify);
    expect(CLASSIFY_DEFAULTS).toEqual(loaded.classify);
    expect(DEFAULT_FAILURE_RATE_TIERS).toEqual((loaded.classify as { failure_rate: unknown }).failure_rate);
    expect(DEFAULT_NOTIFY_SETTINGS).toEqual(notifySettings(loaded.notify));
    expect(recoverSettings({})).toEqual(recoverSettings(loaded));
    expect(DEFAULT_SCAN_CONFIG).toEqual(loaded.scan);
    expect(qualityGateSettingsOf(undefined)).toEqual(qualityGateSettingsOf(loaded.quality_gate));
    expect(resolvePolicy(undefined, {}, 'o/r')).toEqual(resolvePolicy(loaded.review_hash, {}, 'o/r'));
  });

  it('fills nested settings and array items, and keeps what is given', () => {
    const recover = recoverSettings({ recover: { backoff: { base_seconds: 7 }, breaker: { cooldown_minutes: { testing: 20 } } } });
    expect(recover.backoff).toEqual({ baseSeconds: 7, multiplier: 2, maxSeconds: 1800, jitter: 0.1 });
    expect(recover.breaker.cooldownMinutes).toMatchObject({ testing: 20, infrastructure: 5, quality: 30 });
    expect(classifyConfigOf({ rules: [{ pattern: 'x', category: 'build' }] }).rules).toEqual([
      { pattern: 'x', category: 'build', flags: 'i', subcategory: 'custom', transient: false },
    ]);
    expect(scanConfigOf({ fail_on: 'low' }).fail_on).toBe('low');
    const given = { fail_on: 'low' };
    withDefaults('scan', given);
    expect(given).toEqual({ fail_on: 'low' });
  });

  it('no engine repeats a default or an enum the schema holds', () => {
    // The literals that used to be written twice: each must now live in its section schema alone.
    const offenders: string[] = [];
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : f.endsWith('.ts') ? [join(dir, f)] : []));
    const repeated = [
      /\bn\(\w+\.\w+, \d/, // recover's `n(b.base_seconds, 30)`
      /'quality', 'security', 'performance'/, // the category enum outside classify/verdict.ts
      /min_runs: 4, critical: 0\.5/,
      /statusContext: 'closed-loop'/,
      /max_log_bytes: 64 \* 1024/,
    ];
    for (const file of walk(join(ROOT, 'packages/core/src'))) {
      const rel = relative(ROOT, file);
      if (rel.includes('/generated/') || rel.endsWith('classify/verdict.ts')) continue;
      const text = readFileSync(file, 'utf8');
      for (const pattern of repeated) if (pattern.test(text)) offenders.push(`${rel}: ${pattern.source}`);
    }
    expect(offenders).toEqual([]);
  });
});
