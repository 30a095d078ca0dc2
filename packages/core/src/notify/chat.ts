import type { RunInfo, Verdict } from '../classify/verdict.js';
import type { RecoverOutcome } from '../recover/outcome.js';
import { formatDuration, type FailureChange } from './ledger.js';
import { cut } from '../render/truncate.js';
import { categoryLabel, evidenceExcerpt, mainJob, percent, plain, recoverSentence, safeUrl, severityIcon } from './parts.js';
import type { RedactFn } from '../redact/index.js';

/** A chat message before it is shaped for Slack or Teams. All text is plain, redacted and ping-free. */
export interface ChatMessage {
  title: string;
  facts: { name: string; value: string }[];
  evidence?: string;
  links: { label: string; url: string }[];
}

const CHANGE_WORD: Partial<Record<FailureChange, string>> = { 'first-failure': 'New failure', regression: 'Failing again', escalation: 'Escalated' };

export function failureMessage(
  verdict: Verdict,
  outcome: RecoverOutcome | undefined,
  change: FailureChange,
  issueUrl: string | undefined,
  redact: RedactFn,
  /** The recovery-time estimate sentence, when the failure has a ledger (an issue). */
  estimate?: string,
): ChatMessage {
  const job = mainJob(verdict);
  const links = [{ label: `Run #${verdict.run.id}`, url: verdict.run.htmlUrl }, ...(issueUrl ? [{ label: 'Issue', url: issueUrl }] : [])];
  return clean(
    {
      title: `${severityIcon(verdict.severity)} ${CHANGE_WORD[change] ?? 'Failure'}: ${categoryLabel(verdict.category, verdict.subcategory)} in ${verdict.run.workflowName}${job ? ` › ${job.jobName}` : ''}`,
      facts: [
        { name: 'Repository', value: verdict.run.repository },
        { name: 'Branch', value: verdict.run.headBranch ?? '(none)' },
        { name: 'Severity', value: verdict.severity },
        { name: 'Confidence', value: percent(verdict.confidence) },
        { name: 'recover', value: recoverSentence(outcome) },
        ...(estimate ? [{ name: 'Recovery', value: estimate }] : []),
      ],
      evidence: evidenceExcerpt(verdict.evidence.lines, 500),
      links,
    },
    redact,
  );
}

export function resolutionMessage(run: RunInfo, title: string, ttrMs: number, issueUrl: string | undefined, redact: RedactFn): ChatMessage {
  return clean(
    {
      title: `✅ Resolved: ${title}`,
      facts: [
        { name: 'Repository', value: run.repository },
        { name: 'Branch', value: run.headBranch ?? '(none)' },
        { name: 'Time to recovery', value: formatDuration(ttrMs) },
      ],
      links: [{ label: `Run #${run.id}`, url: run.htmlUrl }, ...(issueUrl ? [{ label: 'Issue', url: issueUrl }] : [])],
    },
    redact,
  );
}

function clean(m: ChatMessage, redact: RedactFn): ChatMessage {
  const links = m.links.flatMap((l) => {
    const url = safeUrl(l.url);
    return url ? [{ label: plain(l.label, 80), url }] : [];
  });
  return {
    title: plain(redact(m.title), 150),
    facts: m.facts.map((f) => ({ name: plain(f.name, 50), value: plain(redact(f.value), 500) })),
    ...(m.evidence ? { evidence: plain(redact(m.evidence), 500) } : {}),
    links,
  };
}

/** Slack mrkdwn: `&`, `<` and `>` are the only control characters; escaping them stops `<!channel>` and links. */
function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Incoming-webhook payload: a text fallback plus Block Kit blocks. */
export function slackPayload(m: ChatMessage): Record<string, unknown> {
  const facts = m.facts.map((f) => `*${slackEscape(f.name)}:* ${slackEscape(f.value)}`).join('\n');
  const evidence = m.evidence ? `\n\`\`\`${slackEscape(m.evidence.replace(/`/g, "'"))}\`\`\`` : '';
  const links = m.links.map((l) => `<${l.url}|${slackEscape(l.label).replace(/\|/g, '/')}>`).join(' · ');
  return {
    text: slackEscape(m.title),
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: cut(m.title, 150), emoji: true } },
      { type: 'section', text: { type: 'mrkdwn', text: cut(`${facts}${evidence}`, 3000) } },
      ...(links ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: links }] }] : []),
    ],
  };
}

/** Adaptive Cards render a small Markdown subset: escape its syntax and angle brackets (`<at>` mentions). */
function teamsEscape(text: string): string {
  return text
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\*_[\]`#])/g, '\\$1');
}

/** Teams workflow ("When a Teams webhook request is received") payload: a message with one Adaptive Card. */
export function teamsPayload(m: ChatMessage): Record<string, unknown> {
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            { type: 'TextBlock', text: teamsEscape(m.title), weight: 'Bolder', size: 'Medium', wrap: true },
            { type: 'FactSet', facts: m.facts.map((f) => ({ title: teamsEscape(f.name), value: teamsEscape(f.value) })) },
            ...(m.evidence ? [{ type: 'TextBlock', text: teamsEscape(m.evidence), fontType: 'Monospace', wrap: true, isSubtle: true }] : []),
          ],
          actions: m.links.map((l) => ({ type: 'Action.OpenUrl', title: l.label, url: l.url })),
        },
      },
    ],
  };
}
