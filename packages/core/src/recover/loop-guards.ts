import { ourFixes, ROLLBACK_TRAILER, trailer, type CommitInfo } from './trailers.js';
import { maxOf } from '../iterate.js';

export interface FixGuardInput {
  /** Commits of the pull request (or recent ones of the branch), oldest first. */
  commits: CommitInfo[];
  fingerprint: string;
  maxFixes: number;
}

/**
 * Stops fix loops: at most N fixes per PR, none while the newest commit is ours (our fix did not cure
 * it), and never a fix whose fingerprint someone reverted. Returns why not, or undefined to go ahead.
 */
export function fixLoopRefusal(input: FixGuardInput): string | undefined {
  const fixes = ourFixes(input.commits);
  if (fixes.length >= input.maxFixes) return `already made ${fixes.length} fix commit${fixes.length === 1 ? '' : 's'} here (limit ${input.maxFixes})`;
  const last = input.commits[input.commits.length - 1];
  if (last?.ours) return `the newest commit ${last.sha.slice(0, 7)} is ours; fixing on top of our own commit would loop`;
  if (revertedFingerprints(input.commits).has(input.fingerprint)) return `this exact fix (${input.fingerprint}) was reverted before; not applying it again`;
  return undefined;
}

/** Fingerprints of our fixes that a later commit reverted (a human `git revert`, or our own rollback). */
export function revertedFingerprints(commits: CommitInfo[]): Set<string> {
  const bySha = new Map(ourFixes(commits).map((f) => [f.commit.sha, f.fingerprint]));
  const out = new Set<string>();
  for (const c of commits) {
    const reverted = [...c.message.matchAll(/This reverts commit ([0-9a-f]{7,40})/gi)].map((m) => (m[1] ?? '').toLowerCase());
    const rolled = c.ours ? trailer(c.message, ROLLBACK_TRAILER) : undefined;
    if (rolled) reverted.push(rolled.toLowerCase());
    for (const sha of reverted) {
      for (const [fixSha, fp] of bySha) if (fixSha.startsWith(sha)) out.add(fp);
    }
  }
  return out;
}

/** When we last rolled a fix back on this branch (ms): it holds the breaker open. */
export function lastRollbackAt(commits: CommitInfo[]): number | undefined {
  const times = commits.flatMap((c) => (c.ours && c.date && trailer(c.message, ROLLBACK_TRAILER) ? [Date.parse(c.date)] : []));
  return times.length ? maxOf(times) : undefined;
}
