import { describe, expect, it } from '@jest/globals';
import { ConfigurationError, Inputs, mapInputs } from '@closed-loop/core';
import { readVerdict } from '../src/context.js';
import { readInputs } from '../src/inputs.js';

const read = (values: Record<string, string>) => readInputs(new Inputs(mapInputs(values)));

describe('recover inputs', () => {
  it('needs a phase, and a verdict for rerun and rollback', () => {
    expect(() => read({})).toThrow(new ConfigurationError('Input required and not supplied: phase. Set `phase:` under `with:`.'));
    expect(() => read({ phase: 'bogus' })).toThrow(/Input phase must be one of rerun, propose-fix, apply-fix, rollback, comment/);
    expect(() => read({ phase: 'rerun', 'github-token': 't' })).toThrow(/Input verdict is required for phase rerun/);
    expect(() => read({ phase: 'apply-fix', 'github-token': 't' })).toThrow(/Input verdict \(or pull-number and head-sha/);
  });

  it('checks comment-kind even without comment-id (a typo fails now, not when it matters)', () => {
    expect(() => read({ phase: 'comment', 'github-token': 't', 'comment-kind': 'bogus' })).toThrow(/Input comment-kind must be one of issue, review/);
  });

  it('reads no token in propose-fix and requires one elsewhere', () => {
    expect(read({ phase: 'propose-fix', 'github-token': 'ghs_x' }).githubToken).toBeUndefined();
    expect(() => read({ phase: 'comment' })).toThrow(/github-token/);
  });

  it('checks head-sha, max-wait, max-attempts and the App slug', () => {
    const base = { phase: 'apply-fix', 'github-token': 't', 'pull-number': '3' };
    expect(() => read({ ...base, 'head-sha': 'main' })).toThrow(/head-sha must be a full 40-character commit sha/);
    expect(() => read({ ...base, 'head-sha': 'a'.repeat(40), 'max-wait': '99999' })).toThrow(/max-wait must be a whole number from 0 to 3600/);
    expect(() => read({ ...base, 'head-sha': 'a'.repeat(40), 'max-attempts': '50' })).toThrow(/max-attempts must be a whole number from 1 to 10/);
    expect(() => read({ ...base, 'head-sha': 'a'.repeat(40), 'app-token': 'x' })).toThrow(/app-slug is required with app-token/);
    expect(read({ ...base, 'head-sha': 'a'.repeat(40), 'comment-id': '9', 'fix-mode': 'commit' })).toMatchObject({
      pullNumber: 3,
      commentId: 9,
      commentKind: 'issue',
      fixMode: 'commit',
      maxWaitSeconds: 300,
    });
  });

  it('takes the verdict inline or from a file, and rejects anything else in one line', () => {
    const files = { read: (p: string) => (p === 'v.json' ? '{"schema":"nope"}' : undefined), write: () => undefined };
    expect(() => readVerdict('missing.json', files)).toThrow(/no file at missing\.json/);
    expect(() => readVerdict('{not json', files)).toThrow(/not valid JSON/);
    expect(() => readVerdict('v.json', files)).toThrow(/is not a closed-loop\/verdict@1 result/);
  });
});
