import type { Category } from '../classify/verdict.js';
import type { LoopIssue } from '../discover/ci-health.js';
import { isFailedConclusion } from '../conclusions.js';
import { issueMarker } from '../notify/plan.js';
import { boardKey, breakerBoard, type BoardResets, type BoardRun } from '../recover/breaker-board.js';
import { BREAKER_RESET_MARKER, RESET_ROLES, resetCommandCategory } from '../recover/breaker-reset.js';
import type { BreakerSettings } from '../recover/settings.js';
import { readMarkers } from '../render/markers.js';
import type { GitHubClient, RepoRef } from '../github/github-client.js';
import { collaboratorRole } from '../github/api/collaborators.js';
import { findOurIssues, listIssueComments } from '../github/api/issues.js';

export interface BreakerReset {
  at: number;
  by: string;
}

/** The newest valid reset on one failure issue, per category asked. */
export type IssueResets = (category: Category) => Promise<BreakerReset | undefined>;

/**
 * The newest `/closed-loop reset` on this failure signature's issue, since `since`, from someone whose
 * permission (read through the API, never from author_association) is write or above. Comments from
 * anyone else, or for another category, are ignored.
 */
export async function findBreakerReset(
  client: GitHubClient,
  repo: RepoRef,
  signature: string,
  category: Category,
  since: number,
): Promise<BreakerReset | undefined> {
  const [issue] = await findOurIssues(client, repo, issueMarker(signature));
  if (!issue) return undefined;
  return (await readIssueResets(client, repo, issue.number, since))(category);
}

/**
 * The resets on one failure issue since `since`: its comments are read once, then asked per category.
 * A label reset is our own record (written only after the labeler's permission was checked) and covers
 * every category; a `/closed-loop reset [category]` comment counts only from a person whose role, read
 * through the API, is write or above (each login is looked up once).
 */
export async function readIssueResets(client: GitHubClient, repo: RepoRef, issueNumber: number, since: number): Promise<IssueResets> {
  const items = await listIssueComments(client, repo, issueNumber);
  const newestRecord = items
    .filter((c) => client.isOurs(c.user) && readMarkers(c.body, BREAKER_RESET_MARKER).length > 0 && Date.parse(c.created_at) >= since)
    .map((c) => ({ at: Date.parse(c.created_at), by: 'label' }))
    .sort((a, b) => b.at - a.at)[0];
  const commands = items
    .filter((c) => !client.isOurs(c.user) && c.user?.type !== 'Bot' && Date.parse(c.created_at) >= since)
    .map((c) => ({ at: Date.parse(c.created_at), login: c.user?.login ?? '', scope: resetCommandCategory(c.body ?? '') }))
    .filter((c) => c.scope !== undefined)
    .sort((a, b) => b.at - a.at);
  const roles = new Map<string, Promise<string>>();
  const role = (login: string): Promise<string> => {
    const known = roles.get(login) ?? collaboratorRole(client, repo, login);
    roles.set(login, known);
    return known;
  };
  return async (category) => {
    for (const c of commands) {
      if (c.scope !== 'all' && c.scope !== category) continue;
      if (newestRecord && newestRecord.at >= c.at) return newestRecord;
      if (c.login && RESET_ROLES.has(await role(c.login))) return { at: c.at, by: c.login };
    }
    return newestRecord;
  };
}

/**
 * The resets the dashboard applies to its breakers, read where recover reads them: for each workflow +
 * branch whose breaker is not closed, the failure issue of its latest failed run (the signature a re-run
 * of the same failure would look up), since the start of the breaker's window. Only breakers that are not
 * closed cost requests: one comment listing per issue and one permission read per commenter.
 */
export async function findBoardResets(
  client: GitHubClient,
  repo: RepoRef,
  runs: readonly BoardRun[],
  issues: readonly LoopIssue[],
  now: number,
  settings: BreakerSettings,
): Promise<BoardResets> {
  const rows = breakerBoard(runs, now, settings);
  const since = now - settings.windowHours * 3600_000;
  const out: BoardResets = {};
  const byIssue = new Map<number, Promise<IssueResets>>();
  for (const row of rows) {
    const key = boardKey(row.path, row.branch);
    const issue = issueOfLatestFailure(runs, issues, row.path, row.branch);
    if (!issue) continue;
    const known = byIssue.get(issue) ?? readIssueResets(client, repo, issue, since);
    byIssue.set(issue, known);
    const reset = await (await known)(row.category);
    if (reset) out[key] = { ...out[key], [row.category]: reset.at };
  }
  return out;
}

/** The failure issue whose ledger records the newest failed run of this workflow + branch, if any. */
function issueOfLatestFailure(runs: readonly BoardRun[], issues: readonly LoopIssue[], path: string, branch: string): number | undefined {
  const failed = runs
    .filter((r) => r.path === path && r.head_branch === branch && isFailedConclusion(r.conclusion))
    .sort((a, b) => Date.parse(b.updated_at) - Date.parse(a.updated_at));
  for (const run of failed) {
    const issue = issues.find((i) => i.ledgerRuns?.some((l) => l.id === run.id));
    if (issue) return issue.number;
  }
  return undefined;
}
