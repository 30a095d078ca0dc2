import { upsertComment } from '../github/api/issues.js';
import { httpStatus, type GitHubClient, type RepoRef } from '../github/github-client.js';
import type { Logger } from '../logger.js';
import { marker } from '../render/markers.js';

/** quality-gate's sticky report comment: one per pull request, found again by this marker and edited in place. */
export const GATE_REPORT_MARKER = marker('quality-gate', 'report');

/** Writes the rendered report as the pull request's sticky comment (no write when it has not changed). */
export async function commentGateReport(client: GitHubClient, repo: RepoRef, pullNumber: number, markdown: string, logger: Logger): Promise<void> {
  try {
    await upsertComment(client, repo, pullNumber, GATE_REPORT_MARKER, markdown);
  } catch (error) {
    // Fork pull requests get a read-only token: the summary and the check still carry the verdict.
    if (httpStatus(error) !== 403) throw error;
    logger.warning('The token cannot write the PR comment (read-only on fork pull requests); the job summary has the report.');
  }
}
