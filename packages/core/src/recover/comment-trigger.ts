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
