import { describe, expect, it } from '@jest/globals';
import { runAction, type FailureReporter } from '../../src/action/run-action.js';
import { ConfigurationError } from '../../src/errors.js';
import { RecordingLogger, withGroup } from '../../src/logger.js';

function reporter() {
  const calls = { errors: [] as string[], debug: [] as string[], exitCode: 0 };
  const r: FailureReporter = { error: (m) => calls.errors.push(m), debug: (m) => calls.debug.push(m), setExitCode: (c) => (calls.exitCode = c) };
  return { r, calls };
}

describe('runAction', () => {
  it('turns a ConfigurationError into exactly one error line and exit 1, no stack', async () => {
    const { r, calls } = reporter();
    await runAction(
      'x',
      async () => {
        throw new ConfigurationError('Input mode must be one of a, b;\n got "c".');
      },
      r,
    );
    expect(calls).toEqual({ errors: ['Input mode must be one of a, b; got "c".'], debug: [], exitCode: 1 });
  });

  it('reports an internal error as one line and keeps the stack for debug output', async () => {
    const { r, calls } = reporter();
    await runAction(
      'failure-classify',
      async () => {
        throw new TypeError('boom');
      },
      r,
    );
    expect(calls.errors).toEqual(['failure-classify failed with an internal error: boom. Re-run with debug logging for details and report it.']);
    expect(calls.debug[0]).toContain('TypeError: boom');
    expect(calls.exitCode).toBe(1);
  });

  it('leaves the exit code alone on success', async () => {
    const { r, calls } = reporter();
    await runAction('x', async () => {}, r);
    expect(calls).toEqual({ errors: [], debug: [], exitCode: 0 });
  });
});

describe('withGroup', () => {
  it('closes the group even when the body throws', async () => {
    const logger = new RecordingLogger();
    await expect(withGroup(logger, 'g', () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    expect(logger.openGroups).toBe(0);
    expect(logger.messages('group')).toEqual(['g']);
  });
});
