import type { Category } from '../classify/verdict.js';

/** The label a writer adds to a failure issue to reset its breaker (the recover action's reset-breaker phase). */
export const BREAKER_RESET_LABEL = 'closed-loop:reset-breaker';
/** Kind of the marker on our reset record comment, written after the labeler's permission was checked. */
export const BREAKER_RESET_MARKER = 'breaker-reset';

/** Roles that may reset a breaker: people who can push anyway (write and above). */
export const RESET_ROLES = new Set(['admin', 'maintain', 'write']);

/**
 * `/closed-loop reset` (every category) or `/closed-loop reset <category>` at the start of a line. The
 * rest of the comment is ignored; the command says only "forget the failures before now".
 */
export function resetCommandCategory(body: string): Category | 'all' | undefined {
  const m = /^\s*\/closed-loop\s+reset(?:[ \t]+([a-z]+))?[ \t]*$/m.exec(body);
  if (!m) return undefined;
  return (m[1] as Category | undefined) ?? 'all';
}

/** A run as far as a reset is concerned: when its latest attempt ended. */
export interface ResettableRun {
  updatedAt: string;
}

/** History after a reset: runs that ended at or before the reset no longer count towards the breaker. */
export function afterReset<T extends ResettableRun>(history: T[], resetAt: number | undefined): T[] {
  return resetAt === undefined ? history : history.filter((r) => Date.parse(r.updatedAt) > resetAt);
}
