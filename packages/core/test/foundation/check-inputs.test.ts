import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { checkInputs } from '../../src/action/check-inputs.js';
import { writeErrorLine } from '../../src/action/workflow-command.js';
import { ConfigurationError } from '../../src/errors.js';
import type { Inputs } from '../../src/inputs/index.js';

function reporter() {
  const calls = { errors: [] as string[], exitCode: 0 };
  return { r: { error: (m: string) => calls.errors.push(m), setExitCode: (c: number) => (calls.exitCode = c) }, calls };
}

const readToken = (inputs: Inputs) => ({ token: inputs.secret('github-token', true), top: inputs.int('top', { min: 1, default: 25 }) });

describe('checkInputs', () => {
  it('answers a missing input as runAction would: one line naming it, exit 1, stop', () => {
    const { r, calls } = reporter();
    expect(checkInputs(readToken, {}, r)).toBe(false);
    expect(calls).toEqual({ errors: ['Input required and not supplied: github-token. Set `github-token:` under `with:`.'], exitCode: 1 });
  });

  it('reads the runner variables (INPUT_GITHUB-TOKEN, hyphen kept): a mistyped value is answered, good ones go on without a word', () => {
    const bad = reporter();
    expect(checkInputs(readToken, { 'INPUT_GITHUB-TOKEN': 't', INPUT_TOP: 'ten' }, bad.r)).toBe(false);
    expect(bad.calls.errors).toEqual(['Input top must be a whole number of at least 1, got "ten".']);
    const good = reporter();
    expect(checkInputs(readToken, { 'INPUT_GITHUB-TOKEN': 't', INPUT_TOP: '10' }, good.r)).toBe(true);
    expect(good.calls).toEqual({ errors: [], exitCode: 0 });
  });

  it('makes a multi-line message one line', () => {
    const { r, calls } = reporter();
    checkInputs(
      () => {
        throw new ConfigurationError('Input mode must be one of a, b;\n got "c".');
      },
      {},
      r,
    );
    expect(calls.errors).toEqual(['Input mode must be one of a, b; got "c".']);
  });

  it('leaves anything but a ConfigurationError to the body, which reports it as an internal error', () => {
    const { r, calls } = reporter();
    const bug = () => {
      throw new TypeError('boom');
    };
    expect(checkInputs(bug, {}, r)).toBe(true);
    expect(calls).toEqual({ errors: [], exitCode: 0 });
  });
});

describe('writeErrorLine', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('writes one ::error:: command, escaped as @actions/core escapes it', () => {
    const written: string[] = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => written.push(String(chunk)) > 0);
    writeErrorLine('coverage 50% < 80%\r\nx');
    expect(written).toEqual(['::error::coverage 50%25 < 80%25%0D%0Ax\n']);
  });
});
