import { afterAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { cli } from './io.js';
import { cleanupTempDirs, TempRepo } from '../../core/test/review-hash/temp-repo.js';

afterAll(cleanupTempDirs);

const ID = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';
const LOG = 'reviews/audit.jsonl';

/** A fresh repository whose config (on main, so at the merge-base) names an audit log. */
function freshRepo(localGate?: 'block'): TempRepo {
  const repo = TempRepo.init();
  const gate = localGate ? `, local_gate: ${localGate}` : '';
  repo.write('.github/closed-loop.yml', `review_hash: {audit_log: ${LOG}${gate}}\n`).write('a.txt', 'alpha\n').commit('base');
  repo.git('checkout', '-q', '-b', 'feature');
  repo.write('a.txt', 'alpha changed\n').commit('feature work');
  return repo;
}

const record = (repo: TempRepo, ...extra: string[]) =>
  cli(['review-hash', 'record', '--base', 'main', '--review-id', ID, '--reviewer', 'octo-cat', '--status', 'approved', ...extra], { cwd: repo.dir });

async function commitMsgHook(repo: TempRepo): Promise<{ code: number; stderr: string }> {
  const message = join(repo.dir, '.git', 'COMMIT_EDITMSG');
  writeFileSync(message, 'next change\n');
  return cli(['hooks', 'commit-msg', message], { cwd: repo.dir });
}

describe('closed-loop review-hash record', () => {
  it('record → stamp → verify passes; a further commit changing a file fails verify', async () => {
    const repo = freshRepo();
    const recorded = await record(repo, '--json');
    expect(recorded.stderr).toBe('');
    expect(recorded.code).toBe(0);
    const out = JSON.parse(recorded.stdout) as { reviewHash: string; commit: string };
    const line = JSON.parse(readFileSync(join(repo.dir, LOG), 'utf8').trim()) as Record<string, string>;
    expect(line).toEqual({
      review_id: ID,
      review_hash: out.reviewHash,
      reviewer: 'octo-cat',
      status: 'approved',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(repo.git('status', '--porcelain')).toBe('');

    expect((await cli(['review-hash', 'stamp', '--base', 'main', '--review-id', ID], { cwd: repo.dir })).code).toBe(0);
    const pass = await cli(['review-hash', 'verify', '--base', 'main'], { cwd: repo.dir });
    expect(pass.stdout).toMatch(/^PASS/);
    expect(pass.code).toBe(0);

    repo.write('a.txt', 'changed after the review\n').commit('sneaky');
    const fail = await cli(['review-hash', 'verify', '--base', 'main', '--json'], { cwd: repo.dir });
    expect(fail.code).toBe(1);
    expect(JSON.parse(fail.stdout)).toMatchObject({ status: 'mismatch' });
  });

  it('a later changes_requested entry revokes the approval', async () => {
    const repo = freshRepo();
    await record(repo);
    await cli(['review-hash', 'record', '--base', 'main', '--review-id', ID, '--reviewer', 'octo-cat', '--status', 'changes_requested'], { cwd: repo.dir });
    await cli(['review-hash', 'stamp', '--base', 'main', '--review-id', ID], { cwd: repo.dir });
    const verdict = await cli(['review-hash', 'verify', '--base', 'main', '--json'], { cwd: repo.dir });
    expect(JSON.parse(verdict.stdout)).toMatchObject({ status: 'audit-log' });
  });

  it('refuses placeholder ids, a stale --review-hash, bad logins and statuses, and a missing audit log, writing nothing', async () => {
    const repo = freshRepo();
    const head = repo.git('rev-parse', 'HEAD');
    expect(
      (await cli(['review-hash', 'record', '--base', 'main', '--review-id', 'TODO', '--reviewer', 'a', '--status', 'approved'], { cwd: repo.dir })).stderr,
    ).toMatch(/placeholder/);
    const stale = await record(repo, '--review-hash', 'ab'.repeat(32));
    expect(stale.code).toBe(2);
    expect(stale.stderr).toMatch(/is not the current Review-Hash/);
    const current = (await cli(['review-hash', '--base', 'main'], { cwd: repo.dir })).stdout.trim();
    expect((await record(repo, '--review-hash', current, '--status', 'merged')).stderr).toMatch(/--status must be/);
    expect(
      (await cli(['review-hash', 'record', '--base', 'main', '--review-id', ID, '--reviewer', 'bad login!', '--status', 'approved'], { cwd: repo.dir })).stderr,
    ).toMatch(/not a GitHub login/);
    expect(repo.git('rev-parse', 'HEAD')).toBe(head);
    expect(repo.git('status', '--porcelain')).toBe('');

    const bare = TempRepo.init();
    bare.write('a.txt', 'a\n').commit('base');
    bare.git('checkout', '-q', '-b', 'feature');
    bare.write('a.txt', 'b\n').commit('x');
    expect((await record(bare)).stderr).toMatch(/no audit log configured/);
    expect((await record(bare, '--review-hash', 'ab'.repeat(32), '--audit-log', '../outside.jsonl')).stderr).toMatch(/outside the repository/);
  });

  it('local_gate: block — the commit-msg hook refuses staged code without an approved record, and accepts it once recorded', async () => {
    const repo = freshRepo('block');
    repo.write('a.txt', 'next change\n');
    repo.git('add', '-A');
    const refused = await commitMsgHook(repo);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/commit refused \(review_hash\.local_gate: block\): no approved review of the staged code/);

    expect((await record(repo, '--index')).code).toBe(0);
    expect(repo.git('diff', '--cached', '--name-only')).toBe(`${LOG}\na.txt`.split('\n').sort().join('\n'));
    const accepted = await commitMsgHook(repo);
    expect(accepted.stderr).toBe('');
    expect(accepted.code).toBe(0);

    repo.write('a.txt', 'changed again\n');
    repo.git('add', '-A');
    expect((await commitMsgHook(repo)).code).toBe(1);
  });

  it('warn mode (the default) never blocks', async () => {
    const repo = freshRepo();
    repo.write('a.txt', 'next change\n');
    repo.git('add', '-A');
    expect((await commitMsgHook(repo)).code).toBe(0);
  });
});

// Issue 21's "Done when", as a user would do it: the bundled CLI (dist/cli) in a fresh repository with
// `review_hash: {audit_log: …, local_gate: block}`, no --base (the default branch is found), and git's own
// commit running the installed commit-msg hook.
describe('review-hash record → stamp → verify, and the block-mode hook, through the bundled CLI and git', () => {
  const BUNDLE = join(new URL('.', import.meta.url).pathname, '..', '..', '..', 'dist', 'cli', 'index.js');

  it('passes verify after record and stamp; the hook refuses an unrecorded commit; a later commit fails verify', () => {
    const repo = freshRepo('block');
    // Only node's directory and the system's on PATH: no globally installed closed-loop answers the hook.
    const env = {
      PATH: `${dirname(process.execPath)}:/usr/bin:/bin`,
      HOME: repo.dir,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_NAME: 'T',
      GIT_AUTHOR_EMAIL: 't@example.com',
      GIT_COMMITTER_NAME: 'T',
      GIT_COMMITTER_EMAIL: 't@example.com',
    };
    const run = (command: string, ...args: string[]) => spawnSync(command, args, { cwd: repo.dir, env, encoding: 'utf8' });
    const closedLoop = (...args: string[]) => run(process.execPath, BUNDLE, ...args);

    expect(closedLoop('review-hash', 'record', '--review-id', ID, '--reviewer', 'octo-cat', '--status', 'approved')).toMatchObject({ status: 0, stderr: '' });
    expect(closedLoop('review-hash', 'stamp', '--review-id', ID)).toMatchObject({ status: 0 });
    expect(closedLoop('review-hash', 'verify')).toMatchObject({ status: 0, stdout: expect.stringMatching(/^PASS/) });

    expect(closedLoop('hooks', 'install')).toMatchObject({ status: 0 });
    const head = repo.git('rev-parse', 'HEAD');
    repo.write('a.txt', 'changed after the review\n');
    repo.git('add', '-A');
    const refused = run('git', 'commit', '-q', '-m', 'no record');
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/commit refused \(review_hash\.local_gate: block\): no approved review of the staged code/);
    expect(repo.git('rev-parse', 'HEAD')).toBe(head);

    // Past the hook (as a push from elsewhere would be): the merge check still sees the change.
    expect(run('git', 'commit', '-q', '--no-verify', '-m', 'sneaky')).toMatchObject({ status: 0 });
    const fail = closedLoop('review-hash', 'verify', '--json');
    expect(fail.status).toBe(1);
    expect(JSON.parse(fail.stdout)).toMatchObject({ status: 'mismatch' });
  }, 60_000);
});
