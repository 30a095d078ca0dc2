import { CATEGORIES, type Category } from '../classify/verdict.js';
import { collaboratorRole } from '../github/api/collaborators.js';
import { createIssueComment, getIssue, reactToIssueComment, removeIssueLabel, updateIssue, withMarker } from '../github/api/issues.js';
import { ourReplies, replyToComment, type TriggerComment } from '../github/api/reviews.js';
import { readLedger, withBreakerReset, type BreakerResetShown } from '../notify/ledger.js';
import { renderBreakerUpdate } from '../notify/markdown.js';
import { issueMarker } from '../notify/plan.js';
import { BREAKER_RESET_LABEL, BREAKER_RESET_MARKER, parseResetCommand, RESET_ROLES } from '../recover/breaker-reset.js';
import { guardOutcome } from '../recover/decide.js';
import type { RecoverOutcome } from '../recover/outcome.js';
import { marker } from '../render/markers.js';
import { requireClient, type PhaseContext } from './recover-context.js';

interface Actor {
  login?: string;
  type?: string;
}

/** The parts of an `issues: labeled` or `issue_comment: created` payload the reset reads. */
interface ResetPayload {
  action?: string;
  label?: { name?: string };
  comment?: { id?: number; body?: string | null; created_at?: string; user?: Actor | null };
  issue?: { number?: number; body?: string | null; user?: Actor | null; pull_request?: unknown };
  sender?: Actor;
}

/** Kind of the marker on our answer to a reset comment that reset nothing (one answer per comment). */
const REFUSAL_MARKER = 'breaker-reset-refused';

/**
 * A maintainer resets a failure issue's circuit breaker, by label (`issues: labeled`) or by a
 * `/closed-loop reset [category]` comment (`issue_comment: created`). Either way the person's permission
 * is read through the API, never from the payload, and only write or above resets; the failure issue's
 * breaker line then shows the reset at once.
 */
export async function resetBreakerPhase(ctx: PhaseContext): Promise<RecoverOutcome> {
  const event = ctx.deps.event;
  const p = (event?.payload ?? {}) as ResetPayload;
  if (event?.name === 'issues' && p.action === 'labeled') return resetByLabel(ctx, p);
  if (event?.name === 'issue_comment' && p.action === 'created') return resetByComment(ctx, p);
  return guardOutcome(
    ctx.settings.mode,
    `reset-breaker runs on issues: labeled and issue_comment: created events, not ${event?.name ?? 'none'}${p.action ? `: ${p.action}` : ''}`,
  );
}

/** The failure issue's number when the payload's issue is one of ours (not a PR, written by us, with a ledger). */
function failureIssueOf(ctx: PhaseContext, p: ResetPayload): number | undefined {
  const issueNumber = Number(p.issue?.number);
  const ours =
    Number.isInteger(issueNumber) && !p.issue?.pull_request && requireClient(ctx).isOurs(p.issue?.user) && !!p.issue?.body?.includes('notify-ledger');
  return ours ? issueNumber : undefined;
}

/** A bot, our own login or an anonymous actor never resets; anyone else's role is read through the API. */
async function roleOf(ctx: PhaseContext, actor: Actor | null | undefined): Promise<string> {
  const client = requireClient(ctx);
  const login = actor?.login ?? '';
  return actor?.type === 'Bot' || client.isOurs(actor) || !login ? 'bot' : collaboratorRole(client, ctx.deps.repo, login);
}

/**
 * `closed-loop:reset-breaker` added to a failure issue: when the person who added it (the event's
 * `sender`) has write permission or above, a reset record is written on the issue (our comment, which
 * the re-run phase reads like `/closed-loop reset`) and the breaker line shows it. A bot's or a reader's
 * label resets nothing. The label is removed either way, so it can be used again.
 */
async function resetByLabel(ctx: PhaseContext, p: ResetPayload): Promise<RecoverOutcome> {
  const { deps, settings, audit } = ctx;
  if (p.label?.name !== BREAKER_RESET_LABEL) return guardOutcome(settings.mode, `label ${p.label?.name ?? '(none)'} is not ${BREAKER_RESET_LABEL}`);
  const client = requireClient(ctx);
  const issueNumber = failureIssueOf(ctx, p);
  if (issueNumber === undefined) return guardOutcome(settings.mode, `#${String(p.issue?.number)} is not a closed-loop failure issue; nothing reset`);
  const login = p.sender?.login ?? '';
  const role = await roleOf(ctx, p.sender);
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
  await showReset(ctx, issueNumber, { at: new Date(now).toISOString(), by: login, how: 'label' }, 'all');
  return guardOutcome(settings.mode, `breaker reset on #${issueNumber} by ${login} (${role})`);
}

/**
 * A `/closed-loop reset [category]` comment on a failure issue. The comment itself is the record the
 * re-run phase and the dashboard honour (they check the same permission); this phase makes it visible:
 * a writer's comment gets a 👍 and the breaker line shows the reset; a person without write permission,
 * or an unknown category, gets one answer saying why nothing was reset; bots and our own comments are
 * ignored. Only the one token after `reset` is read from the (untrusted) comment.
 */
async function resetByComment(ctx: PhaseContext, p: ResetPayload): Promise<RecoverOutcome> {
  const { deps, settings, audit } = ctx;
  const command = parseResetCommand(p.comment?.body ?? '');
  if (!command) return guardOutcome(settings.mode, 'the comment has no /closed-loop reset line');
  const issueNumber = failureIssueOf(ctx, p);
  if (issueNumber === undefined) return guardOutcome(settings.mode, `#${String(p.issue?.number)} is not a closed-loop failure issue; nothing reset`);
  const commentId = Number(p.comment?.id);
  if (!Number.isInteger(commentId)) return guardOutcome(settings.mode, 'the comment event has no comment id');
  const client = requireClient(ctx);
  const user = p.comment?.user;
  const login = user?.login ?? '';
  const role = await roleOf(ctx, user);
  if (role === 'bot') return guardOutcome(settings.mode, `/closed-loop reset from ${login || 'an unknown author'} (a bot or ours) is ignored`);
  const comment: TriggerComment = { kind: 'issue', id: commentId, pullNumber: issueNumber };
  if (!RESET_ROLES.has(role)) {
    audit.add('decide', `${login} (${role}) asked for a reset: write permission or above is needed; nothing reset`);
    await refuse(ctx, comment, `only people with write permission can reset the circuit breaker (this commenter has ${role} access)`);
    return guardOutcome(settings.mode, `breaker reset refused: ${login} is ${role}, write or above is needed`, 'report');
  }
  if ('unknown' in command) {
    audit.add('decide', `${login} (${role}) named no known category; nothing reset`);
    await refuse(ctx, comment, `the category is not one of ${CATEGORIES.join(', ')} (or leave it out to reset every category)`);
    return guardOutcome(settings.mode, 'breaker reset refused: unknown category', 'report');
  }
  await reactToIssueComment(client, deps.repo, commentId, '+1');
  const at = p.comment?.created_at && Number.isFinite(Date.parse(p.comment.created_at)) ? p.comment.created_at : new Date(deps.clock.now()).toISOString();
  audit.add('reset', `${login} (${role}) reset the ${command.scope === 'all' ? 'every-category' : command.scope} breaker on #${issueNumber} at ${at}`);
  await showReset(ctx, issueNumber, { at: new Date(Date.parse(at)).toISOString(), by: login, how: 'comment' }, command.scope);
  return guardOutcome(settings.mode, `breaker reset on #${issueNumber} by ${login} (${role}), ${command.scope === 'all' ? 'every category' : command.scope}`);
}

/** One answer per comment (a retry or a second delivery finds the first by its marker). */
async function refuse(ctx: PhaseContext, comment: TriggerComment, why: string): Promise<void> {
  const client = requireClient(ctx);
  const proof = marker(REFUSAL_MARKER, String(comment.id));
  if ((await ourReplies(client, ctx.deps.repo, comment, proof)).length) return;
  await replyToComment(client, ctx.deps.repo, comment, `Circuit breaker not reset: ${why}.\n\n${proof}`, proof);
  ctx.audit.add('reply', 'refusal posted');
}

/**
 * The failure issue's breaker line shows `reset`: read afresh (notify may have rewritten it since the
 * event), re-rendered by notify's renderer, written only when the body changes. A reset for another
 * category than the line's, or older than the one shown, leaves the issue as it is.
 */
async function showReset(ctx: PhaseContext, issueNumber: number, reset: BreakerResetShown, scope: Category | 'all'): Promise<void> {
  const client = requireClient(ctx);
  const { repo, runtime } = ctx.deps;
  const issue = await getIssue(client, repo, issueNumber);
  const ledger = readLedger(issue.body);
  const next = ledger && withBreakerReset(ledger, reset, scope);
  const rendered = next && renderBreakerUpdate(issue.body ?? '', next, (text) => runtime.redactor.redact(text));
  if (!next || !rendered) {
    ctx.audit.add(
      'breaker line',
      `#${issueNumber} unchanged: ${ledger?.breaker ? 'the line already shows this reset or is about another category' : 'it shows no breaker line yet'}`,
    );
    return;
  }
  const body = withMarker(rendered, issueMarker(next.signature));
  if (body === issue.body) return;
  await updateIssue(client, repo, issueNumber, { body });
  ctx.audit.add('breaker line', `#${issueNumber} shows the reset by ${reset.by}`);
}

async function removeLabel(ctx: PhaseContext, issueNumber: number): Promise<void> {
  try {
    await removeIssueLabel(requireClient(ctx), ctx.deps.repo, issueNumber, BREAKER_RESET_LABEL);
  } catch (error) {
    // Already removed (a second delivery of the event) is not an error; anything else is only logged.
    ctx.deps.runtime.logger.info(`Label ${BREAKER_RESET_LABEL} not removed from #${issueNumber}: ${String((error as { status?: number }).status ?? error)}`);
  }
}
