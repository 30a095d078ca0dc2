import { CATEGORIES, type Category } from '../classify/verdict.js';

/** The label a writer adds to a failure issue to reset its breaker (the recover action's reset-breaker phase). */
export const BREAKER_RESET_LABEL = 'closed-loop:reset-breaker';
/** Kind of the marker on our reset record comment, written after the labeler's permission was checked. */
export const BREAKER_RESET_MARKER = 'breaker-reset';

/** Roles that may reset a breaker: people who can push anyway (write and above). */
export const RESET_ROLES = new Set(['admin', 'maintain', 'write']);

/** What a `/closed-loop reset` command asks: every category, one known category, or a token that is none. */
export type ResetCommand = { scope: Category | 'all' } | { unknown: true };

/**
 * `/closed-loop reset` (every category) or `/closed-loop reset <category>` on a line of its own; the first
 * such line counts. The comment is untrusted: only the one token after `reset` is read, and it must be a
 * category (any case); anything else is `unknown`. The rest of the comment is ignored: the command says
 * only "forget the failures before now".
 */
export function parseResetCommand(body: string): ResetCommand | undefined {
  const m = /^[ \t]*\/closed-loop[ \t]+reset(?:[ \t]+(\S+))?[ \t]*$/m.exec(body);
  if (!m) return undefined;
  if (m[1] === undefined) return { scope: 'all' };
  const token = m[1].toLowerCase();
  return (CATEGORIES as readonly string[]).includes(token) ? { scope: token as Category } : { unknown: true };
}

/** The categories a reset command covers; undefined for no command or an unknown category (it resets nothing). */
export function resetCommandCategory(body: string): Category | 'all' | undefined {
  const command = parseResetCommand(body);
  return command && 'scope' in command ? command.scope : undefined;
}

/** A run as far as a reset is concerned: when its latest attempt ended. */
export interface ResettableRun {
  updatedAt: string;
}

/** History after a reset: runs that ended at or before the reset no longer count towards the breaker. */
export function afterReset<T extends ResettableRun>(history: T[], resetAt: number | undefined): T[] {
  return resetAt === undefined ? history : history.filter((r) => Date.parse(r.updatedAt) > resetAt);
}
