import type { Category, JobVerdict, Verdict } from '../classify/verdict.js';
import type { RecoverOutcome } from '../recover/outcome.js';
import { codeBlock, escapeInline, inlineCode, neutraliseMarkers, neutraliseMentions } from '../render/escape.js';
import { cut } from '../render/truncate.js';
import { formatDuration } from './ledger.js';

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

/**
 * The circuit breaker of this workflow + branch for the verdict's category, as recover last saw it, and
 * how a maintainer resets it. Empty when recover did not run (nothing is known about the breaker).
 */
export function breakerMarkdown(verdict: Verdict, outcome: RecoverOutcome | undefined): string {
  if (!outcome) return '';
  const b = outcome.breaker;
  const until = b.state === 'open' && b.reopensAt ? ` until ${b.reopensAt.slice(0, 16).replace('T', ' ')} UTC` : '';
  const scope = `${verdict.run.workflowName || verdict.run.workflowPath} · ${verdict.run.headBranch ?? '(no branch)'} · ${verdict.category}`;
  const reset =
    b.state === 'closed'
      ? ''
      : ` Reset it: add the \`closed-loop:reset-breaker\` label, or comment \`/closed-loop reset ${verdict.category}\` (write permission).`;
  return `**Circuit breaker** (${escapeInline(scope)}): **${b.state}**${until} — ${b.consecutiveFailures} consecutive failure${b.consecutiveFailures === 1 ? '' : 's'}, ${Math.round(b.failureRate * 100)}% of recent runs failed.${reset}`;
}

export function recoverMarkdown(outcome: RecoverOutcome | undefined): string {
  const links = (outcome?.links ?? []).map((l) => link(l.label, l.url)).join(' · ');
  return `${escapeInline(recoverSentence(outcome))}${links ? `\n\n${links}` : ''}`;
}
