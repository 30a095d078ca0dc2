import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { actionRuntime } from '../../src/action/runtime.js';

describe('actionRuntime', () => {
  let dir: string;
  const saved = { ...process.env };
  let stdout: jest.SpiedFunction<typeof process.stdout.write>;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cl-rt-'));
    for (const f of ['output', 'summary']) writeFileSync(join(dir, f), '');
    process.env.GITHUB_OUTPUT = join(dir, 'output');
    process.env.GITHUB_STEP_SUMMARY = join(dir, 'summary');
    stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  });
  afterEach(() => {
    stdout.mockRestore();
    process.env = { ...saved };
  });

  it('masks secret inputs, then redacts them from the summary; outputs objects as JSON', async () => {
    const env = { ...process.env, 'INPUT_SIGNING-KEY': 'hunter2-but-longer', INPUT_MODE: 'fast' };
    const runtime = actionRuntime(env);
    expect(runtime.inputs.secret('signing-key')).toBe('hunter2-but-longer');
    expect(stdout.mock.calls.map((c) => String(c[0])).join('')).toContain('::add-mask::hunter2-but-longer');
    runtime.setOutput('result', { ok: true });
    runtime.setOutput('count', 3);
    await runtime.writeSummary('key was hunter2-but-longer');
    expect(readFileSync(join(dir, 'output'), 'utf8')).toMatch(/result<<ghadelimiter_[\w-]+\n\{"ok":true\}\n/);
    expect(readFileSync(join(dir, 'summary'), 'utf8')).toBe('key was ***\n');
  });

  it('skips the summary when the runner gives no summary file', async () => {
    const runtime = actionRuntime({});
    await expect(runtime.writeSummary('x')).resolves.toBeUndefined();
    expect(readFileSync(join(dir, 'summary'), 'utf8')).toBe('');
  });
});
