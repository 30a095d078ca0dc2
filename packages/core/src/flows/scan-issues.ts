import { createHash } from 'node:crypto';
import { upsertIssue } from '../github/api/issues.js';
import type { GitHubClient, RepoRef } from '../github/github-client.js';
import { escapeInline, inlineCode } from '../render/escape.js';
import { marker } from '../render/markers.js';
import { truncateBody } from '../render/truncate.js';
import type { ScanReport } from '../scan/report.js';

/** The label of secret-scan's finding issues (their marker, not the label, is what finds them again). */
export const SCAN_ISSUE_LABEL = 'secret-scan';

/** One issue per blocking fingerprint, through the shared upsert (found again by its marker, never duplicated). */
export async function fileFindingIssues(client: GitHubClient, repo: RepoRef, report: ScanReport, repository: string): Promise<void> {
  for (const f of report.findings.filter((x) => x.blocking)) {
    const key = createHash('sha256').update(f.fingerprint).digest('hex').slice(0, 32);
    const where = report.source.pullRequest !== undefined ? `pull request #${report.source.pullRequest}` : `commit ${report.source.commit ?? ''}`;
    const body = [
      `secret-scan found **${escapeInline(f.description)}** (${inlineCode(f.ruleId)}, ${f.severity}) in ${inlineCode(`${f.file}:${f.line}`)} of ${escapeInline(repository)}, ${where}.`,
      '',
      `Preview (redacted): ${inlineCode(f.preview)}`,
      `Fingerprint: ${inlineCode(f.fingerprint)}`,
      report.bypass ? `\nBypassed by @${escapeInline(report.bypass.by)}: ${escapeInline(report.bypass.reason)}` : '',
      '',
      f.category === 'credential'
        ? 'Rotate the credential: removing it from the branch does not remove it from history or forks.'
        : 'Remove the record and check where else it was copied; PHI exposure may need to be reported.',
    ].join('\n');
    await upsertIssue(
      client,
      repo,
      marker('secret-scan', key),
      { title: `Secret scan: ${f.ruleId} in ${f.file}`.slice(0, 200), body: truncateBody(body), labels: [SCAN_ISSUE_LABEL] },
      SCAN_ISSUE_LABEL,
    );
  }
}
