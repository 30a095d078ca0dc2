/**
 * A queued merge commit split into its pull requests' parts (engine: no I/O). GitHub's merge queue
 * stacks one commit per pull request on the base, each on the first parent of the next:
 * `Merge pull request #N from …` (merge method, two parents) or `<title> (#N)` (squash, one parent).
 * Each part (first parent → that commit) is one pull request's change, to be judged against that pull
 * request's own proof. A part that names no pull request (the rebase method copies the PR's commits
 * one by one) cannot be attributed, so the whole group fails closed with one line saying why.
 */
import type { ReviewCommit } from './record.js';

export interface QueuePart {
  pullNumber: number;
  /** The queue state before this pull request (its part's base). */
  from: string;
  /** The queue commit that adds this pull request. */
  to: string;
}

// The first line of a queue merge commit is GitHub's own; the PR title only follows on later lines.
const MERGE = /^Merge pull request #(\d+) from \S+$/;
// A squash commit's first line is the PR title (the author's) plus GitHub's ` (#N)`: the last one is GitHub's.
const SQUASH = /\(#(\d+)\)$/;

function pullOf(commit: ReviewCommit): number | undefined {
  const first = commit.message.split('\n', 1)[0]?.trim() ?? '';
  const m = commit.parents.length === 2 ? MERGE.exec(first) : commit.parents.length === 1 ? SQUASH.exec(first) : null;
  return m?.[1] ? Number(m[1]) : undefined;
}

/**
 * The parts of `base..head` along first parents, oldest first, or the one-line reason they cannot be
 * told apart. `lastPull` is the pull request the queue branch is named after: the last part must be it.
 */
export function queueParts(commits: readonly ReviewCommit[], base: string, head: string, lastPull?: number): { parts: QueuePart[] } | { error: string } {
  const bySha = new Map(commits.map((c) => [c.sha, c]));
  const parts: QueuePart[] = [];
  const seen = new Set<number>();
  for (let sha = head; sha !== base;) {
    const commit = bySha.get(sha);
    if (!commit || parts.length > commits.length)
      return { error: `the queued commit ${sha.slice(0, 12)} is not among the commits GitHub lists between the group's base and head` };
    const pullNumber = pullOf(commit);
    const from = commit.parents[0];
    if (pullNumber === undefined || from === undefined)
      return {
        error: `the queued commit ${sha.slice(0, 12)} names no pull request ("Merge pull request #N" or "… (#N)"), so its part cannot be checked against a pull request's own approval; queue with the merge or squash method`,
      };
    if (seen.has(pullNumber)) return { error: `pull request #${pullNumber} appears twice in the merge group` };
    seen.add(pullNumber);
    parts.push({ pullNumber, from, to: sha });
    sha = from;
  }
  parts.reverse();
  if (!parts.length) return { error: 'the merge group adds no commit to its base' };
  const last = parts[parts.length - 1] as QueuePart;
  if (lastPull !== undefined && last.pullNumber !== lastPull)
    return { error: `the queue branch is named after #${lastPull} but its last commit adds #${last.pullNumber}` };
  return { parts };
}

/** The commits a part adds, oldest first as listed: reachable from `to` and not from `from` within `commits`. */
export function partCommits(commits: readonly ReviewCommit[], part: Pick<QueuePart, 'from' | 'to'>): ReviewCommit[] {
  const bySha = new Map(commits.map((c) => [c.sha, c]));
  const reach = (start: string): Set<string> => {
    const seen = new Set<string>();
    for (const stack = [start]; stack.length;) {
      const sha = stack.pop() as string;
      if (seen.has(sha)) continue;
      seen.add(sha);
      stack.push(...(bySha.get(sha)?.parents ?? []));
    }
    return seen;
  };
  const before = reach(part.from);
  const upTo = reach(part.to);
  return commits.filter((c) => upTo.has(c.sha) && !before.has(c.sha));
}
