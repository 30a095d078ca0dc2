import { afterAll, describe, expect, it } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readlinkSync, writeFileSync, mkdirSync, mkdtempSync, chmodSync, appendFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cli } from './io.js';
import { CHAINED_SUFFIX, EDITED_SUFFIX, HOOK_MARKER } from '../src/commands/hooks.js';
import { hookScript, isUneditedHook, PACKAGE_NAME } from '../src/commands/hook-script.js';
import { ROOT } from '../../../tests/support/source-files.js';
import { cleanupTempDirs, TempRepo } from '../../core/test/review-hash/temp-repo.js';

afterAll(cleanupTempDirs);

/** A repo whose node_modules/.bin/closed-loop is a stub logging its arguments (what the hooks resolve first). */
function repoWithStubCli(): { repo: TempRepo; log: string } {
  const repo = TempRepo.init();
  repo.write('a.txt', 'a\n').commit('base');
  const log = join(repo.dir, '.git', 'cli.log');
  mkdirSync(join(repo.dir, 'node_modules', '.bin'), { recursive: true });
  const stub = join(repo.dir, 'node_modules', '.bin', 'closed-loop');
  writeFileSync(stub, `#!/bin/sh\necho "$@" >> "${log}"\n`);
  chmodSync(stub, 0o755);
  writeFileSync(join(repo.dir, '.gitignore'), 'node_modules\n');
  return { repo, log };
}

function commitWithHooks(repo: TempRepo, message: string): void {
  repo.git('add', '-A');
  repo.git('commit', '-q', '-m', message);
}

/** A commit's environment with only `path` on PATH: what a GUI client or a bare machine gives a hook. */
const commitEnv = (path: string, home: string): NodeJS.ProcessEnv => ({
  PATH: path,
  HOME: home,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'T',
  GIT_AUTHOR_EMAIL: 't@example.com',
  GIT_COMMITTER_NAME: 'T',
  GIT_COMMITTER_EMAIL: 't@example.com',
});

describe('closed-loop hooks', () => {
  it('installs both hooks, chains an existing hook, is idempotent, and uninstall restores the original', async () => {
    const { repo, log } = repoWithStubCli();
    const hooks = join(repo.dir, '.git', 'hooks');
    const mine = join(hooks, 'pre-commit');
    writeFileSync(mine, `#!/bin/sh\necho "user hook" >> "${log}"\n`);
    chmodSync(mine, 0o755);

    expect((await cli(['hooks', 'install'], { cwd: repo.dir })).code).toBe(0);
    expect((await cli(['hooks', 'install'], { cwd: repo.dir })).code).toBe(0);
    expect(readFileSync(mine, 'utf8')).toContain(HOOK_MARKER);
    expect(readFileSync(mine + CHAINED_SUFFIX, 'utf8')).toContain('user hook');

    repo.write('b.txt', 'b\n');
    commitWithHooks(repo, 'with hooks');
    const lines = readFileSync(log, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('user hook');
    expect(lines[1]).toBe('scan --staged');
    expect(lines[2]).toMatch(/^hooks commit-msg .*COMMIT_EDITMSG$/);

    const removed = await cli(['hooks', 'uninstall'], { cwd: repo.dir });
    expect(removed.code).toBe(0);
    expect(removed.stdout).toContain(`Restored your pre-commit hook at ${mine}.`);
    expect(readFileSync(mine, 'utf8')).toBe(`#!/bin/sh\necho "user hook" >> "${log}"\n`);
    expect(existsSync(mine + CHAINED_SUFFIX)).toBe(false);
    expect(existsSync(join(hooks, 'commit-msg'))).toBe(false);
    const again = await cli(['hooks', 'uninstall'], { cwd: repo.dir });
    expect(again.stdout).toBe(`No closed-loop hooks in ${hooks}; nothing to remove.\n`);
    expect(readFileSync(mine, 'utf8')).toContain('user hook');
  });

  it('uninstall keeps a hook of ours the user edited, says where, and install refuses to overwrite it', async () => {
    const { repo } = repoWithStubCli();
    const hook = join(repo.dir, '.git', 'hooks', 'pre-commit');
    await cli(['hooks', 'install'], { cwd: repo.dir });
    appendFileSync(hook, 'echo my extra check\n');
    const reinstall = await cli(['hooks', 'install'], { cwd: repo.dir });
    expect(reinstall.code).toBe(2);
    expect(reinstall.stderr).toContain(`${hook} is a closed-loop hook you edited; move your lines to ${hook}${CHAINED_SUFFIX}`);
    const r = await cli(['hooks', 'uninstall'], { cwd: repo.dir });
    expect(r.stdout).toContain(`Kept your edited pre-commit hook at ${hook}${EDITED_SUFFIX}.`);
    expect(readFileSync(hook + EDITED_SUFFIX, 'utf8')).toContain('echo my extra check');
    expect(existsSync(hook)).toBe(false);
    expect(r.stdout).toContain('Removed the closed-loop commit-msg hook');
  });

  it('a hook that is a symbolic link (even a dangling one) is moved aside, never written through, and put back', async () => {
    const { repo } = repoWithStubCli();
    const hook = join(repo.dir, '.git', 'hooks', 'pre-commit');
    const target = join(repo.dir, '.git', 'shared-hooks', 'pre-commit');
    symlinkSync(target, hook);
    expect((await cli(['hooks', 'install'], { cwd: repo.dir })).code).toBe(0);
    expect(existsSync(target)).toBe(false);
    expect(readlinkSync(hook + CHAINED_SUFFIX)).toBe(target);
    const r = await cli(['hooks', 'uninstall'], { cwd: repo.dir });
    expect(r.stdout).toContain(`Restored your pre-commit hook at ${hook}.`);
    expect(readlinkSync(hook)).toBe(target);
    expect(existsSync(target)).toBe(false);
  });

  it('a missing CLI never blocks a commit: one line says how to install it', async () => {
    const repo = TempRepo.init();
    repo.write('a.txt', 'a\n').commit('base');
    await cli(['hooks', 'install'], { cwd: repo.dir });
    repo.write('b.txt', 'b\n');
    repo.git('add', '-A');
    const gitOnly = dirname(execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim());
    const r = spawnSync('git', ['commit', '-q', '-m', 'no cli'], {
      cwd: repo.dir,
      encoding: 'utf8',
      env: commitEnv(`${gitOnly}:/bin`, repo.dir),
    });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(`closed-loop: pre-commit check skipped, the CLI is not installed; install it with: npm i -D ${PACKAGE_NAME}`);
    expect(r.stderr.trim().split('\n')).toHaveLength(2); // one line per hook
  });

  it('an installed CLI with no node to run it never blocks a commit; the node recorded at install runs it when present', async () => {
    const { repo, log } = repoWithStubCli();
    // A real npm bin: its shebang needs node on PATH, which this commit's PATH lacks (git and dirname only).
    writeFileSync(
      join(repo.dir, 'node_modules', '.bin', 'closed-loop'),
      `#!/usr/bin/env node\nrequire('fs').appendFileSync(${JSON.stringify(log)}, 'ran\\n');\n`,
    );
    await cli(['hooks', 'install'], { cwd: repo.dir });
    const bin = mkdtempSync(join(tmpdir(), 'cl-nonode-'));
    for (const tool of ['git', 'dirname']) symlinkSync(execFileSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim(), join(bin, tool));
    const env = commitEnv(bin, repo.dir);
    const commit = (message: string) => {
      repo.write(`${message}.txt`, 'x\n');
      repo.git('add', '-A');
      return spawnSync('git', ['commit', '-q', '-m', message], { cwd: repo.dir, encoding: 'utf8', env });
    };
    const skipped = commit('no-node');
    expect(skipped.status).toBe(0);
    expect(skipped.stderr.trim().split('\n')).toEqual([
      'closed-loop: pre-commit check skipped, node is not on PATH; install Node.js (https://nodejs.org) or add it to PATH',
      'closed-loop: commit-msg check skipped, node is not on PATH; install Node.js (https://nodejs.org) or add it to PATH',
    ]);
    expect(existsSync(log)).toBe(false);

    // Installed through a CLI path: its node is used; a recorded node that is gone is one line, not a block.
    const entry = join(repo.dir, '.git', 'entry.cjs');
    writeFileSync(entry, `require('fs').appendFileSync(${JSON.stringify(log)}, process.argv.slice(2).join(' ') + '\\n');\n`);
    const hook = join(repo.dir, '.git', 'hooks', 'pre-commit');
    writeFileSync(hook, hookScript('pre-commit', { node: process.execPath, entry }));
    expect(commit('recorded-node').status).toBe(0);
    expect(readFileSync(log, 'utf8')).toBe('scan --staged\n');
    writeFileSync(hook, hookScript('pre-commit', { node: join(bin, 'gone', 'node'), entry }));
    const gone = commit('recorded-node-gone');
    expect(gone.status).toBe(0);
    expect(gone.stderr).toContain('closed-loop: pre-commit check skipped, node is not on PATH');
  });

  it('hooks fall back to the CLI path recorded at install, and say the package name the repository publishes', () => {
    const script = hookScript('pre-commit', { node: '/opt/node/bin/node', entry: "/opt/it's/closed-loop/index.js" });
    expect(script).toContain(`exec node '/opt/it'\\''s/closed-loop/index.js' scan --staged`);
    expect(isUneditedHook(script)).toBe(true);
    expect(isUneditedHook(script.replace('scan --staged', 'scan --all'))).toBe(false);
    expect(PACKAGE_NAME).toBe((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string }).name);
  });

  it('points husky users at their own hook files instead of writing where husky regenerates', async () => {
    const { repo } = repoWithStubCli();
    repo.git('config', 'core.hooksPath', '.husky/_');
    const r = await cli(['hooks', 'install'], { cwd: repo.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('add `closed-loop scan --staged` to .husky/pre-commit');
    rmSync(join(repo.dir, '.husky'), { recursive: true, force: true });
  });

  it('a failing chained hook still blocks the commit, and so does a failing scan', async () => {
    const { repo } = repoWithStubCli();
    const hooks = join(repo.dir, '.git', 'hooks');
    writeFileSync(join(hooks, 'pre-commit'), '#!/bin/sh\nexit 3\n');
    chmodSync(join(hooks, 'pre-commit'), 0o755);
    await cli(['hooks', 'install'], { cwd: repo.dir });
    repo.write('b.txt', 'b\n');
    expect(() => commitWithHooks(repo, 'blocked')).toThrow();
    writeFileSync(join(hooks, 'pre-commit' + CHAINED_SUFFIX), '#!/bin/sh\nexit 0\n');
    writeFileSync(join(repo.dir, 'node_modules', '.bin', 'closed-loop'), '#!/bin/sh\n[ "$1" = scan ] && exit 1\nexit 0\n');
    expect(() => commitWithHooks(repo, 'blocked by scan')).toThrow();
  });

  it('outside a repository: one line and exit 2', async () => {
    const r = await cli(['hooks', 'install']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is not inside a git repository/);
  });

  it('respects core.hooksPath', async () => {
    const { repo } = repoWithStubCli();
    repo.git('config', 'core.hooksPath', '.githooks');
    await cli(['hooks', 'install'], { cwd: repo.dir });
    expect(readFileSync(join(repo.dir, '.githooks', 'commit-msg'), 'utf8')).toContain(HOOK_MARKER);
    expect(existsSync(join(repo.dir, '.git', 'hooks', 'commit-msg'))).toBe(false);
  });

  it('commit-msg warns when the staged change moves away from the reviewed code, and stays quiet otherwise', async () => {
    const repo = TempRepo.init();
    repo.write('a.txt', 'a\n').commit('base');
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('a.txt', 'reviewed\n').commit('work');
    await cli(['review-hash', 'stamp', '--base', 'main', '--review-id', '0f1e2d3c4b5a6978'], { cwd: repo.dir });
    const msg = join(repo.dir, '.git', 'COMMIT_EDITMSG');
    writeFileSync(msg, 'next\n');
    const quiet = await cli(['hooks', 'commit-msg', msg], { cwd: repo.dir });
    expect(quiet).toMatchObject({ code: 0, stderr: '' });
    repo.write('a.txt', 'changed after review\n');
    repo.git('add', '-A');
    const warned = await cli(['hooks', 'commit-msg', msg], { cwd: repo.dir });
    expect(warned.code).toBe(0);
    expect(warned.stderr).toMatch(/warning: this commit changes code that was reviewed/);
    expect(execFileSync('git', ['-C', repo.dir, 'diff', '--cached', '--name-only'], { encoding: 'utf8' }).trim()).toBe('a.txt');
  });

  it('commit-msg run by hand without a readable message file: one line, exit 2, not a silent pass', async () => {
    const repo = TempRepo.init();
    repo.write('a.txt', 'a\n').commit('base');
    const cases: [string[], RegExp][] = [
      [[], /^closed-loop: hooks commit-msg needs MESSAGE-FILE/],
      [['missing.txt'], /^closed-loop: MESSAGE-FILE missing\.txt: no such file or directory/],
      [['.git'], /^closed-loop: MESSAGE-FILE \.git: is a directory, not a file/],
    ];
    for (const [extra, expected] of cases) {
      const r = await cli(['hooks', 'commit-msg', ...extra], { cwd: repo.dir });
      expect({ code: r.code, lines: r.stderr.trim().split('\n').length }).toEqual({ code: 2, lines: 1 });
      expect(r.stderr).toMatch(expected);
    }
  });
});
