import { createHash } from 'node:crypto';
import type { Verdict } from '../classify/verdict.js';
import type { RecoverOutcome } from '../recover/outcome.js';
import { marker } from '../render/markers.js';
import { failureMessage, slackPayload, teamsPayload } from './chat.js';
import { recordFailure } from './ledger.js';
import { renderComment, renderIssue, renderSummary } from './markdown.js';
import type { RedactFn } from '../redact/index.js';
import { sanitise } from './sanitise.js';
import { channelsFor, type Channel, type NotifySettings } from './settings.js';
import { renderFailureStatus, type StatusContent } from './status.js';

/** Identity of the issue for a failure signature (matched together with our bot login). */
export function issueMarker(signature: string): string {
  return marker('notify-issue', signature.replace(/[^A-Za-z0-9:._-]/g, '_').replace(/-{2,}/g, '-'));
}

/** One sticky comment per PR and signature family (workflow + category). */
export function familyMarker(verdict: Verdict): string {
  const key = createHash('sha256')
    .update(`${verdict.run.workflowPath || verdict.run.workflowName}\0${verdict.category}`)
    .digest('hex')
    .slice(0, 16);
  return marker('notify-comment', key);
}

/** The body as the upsert helpers write it (their withMarker; finishBody already left room for the marker). */
function asWritten(body: string, identity: string): string {
  return `${body}\n\n${identity}`;
}

const MANAGED = /^(category|severity):/;

/** Our labels replace our earlier ones; labels people added stay. */
export function issueLabels(verdict: Verdict, settings: NotifySettings, existing: string[] = []): string[] {
  const ours = [
    settings.labels.base,
    ...(settings.labels.byCategory ? [`category:${verdict.category}`] : []),
    ...(settings.labels.bySeverity ? [`severity:${verdict.severity}`] : []),
  ];
  const kept = existing.filter((l) => !MANAGED.test(l) && l.toLowerCase() !== settings.labels.base.toLowerCase());
  return [...kept, ...ours];
}

export interface Preview {
  channels: Channel[];
  status?: StatusContent;
  summary?: string;
  comment?: string;
  issue?: { title: string; body: string; labels: string[] };
  slack?: Record<string, unknown>;
  teams?: Record<string, unknown>;
}

/**
 * What each routed channel would receive for a first occurrence of this verdict: for the CLI's
 * `notify render` and for reviewing routing changes. Nothing here talks to GitHub.
 */
export function previewChannels(input: {
  verdict: Verdict;
  outcome?: RecoverOutcome | undefined;
  settings: NotifySettings;
  now: number;
  redact: RedactFn;
}): Preview {
  const { verdict, outcome } = sanitise(input.verdict, input.outcome, input.redact);
  const { settings, redact } = input;
  const channels = channelsFor(verdict.severity, settings, verdict.run.pullRequests.length > 0);
  const { ledger, change } = recordFailure(undefined, verdict, input.now, settings.recentRuns);
  const mentions = verdict.severity === 'critical' ? settings.escalation.mentions : [];
  const preview: Preview = { channels };
  if (channels.includes('status')) preview.status = renderFailureStatus(verdict, settings, redact);
  if (channels.includes('summary')) preview.summary = renderSummary({ verdict, outcome }, redact, channels);
  if (channels.includes('comment')) preview.comment = asWritten(renderComment({ verdict, outcome, ledger }, redact), familyMarker(verdict));
  if (channels.includes('issue')) {
    const issue = renderIssue({ verdict, outcome, ledger, mentions }, redact, issueLabels(verdict, settings));
    preview.issue = { ...issue, body: asWritten(issue.body, issueMarker(verdict.signature)) };
  }
  if (channels.includes('chat')) {
    const message = failureMessage(verdict, outcome, change, undefined, redact);
    preview.slack = slackPayload(message);
    preview.teams = teamsPayload(message);
  }
  return preview;
}
