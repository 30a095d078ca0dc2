import type { Verdict } from '../classify/verdict.js';
import type { RecoverOutcome } from '../recover/outcome.js';
import { escapeInline } from '../render/escape.js';
import { LIMITS } from '../render/limits.js';
import { raw, table } from '../render/markdown.js';
import { capJobSummary, truncate } from '../render/truncate.js';
import { estimateSentence, formatDuration, ledgerMarkers, type Ledger } from './ledger.js';
import {
  BREAKER_LINE_MARKER,
  breakerMarkdown,
  breakerOf,
  categoryLabel,
  code,
  evidenceBlock,
  evidenceExcerpt,
  issueTitle,
  link,
  mainJob,
  percent,
  recoverMarkdown,
  severityIcon,
} from './parts.js';
import type { RedactFn } from '../redact/index.js';

export interface MarkdownContext {
  verdict: Verdict;
  outcome?: RecoverOutcome | undefined;
  issueUrl?: string | undefined;
  /** Ledger of the issue or comment being rendered: first/last seen, count, recent runs. */
  ledger?: Ledger | undefined;
  /** Trusted mentions from config, added on state changes of critical failures. */
  mentions?: string[];
}

/** Room kept for the hidden markers after the visible text, so truncation can never cut them. */
const MARKER_ROOM = 4096;

/**
 * Visible text redacted (again: a last line of defence over everything rendered), capped to GitHub's
 * body limit with a visible note, then our hidden markers, which must survive whole.
 */
export function finishBody(visible: string, redact: RedactFn, hidden = ''): string {
  const text = truncate(redact(visible).trimEnd(), LIMITS.body - Math.max(MARKER_ROOM, hidden.length + 256));
  return hidden ? `${text}\n\n${hidden}` : text;
}

function headline(v: Verdict): string {
  const job = mainJob(v);
  return `${severityIcon(v.severity)} **${escapeInline(categoryLabel(v.category, v.subcategory))}** failure in ${escapeInline(v.run.workflowName)}${job ? ` › ${escapeInline(job.jobName)}` : ''} — severity **${v.severity}**, confidence ${percent(v.confidence)}${v.transient ? ', likely transient' : ''}${v.flaky ? ', flaky (passed on another attempt)' : ''}`;
}

function facts(v: Verdict): string {
  const branch = v.run.headBranch ? code(v.run.headBranch) : '(no branch)';
  const reason =
    v.status === 'classified' ? '' : `\n\n> [!WARNING]\n> Not classified (${escapeInline(v.status)}): ${escapeInline(v.reason ?? 'no reason given')}`;
  return `${link(`Run #${v.run.id} (attempt ${v.run.attempt})`, v.run.htmlUrl)} on ${branch} at ${code(v.run.headSha.slice(0, 12))} · ${escapeInline(v.run.event)}${reason}`;
}

function evidenceSection(v: Verdict): string {
  const e = v.evidence;
  const job = mainJob(v);
  const where = [
    job ? `job ${code(job.jobName)}` : '',
    (e.step ?? job?.stepName) ? `step ${code(e.step ?? job?.stepName ?? '')}` : '',
    `log lines ${e.startLine}–${e.endLine}`,
  ]
    .filter(Boolean)
    .join(', ');
  return `### Evidence\n\n${where}\n\n${evidenceBlock(e.lines)}`;
}

export function jobsTable(v: Verdict): string {
  if (!v.jobs.length) return '_No failed jobs were classified._';
  return table(
    ['Job', 'Step', 'Category', 'Confidence', 'Evidence'],
    v.jobs.map((j) => [
      raw(link(j.jobName, j.htmlUrl)),
      j.stepName ?? j.evidence.step ?? '',
      categoryLabel(j.category, j.subcategory),
      percent(j.confidence),
      evidenceExcerpt(j.evidence.lines),
    ]),
  );
}

function historyLine(v: Verdict): string {
  const h = v.history;
  if (!h.runs) return '';
  return `\n\nLast ${h.windowHours} h: ${h.failures}/${h.runs} runs failed (${percent(h.failureRate)}), ${h.consecutiveFailures} consecutive.`;
}

function recentRuns(ledger: Ledger): string {
  const rows = ledger.runs.map((r) => [raw(link(`#${r.id}`, r.url)), r.attempt, r.branch ?? '', raw(code(r.sha.slice(0, 12))), r.severity, when(r.at)]);
  return `### Recent runs\n\n${table(['Run', 'Attempt', 'Branch', 'Commit', 'Severity', 'Seen'], rows)}`;
}

/** `2026-01-01 12:00:00Z`: readable, and still sorts. */
function when(iso: string): string {
  return iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

function seenTable(ledger: Ledger): string {
  return table(
    ['First seen', 'Last seen', 'Occurrences', 'Failing since'],
    [[when(ledger.firstSeen), when(ledger.lastSeen), ledger.count, when(ledger.since)]],
  );
}

function mentionLine(mentions: string[] | undefined): string {
  // Mentions come from the repository's own config (validated shape), never from run data.
  return mentions?.length ? `\n\ncc ${mentions.join(' ')}` : '';
}

/** The issue for a failure signature: title, visible body and labels. */
export function renderIssue(ctx: MarkdownContext & { ledger: Ledger }, redact: RedactFn, labels: string[]): { title: string; body: string; labels: string[] } {
  const v = ctx.verdict;
  // The breaker shown is kept in the ledger, so a maintainer's reset can re-render its line (renderBreakerUpdate).
  const breaker = breakerOf(v, ctx.outcome);
  const ledger: Ledger = { ...ctx.ledger };
  delete ledger.breaker;
  if (breaker) ledger.breaker = breaker;
  const visible = [
    `## ${escapeInline(issueTitle(v))}`,
    `${headline(v)}\n\n${facts(v)}${historyLine(v)}`,
    `${seenTable(ctx.ledger)}\n\n${estimateSentence(ctx.ledger)}`,
    evidenceSection(v),
    `### Failed jobs\n\n${jobsTable(v)}`,
    `### What recover did\n\n${recoverMarkdown(ctx.outcome)}${breaker ? `\n\n${breakerMarkdown(breaker)}` : ''}`,
    recentRuns(ledger),
    `<sub>Signature ${code(v.signature)} · one issue per failure signature, updated in place by closed-loop notify.</sub>${mentionLine(ctx.mentions)}`,
  ].join('\n\n');
  return { title: redact(issueTitle(v)), body: finishBody(visible, redact, ledgerMarkers(ledger)), labels };
}

/** The sticky PR comment for a signature family (the family marker is appended by upsertComment). */
export function renderComment(ctx: MarkdownContext & { ledger: Ledger }, redact: RedactFn): string {
  const v = ctx.verdict;
  const since = ctx.ledger.count > 1 ? `\n\nFailing since ${when(ctx.ledger.since)} (${ctx.ledger.count} runs).` : '';
  const visible = [
    `### ${headline(v)}`,
    `${facts(v)}${since}${ctx.issueUrl ? ` Tracked in ${link('the issue', ctx.issueUrl)}.` : ''}`,
    jobsTable(v),
    `<details><summary>Evidence</summary>\n\n${evidenceBlock(v.evidence.lines, 60)}\n\n</details>`,
    `**recover:** ${recoverMarkdown(ctx.outcome)}`,
    `<sub>closed-loop updates this comment in place and marks it resolved when the workflow passes again.</sub>`,
  ].join('\n\n');
  return finishBody(visible, redact, ledgerMarkers(ctx.ledger));
}

/** $GITHUB_STEP_SUMMARY: failed jobs, category, confidence, evidence, what recover did, links. */
export function renderSummary(ctx: MarkdownContext, redact: RedactFn, channels: string[]): string {
  const v = ctx.verdict;
  const links = [link(`Run #${v.run.id}`, v.run.htmlUrl), ctx.issueUrl ? link('Issue', ctx.issueUrl) : ''].filter(Boolean).join(' · ');
  const text = [
    `## closed-loop notify`,
    `${headline(v)}\n\n${facts(v)}${historyLine(v)}`,
    jobsTable(v),
    `### Evidence\n\n${evidenceBlock(v.evidence.lines, 200)}`,
    `### What recover did\n\n${recoverMarkdown(ctx.outcome)}`,
    `**Links:** ${links}\n\n**Channels:** ${channels.map((t) => escapeInline(t)).join(', ') || 'none'}`,
  ].join('\n\n');
  return capJobSummary(redact(text));
}

function resolvedBanner(ledger: Ledger, workflow: string, branch: string | null): string {
  const r = ledger.resolved;
  if (!r) return '';
  return `> [!TIP]\n> **Resolved.** ${escapeInline(workflow)} passed again${branch ? ` on ${code(branch)}` : ''} in ${link(`run #${r.run}`, r.url)} at ${when(r.at)}. Time to recovery: **${formatDuration(r.ttrMs)}**.`;
}

/** The issue after a green run: a resolution banner over the last failure's details, with the new ledger. */
export function renderResolvedIssue(previousBody: string, ledger: Ledger, workflow: string, branch: string | null, redact: RedactFn): string {
  const main = visiblePart(previousBody);
  const banner = resolvedBanner(ledger, workflow, branch);
  return finishBody(banner ? `${banner}\n\n${main}` : main, redact, ledgerMarkers(ledger));
}

/** The sticky comment when the PR goes green: the failure details are replaced by one resolved line. */
export function renderResolvedComment(ledger: Ledger, workflow: string, branch: string | null, redact: RedactFn): string {
  const banner = resolvedBanner(ledger, workflow, branch) || `> [!TIP]\n> ${escapeInline(workflow)} passed again${branch ? ` on ${code(branch)}` : ''}.`;
  return finishBody(
    `${banner}\n\n<sub>The earlier failure report was collapsed by closed-loop; see the run history for details.</sub>`,
    redact,
    ledgerMarkers(ledger),
  );
}

/**
 * Our visible text: everything before the hidden markers, which start a line of their own (the breaker
 * line's marker ends a visible line and stays with it).
 */
function visibleText(body: string): string {
  const hidden = body.search(/\n*^<!-- closed-loop:/m);
  return (hidden >= 0 ? body.slice(0, hidden) : body).trimEnd();
}

/** Our visible text without an earlier resolution banner: from our own `## ` heading on. */
function visiblePart(body: string): string {
  const text = visibleText(body);
  const heading = text.search(/^## /m);
  return heading >= 0 ? text.slice(heading) : text;
}

/**
 * The issue with its breaker line re-rendered from `ledger.breaker` (a reset since recover's decision)
 * and the new ledger; undefined when the body has no breaker line of ours (an issue written before the
 * line was, or one recover never ran for). The last marked line is ours: untrusted text cannot hold one.
 */
export function renderBreakerUpdate(previousBody: string, ledger: Ledger, redact: RedactFn): string | undefined {
  if (!ledger.breaker) return undefined;
  const lines = visibleText(previousBody).split('\n');
  const at = lines.findLastIndex((l) => l.endsWith(BREAKER_LINE_MARKER));
  if (at < 0) return undefined;
  lines[at] = breakerMarkdown(ledger.breaker);
  return finishBody(lines.join('\n'), redact, ledgerMarkers(ledger));
}
