import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { Git, ManualClock, recordingRuntime, workspaceDiff, workspaceSnapshot } from '@closed-loop/core';
import type { RunState } from '@closed-loop/testkit';
import { readInputs } from '../src/inputs.js';
import { run } from '../src/run.js';
import { verdictFor } from './harness.js';

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd, encoding: 'utf8' });

/** app.js: the line the format fixer rewrites, then `tail` (lines far enough below to be out of its hunk). */
const FAR = Array.from({ length: 10 }, (_, i) => `// ${i}`).join('\n');

function workspace(tail = ''): string {
  const dir = mkdtempSync(join(tmpdir(), 'cl-propose-'));
  git(dir, 'init', '-q');
  writeFileSync(join(dir, 'app.js'), `const a=1\n${tail}`);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'base');
  return dir;
}

/** Runs propose-fix in `dir` with the format fixer, as main.ts wires it (real git, real shell). */
async function propose(dir: string) {
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
  const repo = new Git(dir);
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
    snapshot: () => workspaceSnapshot(repo),
    diff: (from) => workspaceDiff(repo, from),
    headFile: (path) => repo.readFile('HEAD', path),
  });
  return { outcome, outputs, commands, patch: files.get('closed-loop-fix.patch'), audit: files.get('closed-loop-recover-audit.json') ?? '' };
}

describe('propose-fix (unprivileged: runs fixers, writes the patch, holds no token)', () => {
  it('runs the configured fixers and writes their diff as the patch', async () => {
    const dir = workspace();
    const { outcome, outputs, commands, patch } = await propose(dir);
    expect(commands).toEqual(['sed -i s/a=1/a\\ =\\ 1/ app.js']);
    expect(readFileSync(join(dir, 'app.js'), 'utf8')).toBe('const a = 1\n');
    expect(patch).toMatch(/^diff --git a\/app\.js b\/app\.js[\s\S]*-const a=1\n\+const a = 1\n$/);
    expect(outcome).toMatchObject({ action: 'fix', executed: false });
    expect(outputs).toMatchObject({ 'changed-lines': 2, 'has-changes': true });
  });

  it("uncommitted changes already in the workspace are left out of the patch: only the fixers' work is proposed", async () => {
    const dir = workspace(`${FAR}\n`);
    writeFileSync(join(dir, 'app.js'), `const a=1\n${FAR}\nconst injected = process.env.SECRET\n`);
    writeFileSync(join(dir, 'other.js'), 'x\n');
    git(dir, 'add', 'other.js');
    git(dir, 'commit', '-qm', 'other');
    writeFileSync(join(dir, 'other.js'), 'changed by an earlier step\n');
    const index = git(dir, 'ls-files', '-s');
    const { outcome, outputs, patch, audit } = await propose(dir);
    expect(patch).toMatch(/^diff --git a\/app\.js b\/app\.js[\s\S]*-const a=1\n\+const a = 1\n \/\/ 0\n/);
    expect(patch).not.toContain('injected');
    expect(patch).not.toContain('other.js');
    expect(outputs).toMatchObject({ 'changed-lines': 2, 'has-changes': true });
    expect(outcome).toMatchObject({ action: 'fix' });
    expect(audit).toMatch(/2 file\(s\) already changed before the fixers ran \(app\.js, other\.js\); their changes are left out of the patch/);
    // Neither the index nor the files were touched by the snapshot.
    expect(git(dir, 'ls-files', '-s')).toBe(index);
    expect(readFileSync(join(dir, 'other.js'), 'utf8')).toBe('changed by an earlier step\n');
  });

  it('refuses up front when an earlier step changed the lines the fixers touch: that patch would not apply to the head', async () => {
    const dir = workspace();
    // Next to the line the fixer rewrites: the fixer's hunk holds it as context, which HEAD does not have.
    writeFileSync(join(dir, 'app.js'), 'const a=1\nconst injected = process.env.SECRET\n');
    const { outcome, outputs, patch, audit } = await propose(dir);
    expect(patch).toBe('');
    expect(outputs).toMatchObject({ 'has-changes': false });
    expect(outcome).toMatchObject({ action: 'report' });
    const reason = "the fixers changed lines of app.js that an earlier step of this job had already changed, so their patch would not apply to the run's head";
    expect(outcome.reason).toContain(reason);
    expect(outcome.reason).not.toContain('\n');
    expect(audit).toContain(reason);
  });
});
