import { codeBlock, escapeInline, inlineCode, explain, type CheckResult, type Explanation, type ReviewScope } from '@closed-loop/core';

export function explainResult(result: CheckResult, baseRef: string, scope: ReviewScope): Explanation {
  return explain(result, { baseRef: `origin/${baseRef}`, scope });
}

/** Job summary: verdict, the values compared, and the exact commands that fix a failure. */
export function renderSummary(result: CheckResult, explanation: Explanation): string {
  const icon = result.status === 'pass' ? '✅' : '❌';
  const lines = [`## ${icon} Review-Hash: ${escapeInline(explanation.title)}`, '', escapeInline(explanation.message), ''];
  lines.push(`- Status: ${inlineCode(result.status)}`, `- Review-Hash of the code being merged: ${inlineCode(result.reviewHash || '(not computed)')}`);
  if (result.recordedHash) lines.push(`- Review-Hash recorded: ${inlineCode(result.recordedHash)}`);
  if (result.reviewedCommit) lines.push(`- Reviewed commit: ${inlineCode(result.reviewedCommit)}`);
  if (result.reviewId) lines.push(`- Review-Id: ${inlineCode(result.reviewId)}`);
  if (result.changedSinceReview?.length) {
    lines.push('', '### Files changed since the reviewed commit', '', ...result.changedSinceReview.slice(0, 200).map((f) => `- ${inlineCode(f)}`));
    if (result.changedSinceReview.length > 200) lines.push(`- … and ${result.changedSinceReview.length - 200} more`);
  }
  if (explanation.fix.length) lines.push('', '### How to fix', '', codeBlock(explanation.fix.join('\n'), 'sh'));
  return `${lines.join('\n')}\n`;
}
