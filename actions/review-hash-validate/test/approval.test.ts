import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Git, fingerprint, reviewTree } from '@closed-loop/core';
import { startFakeGitHub, type FakeGitHub } from '@closed-loop/testkit';
import { cleanupTempDirs, type TempRepo } from '../../../packages/core/test/review-hash/temp-repo.js';
import { check, checkMergeGroup, origin } from './fixture.js';

// The default proof: an APPROVED GitHub review the PR's author cannot give themselves.
/** The summary as a reader sees it: markdown escapes and the zero-width space that stops `#N` backlinks removed. */
const unescaped = (summary: string): string => summary.replace(/\\([\\`*_{}[\]()#+\-.!|])/g, '$1').replace(/\u200B/g, '');

const REVIEW_PROOF = 'review_hash:\n  proof: [review]\n';

let fake: FakeGitHub;
beforeAll(async () => {
  fake = await startFakeGitHub();
});
beforeEach(() => {
  fake.reset();
  fake.state.collaborators.set({ username: 'contributor', role: 'write' });
  fake.state.collaborators.set({ username: 'reviewer', role: 'write' });
  fake.state.collaborators.set({ username: 'visitor', role: 'read' });
});
afterAll(async () => {
  await fake.close();
  cleanupTempDirs();
});

async function localHash(repo: TempRepo): Promise<string> {
  const git = new Git(repo.dir);
  return fingerprint(git, repo.git('merge-base', 'main', 'feature'), await reviewTree(git, 'feature'));
}

describe('review-hash-validate: the default proof is an approving review by someone else', () => {
  it('self-stamp: a trailer written by the author, or the author approving, proves nothing', async () => {
    const repo = origin(REVIEW_PROOF);
    repo.git('commit', '-q', '--allow-empty', '-m', 'Record review', '--trailer', `Review-Hash: ${await localHash(repo)}`);
    const r = await check(fake, repo, { author: 'contributor', reviews: [{ user: 'contributor', state: 'APPROVED' }] });
    expect(r.status).toBe('not-approved');
    expect(r.summary).toContain('contributor is the author of the pull request');
    expect(fake.violations).toEqual([]);
  });

  it('inputs cannot switch the default proof off: review-id off and no signing key change nothing', async () => {
    const repo = origin(REVIEW_PROOF);
    const r = await check(fake, repo, { author: 'contributor', inputs: { 'review-id': 'off' } });
    expect(r.status).toBe('not-approved');
  });

  it('config-path cannot name a weaker file at the merge-base: the repository config stays the floor', async () => {
    const repo = origin(REVIEW_PROOF);
    repo.git('checkout', '-q', 'main');
    repo.write('.github/lax.yml', 'review_hash:\n  proof: [trailer]\n').commit('an example config');
    repo.git('checkout', '-q', 'feature');
    repo.git('rebase', '-q', 'main');
    repo.git('commit', '-q', '--allow-empty', '-m', 'Record review', '--trailer', `Review-Hash: ${await localHash(repo)}`);
    const r = await check(fake, repo, { author: 'contributor', inputs: { 'config-path': '.github/lax.yml' } });
    expect(r.status).toBe('not-approved');
  });

  it('passes on an approval at head by a writer who is not the author; not for a reader', async () => {
    const repo = origin(REVIEW_PROOF);
    expect((await check(fake, repo, { author: 'contributor', reviews: [{ user: 'visitor', state: 'APPROVED' }] })).status).toBe('not-approved');
    fake.reset();
    fake.state.collaborators.set({ username: 'reviewer', role: 'write' });
    const r = await check(fake, repo, { author: 'contributor', reviews: [{ user: 'reviewer', state: 'APPROVED' }] });
    expect(r.status).toBe('pass');
    expect(r.outputs['reviewed-commit']).toBe(repo.git('rev-parse', 'feature'));
    expect(fake.violations).toEqual([]);
  });

  it('a later request for changes by the same reviewer revokes the approval', async () => {
    const repo = origin(REVIEW_PROOF);
    const r = await check(fake, repo, {
      author: 'contributor',
      reviews: [
        { user: 'reviewer', state: 'APPROVED' },
        { user: 'reviewer', state: 'CHANGES_REQUESTED' },
      ],
    });
    expect(r.status).toBe('not-approved');
  });

  it('a clean rebase onto a newer base keeps the approval; a later commit voids it and names the files', async () => {
    const repo = origin(REVIEW_PROOF);
    const approved = repo.git('rev-parse', 'feature');
    repo.git('tag', 'approved', approved);
    repo.git('checkout', '-q', 'main');
    repo.write('README.md', '# widgets, newer\n').commit('base moves on');
    repo.git('checkout', '-q', 'feature');
    repo.git('rebase', '-q', 'main');
    expect(repo.git('rev-parse', 'feature')).not.toBe(approved);
    const rebased = await check(fake, repo, { author: 'contributor', reviews: [{ user: 'reviewer', state: 'APPROVED', commit: approved }] });
    expect(rebased.status).toBe('pass');

    fake.reset();
    fake.state.collaborators.set({ username: 'reviewer', role: 'write' });
    repo.write('src/app.ts', 'export const app = 3;\n').commit('after the approval');
    const late = await check(fake, repo, { author: 'contributor', reviews: [{ user: 'reviewer', state: 'APPROVED', commit: approved }] });
    expect(late.status).toBe('not-approved');
    expect(late.summary).toContain('src/app.ts');
    expect(fake.violations).toEqual([]);
  });
});

describe('review-hash-validate on merge_group: each pull request of a batch against its own approval', () => {
  /** main, `feature` (src/app.ts) and `other` (src/other.ts): two pull requests by contributor. */
  function twoPulls(): TempRepo {
    const repo = origin(REVIEW_PROOF);
    repo.git('checkout', '-q', '-b', 'other', 'main');
    repo.write('src/other.ts', 'export const other = 1;\n').commit('other work');
    return repo;
  }
  const approved = [{ user: 'reviewer', state: 'APPROVED' as const }];
  const bothApproved = [
    { branch: 'feature', author: 'contributor', reviews: approved },
    { branch: 'other', author: 'contributor', reviews: approved },
  ];

  it.each(['merge', 'squash'] as const)('a batch of two approved pull requests passes (%s method)', async (method) => {
    const repo = twoPulls();
    const r = await checkMergeGroup(fake, repo, bothApproved, { method });
    expect(r.status).toBe('pass');
    expect(r.logger.lines.map((l) => l.message).join('\n')).toContain(`merge group of #${r.numbers[0]}, #${r.numbers[1]}`);
    expect(fake.violations).toEqual([]);
  });

  it('an unapproved pull request ahead of an approved one fails the batch, naming it', async () => {
    const repo = twoPulls();
    const r = await checkMergeGroup(fake, repo, [
      { branch: 'feature', author: 'contributor' },
      { branch: 'other', author: 'contributor', reviews: approved },
    ]);
    expect(r.status).toBe('not-approved');
    expect(unescaped(r.summary)).toContain(`#${r.numbers[0]} (part 1 of 2 in the merge group): no approving review`);
  });

  it("an approval of one pull request does not cover another's part", async () => {
    const repo = twoPulls();
    const featureHead = repo.git('rev-parse', 'feature');
    const r = await checkMergeGroup(fake, repo, [
      { branch: 'feature', author: 'contributor', reviews: approved },
      { branch: 'other', author: 'contributor', reviews: [{ user: 'reviewer', state: 'APPROVED', commit: featureHead }] },
    ]);
    expect(r.status).toBe('not-approved');
    expect(unescaped(r.summary)).toContain(`#${r.numbers[1]} (part 2 of 2 in the merge group): the code changed since reviewer approved`);
  });

  it('a queue whose commits name no pull request (rebase method) fails closed with one line', async () => {
    const repo = twoPulls();
    const r = await checkMergeGroup(fake, repo, bothApproved, { method: 'rebase' });
    expect(r.status).toBe('merge-group');
    expect(r.summary).toMatch(/names no pull request .*queue with the merge or squash method/);
  });
});
