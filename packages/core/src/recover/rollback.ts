import { FIX_TRAILER, trailer, type CommitInfo } from './trailers.js';

export interface RollbackInput {
  enabled: boolean;
  /** Head of the failed run and the branch's head now. */
  runHeadSha: string;
  branchHeadSha: string;
  /** The failed run's head commit. */
  head: CommitInfo;
  /** Sha of the last successful run on the branch, if any in the window. */
  lastGreenSha?: string;
  /** Commits in lastGreen..head (from a compare), oldest first. */
  sinceGreen?: CommitInfo[];
}

export type RollbackDecision = { rollback: true; fix: CommitInfo; reason: string } | { rollback: false; reason: string };

/**
 * Undo what we broke: only when the failed run's head is our fix commit, it is the only change since the
 * last green run, and nobody pushed after it. Anything else is a person's change and not ours to revert.
 */
export function decideRollback(input: RollbackInput): RollbackDecision {
  const no = (reason: string): RollbackDecision => ({ rollback: false, reason });
  if (!input.enabled) return no('rollback is disabled in the config');
  if (!input.head.ours || !trailer(input.head.message, FIX_TRAILER)) return no('the failed commit is not a closed-loop fix');
  if (input.branchHeadSha !== input.runHeadSha) return no('the branch moved since the failed run; not reverting under someone else’s push');
  if (!input.lastGreenSha) return no('no green run to compare with in the history window');
  const since = input.sinceGreen ?? [];
  if (since.length !== 1 || since[0]?.sha !== input.head.sha) return no(`${since.length} commits since the last green run; our fix is not the only change`);
  return {
    rollback: true,
    fix: input.head,
    reason: `the run after our fix ${input.head.sha.slice(0, 7)} failed and the fix was the only change since the last green run (${input.lastGreenSha.slice(0, 7)})`,
  };
}
