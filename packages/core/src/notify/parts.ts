import type { Category, JobVerdict, Verdict } from '../classify/verdict.js';
import type { RecoverOutcome } from '../recover/outcome.js';
import { codeBlock, escapeInline, inlineCode, neutraliseMarkers, neutraliseMentions } from '../render/escape.js';
import { cut } from '../render/truncate.js';
import { marker } from '../render/markers.js';
import { formatDuration, type LedgerBreaker } from './ledger.js';

/** Shared pieces of every channel's text. Inputs are already redacted (see sanitise.ts), never escaped. */

const ICON: Record<string, string> = { critical: '🔴', high: '🟠', medium: '🟡', low: '⚪' };

export function severityIcon(severity: string): string {
  return ICON[severity] ?? '⚪';
}

/** Untrusted text for plain-text channels (titles, statuses, chat): one line, no pings, no markers. */
export function plain(text: string, max = Infinity): string {
  const flat = neutraliseMarkers(
    neutraliseMentions(
      text
        .replace(/[\r\n\t]+/g, ' ')
        .replace(/\s{2,}/g, ' ')
        .trim(),
    ),
  );
  return cut(flat, max);
}

/** Only http(s) links, with the characters that would end a Markdown link encoded. */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url || !/^https?:\/\/[^\s]+$/i.test(url)) return undefined;
  return url.replace(/[()<>"'`|\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

export function link(label: string, url: string | undefined): string {
  const safe = safeUrl(url);
  return safe ? `[${escapeInline(label, { linkText: true })}](${safe})` : escapeInline(label);
}

export function percent(confidence: number): string {
  return `${Math.round(Math.max(0, Math.min(1, confidence)) * 100)}%`;
}

export function categoryLabel(category: Category, subcategory: string): string {
  return subcategory && subcategory !== category ? `${category}/${subcategory}` : category;
}

/** The failed job a verdict is mostly about: the one carrying its signature, else the first. */
export function mainJob(verdict: Verdict): JobVerdict | undefined {
  return verdict.jobs.find((j) => j.signature === verdict.signature) ?? verdict.jobs[0];
}

/** Stable across occurrences of a signature (no timestamps, no ids), so updates do not retitle. */
export function issueTitle(verdict: Verdict): string {
  const job = mainJob(verdict);
  const where = [verdict.run.workflowName, job?.jobName, job?.stepName ?? verdict.evidence.step].filter(Boolean).join(' › ');
  return plain(`${categoryLabel(verdict.category, verdict.subcategory)} failure in ${where}`, 240);
}

/** Evidence as a fenced block: the fence outlasts backticks inside, markers and mentions are broken. */
export function evidenceBlock(lines: string[], maxLines = Infinity): string {
  const shown = lines.slice(0, maxLines);
  const more = lines.length > shown.length ? `\n… ${lines.length - shown.length} more line(s) in the run log.` : '';
  return codeBlock(neutraliseMentions(shown.join('\n')) || '(no evidence lines)', 'text') + more;
}

/** Untrusted text as an inline code span; mentions are broken too, so nothing we write can ping. */
export function code(text: string): string {
  return inlineCode(neutraliseMentions(text));
}

/** One short line of evidence for a table cell. */
export function evidenceExcerpt(lines: string[], max = 160): string {
  const first = lines.find((l) => l.trim()) ?? '';
  return cut(first.trim(), max);
}

export function recoverSentence(outcome: RecoverOutcome | undefined): string {
  if (!outcome) return 'recover did not run.';
  const done = outcome.executed ? 'done' : outcome.mode === 'analysis_only' ? 'proposed (analysis only)' : 'not carried out';
  const delay = outcome.delaySeconds ? `, after ${formatDuration(outcome.delaySeconds * 1000)}` : '';
  const attempt = outcome.attempt ? `, attempt ${outcome.attempt}${outcome.maxAttempts ? ` of ${outcome.maxAttempts}` : ''}` : '';
  return `${outcome.action} (${outcome.mode}; ${done}${delay}${attempt}; breaker ${outcome.breaker.state}): ${outcome.reason}`;
}

/** What recover last decided about the breaker of the verdict's workflow + branch + category; undefined when recover did not run. */
export function breakerOf(verdict: Verdict, outcome: RecoverOutcome | undefined): LedgerBreaker | undefined {
  if (!outcome) return undefined;
  const b = outcome.breaker;
  return {
    workflow: verdict.run.workflowName || verdict.run.workflowPath,
    branch: verdict.run.headBranch,
    category: verdict.category,
    state: b.state,
    consecutiveFailures: b.consecutiveFailures,
    failureRate: b.failureRate,
    ...(b.reopensAt ? { reopensAt: b.reopensAt } : {}),
  };
}

/**
 * Ends the breaker line of an issue (hidden), so a reset finds the line to replace without parsing
 * text: untrusted text never contains `<!--` (see render/escape.ts).
 */
export const BREAKER_LINE_MARKER = marker('notify-breaker', 'line');

const utc = (iso: string): string => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

/**
 * The issue's circuit breaker line: the state recover last saw and how a maintainer resets it, or the
 * reset that came after it. The one rendering of the line, for notify and for recover's reset-breaker.
 */
export function breakerMarkdown(b: LedgerBreaker): string {
  const scope = escapeInline(`${b.workflow} · ${b.branch ?? '(no branch)'} · ${b.category}`);
  if (b.reset) {
    const how = b.reset.how === 'label' ? `the \`closed-loop:reset-breaker\` label` : `\`/closed-loop reset\``;
    return `**Circuit breaker** (${scope}): **reset** by ${escapeInline(b.reset.by)} (${how}) at ${utc(b.reset.at)} — failures before then no longer count; the next transient failure may be re-run. ${BREAKER_LINE_MARKER}`;
  }
  const until = b.state === 'open' && b.reopensAt ? ` until ${utc(b.reopensAt)}` : '';
  const reset =
    b.state === 'closed' ? '' : ` Reset it: add the \`closed-loop:reset-breaker\` label, or comment \`/closed-loop reset ${b.category}\` (write permission).`;
  return `**Circuit breaker** (${scope}): **${b.state}**${until} — ${b.consecutiveFailures} consecutive failure${b.consecutiveFailures === 1 ? '' : 's'}, ${Math.round(b.failureRate * 100)}% of recent runs failed.${reset} ${BREAKER_LINE_MARKER}`;
}

export function recoverMarkdown(outcome: RecoverOutcome | undefined): string {
  const links = (outcome?.links ?? []).map((l) => link(l.label, l.url)).join(' · ');
  return `${escapeInline(recoverSentence(outcome))}${links ? `\n\n${links}` : ''}`;
}
