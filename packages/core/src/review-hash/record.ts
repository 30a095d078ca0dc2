import { parseTrailers, trailerValues } from '../git-format/trailers.js';

/** A commit of the pull request as the check sees it (from the compare API or from `git log`). */
export interface ReviewCommit {
  sha: string;
  message: string;
  parents: string[];
}

/** The review record: the newest non-merge commit carrying a Review-Hash trailer, and its trailers. */
export interface ReviewRecord {
  commit: string;
  hashes: string[];
  ids: string[];
  signatures: string[];
}

export const TRAILER = { hash: 'Review-Hash', id: 'Review-Id', signature: 'Review-Signature' } as const;

/**
 * Orders commits newest first by topology (children before parents), so the result does not depend on
 * author dates. Ties (parallel branches inside the PR) keep the later position in `commits`, which is
 * oldest first as both the compare API and `git log --reverse --topo-order` give them.
 */
export function newestFirst(commits: readonly ReviewCommit[]): ReviewCommit[] {
  const bySha = new Map(commits.map((c, i) => [c.sha, { commit: c, position: i, children: 0 }]));
  for (const c of commits)
    for (const p of c.parents) {
      const parent = bySha.get(p);
      if (parent) parent.children++;
    }
  const ready = [...bySha.values()].filter((n) => n.children === 0);
  const out: ReviewCommit[] = [];
  for (let next = takeLatest(ready); next; next = takeLatest(ready)) {
    out.push(next.commit);
    for (const p of next.commit.parents) {
      const parent = bySha.get(p);
      if (parent && --parent.children === 0) ready.push(parent);
    }
  }
  return out;
}

function takeLatest<T extends { position: number }>(ready: T[]): T | undefined {
  ready.sort((a, b) => a.position - b.position);
  return ready.pop();
}

/** Merge commits are skipped: their message is written by whoever merges, not by the reviewed change. */
export function findReviewRecord(commits: readonly ReviewCommit[]): ReviewRecord | undefined {
  for (const commit of newestFirst(commits)) {
    if (commit.parents.length > 1) continue;
    const trailers = parseTrailers(commit.message);
    const hashes = trailerValues(trailers, TRAILER.hash);
    if (!hashes.length) continue;
    return { commit: commit.sha, hashes, ids: trailerValues(trailers, TRAILER.id), signatures: trailerValues(trailers, TRAILER.signature) };
  }
  return undefined;
}
