import { escalationPolicy, episodeKey, isDueForEscalation, type EscalationPolicy } from '../notify/escalation.js';
import { formatDuration, readLedger } from '../notify/ledger.js';
import { marker } from '../render/markers.js';
import type { NotifyDeps } from './notify.js';
import { addAssignees, findOurComments, findOurIssues, labelNames, upsertComment, type IssueItem } from '../github/api/issues.js';

/** Kind of the marker on escalation comments (value-discovery counts them). */
export const ESCALATION_MARKER = 'notify-sweep-escalation';

export interface SweepReport {
  /** Issues escalated by this sweep. */
  escalated: number[];
  /** Open critical issues looked at. */
  checked: number;
}

/**
 * The scheduled sweep: every open failure issue whose critical episode has gone unacknowledged for
 * `notify.escalate_after` is escalated once — assignees added and one comment mentioning the configured
 * people. The comment carries the episode's key, so a second sweep finds it and writes nothing.
 */
export async function sweepEscalations(deps: NotifyDeps, notifySection: unknown): Promise<SweepReport> {
  const policy = escalationPolicy(notifySection);
  const now = deps.clock.now();
  const issues = await findOurIssues(deps.client, deps.repo, 'notify-ledger', deps.settings.labels.base);
  const report: SweepReport = { escalated: [], checked: 0 };
  for (const issue of issues) {
    const ledger = readLedger(issue.body);
    if (!ledger || issue.state !== 'open' || ledger.severity !== 'critical' || ledger.resolved) continue;
    report.checked++;
    const key = marker(ESCALATION_MARKER, episodeKey(ledger));
    const escalated = (await findOurComments(deps.client, deps.repo, issue.number, key)).length > 0;
    const candidate = { ledger, open: true, labels: labelNames(issue), reactions: reactionCount(issue), escalated };
    if (!isDueForEscalation(candidate, now, policy)) continue;
    await escalateIssue(deps, issue.number, key, now - Date.parse(ledger.since), policy);
    report.escalated.push(issue.number);
  }
  return report;
}

async function escalateIssue(deps: NotifyDeps, issueNumber: number, key: string, ageMs: number, policy: EscalationPolicy): Promise<void> {
  const { mentions, assignees } = deps.settings.escalation;
  if (assignees.length) await addAssignees(deps.client, deps.repo, issueNumber, assignees);
  const who = mentions.length ? ` cc ${mentions.join(' ')}` : '';
  const body =
    `**Escalated:** this critical failure has gone unacknowledged for ${formatDuration(ageMs)}.${who}\n\n` +
    `Acknowledge it with the \`${policy.acknowledgeLabel}\` label or a reaction on this issue.`;
  await upsertComment(deps.client, deps.repo, issueNumber, key, deps.redact(body));
}

function reactionCount(issue: IssueItem): number {
  return issue.reactions?.total_count ?? 0;
}
