// A verdict crosses job boundaries as text; recover plans re-runs and notify routes pages from its
// fields. Only the schema tag was checked: `category: 42`, `severity: "catastrophic"` and
// `category: "constructor"` were accepted, and an unknown severity crashed notify mid-write.
import { describe, expect, it } from '@jest/globals';
import { ConfigurationError } from '../../src/errors.js';
import { asVerdict } from '../../src/notify/input.js';
import { makeVerdict } from './fixtures.js';

const base = () => JSON.parse(JSON.stringify(makeVerdict())) as Record<string, unknown>;

describe('asVerdict checks every field the engines read', () => {
  it('accepts what failure-classify writes', () => {
    expect(asVerdict(base(), 'Input verdict')).toMatchObject({ schema: 'closed-loop/verdict@1' });
  });

  it.each([
    ['category: 42', { category: 42 }, 'category must be one of'],
    ['category: "constructor"', { category: 'constructor' }, 'category must be one of'],
    ['severity: "catastrophic"', { severity: 'catastrophic' }, 'severity must be one of'],
    ['confidence: 7', { confidence: 7 }, 'confidence must be a number from 0 to 1'],
    ['transient: "yes"', { transient: 'yes' }, 'transient must be true or false'],
    ['run: null', { run: null }, 'run must be an object'],
    ['jobs: {}', { jobs: {} }, 'jobs must be a list'],
  ])('rejects %s with one line naming the field', (_name, patch, expected) => {
    const attempt = () => asVerdict({ ...base(), ...patch }, 'Input verdict');
    expect(attempt).toThrow(ConfigurationError);
    expect(attempt).toThrow(`Input verdict is not a closed-loop/verdict@1 result (${expected}`);
  });

  it('checks each job too', () => {
    const v = base();
    (v.jobs as Record<string, unknown>[]).push({ ...(v.jobs as Record<string, unknown>[])[0], severity: 'catastrophic' });
    expect(() => asVerdict(v, 'Input verdict')).toThrow(/jobs\[\d+\]\.severity must be one of/);
  });

  it('accepts a run that names its head repository, and rejects one that names it with a non-string', () => {
    const named = base();
    (named.run as Record<string, unknown>).headRepository = 'alice/widgets';
    expect(asVerdict(named, 'Input verdict').run.headRepository).toBe('alice/widgets');
    (named.run as Record<string, unknown>).headRepository = 7;
    expect(() => asVerdict(named, 'Input verdict')).toThrow('run.headRepository must be a string when given');
  });

  it('rejects what is not an object', () => {
    expect(() => asVerdict([], 'Input verdict')).toThrow('(not a JSON object)');
  });
});
