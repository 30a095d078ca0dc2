import { parseTrailers, trailerValues } from '../git-format/trailers.js';

/**
 * Our commits say what they are in git trailers, so loop guards, rollback and the breaker can read the
 * story back from the branch itself: no store of our own.
 */
export const FIX_TRAILER = 'Closed-Loop-Fix';
export const ROLLBACK_TRAILER = 'Closed-Loop-Rollback';

export interface CommitInfo {
  sha: string;
  message: string;
  /**
   * Created by us: authored by our bot login AND signed by GitHub with `web-flow` as committer (see
   * `madeByUs` in github/api/commits.ts). Neither the trailer nor the author login alone proves anything:
   * anyone can type the trailer and set the bot's e-mail.
   */
  ours: boolean;
  /** ISO author date. */
  date?: string;
}

/**
 * The value of trailer `key` in a commit message, read with git's trailer rules (the message's last
 * paragraph only), so a quoted or reverted message that merely mentions `Closed-Loop-Fix: …` in its body
 * is not taken for one of our commits. Our values are one token (a fingerprint or a SHA); anything else
 * is not ours. The last one wins when the key repeats, as `git interpret-trailers --if-exists` would add it.
 */
export function trailer(message: string, key: string): string | undefined {
  const value = trailerValues(parseTrailers(message), key).at(-1);
  return value !== undefined && /^\S+$/.test(value) ? value : undefined;
}

export function fixCommitMessage(headline: string, fingerprint: string, runId: number): { headline: string; body: string } {
  return {
    headline,
    body: `Made by closed-loop recover from run ${runId}. Revert this commit to stop closed-loop from applying the same fix again.\n\n${FIX_TRAILER}: ${fingerprint}`,
  };
}

export function rollbackCommitMessage(fix: CommitInfo, runId: number): { headline: string; body: string } {
  const title = fix.message.split('\n')[0] ?? fix.sha;
  return {
    headline: `Revert "${title.slice(0, 60)}"`,
    body: `This reverts commit ${fix.sha}.\n\nThe run after it (${runId}) failed and it was the only change since the last green run.\n\n${ROLLBACK_TRAILER}: ${fix.sha}`,
  };
}

/** Our fix commits among `commits`, with their fingerprints. */
export function ourFixes(commits: CommitInfo[]): { commit: CommitInfo; fingerprint: string }[] {
  return commits.flatMap((c) => {
    const fingerprint = c.ours ? trailer(c.message, FIX_TRAILER) : undefined;
    return fingerprint ? [{ commit: c, fingerprint }] : [];
  });
}
