import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Git, GitError, assertRev } from '../../src/git/index.js';

const ENV = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e', GIT_CONFIG_NOSYSTEM: '1', HOME: tmpdir() };

describe('Git', () => {
  let dir: string;
  let git: Git;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cl-git-'));
    git = new Git(dir, ENV);
    await git.run(['init', '-q', '-b', 'main']);
    writeFileSync(join(dir, '-rf'), 'x\n');
    writeFileSync(join(dir, 'a b.txt'), 'y\n');
    await git.run(['add', '--', '-rf', 'a b.txt']);
    await git.run(['commit', '-q', '-m', 'first\n\nbody']);
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('treats hostile file names as data and parses NUL-separated output', async () => {
    expect(await git.fields(['ls-files', '-z', '--', '-rf', 'a b.txt'])).toEqual(['-rf', 'a b.txt']);
  });

  it('resolves revisions and refuses option-like ones', async () => {
    const head = await git.resolve('HEAD');
    expect(head).toMatch(/^[0-9a-f]{40}$/);
    expect(await git.resolve('HEAD', 'tree')).toMatch(/^[0-9a-f]{40}$/);
    expect(await git.tryResolve('no-such-branch')).toBeUndefined();
    expect(() => assertRev('--upload-pack=touch /tmp/x')).toThrow(GitError);
    await expect(git.resolve('-x')).rejects.toThrow('not a revision');
  });

  it('answers merge-base questions and reads messages raw', async () => {
    const head = await git.resolve('HEAD');
    expect(await git.mergeBases(head, head)).toEqual([head]);
    expect(await git.isAncestor(head, head)).toBe(true);
    expect(await git.commitMessage('HEAD')).toBe('first\n\nbody\n');
    expect(await git.objectFormat()).toBe('sha1');
    expect(await git.isShallow()).toBe(false);
  });

  it('streams output and reports failures as GitError with stderr', async () => {
    const lines: string[] = [];
    for await (const line of git.stream(['log', '--format=%s'])) lines.push(line);
    expect(lines).toEqual(['first']);
    await expect(git.run(['cat-file', '-p', 'deadbeef'])).rejects.toThrow(/git cat-file failed \(exit 128\)/);
    const consume = async () => {
      const seen: string[] = [];
      for await (const line of git.stream(['log', 'nope'])) seen.push(line);
      return seen;
    };
    await expect(consume()).rejects.toBeInstanceOf(GitError);
  });
});
