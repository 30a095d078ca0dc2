import type { LoopIssue, RunSummary } from '../discover/ci-health.js';
import { cut } from '../render/truncate.js';
import { DASHBOARD_MARKER, itemIssueBody, itemIssueMarker, parseDashboard, renderDashboard, resolveItems } from '../discover/dashboard.js';
import type { ResolvedItem, ValueMetrics } from '../discover/model.js';
import { markerPrefix, readMarkers } from '../render/markers.js';
import type { GitHubClient, RepoRef } from '../github/github-client.js';
import { ESCALATION_MARKER } from './notify-sweep.js';
import { readLedger } from '../notify/ledger.js';
import { createIssueOnce, findOurComments, findOurIssues, getIssue, labelNames, listIssues, upsertIssue, type IssueItem } from '../github/api/issues.js';
import { listRepoRuns } from '../github/api/runs.js';

const DAY = 86_400_000;

/** Completed and running workflow runs created in the window, newest first (latest attempt of each). */
export async function listRecentRuns(client: GitHubClient, repo: RepoRef, sinceDays: number, now: number, limit = 2000): Promise<RunSummary[]> {
  const since = new Date(now - sinceDays * DAY).toISOString().slice(0, 10);
  const { items } = await listRepoRuns(client, repo, { created: `>=${since}` }, limit);
  return items;
}

/** closed-loop's failure issues (our login, our label), open and closed, created in the window. */
export async function listLoopIssues(client: GitHubClient, repo: RepoRef, label: string, sinceDays: number, now: number, limit = 200): Promise<LoopIssue[]> {
  const since = now - sinceDays * DAY;
  const items = await listIssues(client, repo, { labels: label, creator: client.botLogin }, limit);
  const ours = items.filter((i) => !i.pull_request && client.isOurs(i.user) && Date.parse(i.created_at) >= since);
  const out: LoopIssue[] = [];
  for (const i of ours) {
    let closedBy = i.closed_by;
    // Issue lists may omit closed_by; a single-issue read has it.
    if (i.state === 'closed' && closedBy === undefined) closedBy = (await getIssue(client, repo, i.number)).closed_by;
    const ledger = readLedger(i.body);
    out.push({
      number: i.number,
      title: i.title,
      state: i.state === 'closed' ? 'closed' : 'open',
      state_reason: i.state_reason ?? null,
      labels: labelNames(i).filter(Boolean),
      created_at: i.created_at,
      closed_at: i.closed_at ?? null,
      closedByUs: client.isOurs(closedBy),
      ...(i.html_url ? { html_url: i.html_url } : {}),
      ...(ledger ? { ledgerRuns: ledger.runs.map((r) => ({ id: r.id, attempt: r.attempt, at: r.at })) } : {}),
      // Only a critical episode is ever escalated: only those issues' comments are read.
      ...(ledger?.severity === 'critical' ? { escalatedAt: await escalationTimes(client, repo, i.number) } : {}),
    });
  }
  return out;
}

/** When the sweep escalated an issue: its escalation comments (ours, by their marker kind). */
async function escalationTimes(client: GitHubClient, repo: RepoRef, issueNumber: number): Promise<string[]> {
  const comments = await findOurComments(client, repo, issueNumber, markerPrefix(ESCALATION_MARKER));
  return comments.map((c) => c.created_at).filter(Boolean);
}

export interface PublishOptions {
  label: string;
  top: number;
  maxNewIssues: number;
  /** YYYY-MM-DD, for resolved items. */
  today: string;
  retentionDays: number;
  /** Applied to everything written (secrets, tokens). */
  redact: (text: string) => string;
}

export interface PublishResult {
  dashboard: IssueItem;
  action: 'created' | 'updated' | 'unchanged';
  /** Issues opened this run from ticked boxes. */
  opened: { id: string; number: number }[];
  resolved: ResolvedItem[];
}

export const DASHBOARD_TITLE = 'Value discovery backlog';
/** GitHub rejects longer issue titles. */
const MAX_ISSUE_TITLE = 256;
// One listing finds the dashboard and the item issues: both markers start with this.
const OUR_MARKERS = DASHBOARD_MARKER.slice(0, DASHBOARD_MARKER.indexOf('value-') + 'value-'.length);

/**
 * Keeps the one dashboard issue current: ticked boxes become issues (at most `maxNewIssues` a run,
 * highest-ranked first; the rest stay ticked for the next run), vanished items are listed as resolved,
 * and the body is written only when it changed.
 */
export async function publishDashboard(client: GitHubClient, repo: RepoRef, metrics: ValueMetrics, options: PublishOptions): Promise<PublishResult> {
  const ours = await findOurIssues(client, repo, OUR_MARKERS, options.label);
  const existing = ours.find((i) => i.body?.includes(DASHBOARD_MARKER));
  const previous = parseDashboard(existing?.body);
  const issues = new Map<string, number>();
  for (const i of ours) for (const id of readMarkers(i.body, 'value-item')) if (!issues.has(id)) issues.set(id, i.number);

  const opened: PublishResult['opened'] = [];
  const wanted = metrics.items.filter((i) => previous.ticked.has(i.id) && !issues.has(i.id)).slice(0, options.maxNewIssues);
  for (const item of wanted) {
    const content = {
      title: cut(options.redact(item.title), MAX_ISSUE_TITLE),
      body: options.redact(itemIssueBody(item, existing?.number)),
      labels: [options.label],
    };
    const issue = await createIssueOnce(client, repo, itemIssueMarker(item.id), content, options.label);
    issues.set(item.id, issue.number);
    opened.push({ id: item.id, number: issue.number });
  }

  const resolved = resolveItems(previous, metrics.items, options.today, options.retentionDays);
  const body = options.redact(
    renderDashboard({ ...metrics, resolved }, { top: options.top, maxNewIssues: options.maxNewIssues, issues, ticked: previous.ticked }),
  );
  const result = await upsertIssue(client, repo, DASHBOARD_MARKER, { title: DASHBOARD_TITLE, body, labels: [options.label] }, options.label);
  return { dashboard: result.item, action: result.action, opened, resolved };
}
