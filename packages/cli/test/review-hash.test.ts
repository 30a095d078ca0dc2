import { afterAll, describe, expect, it } from '@jest/globals';
import { cli } from './io.js';
import { cleanupTempDirs, TempRepo } from '../../core/test/review-hash/temp-repo.js';

afterAll(cleanupTempDirs);

const ID = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';

function prRepo(): TempRepo {
  const repo = TempRepo.init();
  repo.write('a.txt', 'alpha\n').write('b.txt', 'beta\n').commit('base');
  repo.git('checkout', '-q', '-b', 'feature');
  repo.write('a.txt', 'alpha changed\n').commit('feature work');
  return repo;
}

describe('closed-loop review-hash', () => {
  it('prints the hash of HEAD; --index gives the same value before the commit is made', async () => {
    const repo = prRepo();
    repo.write('c.txt', 'new\n');
    repo.git('add', '-A');
    const staged = await cli(['review-hash', '--base', 'main', '--index'], { cwd: repo.dir });
    expect(staged.code).toBe(0);
    repo.git('commit', '-q', '-m', 'c');
    const head = await cli(['review-hash', '--base', 'main', '--json'], { cwd: repo.dir });
    expect(JSON.parse(head.stdout)).toMatchObject({ reviewHash: staged.stdout.trim(), base: 'main', scope: 'changes' });
    expect(staged.stdout.trim()).toMatch(/^[0-9a-f]{64}$/);
    const snapshot = await cli(['review-hash', '--base', 'main', '--scope', 'snapshot'], { cwd: repo.dir });
    expect(snapshot.stdout.trim()).not.toBe(staged.stdout.trim());
  });

  it('defaults the base to main, rejects a bad scope or base with exit 2', async () => {
    const repo = prRepo();
    expect((await cli(['review-hash'], { cwd: repo.dir })).code).toBe(0);
    expect((await cli(['review-hash', '--scope', 'all'], { cwd: repo.dir })).stderr).toMatch(/--scope must be/);
    expect((await cli(['review-hash', '--base', 'nope'], { cwd: repo.dir })).code).toBe(2);
  });

  it('stamp amends the message only (same tree), then verify passes; a later change fails with mismatch and lists the file', async () => {
    const repo = prRepo();
    const tree = repo.git('rev-parse', 'HEAD^{tree}');
    const parent = repo.git('rev-parse', 'HEAD^');
    repo.write('unstaged.txt', 'keep me out\n');
    const stamped = await cli(['review-hash', 'stamp', '--base', 'main', '--review-id', ID], { cwd: repo.dir });
    expect(stamped.code).toBe(0);
    expect(repo.git('rev-parse', 'HEAD^{tree}')).toBe(tree);
    expect(repo.git('rev-parse', 'HEAD^')).toBe(parent);
    expect(repo.git('log', '-1', '--format=%B')).toMatch(new RegExp(`^feature work\\n\\nReview-Hash: [0-9a-f]{64}\\nReview-Id: ${ID}$`));
    expect(repo.git('status', '--porcelain')).toBe('?? unstaged.txt');

    const ok = await cli(['review-hash', 'verify', '--base', 'main', '--json'], { cwd: repo.dir });
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ status: 'pass', reviewId: ID });

    repo.write('b.txt', 'sneaky\n').commit('after review');
    const bad = await cli(['review-hash', 'verify', '--base', 'main'], { cwd: repo.dir });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/FAIL \(mismatch\)/);
    expect(bad.stdout).toContain('b.txt');
  });

  it('stamp --new-commit adds an empty commit; signing with --sign-key-env verifies, a wrong key does not', async () => {
    const repo = prRepo();
    const tree = repo.git('rev-parse', 'HEAD^{tree}');
    const head = repo.head();
    const env = { REVIEW_KEY: 's3cret', OTHER_KEY: 'nope' };
    const stamped = await cli(
      ['review-hash', 'stamp', '--base', 'main', '--review-id', ID, '--new-commit', '--sign-key-env', 'REVIEW_KEY', '--repository', 'acme/widgets'],
      { cwd: repo.dir, env },
    );
    expect(stamped.code).toBe(0);
    expect(repo.git('rev-parse', 'HEAD^')).toBe(head);
    expect(repo.git('rev-parse', 'HEAD^{tree}')).toBe(tree);
    expect(repo.git('log', '-1', '--format=%(trailers:key=Review-Signature,valueonly)')).toMatch(/^[0-9a-f]{64}$/);
    const args = ['review-hash', 'verify', '--base', 'main', '--repository', 'acme/widgets', '--sign-key-env'];
    expect((await cli([...args, 'REVIEW_KEY'], { cwd: repo.dir, env })).code).toBe(0);
    const wrong = await cli([...args, 'OTHER_KEY'], { cwd: repo.dir, env });
    expect(wrong.stdout).toMatch(/FAIL \(signature\)/);
  });

  it('stamp refuses placeholder and malformed review ids (exit 2), verify reports a missing record', async () => {
    const repo = prRepo();
    for (const id of ['todo', '<review-id>', 'aaaaaaaaaaaaaaaaaaaa', 'PR-1']) {
      const r = await cli(['review-hash', 'stamp', '--base', 'main', '--review-id', id], { cwd: repo.dir });
      expect(r.code).toBe(2);
    }
    const missing = await cli(['review-hash', 'verify', '--base', 'main'], { cwd: repo.dir });
    expect(missing.code).toBe(1);
    expect(missing.stdout).toMatch(/FAIL \(missing\)[\s\S]*review-hash stamp/);
  });

  it('stamp with nothing to review (no change against the base) refuses in one line, exit 2, and leaves HEAD alone', async () => {
    const repo = TempRepo.init();
    repo.write('a.txt', 'alpha\n').commit('base');
    repo.git('checkout', '-q', '-b', 'feature');
    const before = repo.git('rev-parse', 'HEAD').trim();
    for (const extra of [[], ['--new-commit']]) {
      const r = await cli(['review-hash', 'stamp', '--base', 'main', '--review-id', ID, ...extra], { cwd: repo.dir });
      expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 2, stdout: '' });
      expect(r.stderr).toMatch(
        /^closed-loop: nothing to review: HEAD changes nothing against its merge-base with main \([0-9a-f]{12}\); commit the reviewed change first/,
      );
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(repo.git('rev-parse', 'HEAD').trim()).toBe(before);
    // The whole tree (snapshot) is still something a reviewer can vouch for.
    expect((await cli(['review-hash', 'stamp', '--base', 'main', '--review-id', ID, '--scope', 'snapshot'], { cwd: repo.dir })).code).toBe(0);
  });

  it('verify refuses to guess with several merge-bases (criss-cross)', async () => {
    const repo = TempRepo.init();
    repo.write('f', '0\n').commit('root');
    repo.git('branch', 'other');
    repo.write('f', 'main 1\n').commit('m1');
    repo.git('checkout', '-q', 'other');
    repo.write('g', 'other 1\n').commit('o1');
    repo.git('checkout', '-q', 'main');
    repo.git('merge', '-q', '--no-edit', 'other~0');
    repo.git('checkout', '-q', 'other');
    repo.git('merge', '-q', '--no-edit', 'main~1');
    repo.git('checkout', '-q', 'main');
    repo.write('h', 'main 2\n').commit('m2');
    repo.git('checkout', '-q', 'other');
    repo.write('i', 'other 2\n').commit('o2');
    const r = await cli(['review-hash', 'verify', '--base', 'main'], { cwd: repo.dir });
    expect(r.stdout).toMatch(/FAIL \(merge-base\)[\s\S]*Rebase or merge the base branch/);
    expect((await cli(['review-hash', '--base', 'main'], { cwd: repo.dir })).stderr).toMatch(/rebase or merge the base branch/);
  });
});
