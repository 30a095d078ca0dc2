import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { Git, ManualClock, recordingRuntime } from '@closed-loop/core';
import type { RunState } from '@closed-loop/testkit';
import { readInputs } from '../src/inputs.js';
import { run } from '../src/run.js';
import { verdictFor } from './harness.js';

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd, encoding: 'utf8' });

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cl-propose-'));
  git(dir, 'init', '-q');
  writeFileSync(join(dir, 'app.js'), 'const a=1\n');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'base');
  return dir;
}

describe('propose-fix (unprivileged: runs fixers, writes the patch, holds no token)', () => {
  it('runs the configured fixers and writes their diff as the patch', async () => {
    const dir = workspace();
    const { runtime, outputs } = recordingRuntime({
      phase: 'propose-fix',
      verdict: JSON.stringify(
        verdictFor(
          {
            id: 9,
            attempts: [{}],
            name: 'CI',
            path: 'ci.yml',
            event: 'push',
            head_sha: 'a'.repeat(40),
            head_branch: 'feature',
            pullNumbers: [],
            fork: false,
          } as unknown as RunState,
          { category: 'quality', subcategory: 'format', transient: false },
        ),
      ),
    });
    const parsed = readInputs(runtime.inputs);
    expect(parsed.githubToken).toBeUndefined();
    const commands: string[] = [];
    const files = new Map([['.github/closed-loop.yml', 'recover:\n  fixers:\n    format: ["sed -i s/a=1/a\\\\ =\\\\ 1/ app.js"]\n']]);
    const outcome = await run(parsed, {
      runtime,
      repo: { owner: 'acme', repo: 'widgets' },
      clock: new ManualClock(),
      random: () => 0.5,
      files: { read: (p) => files.get(p), write: (p, t) => void files.set(p, t) },
      runCommand: async (command) => {
        commands.push(command);
        execFileSync('bash', ['-c', command], { cwd: dir });
        return { exitCode: 0, stdout: '', stderr: '' };
      },
      diff: async () => (await new Git(dir).run(['diff', '--no-color', '--no-ext-diff', '--end-of-options', 'HEAD'])).stdout.toString('utf8'),
    });
    expect(commands).toEqual(['sed -i s/a=1/a\\ =\\ 1/ app.js']);
    expect(readFileSync(join(dir, 'app.js'), 'utf8')).toBe('const a = 1\n');
    expect(files.get('closed-loop-fix.patch')).toMatch(/^diff --git a\/app\.js b\/app\.js[\s\S]*-const a=1\n\+const a = 1\n$/);
    expect(outcome).toMatchObject({ action: 'fix', executed: false });
    expect(outputs).toMatchObject({ 'changed-lines': 2, 'has-changes': true });
  });
});
