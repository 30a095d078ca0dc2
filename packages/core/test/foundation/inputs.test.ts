import { describe, expect, it } from '@jest/globals';
import { ConfigurationError } from '../../src/errors.js';
import { Inputs, envInputs, mapInputs } from '../../src/inputs/index.js';

const inputs = (values: Record<string, string>, onSecret?: (s: string) => void) => new Inputs(mapInputs(values), onSecret);

describe('Inputs', () => {
  it('reads INPUT_* variables like the runner sets them', () => {
    const source = envInputs({ 'INPUT_GITHUB-TOKEN': 'abc', INPUT_MAX_ATTEMPTS: '3' });
    expect(source('github-token')).toBe('abc');
    expect(source('max attempts')).toBe('3');
  });

  it('treats blank as unset and names the missing input and the fix', () => {
    expect(inputs({ token: '  ' }).optional('token')).toBeUndefined();
    expect(() => inputs({}).required('github-token')).toThrow(
      new ConfigurationError('Input required and not supplied: github-token. Set `github-token:` under `with:`.'),
    );
  });

  it('parses whole numbers within a range and says what is allowed', () => {
    expect(inputs({ n: '7' }).int('n', { min: 1, max: 10 })).toBe(7);
    expect(inputs({}).int('n', { default: 3 })).toBe(3);
    expect(() => inputs({ n: '11' }).int('n', { min: 1, max: 10 })).toThrow('Input n must be a whole number from 1 to 10, got 11.');
    expect(() => inputs({ n: '1.5' }).int('n', { min: 0 })).toThrow('Input n must be a whole number of at least 0, got "1.5".');
    expect(() => inputs({ n: 'x' }).int('n', { max: 2 })).toThrow('of at most 2');
    expect(() => inputs({}).int('n')).toThrow('Input required and not supplied: n');
  });

  it('accepts the YAML 1.2 booleans only', () => {
    expect(inputs({ b: 'True' }).boolean('b')).toBe(true);
    expect(inputs({ b: 'FALSE' }).boolean('b')).toBe(false);
    expect(inputs({}).boolean('b', true)).toBe(true);
    expect(() => inputs({ b: 'yes' }).boolean('b')).toThrow('Input b must be true or false, got "yes".');
    expect(() => inputs({}).boolean('b')).toThrow(ConfigurationError);
  });

  it('splits lists on newlines and commas', () => {
    expect(inputs({ l: 'a, b\n\nc,' }).list('l')).toEqual(['a', 'b', 'c']);
    expect(inputs({}).list('l', ['x'])).toEqual(['x']);
  });

  it('checks enums', () => {
    expect(inputs({ mode: 'supervised' }).enum('mode', ['automatic', 'supervised'] as const)).toBe('supervised');
    expect(inputs({}).enum('mode', ['a', 'b'] as const, 'b')).toBe('b');
    expect(() => inputs({ mode: 'auto' }).enum('mode', ['automatic', 'supervised'] as const)).toThrow(
      'Input mode must be one of automatic, supervised; got "auto".',
    );
    expect(() => inputs({}).enum('mode', ['a'] as const)).toThrow(ConfigurationError);
  });

  it('registers secrets for masking before anyone can print them', () => {
    const seen: string[] = [];
    expect(inputs({ key: 's3cr3t-value' }, (s) => seen.push(s)).secret('key')).toBe('s3cr3t-value');
    expect(seen).toEqual(['s3cr3t-value']);
    expect(() => inputs({}).secret('key', true)).toThrow(ConfigurationError);
  });
});
