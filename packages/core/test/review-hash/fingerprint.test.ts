import { afterAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { Git } from '../../src/git/git.js';
import { changedPaths, ensureCommits, fingerprint, readFileAt, reviewTree, uniqueMergeBase } from '../../src/git/review-hash.js';
import { cleanupTempDirs, TempRepo, tempDir } from './temp-repo.js';

afterAll(cleanupTempDirs);

/** A repo with a base commit on main and a `feature` branch checked out on top of it. */
function baseRepo(objectFormat: 'sha1' | 'sha256' = 'sha1'): TempRepo {
  const repo = TempRepo.init({ objectFormat });
  repo
    .write('a.txt', 'alpha\n')
    .write('b.txt', 'beta\n')
    .write('dir/c.txt', 'gamma\n')
    .write('crlf.txt', 'one\r\ntwo\r\n')
    .write('bin.dat', Buffer.from([0, 1, 2, 3, 255]));
  repo.write('script.sh', 'echo hi\n').symlink('link', 'a.txt');
  repo.commit('base');
  repo.git('checkout', '-q', '-b', 'feature');
  return repo;
}

async function hashOf(repo: TempRepo, head = 'HEAD', base = 'main'): Promise<string> {
  const git = new Git(repo.dir);
  const { mergeBase } = await uniqueMergeBase(git, base, head);
  return fingerprint(git, mergeBase!, await reviewTree(git, head));
}

/** Hash of the PR after one commit made by `edit`, and the hash before it (the PR's first change). */
async function beforeAfter(edit: (repo: TempRepo) => void): Promise<[string, string]> {
  const repo = baseRepo();
  repo.write('feature.txt', 'the change\n').commit('feature work');
  const before = await hashOf(repo);
  edit(repo);
  repo.commit('edit');
  return [before, await hashOf(repo)];
}

describe('fingerprint: every kind of content change changes the hash', () => {
  const cases: [string, (r: TempRepo) => void][] = [
    ['whitespace-only edit', (r) => r.write('a.txt', 'alpha \n')],
    ['CRLF→LF blob change', (r) => r.write('crlf.txt', 'one\ntwo\n')],
    ['chmod +x', (r) => r.chmod('script.sh', 0o755)],
    ['symlink retarget', (r) => r.symlink('link', 'b.txt')],
    ['binary edit', (r) => r.write('bin.dat', Buffer.from([0, 1, 2, 3, 254]))],
    ['deletion', (r) => r.remove('b.txt')],
    ['rename', (r) => r.git('mv', 'b.txt', 'renamed.txt')],
  ];
  it.each(cases)('%s', async (_name, edit) => {
    const [before, after] = await beforeAfter(edit);
    expect(after).toMatch(/^[0-9a-f]{64}$/);
    expect(after).not.toBe(before);
  });

  it('submodule bump (gitlink commit id) changes the hash', async () => {
    const repo = baseRepo();
    const [one, two] = ['1'.repeat(40), '2'.repeat(40)];
    repo.git('update-index', '--add', '--cacheinfo', `160000,${one},vendor/lib`);
    repo.git('commit', '-q', '-m', 'add submodule');
    const before = await hashOf(repo);
    repo.git('update-index', '--cacheinfo', `160000,${two},vendor/lib`);
    repo.git('commit', '-q', '-m', 'bump submodule');
    expect(await hashOf(repo)).not.toBe(before);
  });

  it('a rename is a deletion plus an addition (no rename detection), whatever the similarity', async () => {
    const repo = baseRepo();
    repo.git('mv', 'b.txt', 'renamed.txt');
    repo.commit('rename');
    const git = new Git(repo.dir);
    expect((await changedPaths(git, 'main', 'HEAD')).sort()).toEqual(['b.txt', 'renamed.txt']);
  });
});

describe('fingerprint: base updates', () => {
  it('keeps the hash when the base changes other files and is merged in, changes it when the base touches PR files', async () => {
    const repo = baseRepo();
    repo.write('a.txt', 'alpha from PR\n').commit('pr change');
    const reviewed = await hashOf(repo);

    repo.git('checkout', '-q', 'main');
    repo.write('b.txt', 'beta from base\n').commit('base change elsewhere');
    repo.git('checkout', '-q', 'feature');
    repo.git('merge', '-q', '--no-edit', 'main');
    expect(await hashOf(repo)).toBe(reviewed);

    repo.git('checkout', '-q', 'main');
    repo.write('a.txt', 'alpha from base\n').commit('base change to the PR file');
    repo.git('checkout', '-q', 'feature');
    repo.git('merge', '-q', '--no-edit', '-X', 'ours', 'main');
    expect(repo.git('show', 'HEAD:a.txt')).toBe('alpha from PR');
    expect(await hashOf(repo)).not.toBe(reviewed);
  });
});

describe('fingerprint: independent of local configuration', () => {
  it('gives the same hash under a hostile git config', async () => {
    const repo = baseRepo();
    repo.write('dir/ünïcödé name.txt', 'x\n').write('a.txt', 'alpha\n\n').git('mv', 'b.txt', 'moved.txt');
    repo.git('update-index', '--add', '--cacheinfo', `160000,${'3'.repeat(40)},sub`);
    repo.commit('change');
    const clean = await hashOf(repo);
    for (const [k, v] of [
      ['diff.noprefix', 'true'],
      ['diff.renames', 'copies'],
      ['diff.algorithm', 'histogram'],
      ['core.quotePath', 'false'],
      ['color.ui', 'always'],
      ['color.diff', 'always'],
      ['core.abbrev', '7'],
      ['diff.ignoreSubmodules', 'all'],
      ['diff.relative', 'true'],
      ['diff.mnemonicPrefix', 'true'],
    ] as const) {
      repo.git('config', k, v);
    }
    expect(await hashOf(repo)).toBe(clean);
    repo.git('config', 'diff.renames', 'false');
    expect(await hashOf(repo)).toBe(clean);
  });
});

describe('fingerprint: object formats and independent recomputation', () => {
  /** Spec recomputed without our parser: text raw diff, sorted, hashed by hand. */
  function recompute(repo: TempRepo, mb: string, head: string, format: string): string {
    const out = repo.git('-c', 'core.quotePath=false', 'diff-tree', '-r', '--raw', '--no-renames', '--no-abbrev', `${mb}^{tree}`, `${head}^{tree}`);
    const records = out
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [meta, path] = line.slice(1).split('\t') as [string, string];
        return { path, line: `${meta}\t${path}\0` };
      })
      .sort((a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)));
    return createHash('sha256')
      .update(`review-hash/v1\nobject-format ${format}\n${records.map((r) => r.line).join('')}`)
      .digest('hex');
  }

  it.each(['sha1', 'sha256'] as const)('%s repository: equals the spec computed by hand', async (format) => {
    const repo = baseRepo(format);
    repo.write('z.txt', 'z\n').write('a.txt', 'changed\n').write('dir/c.txt', 'c2\n').remove('b.txt');
    repo.commit('change');
    const mb = repo.git('merge-base', 'main', 'HEAD');
    expect(mb).toHaveLength(format === 'sha1' ? 40 : 64);
    expect(await hashOf(repo)).toBe(recompute(repo, mb, 'HEAD', format));
  });

  it('the sha256 and sha1 hashes of the same content differ (object format is part of the payload)', async () => {
    const make = async (f: 'sha1' | 'sha256') => {
      const r = baseRepo(f);
      r.write('a.txt', 'same\n').commit('same');
      return hashOf(r);
    };
    expect(await make('sha1')).not.toBe(await make('sha256'));
  });

  it('scope snapshot hashes the head tree id', async () => {
    const repo = baseRepo();
    const git = new Git(repo.dir);
    const tree = await reviewTree(git, 'HEAD');
    expect(await fingerprint(git, 'main', tree, 'snapshot')).toBe(createHash('sha256').update(`review-hash/v1-snapshot\n${tree}`).digest('hex'));
  });
});

describe('local and CI computations agree', () => {
  it('the index tree (pre-commit) hashes like the commit made from it', async () => {
    const repo = baseRepo();
    repo.write('a.txt', 'staged\n').chmod('script.sh', 0o755);
    repo.git('add', '-A');
    const git = new Git(repo.dir);
    const mb = repo.git('merge-base', 'main', 'HEAD');
    const fromIndex = await fingerprint(git, mb, await reviewTree(git, 'index'));
    repo.git('commit', '-q', '-m', 'commit it');
    expect(await hashOf(repo)).toBe(fromIndex);
  });

  it('a depth-1 clone plus the minimal fetch of the merge-base hashes like the full clone', async () => {
    const origin = baseRepo();
    origin.write('a.txt', 'pr 1\n').commit('pr 1');
    origin.git('checkout', '-q', 'main');
    origin.write('b.txt', 'base moved\n').commit('base moves on');
    origin.git('checkout', '-q', 'feature');
    origin.write('new/file.txt', 'pr 2\n').commit('pr 2');
    const full = await hashOf(origin);
    const mb = origin.git('merge-base', 'main', 'feature');
    const head = origin.head();

    const dir = tempDir();
    const clone = new TempRepo(dir);
    clone.git('clone', '-q', '--depth=1', '--no-local', '--branch', 'feature', `file://${origin.dir}`, dir);
    const git = new Git(dir);
    expect(await git.isShallow()).toBe(true);
    expect(await git.tryResolve(mb)).toBeUndefined();
    origin.git('config', 'uploadpack.allowAnySHA1InWant', 'true');
    expect(await ensureCommits(git, [mb, head])).toEqual([mb]);
    expect(await ensureCommits(git, [mb, head])).toEqual([]);
    expect(await fingerprint(git, mb, await reviewTree(git, head))).toBe(full);
    // Only the two commits the hash needs are present: no history was fetched.
    const commits = clone
      .git('cat-file', '--batch-all-objects', '--batch-check=%(objecttype)')
      .split('\n')
      .filter((t) => t === 'commit');
    expect(commits).toHaveLength(2);
  });

  it('reads a file at a revision, undefined when absent', async () => {
    const repo = baseRepo();
    const git = new Git(repo.dir);
    expect(await readFileAt(git, 'HEAD', 'a.txt')).toBe('alpha\n');
    expect(await readFileAt(git, 'HEAD', 'nope.txt')).toBeUndefined();
  });
});
