import {
  collaboratorRole,
  decideCommentTrigger,
  getPull,
  guardOutcome,
  hasFixers,
  marker,
  mentionsPhrase,
  neutraliseMentions,
  ourReplies,
  replyToComment,
  type GitHubClient,
  type RecoverOutcome,
  type RepoRef,
  type TriggerComment,
} from '@closed-loop/core';
import { requireClient, type PhaseContext } from '../context.js';

/** The parts of issue_comment / pull_request_review_comment payloads the gate reads. */
interface CommentPayload {
  action?: string;
  comment?: { id?: number; body?: string | null; user?: { login?: string; type?: string } | null };
  issue?: { number?: number; pull_request?: unknown };
  pull_request?: { number?: number };
}

export const ATTEMPT = 'closed-loop:fix-attempt';
export const DONE = 'closed-loop:fix-done';

interface Trigger {
  comment: TriggerComment;
  body: string;
  user: { login?: string; type?: string };
  isPullRequest: boolean;
}

function readTrigger(name: string, payload: CommentPayload): Trigger | string {
  if (payload.action !== 'created') return `a ${String(payload.action)} comment event; only new comments trigger`;
  const c = payload.comment;
  if (!c) return `the ${name} event has no comment`;
  const base = { body: c.body ?? '', user: c.user ?? {} };
  if (name === 'issue_comment')
    return { ...base, comment: { kind: 'issue', id: Number(c.id), pullNumber: Number(payload.issue?.number) }, isPullRequest: !!payload.issue?.pull_request };
  if (name === 'pull_request_review_comment')
    return { ...base, comment: { kind: 'review', id: Number(c.id), pullNumber: Number(payload.pull_request?.number) }, isPullRequest: true };
  return `comment runs on issue_comment and pull_request_review_comment events, not ${name}`;
}

/** Comment-triggered fixes on the PR in the last hour, from our replies in both places replies go. */
async function fixesLastHour(client: GitHubClient, repo: RepoRef, pullNumber: number, now: number): Promise<number> {
  const hourAgo = now - 3600_000;
  const issue = await ourReplies(client, repo, { kind: 'issue', id: 0, pullNumber }, DONE);
  const review = await ourReplies(client, repo, { kind: 'review', id: 0, pullNumber }, DONE);
  return [...issue, ...review].filter((r) => Date.parse(r.createdAt) >= hourAgo).length;
}

/**
 * The "fix this" gate. Cheap checks first (phrase, author, PR) so ordinary comments cost no API call;
 * then the commenter's permission through the API, the PR, and the per-comment and per-hour limits.
 */
export async function commentPhase(ctx: PhaseContext): Promise<RecoverOutcome> {
  const { deps, settings, audit } = ctx;
  const out = (name: string, value: string | number | boolean): void => {
    deps.runtime.setOutput(name, value);
  };
  out('proceed', false);
  const event = deps.event;
  const trigger = event ? readTrigger(event.name, event.payload) : 'no event payload';
  if (typeof trigger === 'string') return guardOutcome(settings.mode, trigger);
  const client = requireClient(ctx);
  const cs = settings.commentTrigger;
  const byUs = client.isOurs(trigger.user);
  if (!cs.enabled || byUs || !trigger.isPullRequest || !mentionsPhrase(trigger.body, cs.phrase)) {
    const d = decideCommentTrigger({
      settings: cs,
      body: trigger.body,
      byUs,
      isPullRequest: trigger.isPullRequest,
      attemptsForComment: 0,
      fixesLastHour: 0,
      hasFixers: true,
    });
    return guardOutcome(settings.mode, d.reason);
  }
  const { comment } = trigger;
  const login = trigger.user.login ?? '';
  // Sequential on purpose: a handful of reads, and a deterministic order under seeded fault injection.
  const attempts = await ourReplies(client, deps.repo, comment, `${ATTEMPT} ${comment.id}.`);
  const role = await collaboratorRole(client, deps.repo, login);
  const pull = await getPull(client, deps.repo, comment.pullNumber);
  const recent = await fixesLastHour(client, deps.repo, comment.pullNumber, deps.clock.now());
  const decision = decideCommentTrigger({
    settings: cs,
    body: trigger.body,
    byUs,
    isPullRequest: true,
    role,
    pull,
    attemptsForComment: attempts.length,
    fixesLastHour: recent,
    hasFixers: hasFixers(settings),
  });
  audit.add('decide', `${login} (${role}) on #${comment.pullNumber}: ${decision.reason}`);
  if (!decision.proceed) {
    if (decision.reply) {
      const proof = marker('fix-attempt', `${comment.id}.${attempts.length + 1}`);
      await replyToComment(client, deps.repo, comment, `Not running the fixers: ${decision.reason}.\n\n${proof}`, proof);
      audit.add('reply', 'refusal posted');
    }
    return guardOutcome(settings.mode, `comment trigger refused: ${decision.reason}`, decision.reply ? 'report' : 'none');
  }
  out('proceed', true);
  out('pull-number', comment.pullNumber);
  out('head-sha', pull.headSha);
  out('head-ref', pull.headRef);
  out('fix-mode', decision.mode);
  out('comment-id', comment.id);
  out('comment-kind', comment.kind);
  out('attempt', attempts.length + 1);
  return guardOutcome(settings.mode, `${decision.reason} on #${comment.pullNumber} (${decision.mode})`, decision.mode === 'commit' ? 'fix' : 'suggest');
}

/** After apply-fix for a comment: answer on the comment with what happened (one reply per attempt). */
export async function replyWithOutcome(ctx: PhaseContext, outcome: RecoverOutcome): Promise<void> {
  const { inputs, deps } = ctx;
  if (!inputs.commentId || !inputs.pullNumber) return;
  const client = requireClient(ctx);
  const comment: TriggerComment = { kind: inputs.commentKind ?? 'issue', id: inputs.commentId, pullNumber: inputs.pullNumber };
  const attempts = await ourReplies(client, deps.repo, comment, `${ATTEMPT} ${comment.id}.`);
  const proof = marker('fix-attempt', `${comment.id}.${attempts.length + 1}`);
  const delivered = outcome.executed && (outcome.action === 'fix' || outcome.action === 'suggest');
  const links = (outcome.links ?? []).map((l) => `[${l.label}](${l.url})`).join(', ');
  const reason = neutraliseMentions(deps.runtime.redactor.redact(outcome.reason));
  const body = `${delivered ? 'Done' : 'Nothing changed'}: ${reason}${links ? ` — ${links}` : ''}.\n\n${proof}${delivered ? `\n${marker('fix-done', `${comment.id}.${attempts.length + 1}`)}` : ''}`;
  await replyToComment(client, deps.repo, comment, body, proof);
  ctx.audit.add('reply', delivered ? 'outcome posted (fix delivered)' : 'outcome posted');
}
