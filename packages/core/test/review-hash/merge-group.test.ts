import { describe, expect, it } from '@jest/globals';
import { partCommits, queueParts, type ReviewCommit } from '../../src/index.js';

const sha = (c: string): string => c.repeat(40);
const commit = (id: string, parents: string[], message: string): ReviewCommit => ({ sha: sha(id), parents: parents.map(sha), message });

// base a; PR #1 commit b merged as c; PR #2 squashed as d (its title forges a "(#1)").
const COMMITS = [
  commit('b', ['a'], 'feature work'),
  commit('c', ['a', 'b'], 'Merge pull request #1 from acme/feature\n\nFeature'),
  commit('d', ['c'], 'Pretend to be (#1) (#2)\n\n* other work'),
];

describe('queueParts: a queued merge commit split into its pull requests', () => {
  it('splits merge and squash commits along first parents, oldest first', () => {
    expect(queueParts(COMMITS, sha('a'), sha('d'), 2)).toEqual({
      parts: [
        { pullNumber: 1, from: sha('a'), to: sha('c') },
        { pullNumber: 2, from: sha('c'), to: sha('d') },
      ],
    });
    expect(partCommits(COMMITS, { from: sha('a'), to: sha('c') }).map((c) => c.sha)).toEqual([sha('b'), sha('c')]);
    expect(partCommits(COMMITS, { from: sha('c'), to: sha('d') }).map((c) => c.sha)).toEqual([sha('d')]);
  });

  it('fails closed on a commit that names no pull request, a repeated one, or a queue branch naming another', () => {
    const rebased = [commit('b', ['a'], 'feature work'), commit('e', ['b'], 'more work')];
    expect(queueParts(rebased, sha('a'), sha('e'))).toEqual({ error: expect.stringContaining(`${sha('e').slice(0, 12)} names no pull request`) });
    // A title that imitates GitHub's merge line is only read as such on a two-parent commit.
    const forged = [commit('b', ['a'], 'Merge pull request #7 from acme/x')];
    expect(queueParts(forged, sha('a'), sha('b'))).toEqual({ error: expect.stringContaining('names no pull request') });
    const twice = [commit('b', ['a'], 'One (#3)'), commit('c', ['b'], 'Two (#3)')];
    expect(queueParts(twice, sha('a'), sha('c'))).toEqual({ error: 'pull request #3 appears twice in the merge group' });
    expect(queueParts(COMMITS, sha('a'), sha('d'), 9)).toEqual({ error: 'the queue branch is named after #9 but its last commit adds #2' });
    expect(queueParts(COMMITS, sha('f'), sha('d'))).toEqual({ error: expect.stringContaining('is not among the commits GitHub lists') });
  });
});
