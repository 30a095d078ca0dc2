import { digestMessage, digestPeriod, digestPolicy, parseFailureStatus, renderDigest, type DigestEntry, type DigestPeriod } from '../notify/digest.js';
import { statusContextFor } from '../notify/status.js';
import { marker } from '../render/markers.js';
import { sendChat, type NotifyDeps, type NotifyReport } from './notify.js';
import { createIssueOnce, findOurComments, findOurIssues, upsertComment } from '../github/api/issues.js';
import { listRepoRuns, type WorkflowRun } from '../github/api/runs.js';
import { listCommitStatuses, type StatusItem } from '../github/api/statuses.js';

const DIGEST_ISSUE = marker('notify-digest-issue', 'v1');
/** Runs longer than this before failing are left out of the period they completed in (listing is by creation time). */
const RUN_SPAN_MS = 6 * 3_600_000;
/** Most runs read per period: a digest summarises, it does not audit. */
const MAX_RUNS = 300;

export interface DigestReport {
  severity: 'medium' | 'low';
  period: string;
  /** created: the period's digest was written now; exists: an earlier sweep wrote it; empty: no failure to digest. */
  result: 'created' | 'exists' | 'empty';
  failures: number;
}

/**
 * Medium and low failures, gathered once per period (hourly / daily by default) into one comment on the
 * digest issue, and one chat message with `notify.digests.chat`. The period's failures are
 * the failed runs that completed in it and whose commit status — written by our login when notify routed
 * the run — names that severity. The comment carries the period's key: a sweep that finds it reads
 * nothing else and writes nothing.
 */
export async function sweepDigests(deps: NotifyDeps, notifySection: unknown): Promise<DigestReport[]> {
  const policy = digestPolicy(notifySection);
  const now = deps.clock.now();
  const out: DigestReport[] = [];
  let issue = (await findOurIssues(deps.client, deps.repo, DIGEST_ISSUE))[0];
  const runsCache = new Map<string, WorkflowRun[]>();
  for (const severity of ['medium', 'low'] as const) {
    const cadence = policy.cadence[severity];
    if (cadence === 'off') continue;
    const period = digestPeriod(cadence, now);
    const key = marker('notify-digest', `${severity}.${period.key}`);
    if (issue && (await findOurComments(deps.client, deps.repo, issue.number, key)).length > 0) {
      out.push({ severity, period: period.key, result: 'exists', failures: 0 });
      continue;
    }
    const entries = await periodFailures(deps, period, severity, runsCache);
    if (!entries.length) {
      out.push({ severity, period: period.key, result: 'empty', failures: 0 });
      continue;
    }
    issue ??= await createIssueOnce(deps.client, deps.repo, DIGEST_ISSUE, {
      title: 'closed-loop: failure digests',
      body:
        'Medium and low failures, gathered into one comment per period (hourly and daily by default, `notify.digests`). ' +
        'Subscribe to this issue to follow them; critical and high failures are reported at once elsewhere.',
    });
    const body = renderDigest(severity, period, cadence, entries, deps.redact);
    const written = await upsertComment(deps.client, deps.repo, issue.number, key, deps.redact(body));
    if (written.action === 'created' && policy.chat) {
      const report: NotifyReport = { channels: ['chat'], change: 'none', comments: [], chat: {}, warnings: [] };
      await sendChat(deps, digestMessage(severity, period, entries, issue.html_url, deps.redact), report);
    }
    out.push({ severity, period: period.key, result: written.action === 'created' ? 'created' : 'exists', failures: entries.length });
  }
  return out;
}

async function periodFailures(deps: NotifyDeps, period: DigestPeriod, severity: 'medium' | 'low', cache: Map<string, WorkflowRun[]>): Promise<DigestEntry[]> {
  const since = new Date(period.start - RUN_SPAN_MS).toISOString();
  let runs = cache.get(since);
  if (!runs) {
    ({ items: runs } = await listRepoRuns(deps.client, deps.repo, { status: 'completed', created: `>=${since}` }, MAX_RUNS));
    cache.set(since, runs);
  }
  const failed = runs.filter((r) => {
    const completed = Date.parse(r.updated_at);
    return (r.conclusion === 'failure' || r.conclusion === 'timed_out') && completed >= period.start && completed < period.end;
  });
  const statuses = new Map<string, StatusItem[]>();
  const entries: DigestEntry[] = [];
  for (const run of failed) {
    if (!statuses.has(run.head_sha)) {
      statuses.set(run.head_sha, await listCommitStatuses(deps.client, deps.repo, run.head_sha, 200));
    }
    const context = statusContextFor(deps.settings, { workflowName: run.name ?? '', workflowPath: run.path });
    // Newest first: the status notify set for this run, by our login (anyone with statuses: write could set one).
    const status = (statuses.get(run.head_sha) ?? []).find((s) => s.context === context && deps.client.isOurs(s.creator) && s.target_url === run.html_url);
    const parsed = status?.state === 'failure' ? parseFailureStatus(status.description) : undefined;
    if (parsed?.severity !== severity) continue;
    entries.push({
      runId: run.id,
      workflow: run.name ?? run.path,
      branch: run.head_branch,
      what: parsed.what,
      url: run.html_url,
      completedAt: run.updated_at,
    });
  }
  return entries;
}
