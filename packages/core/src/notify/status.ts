import type { RunInfo, Verdict } from '../classify/verdict.js';
import { LIMITS } from '../render/limits.js';
import { formatDuration } from './ledger.js';
import { categoryLabel, mainJob, plain, safeUrl } from './parts.js';
import type { RedactFn } from '../redact/index.js';
import type { NotifySettings } from './settings.js';

export interface StatusContent {
  state: 'success' | 'failure' | 'error' | 'pending';
  context: string;
  description: string;
  target_url?: string;
}

/**
 * One context per watched workflow (`closed-loop / CI`): a green run of one workflow must never
 * overwrite another workflow's failure on the same SHA, or a required context would pass while CI is red.
 */
export function statusContextFor(settings: NotifySettings, run: Pick<RunInfo, 'workflowName' | 'workflowPath'>): string {
  const workflow = run.workflowName || run.workflowPath;
  return workflow ? `${settings.statusContext} / ${workflow}` : settings.statusContext;
}

/** Commit status for a failure: one line, ≤ 140 characters, stable context. */
export function renderFailureStatus(verdict: Verdict, settings: NotifySettings, redact: RedactFn): StatusContent {
  const job = mainJob(verdict);
  const text = `${verdict.severity}: ${categoryLabel(verdict.category, verdict.subcategory)}${job ? ` in ${job.jobName}` : ''}${verdict.transient ? ' (transient)' : ''}`;
  return withUrl(
    { state: 'failure', context: statusContextFor(settings, verdict.run), description: plain(redact(text), LIMITS.statusDescription) },
    verdict.run.htmlUrl,
  );
}

/** Commit status for a green run; names the time to recovery when it closed a failure. */
export function renderSuccessStatus(run: RunInfo, settings: NotifySettings, ttrMs: number | undefined, redact: RedactFn): StatusContent {
  const text = ttrMs === undefined ? `${run.workflowName} passed` : `${run.workflowName} recovered after ${formatDuration(ttrMs)}`;
  return withUrl({ state: 'success', context: statusContextFor(settings, run), description: plain(redact(text), LIMITS.statusDescription) }, run.htmlUrl);
}

function withUrl(status: StatusContent, url: string): StatusContent {
  const safe = safeUrl(url);
  return safe ? { ...status, target_url: safe } : status;
}
