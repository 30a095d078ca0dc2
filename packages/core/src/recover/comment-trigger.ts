import type { CommentTriggerSettings } from './settings.js';

export interface CommentTriggerInput {
  settings: CommentTriggerSettings;
  body: string;
  /** The comment is by our own bot (never trigger on ourselves). */
  byUs: boolean;
  isPullRequest: boolean;
  /** The commenter's role from the collaborator-permission API (not author_association). */
  role?: string;
  pull?: { draft: boolean; state: string };
  /** Our earlier replies to this comment (one per attempt). */
  attemptsForComment: number;
  /** Comment-triggered fixes on this PR in the last hour. */
  fixesLastHour: number;
  /** recover.fixers in the trusted (default-branch) config has at least one command. */
  hasFixers: boolean;
}

export type CommentTriggerDecision = { proceed: true; mode: 'suggest' | 'commit'; reason: string } | { proceed: false; reply: boolean; reason: string };

const WRITERS = new Set(['admin', 'maintain', 'write']);

/** The phrase on a line of its own text, not inside a quote of someone else's comment. */
export function mentionsPhrase(body: string, phrase: string): boolean {
  const p = phrase.toLowerCase();
  return body.split(/\r?\n/).some((line) => !line.trimStart().startsWith('>') && line.toLowerCase().includes(p));
}

/** The "fix this" loop's gate. `reply: false` for comments that are simply not for us. */
export function decideCommentTrigger(i: CommentTriggerInput): CommentTriggerDecision {
  const s = i.settings;
  const silent = (reason: string): CommentTriggerDecision => ({ proceed: false, reply: false, reason });
  const refuse = (reason: string): CommentTriggerDecision => ({ proceed: false, reply: true, reason });
  if (!s.enabled) return silent('the comment trigger is disabled in the config');
  if (i.byUs) return silent('the comment is ours');
  if (!mentionsPhrase(i.body, s.phrase)) return silent(`the comment does not contain "${s.phrase}"`);
  if (!i.isPullRequest) return silent('the comment is not on a pull request');
  if (i.attemptsForComment >= s.maxAttemptsPerComment)
    return silent(`this comment already had ${i.attemptsForComment} attempts (limit ${s.maxAttemptsPerComment})`);
  if (!i.role || !WRITERS.has(i.role)) return refuse(`only people with write permission can ask for a fix (this commenter has ${i.role ?? 'no'} access)`);
  if (!i.pull || i.pull.state !== 'open') return refuse('the pull request is not open');
  if (i.pull.draft) return refuse('the pull request is a draft; mark it ready for review first');
  if (!i.hasFixers) return refuse('no fixer is configured (recover.fixers in .github/closed-loop.yml on the default branch)');
  if (i.fixesLastHour >= s.maxFixesPerHour)
    return refuse(`already ${i.fixesLastHour} fixes on this pull request in the last hour (limit ${s.maxFixesPerHour})`);
  return { proceed: true, mode: s.commit ? 'commit' : 'suggest', reason: `fix requested with "${s.phrase}"` };
}

/** What the gate knows about when the comment was written and what the head was then. */
export interface CommentHead {
  /** The pull request's head now. */
  headSha: string;
  /** The head the event recorded with the comment (pull_request_review_comment carries it; issue_comment does not). */
  eventHeadSha?: string;
  /** When the comment was written (the event's comment.created_at). */
  commentCreatedAt?: string;
  /** The committer date of the head commit now. */
  headCommittedAt?: string;
}

/**
 * The fixers run on the head the commenter saw, or not at all. A review comment's event carries the
 * head at comment time, which must still be the head. A conversation comment's event does not, so a head
 * committed after the comment was written is a push the commenter never saw. (A committer date is the
 * pusher's word: that check stops ordinary races; what binds the fix to the commenter's head is that the
 * patch must be for the head recorded here and lands only on it, through expectedHeadOid.)
 */
export function headMovedAfterComment(h: CommentHead): string | undefined {
  if (h.eventHeadSha && h.eventHeadSha !== h.headSha)
    return `the pull request head moved from ${h.eventHeadSha.slice(0, 12)} to ${h.headSha.slice(0, 12)} after the comment; ask again on the new head`;
  const written = Date.parse(h.commentCreatedAt ?? '');
  const committed = Date.parse(h.headCommittedAt ?? '');
  if (!h.eventHeadSha && Number.isFinite(written) && Number.isFinite(committed) && committed > written)
    return `the pull request head ${h.headSha.slice(0, 12)} was committed after the comment was written; ask again on the new head`;
  return undefined;
}
