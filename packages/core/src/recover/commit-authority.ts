/** A person or bot GitHub names on a run: `actor` started it, `triggering_actor` started this attempt. */
export interface RunActor {
  login: string;
  type?: string;
}

/** Roles that may push to the repository: only these may cause a commit. */
export const WRITE_ROLES: ReadonlySet<string> = new Set(['admin', 'maintain', 'write']);

export function isBotActor(actor: RunActor): boolean {
  return actor.type === 'Bot' || /\[bot\]$/i.test(actor.login);
}

/**
 * Why the run's actors may not cause an automatic fix commit, or undefined when they may. Only a human
 * whose role (read through the API, never from the event) is write or above may; a bot — Dependabot,
 * another App, our own — gets suggestions at most, so its branch never gains commits it did not make.
 */
export function commitAuthorityRefusal(actors: readonly RunActor[], roles: ReadonlyMap<string, string>): string | undefined {
  if (!actors.length) return 'the run names no actor, so no person with write permission asked for this commit';
  for (const actor of actors) {
    if (isBotActor(actor)) return `the run was started by the bot ${actor.login}; only a person with write permission may cause a fix commit`;
    const role = roles.get(actor.login) ?? 'none';
    if (!WRITE_ROLES.has(role)) return `the run was started by ${actor.login}, whose role is ${role}, not write`;
  }
  return undefined;
}
