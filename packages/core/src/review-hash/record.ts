import { parseTrailers, trailerValues } from './trailers.js';

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
  const index = new Map(commits.map((c, i) => [c.sha, i]));
  const children = new Map<string, number>();
  for (const c of commits) for (const p of c.parents) if (index.has(p)) children.set(p, (children.get(p) ?? 0) + 1);
  const ready = commits.filter((c) => !children.get(c.sha));
  const out: ReviewCommit[] = [];
  while (ready.length) {
    ready.sort((a, b) => index.get(a.sha)! - index.get(b.sha)!);
    const next = ready.pop()!;
    out.push(next);
    for (const p of next.parents) {
      if (!index.has(p)) continue;
      const left = children.get(p)! - 1;
      children.set(p, left);
      if (left === 0) ready.push(commits[index.get(p)!]!);
    }
  }
  return out;
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
