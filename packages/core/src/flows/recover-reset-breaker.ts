import { collaboratorRole } from '../github/api/collaborators.js';
import { createIssueComment, removeIssueLabel } from '../github/api/issues.js';
import { BREAKER_RESET_LABEL, BREAKER_RESET_MARKER, RESET_ROLES } from '../recover/breaker-reset.js';
import { guardOutcome } from '../recover/decide.js';
import type { RecoverOutcome } from '../recover/outcome.js';
import { marker } from '../render/markers.js';
import { requireClient, type PhaseContext } from './recover-context.js';

/** The parts of an `issues: labeled` payload the reset reads. */
interface LabeledPayload {
  action?: string;
  label?: { name?: string };
  issue?: { number?: number; body?: string | null; user?: { login?: string } | null; pull_request?: unknown };
  sender?: { login?: string; type?: string };
}

/**
 * `closed-loop:reset-breaker` added to a failure issue: when the person who added it (the event's
 * `sender`) has write permission or above — read through the API, never from the payload — a reset
 * record is written on the issue (our comment, which the re-run phase reads like `/closed-loop reset`).
 * A bot's or a reader's label resets nothing. The label is removed either way, so it can be used again.
 */
export async function resetBreakerPhase(ctx: PhaseContext): Promise<RecoverOutcome> {
  const { deps, settings, audit } = ctx;
  const event = deps.event;
  const p = (event?.payload ?? {}) as LabeledPayload;
  if (event?.name !== 'issues' || p.action !== 'labeled')
    return guardOutcome(settings.mode, `reset-breaker runs on issues: labeled events, not ${event?.name ?? 'none'}`);
  if (p.label?.name !== BREAKER_RESET_LABEL) return guardOutcome(settings.mode, `label ${p.label?.name ?? '(none)'} is not ${BREAKER_RESET_LABEL}`);
  const client = requireClient(ctx);
  const issueNumber = Number(p.issue?.number);
  if (!Number.isInteger(issueNumber) || p.issue?.pull_request || !client.isOurs(p.issue?.user) || !p.issue?.body?.includes('notify-ledger'))
    return guardOutcome(settings.mode, `#${issueNumber} is not a closed-loop failure issue; nothing reset`);
  const login = p.sender?.login ?? '';
  const role = p.sender?.type === 'Bot' || client.isOurs(p.sender) || !login ? 'bot' : await collaboratorRole(client, deps.repo, login);
  await removeLabel(ctx, issueNumber);
  if (!RESET_ROLES.has(role)) {
    audit.add('decide', `${login || '(unknown)'} (${role}) added ${BREAKER_RESET_LABEL}: write permission or above is needed; nothing reset`);
    return guardOutcome(settings.mode, `breaker reset refused: ${login || 'the sender'} is ${role}, write or above is needed`);
  }
  const now = deps.clock.now();
  const body =
    `**Circuit breaker reset** by ${login} (label \`${BREAKER_RESET_LABEL}\`): failures before ${new Date(now).toISOString()} no longer count ` +
    `towards the breaker of this failure signature; the next transient failure may be re-run.\n\n${marker(BREAKER_RESET_MARKER, String(now))}`;
  // Retried like any idempotent call: a second record of the same reset changes nothing the breaker reads.
  await createIssueComment(client, deps.repo, issueNumber, body, false);
  audit.add('reset', `breaker reset on #${issueNumber} by ${login} (${role})`);
  return guardOutcome(settings.mode, `breaker reset on #${issueNumber} by ${login} (${role})`);
}

async function removeLabel(ctx: PhaseContext, issueNumber: number): Promise<void> {
  try {
    await removeIssueLabel(requireClient(ctx), ctx.deps.repo, issueNumber, BREAKER_RESET_LABEL);
  } catch (error) {
    // Already removed (a second delivery of the event) is not an error; anything else is only logged.
    ctx.deps.runtime.logger.info(`Label ${BREAKER_RESET_LABEL} not removed from #${issueNumber}: ${String((error as { status?: number }).status ?? error)}`);
  }
}
