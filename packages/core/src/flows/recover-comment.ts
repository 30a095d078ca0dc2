import { collaboratorRole } from '../github/api/collaborators.js';
import { commitCommittedAt } from '../github/api/commits.js';
import { addIssueLabel, FIX_REQUEST_LABEL, removeIssueLabel } from '../github/api/issues.js';
import { getPull, pullRequestsForRun } from '../github/api/pulls.js';
import { ourReplies, replyToComment, type TriggerComment } from '../github/api/reviews.js';
import type { GitHubClient, RepoRef } from '../github/github-client.js';
import { decideCommentTrigger, headMovedAfterComment, mentionsPhrase } from '../recover/comment-trigger.js';
import { guardOutcome } from '../recover/decide.js';
import type { RecoverOutcome } from '../recover/outcome.js';
import { hasFixers } from '../recover/settings.js';
import { neutraliseMentions } from '../render/escape.js';
import { marker, readMarkers } from '../render/markers.js';
import { requireClient, type PhaseContext } from './recover-context.js';

/** The parts of issue_comment / pull_request_review_comment payloads the gate reads. */
interface CommentPayload {
  action?: string;
  comment?: { id?: number; body?: string | null; created_at?: string; user?: { login?: string; type?: string } | null };
  issue?: { number?: number; pull_request?: unknown };
  pull_request?: { number?: number; head?: { sha?: string } };
}

const ATTEMPT = 'closed-loop:fix-attempt';
const DONE = 'closed-loop:fix-done';
/** The request record the gate leaves on the PR for the loop's workflow_run job (see commentRequestPhase). */
const REQUEST = 'fix-request';
/** Marks a request answered (applied or refused), so it is never applied twice. */
const OUTCOME = 'fix-outcome';

interface Trigger {
  comment: TriggerComment;
  body: string;
  user: { login?: string; type?: string };
  isPullRequest: boolean;
  createdAt?: string;
  /** The PR head the event recorded with the comment (review comments only). */
  eventHeadSha?: string;
}

function readTrigger(name: string, payload: CommentPayload): Trigger | string {
  if (payload.action !== 'created') return `a ${String(payload.action)} comment event; only new comments trigger`;
  const c = payload.comment;
  if (!c) return `the ${name} event has no comment`;
  const base = { body: c.body ?? '', user: c.user ?? {}, ...(c.created_at ? { createdAt: c.created_at } : {}) };
  if (name === 'issue_comment')
    return { ...base, comment: { kind: 'issue', id: Number(c.id), pullNumber: Number(payload.issue?.number) }, isPullRequest: !!payload.issue?.pull_request };
  if (name === 'pull_request_review_comment')
    return {
      ...base,
      comment: { kind: 'review', id: Number(c.id), pullNumber: Number(payload.pull_request?.number) },
      isPullRequest: true,
      ...(payload.pull_request?.head?.sha ? { eventHeadSha: payload.pull_request.head.sha } : {}),
    };
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
  let decision = decideCommentTrigger({
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
  if (decision.proceed) {
    // Only now, for a request that would run: the fixers run on the head the commenter saw, or not at all.
    const headCommittedAt = trigger.eventHeadSha ? undefined : await commitCommittedAt(client, deps.repo, pull.headSha);
    const moved = headMovedAfterComment({
      headSha: pull.headSha,
      ...(trigger.eventHeadSha ? { eventHeadSha: trigger.eventHeadSha } : {}),
      ...(trigger.createdAt ? { commentCreatedAt: trigger.createdAt } : {}),
      ...(headCommittedAt ? { headCommittedAt } : {}),
    });
    if (moved) decision = { proceed: false, reply: true, reason: moved };
  }
  audit.add('decide', `${login} (${role}) on #${comment.pullNumber}: ${decision.reason}`);
  if (!decision.proceed) {
    if (decision.reply) {
      const proof = marker('fix-attempt', `${comment.id}.${attempts.length + 1}`);
      await replyToComment(client, deps.repo, comment, `Not running the fixers: ${decision.reason}.\n\n${proof}`, proof);
      audit.add('reply', 'refusal posted');
    }
    return guardOutcome(settings.mode, `comment trigger refused: ${decision.reason}`, decision.reply ? 'report' : 'none');
  }
  // The request record: written by us on the PR, it is what the loop's workflow_run job trusts (never
  // the PR's CI, which only produces the patch). The label starts that CI: a label added with GITHUB_TOKEN
  // starts no workflow run, so the caller passes an App token (or a maintainer adds the label).
  const record = marker(REQUEST, `${comment.kind}.${comment.id}.${pull.headSha}.${decision.mode}`);
  const how = ctx.request.asApp
    ? `The fixers run in this pull request's own CI (label \`${FIX_REQUEST_LABEL}\`) on ${pull.headSha.slice(0, 12)}`
    : `Add the label \`${FIX_REQUEST_LABEL}\` if CI does not start: a label added with GITHUB_TOKEN starts no workflow run (pass an App token)`;
  await replyToComment(client, deps.repo, comment, `Fix requested on ${pull.headSha.slice(0, 12)} (${decision.mode}). ${how}.\n\n${record}`, record);
  await addIssueLabel(client, deps.repo, comment.pullNumber, FIX_REQUEST_LABEL);
  audit.add('request', `recorded for ${pull.headSha.slice(0, 12)}; label ${FIX_REQUEST_LABEL} added`);
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
  const { request, deps } = ctx;
  if (!request.commentId || !request.pullNumber) return;
  const client = requireClient(ctx);
  const comment: TriggerComment = { kind: request.commentKind ?? 'issue', id: request.commentId, pullNumber: request.pullNumber };
  const attempts = await ourReplies(client, deps.repo, comment, `${ATTEMPT} ${comment.id}.`);
  const proof = marker('fix-attempt', `${comment.id}.${attempts.length + 1}`);
  const delivered = outcome.executed && (outcome.action === 'fix' || outcome.action === 'suggest');
  const links = (outcome.links ?? []).map((l) => `[${l.label}](${l.url})`).join(', ');
  const reason = neutraliseMentions(deps.runtime.redactor.redact(outcome.reason));
  // The request this answers is consumed: a later CI run on the same head applies nothing twice.
  const consumed = request.headSha ? `\n${marker(OUTCOME, `${comment.kind}.${comment.id}.${request.headSha}`)}` : '';
  const body = `${delivered ? 'Done' : 'Nothing changed'}: ${reason}${links ? ` — ${links}` : ''}.\n\n${proof}${delivered ? `\n${marker('fix-done', `${comment.id}.${attempts.length + 1}`)}` : ''}${consumed}`;
  await replyToComment(client, deps.repo, comment, body, proof);
  ctx.audit.add('reply', delivered ? 'outcome posted (fix delivered)' : 'outcome posted');
}

/** The parts of a workflow_run payload the request phase reads. */
interface RunPayload {
  workflow_run?: {
    event?: string;
    head_sha?: string;
    head_branch?: string | null;
    head_repository?: { full_name?: string } | null;
    pull_requests?: { number: number }[] | null;
  };
}

interface Request {
  comment: TriggerComment;
  headSha: string;
  mode: 'suggest' | 'commit';
  createdAt: string;
}

/** Our request records and our answers on the PR (conversation and review comments), oldest first. */
async function requestsOn(client: GitHubClient, repo: RepoRef, pullNumber: number): Promise<Request[]> {
  const mine = [
    ...(await ourReplies(client, repo, { kind: 'issue', id: 0, pullNumber }, 'closed-loop:fix-')),
    ...(await ourReplies(client, repo, { kind: 'review', id: 0, pullNumber }, 'closed-loop:fix-')),
  ];
  const answered = new Set(mine.flatMap((c) => readMarkers(c.body, OUTCOME)));
  const out: Request[] = [];
  for (const c of mine) {
    for (const key of readMarkers(c.body, REQUEST)) {
      const [kind, id = '', headSha = '', mode] = key.split('.');
      if ((kind !== 'issue' && kind !== 'review') || !/^\d+$/.test(id) || !/^[0-9a-f]{40}$/.test(headSha) || (mode !== 'suggest' && mode !== 'commit'))
        continue;
      if (answered.has(`${kind}.${id}.${headSha}`)) continue;
      out.push({ comment: { kind, id: Number(id), pullNumber }, headSha, mode, createdAt: c.createdAt });
    }
  }
  return out.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/**
 * The loop's half of a comment request, under workflow_run: the PR's own unprivileged CI (started by the
 * label) ran the fixers on its head and uploaded the patch. Nothing from that run is trusted but the patch,
 * which apply-fix validates: this phase finds our request record on the run's pull request and requires
 * the run to be for the very head the record names — a push after the comment gets no fix. Outputs what
 * apply-fix needs (the same outputs as the comment phase) and takes the label off.
 */
export async function commentRequestPhase(ctx: PhaseContext): Promise<RecoverOutcome> {
  const { deps, settings, audit } = ctx;
  const out = (name: string, value: string | number | boolean): void => {
    deps.runtime.setOutput(name, value);
  };
  out('proceed', false);
  const stop = (reason: string, action: 'none' | 'report' = 'none'): RecoverOutcome => guardOutcome(settings.mode, reason, action);
  const run = deps.event?.name === 'workflow_run' ? (deps.event.payload as RunPayload).workflow_run : undefined;
  if (!run?.head_sha) return stop('comment-request runs on a workflow_run event');
  if (!run.event?.startsWith('pull_request')) return stop(`the run was started by ${run.event ?? 'an unknown event'}, not by a pull request`);
  const client = requireClient(ctx);
  const pulls = await pullRequestsForRun(client, deps.repo, {
    event: run.event,
    headSha: run.head_sha,
    headBranch: run.head_branch ?? null,
    headRepository: run.head_repository?.full_name ?? `${deps.repo.owner}/${deps.repo.repo}`,
    pullRequests: (run.pull_requests ?? []).map((p) => p.number),
  });
  const pullNumber = pulls[0];
  if (pullNumber === undefined) return stop('the run belongs to no open pull request');
  const pending = await requestsOn(client, deps.repo, pullNumber);
  const request = pending[pending.length - 1];
  audit.add('read requests', `${pending.length} pending on #${pullNumber}`);
  if (!request) return stop(`no pending fix request on #${pullNumber}`);
  await removeIssueLabel(client, deps.repo, pullNumber, FIX_REQUEST_LABEL);
  if (request.headSha !== run.head_sha) {
    const reason = `the fix was requested for ${request.headSha.slice(0, 12)} but the pull request's CI ran on ${run.head_sha.slice(0, 12)}: the head moved after the comment; ask again on the new head`;
    const answered = marker(OUTCOME, `${request.comment.kind}.${request.comment.id}.${request.headSha}`);
    await replyToComment(client, deps.repo, request.comment, `Nothing changed: ${reason}.\n\n${answered}`, answered);
    audit.add('refuse', reason);
    return stop(`comment request refused: ${reason}`, 'report');
  }
  out('proceed', true);
  out('pull-number', pullNumber);
  out('head-sha', request.headSha);
  out('fix-mode', request.mode);
  out('comment-id', request.comment.id);
  out('comment-kind', request.comment.kind);
  return guardOutcome(
    settings.mode,
    `fix requested in comment ${request.comment.id} for ${request.headSha.slice(0, 12)} (${request.mode})`,
    request.mode === 'commit' ? 'fix' : 'suggest',
  );
}
