import { describe, expect, it } from '@jest/globals';
import { ConfigurationError } from '../../src/errors.js';
import { loadConfig, resolveEnvironment, deepMerge, configSchema, defaults } from '../../src/config/index.js';

describe('loadConfig', () => {
  it('returns the defaults for a missing or empty file', () => {
    const config = loadConfig(undefined);
    expect(config.version).toBe(1);
    expect(config.environments).toEqual({});
    expect(loadConfig('  \n')).toEqual(defaults());
  });

  it('names file, line, column and key path for an unknown key', () => {
    const text = 'version: 1\nrecover:\n  bogus_key: 3\n';
    expect(() => loadConfig(text)).toThrow(
      new ConfigurationError(
        '.github/closed-loop.yml:3:3: recover.bogus_key is not a known setting; remove it or check the spelling against docs/closed-loop.schema.json.',
      ),
    );
  });

  it('points at the value for a type error inside environments', () => {
    const text = ['version: 1', 'environments:', '  production:', '    notify:', '      nope: true', ''].join('\n');
    expect(() => loadConfig(text, 'cfg.yml')).toThrow(/^cfg\.yml:5:7: environments\.production\.notify\.nope is not a known setting/);
  });

  it('reports a wrong version with the allowed value', () => {
    expect(() => loadConfig('version: 2\n')).toThrow('.github/closed-loop.yml:1:10: version must be 1.');
  });

  it('reports YAML syntax errors with their position', () => {
    expect(() => loadConfig('version: 1\nrecover: [1,\n')).toThrow(/^\.github\/closed-loop\.yml:3:1: invalid YAML: /);
  });

  it('rejects a file that is not a mapping', () => {
    expect(() => loadConfig('- a\n- b\n')).toThrow('.github/closed-loop.yml:1:1: the file must be a mapping of settings');
  });
});

describe('environments', () => {
  it('merges objects, replaces arrays and scalars, and rejects unknown names', () => {
    const config = loadConfig(
      [
        'version: 1',
        'recover:',
        '  mode: automatic',
        '  backoff: { base_seconds: 10, max_seconds: 60 }',
        '  fixers: { format: [prettier --write .] }',
        'environments:',
        '  production:',
        '    recover:',
        '      mode: supervised',
        '      backoff: { max_seconds: 600 }',
        '      fixers: { format: [eslint --fix .] }',
        '    classify:',
        '      rules: [{ pattern: timed out, category: infrastructure }]',
      ].join('\n'),
    );
    const resolved = resolveEnvironment(config, 'production');
    expect(resolved.recover).toMatchObject({ mode: 'supervised', backoff: { base_seconds: 10, max_seconds: 600 }, fixers: { format: ['eslint --fix .'] } });
    // The override's rule is as complete as a rule loaded at the top level: its defaults are filled in.
    expect(resolved.classify.rules).toEqual([{ pattern: 'timed out', category: 'infrastructure', flags: 'i', subcategory: 'custom', transient: false }]);
    expect(resolved.notify).toEqual(config.notify);
    expect(resolveEnvironment(config, undefined)).toBe(config);
    expect(() => resolveEnvironment(config, 'staging')).toThrow(
      'environment "staging" is not defined under environments: in .github/closed-loop.yml (defined: production).',
    );
  });

  it('deepMerge keeps the base when the override is undefined', () => {
    expect(deepMerge({ a: 1 }, undefined)).toEqual({ a: 1 });
  });
});

describe('configSchema', () => {
  it('has a section per engine and environment overrides without defaults', () => {
    const schema = configSchema();
    expect(Object.keys(schema.properties ?? {})).toEqual([
      'version',
      'classify',
      'recover',
      'notify',
      'scan',
      'review_hash',
      'value_discovery',
      'quality_gate',
      'environments',
    ]);
    expect(JSON.stringify((schema.properties?.environments?.additionalProperties as object) ?? {})).not.toContain('"default"');
  });
});
