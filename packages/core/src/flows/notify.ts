import type { RunInfo, Verdict } from '../classify/verdict.js';
import type { Clock } from '../clock.js';
import { errorMessage } from '../errors.js';
import type { Logger } from '../logger.js';
import { failureMessage, resolutionMessage, slackPayload, teamsPayload, type ChatMessage } from '../notify/chat.js';
import {
  estimateSentence,
  isStateChange,
  readLedger,
  recordFailure,
  recordResolution,
  scopeKey,
  scopeMarker,
  type FailureChange,
  type Ledger,
} from '../notify/ledger.js';
import { renderComment, renderIssue, renderResolvedComment, renderResolvedIssue, renderSummary } from '../notify/markdown.js';
import { link } from '../notify/parts.js';
import { familyMarker, issueLabels, issueMarker } from '../notify/plan.js';
import type { RedactFn } from '../redact/index.js';
import { sanitise } from '../notify/sanitise.js';
import { channelsFor, type Channel, type NotifySettings } from '../notify/settings.js';
import { renderFailureStatus, renderSuccessStatus, type StatusContent } from '../notify/status.js';
import type { RecoverOutcome } from '../recover/outcome.js';
import { marker, readMarkers } from '../render/markers.js';
import type { GitHubClient, RepoRef } from '../github/github-client.js';
import {
  addAssignees,
  findOurComments,
  findOurIssues,
  getIssue,
  labelNames as issueLabelNames,
  updateIssue,
  updateIssueComment,
  upsertComment,
  upsertIssue,
  withMarker,
  type IssueItem,
  type IssuePatch,
} from '../github/api/issues.js';
import { createCommitStatus, listCommitStatuses } from '../github/api/statuses.js';

export interface ChatTargets {
  slackWebhookUrl?: string | undefined;
  teamsWebhookUrl?: string | undefined;
}

export interface NotifyDeps {
  client: GitHubClient;
  repo: RepoRef;
  settings: NotifySettings;
  clock: Clock;
  redact: RedactFn;
  logger: Logger;
  chat?: ChatTargets;
  /** For chat webhooks only (GitHub goes through the client). */
  fetch?: typeof fetch;
}

export type NotifyWriteResult = 'created' | 'updated' | 'unchanged' | 'skipped';

export interface NotifyReport {
  channels: Channel[];
  change: FailureChange | 'resolution' | 'none';
  issue?: { number: number; url: string | undefined; result: NotifyWriteResult | 'wont-fix' | 'closed' };
  comments: { pull: number; result: NotifyWriteResult }[];
  status?: NotifyWriteResult;
  chat: { slack?: 'sent' | 'failed'; teams?: 'sent' | 'failed' };
  /** Job summary markdown (already redacted and capped); the action writes it. */
  summary?: string;
  warnings: string[];
}

/** Routes one failure verdict to its channels; writes only what changed since the last notify. */
export async function notifyFailure(deps: NotifyDeps, input: Verdict, rawOutcome?: RecoverOutcome): Promise<NotifyReport> {
  const { verdict, outcome } = sanitise(input, rawOutcome, deps.redact);
  const pulls = verdict.run.pullRequests.slice(0, 5);
  const all = channelsFor(verdict.severity, deps.settings, pulls.length > 0);
  // A fork's run is the fork's business: its log text and branch names are the fork's to choose, so it
  // never opens issues or pages chat in the base repository (status, comment and summary only).
  const channels = verdict.run.fork ? all.filter((c) => c !== 'issue' && c !== 'chat') : all;
  const report: NotifyReport = { channels, change: 'none', comments: [], chat: {}, warnings: [] };
  // Nothing failed (yet): no channel should say otherwise.
  if (verdict.status === 'in-progress' || verdict.status === 'no-failed-jobs') {
    deps.logger.info(`Verdict status is ${verdict.status}; nothing to notify.`);
    return { ...report, channels: [] };
  }
  const changes: FailureChange[] = [];

  let ledger: Ledger | undefined;
  if (channels.includes('issue')) {
    const { ledger: recorded, change: issueChange, ...issue } = await upsertFailureIssue(deps, verdict, outcome);
    report.issue = issue;
    ledger = recorded;
    changes.push(issueChange);
  }
  if (channels.includes('comment')) {
    for (const pull of pulls) {
      const { result, change } = await upsertFailureComment(deps, verdict, outcome, pull, report.issue?.url);
      report.comments.push({ pull, result });
      changes.push(change);
    }
  }
  if (channels.includes('status')) {
    report.status = await upsertCommitStatus(deps, verdict.run.headSha, renderFailureStatus(verdict, deps.settings, deps.redact));
    // Without an issue or comment to hold a ledger, the status flipping is the state change.
    if (!changes.length) changes.push(report.status === 'unchanged' ? 'same-run' : 'first-failure');
  }
  const change = strongestChange(changes);
  report.change = change;
  if (channels.includes('summary')) report.summary = renderSummary({ verdict, outcome, issueUrl: report.issue?.url }, deps.redact, channels);
  if (channels.includes('chat') && change !== 'none' && isStateChange(change) && report.issue?.result !== 'wont-fix') {
    await sendChat(deps, failureMessage(verdict, outcome, change, report.issue?.url, deps.redact, ledger && estimateSentence(ledger)), report);
  }
  return report;
}

const CHANGE_ORDER: FailureChange[] = ['regression', 'escalation', 'first-failure', 'repeat', 'same-run'];

function strongestChange(changes: FailureChange[]): FailureChange | 'none' {
  return CHANGE_ORDER.find((c) => changes.includes(c)) ?? 'none';
}

type IssueOutcome = NonNullable<NotifyReport['issue']> & { change: FailureChange; ledger?: Ledger };

async function upsertFailureIssue(deps: NotifyDeps, verdict: Verdict, outcome: RecoverOutcome | undefined): Promise<IssueOutcome> {
  const { client, repo, settings } = deps;
  const identity = issueMarker(verdict.signature);
  const [existing] = await findOurIssues(client, repo, identity, settings.labels.base);
  if (existing && (await closedAsWontFix(deps, existing))) {
    deps.logger.info(`Issue #${existing.number} was closed as not planned by a person; leaving it closed.`);
    return { number: existing.number, url: existing.html_url, result: 'wont-fix', change: 'same-run' };
  }
  const prev = readLedger(existing?.body);
  const { ledger, change } = recordFailure(prev, verdict, deps.clock.now(), settings.recentRuns, existing?.state === 'closed');
  if (existing && change === 'same-run') return { number: existing.number, url: existing.html_url, result: 'unchanged', change, ledger };

  const critical = verdict.severity === 'critical';
  const content = renderIssue(
    { verdict, outcome, ledger, mentions: critical && !existing ? settings.escalation.mentions : [] },
    deps.redact,
    issueLabels(verdict, settings, labelNames(existing)),
  );
  if (!existing) {
    const assignees = critical ? settings.escalation.assignees : [];
    const created = await upsertIssue(client, repo, identity, { ...content, ...(assignees.length ? { assignees } : {}) }, settings.labels.base);
    if (created.item.body === withMarker(content.body, identity))
      return { number: created.item.number, url: created.item.html_url, result: created.action, change, ledger };
    // A concurrent notify created the issue first: fold this occurrence into the winner.
    return { ...(await updateFailureIssue(deps, created.item, verdict, outcome)), change };
  }
  const result = await writeIssue(deps, existing, content, identity);
  if (critical && (change === 'regression' || change === 'escalation')) await escalate(deps, existing.number, change, verdict);
  return { number: existing.number, url: existing.html_url, result, change, ledger };
}

async function updateFailureIssue(
  deps: NotifyDeps,
  issue: IssueItem,
  verdict: Verdict,
  outcome: RecoverOutcome | undefined,
): Promise<Omit<IssueOutcome, 'change'>> {
  const { ledger, change } = recordFailure(readLedger(issue.body), verdict, deps.clock.now(), deps.settings.recentRuns, issue.state === 'closed');
  if (change === 'same-run') return { number: issue.number, url: issue.html_url, result: 'unchanged' };
  const content = renderIssue({ verdict, outcome, ledger }, deps.redact, issueLabels(verdict, deps.settings, labelNames(issue)));
  return { number: issue.number, url: issue.html_url, result: await writeIssue(deps, issue, content, issueMarker(verdict.signature)) };
}

/** One PATCH carrying only what differs (title, body, labels, reopen); nothing when nothing does. */
async function writeIssue(
  deps: NotifyDeps,
  existing: IssueItem,
  content: { title: string; body: string; labels: string[] },
  identity: string,
): Promise<NotifyWriteResult> {
  const body = withMarker(content.body, identity);
  const patch: IssuePatch = {};
  if (existing.title !== content.title) patch.title = content.title;
  if (existing.body !== body) patch.body = body;
  if (!sameSet(labelNames(existing), content.labels)) patch.labels = content.labels;
  if (existing.state === 'closed') patch.state = 'open';
  if (!Object.keys(patch).length) return 'unchanged';
  await updateIssue(deps.client, deps.repo, existing.number, patch);
  return 'updated';
}

/** A state change on a critical issue pings the configured people once, in a new comment. */
async function escalate(deps: NotifyDeps, issueNumber: number, change: FailureChange, verdict: Verdict): Promise<void> {
  const { mentions, assignees } = deps.settings.escalation;
  if (assignees.length) await addAssignees(deps.client, deps.repo, issueNumber, assignees);
  if (!mentions.length) return;
  const what = change === 'regression' ? 'Failing again' : 'Escalated to critical';
  const body = `${what} in ${link(`run #${verdict.run.id}`, verdict.run.htmlUrl)}. cc ${mentions.join(' ')}`;
  await upsertComment(deps.client, deps.repo, issueNumber, marker('notify-escalation', String(verdict.run.id)), deps.redact(body));
}

/** GitHub's list endpoint omits `closed_by`; read the issue itself before trusting who closed it. */
async function closedAsWontFix(deps: NotifyDeps, issue: IssueItem): Promise<boolean> {
  if (issue.state !== 'closed' || issue.state_reason !== 'not_planned') return false;
  const full = issue.closed_by === undefined ? await getIssue(deps.client, deps.repo, issue.number) : issue;
  return !deps.client.isOurs(full.closed_by);
}

async function upsertFailureComment(
  deps: NotifyDeps,
  verdict: Verdict,
  outcome: RecoverOutcome | undefined,
  pull: number,
  issueUrl: string | undefined,
): Promise<{ result: NotifyWriteResult; change: FailureChange }> {
  const family = familyMarker(verdict);
  const [existing] = await findOurComments(deps.client, deps.repo, pull, family);
  const { ledger, change } = recordFailure(readLedger(existing?.body), verdict, deps.clock.now(), deps.settings.recentRuns);
  if (existing && change === 'same-run') return { result: 'unchanged', change };
  const body = renderComment({ verdict, outcome, ledger, issueUrl }, deps.redact);
  const { action } = await upsertComment(deps.client, deps.repo, pull, family, body);
  return { result: action, change };
}

/** Sets the commit status unless our latest status for the context on this commit already says the same. */
export async function upsertCommitStatus(deps: NotifyDeps, sha: string, status: StatusContent): Promise<NotifyWriteResult> {
  const latest = (await listCommitStatuses(deps.client, deps.repo, sha)).find((s) => s.context === status.context && deps.client.isOurs(s.creator));
  // A green status stays as first written: a later re-run of notify would only reword it.
  const same =
    latest?.state === status.state &&
    (status.state === 'success' || (latest.description === status.description && (latest.target_url ?? undefined) === status.target_url));
  if (same) return 'unchanged';
  await createCommitStatus(deps.client, deps.repo, sha, status);
  return latest ? 'updated' : 'created';
}

/**
 * A green run of a workflow + branch: open issues and sticky comments failing for that scope are
 * updated with the time to recovery (issues closed when no other branch still fails), status green.
 */
export async function notifyResolution(deps: NotifyDeps, run: RunInfo): Promise<NotifyReport> {
  const report: NotifyReport = { channels: ['status'], change: 'none', comments: [], chat: {}, warnings: [] };
  const scope = scopeMarker(scopeKey(run));
  const now = deps.clock.now();
  let ttrMs: number | undefined;
  // A fork's green run from its own `main` is not the base `main` recovering: it resolves nothing.
  const issues = run.fork ? [] : (await findOurIssues(deps.client, deps.repo, scope, deps.settings.labels.base)).filter((i) => i.state === 'open');
  for (const issue of issues) {
    const prev = readLedger(issue.body);
    if (!prev) continue;
    const { ledger, changed, resolved } = recordResolution(prev, run, now);
    if (!changed) continue;
    const body = withMarker(renderResolvedIssue(issue.body ?? '', ledger, run.workflowName, run.headBranch, deps.redact), issueMarker(prev.signature));
    await updateIssue(deps.client, deps.repo, issue.number, { body, ...(resolved ? { state: 'closed', state_reason: 'completed' } : {}) });
    report.issue = { number: issue.number, url: issue.html_url, result: resolved ? 'closed' : 'updated' };
    if (!resolved || !ledger.resolved) continue;
    ttrMs = Math.max(ttrMs ?? 0, ledger.resolved.ttrMs);
    report.change = 'resolution';
    if (channelsFor(prev.severity, deps.settings, false).includes('chat'))
      await sendChat(deps, resolutionMessage(run, issue.title, ledger.resolved.ttrMs, issue.html_url, deps.redact), report);
  }
  for (const pull of run.pullRequests.slice(0, 5)) {
    for (const result of await resolveComments(deps, pull, run, scope, now)) {
      report.comments.push({ pull, result: result.result });
      if (result.ttrMs !== undefined) {
        ttrMs = Math.max(ttrMs ?? 0, result.ttrMs);
        report.change = 'resolution';
      }
    }
  }
  report.status = await upsertCommitStatus(deps, run.headSha, renderSuccessStatus(run, deps.settings, ttrMs, deps.redact));
  return report;
}

async function resolveComments(
  deps: NotifyDeps,
  pull: number,
  run: RunInfo,
  scope: string,
  now: number,
): Promise<{ result: NotifyWriteResult; ttrMs?: number }[]> {
  const comments = await findOurComments(deps.client, deps.repo, pull, scope);
  const out: { result: NotifyWriteResult; ttrMs?: number }[] = [];
  for (const comment of comments) {
    const prev = readLedger(comment.body);
    const family = readMarkers(comment.body, 'notify-comment').at(-1);
    if (!prev || !family) continue;
    const { ledger, changed } = recordResolution(prev, run, now);
    if (!changed) continue;
    const body = withMarker(renderResolvedComment(ledger, run.workflowName, run.headBranch, deps.redact), marker('notify-comment', family));
    await updateIssueComment(deps.client, deps.repo, comment.id, body);
    out.push({ result: 'updated', ...(ledger.resolved ? { ttrMs: ledger.resolved.ttrMs } : {}) });
  }
  return out;
}

export async function sendChat(deps: NotifyDeps, message: ChatMessage, report: NotifyReport): Promise<void> {
  const targets: [keyof NotifyReport['chat'], string | undefined, (m: ChatMessage) => Record<string, unknown>][] = [
    ['slack', deps.chat?.slackWebhookUrl, slackPayload],
    ['teams', deps.chat?.teamsWebhookUrl, teamsPayload],
  ];
  for (const [name, url, shape] of targets) {
    if (!url) continue;
    try {
      await postChat(deps.fetch ?? fetch, url, shape(message), deps.settings.chatTimeoutSeconds * 1000);
      report.chat[name] = 'sent';
    } catch (error) {
      // The webhook URL is a secret: the warning names the channel, never the URL.
      const warning = `${name === 'slack' ? 'Slack' : 'Teams'} notification failed (${deps.redact(errorMessage(error))}); the loop continues.`;
      deps.logger.warning(warning);
      report.warnings.push(warning);
      report.chat[name] = 'failed';
    }
  }
}

/** POSTs a JSON payload to a chat webhook; throws on a non-2xx answer or after the timeout. */
export async function postChat(fetchFn: typeof fetch, url: string, payload: Record<string, unknown>, timeoutMs: number): Promise<void> {
  const response = await fetchFn(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload),
    signal: AbortSignal.timeout(timeoutMs),
  });
  await response.text().catch(() => '');
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
}

function labelNames(issue: IssueItem | undefined): string[] {
  return issue ? issueLabelNames(issue).filter(Boolean) : [];
}

function sameSet(a: string[], b: string[]): boolean {
  const norm = (x: string[]) => [...new Set(x.map((s) => s.toLowerCase()))].sort().join('\n');
  return norm(a) === norm(b);
}
