import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixerEnvironment, runFixer } from '../src/fixer-runner.js';

describe('fixers run through @actions/exec', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'fixer-'));
  const env = fixerEnvironment({
    PATH: process.env.PATH,
    HOME: cwd,
    GITHUB_TOKEN: 'ghs_secret',
    INPUT_GITHUB_TOKEN: 'x',
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'y',
    CI: 'true',
  });

  it('hides tokens and runner credentials from the fixer', () => {
    expect(Object.keys(env).sort()).toEqual(['CI', 'HOME', 'PATH']);
  });

  it('captures output and returns the exit code, in the working directory, with stdin closed', async () => {
    const result = await runFixer('echo fixed > out.txt; echo done; echo warn >&2; read -r line || echo "stdin closed"; exit 3', { cwd, env, silent: true });
    expect(result).toMatchObject({ exitCode: 3, stdout: 'done\nstdin closed\n', stderr: 'warn\n' });
    expect(readFileSync(join(cwd, 'out.txt'), 'utf8')).toBe('fixed\n');
  });

  it('a fixer sees no token even when it asks for one', async () => {
    expect((await runFixer('echo "[${GITHUB_TOKEN:-}]"', { cwd, env, silent: true })).stdout).toBe('[]\n');
  });

  it('a missing working directory is exit 127 with the reason, not a crash', async () => {
    const result = await runFixer('true', { cwd: join(cwd, 'missing'), env, silent: true });
    expect(result.exitCode).toBe(127);
    expect(result.stderr).not.toBe('');
  });
});
