import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { fingerprint, Git, reviewSignature, reviewTree } from '@closed-loop/core';
import { startFakeGitHub, type FakeGitHub } from '@closed-loop/testkit';
import { cleanupTempDirs, type TempRepo } from '../../../packages/core/test/review-hash/temp-repo.js';
import { check, checkMergeGroup, origin, REVIEW_ID } from './fixture.js';

let fake: FakeGitHub;
beforeAll(async () => {
  fake = await startFakeGitHub();
});
beforeEach(() => fake.reset());
afterAll(async () => {
  await fake.close();
  cleanupTempDirs();
});

/** The Review-Hash as a developer computes it locally, on the full repository (not the shallow CI clone). */
async function localHash(repo: TempRepo, exclude: string[] = []): Promise<string> {
  const git = new Git(repo.dir);
  return fingerprint(git, repo.git('merge-base', 'main', 'feature'), await reviewTree(git, 'feature'), 'changes', exclude);
}

/** Many empty commits on feature in one git process. */
function emptyCommits(repo: TempRepo, count: number): void {
  let stream = '';
  for (let i = 0; i < count; i++) {
    const msg = `step ${i}\n`;
    stream += `commit refs/heads/feature\ncommitter Test <test@example.com> 1767225600 +0000\ndata ${Buffer.byteLength(msg)}\n${msg}${i === 0 ? `from ${repo.git('rev-parse', 'feature')}\n` : ''}\n`;
  }
  execFileSync('git', ['fast-import', '--quiet'], { cwd: repo.dir, input: stream });
  repo.git('reset', '-q', '--hard', 'feature');
}

function stamp(repo: TempRepo, trailers: string[], message = 'Record review'): void {
  repo.git('commit', '-q', '--allow-empty', '-m', message, ...trailers.flatMap((t) => ['--trailer', t]));
}

describe('review-hash-validate against the fake GitHub (pull_request payload, depth-1 checkout)', () => {
  it('passes when the review record matches, in at most 5 REST requests, and says so in outputs and summary', async () => {
    const repo = origin();
    const hash = await localHash(repo);
    stamp(repo, [`Review-Hash: ${hash}`, `Review-Id: ${REVIEW_ID}`]);
    const r = await check(fake, repo);
    // Full local repository and depth-1 CI checkout agree.
    expect(await localHash(repo)).toBe(hash);
    expect(r.status).toBe('pass');
    expect(r.outputs).toEqual({ 'review-hash': hash, status: 'pass', 'reviewed-commit': repo.git('rev-parse', 'feature') });
    expect(r.summary).toContain('Reviewed code matches');
    expect(fake.requests.length).toBeLessThanOrEqual(5);
    expect(fake.requests.map((q) => q.operationId)).toEqual(['repos/compare-commits-with-basehead']);
    expect(fake.violations).toEqual([]);
  });

  it('missing: no record; the summary gives the stamp command', async () => {
    const repo = origin();
    const r = await check(fake, repo);
    expect(r.status).toBe('missing');
    expect(r.outputs.status).toBe('missing');
    expect(r.summary).toContain('npx closed-loop review-hash stamp --base origin/main');
    expect(r.logger.messages('error').join('\n')).toMatch(/No review record/);
  });

  it.each([
    ['malformed', 'not 64 hex', ['Review-Hash: abc123']],
    ['conflicting', 'two different values in one commit', [`Review-Hash: ${'a'.repeat(63)}b`, `Review-Hash: ${'c'.repeat(63)}d`]],
    ['placeholder', 'template text in the trailer', ['Review-Hash: <review-hash>']],
  ])('%s: %s', async (status, _what, trailers) => {
    const repo = origin();
    stamp(repo, trailers);
    expect((await check(fake, repo)).status).toBe(status);
  });

  it('mismatch: shows both values and the files changed since the reviewed commit', async () => {
    const repo = origin();
    const hash = await localHash(repo);
    stamp(repo, [`Review-Hash: ${hash}`]);
    const reviewed = repo.git('rev-parse', 'feature');
    repo.write('src/late.ts', 'export const late = true;\n').commit('after review');
    const r = await check(fake, repo);
    expect(r.status).toBe('mismatch');
    expect(r.outputs['reviewed-commit']).toBe(reviewed);
    expect(r.summary).toContain(hash);
    expect(r.summary).toContain(String(r.outputs['review-hash']));
    expect(r.summary).toMatch(/Files changed since the reviewed commit[\s\S]*src\/late\.ts/);
    expect(r.summary).toContain(`git diff ${reviewed} HEAD`);
  });

  it('a forged trailer in a merge commit is not a review record', async () => {
    const repo = origin();
    const hash = await localHash(repo);
    repo.git('checkout', '-q', 'main');
    repo.write('docs.md', 'base moves\n').commit('base moves');
    repo.git('checkout', '-q', 'feature');
    repo.git('merge', '-q', '--no-ff', 'main', '-m', `Merge main\n\nReview-Hash: ${hash}`);
    expect((await check(fake, repo)).status).toBe('missing');
  });

  it('review-id: required by the config at the merge-base', async () => {
    const repo = origin('review_hash:\n  review_id: required\n');
    const hash = await localHash(repo);
    stamp(repo, [`Review-Hash: ${hash}`]);
    expect((await check(fake, repo)).status).toBe('review-id');
  });

  it('a PR cannot relax its own check: config edited in the PR is ignored', async () => {
    const repo = origin('review_hash:\n  review_id: required\n');
    repo.write('.github/closed-loop.yml', 'review_hash:\n  review_id: "off"\n').commit('relax');
    const hash = await localHash(repo);
    stamp(repo, [`Review-Hash: ${hash}`]);
    expect((await check(fake, repo)).status).toBe('review-id');
  });

  it('audit-log: needs an approving entry at head for the id and hash', async () => {
    const repo = origin('review_hash:\n  audit_log: reviews.jsonl\n');
    const hash = await localHash(repo);
    stamp(repo, [`Review-Hash: ${hash}`, `Review-Id: ${REVIEW_ID}`]);
    const failed = await check(fake, repo);
    expect(failed.status).toBe('audit-log');
    expect(failed.summary).toContain('reviews.jsonl does not exist at head');
    fake.reset();
    // The log records the hash, so the hash leaves the log out: adding the entry keeps it.
    repo.write('reviews.jsonl', `${JSON.stringify({ review_id: REVIEW_ID, review_hash: hash, status: 'approved' })}\n`).commit('log the review');
    expect(await localHash(repo, ['reviews.jsonl'])).toBe(hash);
    expect((await check(fake, repo)).status).toBe('pass');
  });

  it('signature: required when a signing key is set; a valid one passes and the key never leaves the runner', async () => {
    const repo = origin();
    const hash = await localHash(repo);
    stamp(repo, [`Review-Hash: ${hash}`, `Review-Id: ${REVIEW_ID}`]);
    const key = 'review-signing-key-0123456789';
    fake.forbid(key);
    expect((await check(fake, repo, { inputs: { 'signing-key': key } })).status).toBe('signature');
    fake.reset();
    fake.forbid(key);
    stamp(repo, [`Review-Hash: ${hash}`, `Review-Id: ${REVIEW_ID}`, `Review-Signature: ${reviewSignature(key, 'acme/widgets', hash, REVIEW_ID)}`]);
    const ok = await check(fake, repo, { inputs: { 'signing-key': key } });
    expect(ok.status).toBe('pass');
    expect(ok.summary).not.toContain(key);
    expect(fake.violations).toEqual([]);
  });

  it('incomplete: fails closed when GitHub lists fewer commits than the PR has', async () => {
    const repo = origin();
    const hash = await localHash(repo);
    stamp(repo, [`Review-Hash: ${hash}`]);
    const r = await check(fake, repo, { payloadCommits: 999 });
    expect(r.status).toBe('incomplete');
    expect(r.summary).toContain('of 999 commits');
  });

  it('a PR of more than 250 commits is read completely (compare pages) and passes', async () => {
    const repo = origin();
    emptyCommits(repo, 260);
    const hash = await localHash(repo);
    stamp(repo, [`Review-Hash: ${hash}`]);
    repo.git('commit', '-q', '--allow-empty', '-m', 'docs: mention Review-Hash: in prose\n\nWe keep the Review-Hash: trailer last.');
    const r = await check(fake, repo);
    expect(r.status).toBe('pass');
    expect(fake.requests.filter((q) => q.operationId === 'repos/compare-commits-with-basehead')).toHaveLength(3);
  });

  it('merge-base: with full history, a criss-cross between base and head is refused, not guessed', async () => {
    const repo = origin();
    repo.git('checkout', '-q', 'main');
    repo.write('m.txt', 'main 1\n').commit('m1');
    repo.git('checkout', '-q', 'feature');
    repo.write('f.txt', 'feature 1\n').commit('f1');
    const [m1, f1] = [repo.git('rev-parse', 'main'), repo.git('rev-parse', 'feature')];
    repo.git('merge', '-q', '--no-edit', m1);
    repo.git('checkout', '-q', 'main');
    repo.git('merge', '-q', '--no-edit', f1);
    repo.git('checkout', '-q', 'feature');
    expect(repo.git('merge-base', '--all', 'main', 'feature').split('\n')).toHaveLength(2);
    const r = await check(fake, repo, { fullClone: true });
    expect(r.status).toBe('merge-base');
    expect(r.summary).toMatch(/Rebase or merge the base branch/);
  });

  it('merge_group: checks the queue commit against its base with the same record', async () => {
    const repo = origin();
    const hash = await localHash(repo);
    stamp(repo, [`Review-Hash: ${hash}`]);
    const r = await checkMergeGroup(fake, repo, [{ branch: 'feature', author: 'contributor' }]);
    expect(r.status).toBe('pass');
    expect(r.outputs['review-hash']).toBe(hash);
  });
});
