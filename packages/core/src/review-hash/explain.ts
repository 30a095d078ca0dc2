import type { CheckResult, ReviewStatus } from './check.js';
import type { ReviewScope } from './payload.js';

export interface Explanation {
  title: string;
  /** What happened and why it matters, plain text. */
  message: string;
  /** Exact commands that fix it, in order (empty on pass). */
  fix: string[];
}

export interface ExplainContext {
  /** Base branch as a local ref, e.g. `origin/main`. */
  baseRef: string;
  scope: ReviewScope;
}

const TITLES: Record<ReviewStatus, string> = {
  pass: 'Reviewed code matches the code being merged',
  missing: 'No review record',
  malformed: 'Malformed Review-Hash',
  conflicting: 'Conflicting review trailers',
  mismatch: 'Code changed since it was reviewed',
  placeholder: 'Placeholder review trailer',
  'review-id': 'Missing or invalid Review-Id',
  'audit-log': 'Review not found in the audit log',
  signature: 'Review-Signature missing or invalid',
  incomplete: 'Pull request commit list incomplete',
  'merge-base': 'Ambiguous merge-base',
  'not-approved': 'No approving review of this code',
  'merge-group': 'Merge group not split into pull requests',
};

/** Message and fix commands for each status; the action's summary and the CLI print the same text. */
export function explain(result: CheckResult, ctx: ExplainContext): Explanation {
  const scopeFlag = ctx.scope === 'snapshot' ? ' --scope snapshot' : '';
  const stamp = `npx closed-loop review-hash stamp --base ${ctx.baseRef} --review-id <REVIEW-ID> --new-commit${scopeFlag} && git push`;
  const show = `npx closed-loop review-hash --base ${ctx.baseRef}${scopeFlag}`;
  const title = TITLES[result.status];
  switch (result.status) {
    case 'pass':
      return { title, message: `Review-Hash ${result.reviewHash} recorded on ${result.reviewedCommit ?? '?'} matches the code being merged.`, fix: [] };
    case 'missing':
      return { title, message: `${result.detail}. Record the review once the code has been reviewed.`, fix: [stamp] };
    case 'malformed':
    case 'placeholder':
      return { title, message: `${result.detail}. Replace it with the real value.`, fix: [show, stamp] };
    case 'conflicting':
      return { title, message: `${result.detail}. A review record must name exactly one value; record the review again in a new commit.`, fix: [stamp] };
    case 'mismatch': {
      const list = changedList(result, 'reviewed');
      return {
        title,
        message: `${result.detail}.${list} Have these changes reviewed, then record the review again.`,
        fix: [`git diff ${result.reviewedCommit ?? '<reviewed-commit>'} HEAD`, stamp],
      };
    }
    case 'review-id':
      return { title, message: `${result.detail}. Use the id of the review (a UUID, a ULID or a 16+ hex id by default).`, fix: [stamp] };
    case 'audit-log':
      return { title, message: `${result.detail}. The audit log must hold an approving entry for this Review-Id and Review-Hash.`, fix: [stamp] };
    case 'signature':
      return {
        title,
        message: `${result.detail}. Sign with the review key (see docs/review-hash-v1.md).`,
        fix: [
          `npx closed-loop review-hash stamp --base ${ctx.baseRef} --review-id <REVIEW-ID> --sign-key-env REVIEW_SIGNING_KEY --new-commit${scopeFlag} && git push`,
        ],
      };
    case 'incomplete':
      return {
        title,
        message: `${result.detail}. The check fails closed rather than judge a partial history; re-run the job.`,
        fix: ['gh run rerun --failed'],
      };
    case 'not-approved': {
      const list = changedList(result, 'approved');
      return {
        title,
        message: `${result.detail}.${list} A reviewer with write permission who is not the author (and wrote none of the commits) approves the pull request on GitHub.`,
        fix: result.reviewedCommit ? [`git diff ${result.reviewedCommit} HEAD`] : [],
      };
    }
    case 'merge-group':
      return {
        title,
        message: `${result.detail}. Each pull request's part of a queued merge is checked against its own proof; the check fails closed when it cannot tell the parts apart.`,
        fix: [],
      };
    case 'merge-base':
      return {
        title,
        message: `${result.detail}. Rebase or merge the base branch so there is exactly one merge-base.`,
        fix: [`git fetch origin && git merge ${ctx.baseRef} && git push`],
      };
  }
}

/** ` Files changed since the reviewed commit: a, b.` (at most 50 named), or nothing. */
function changedList(result: CheckResult, what: 'reviewed' | 'approved'): string {
  const files = result.changedSinceReview ?? [];
  if (!files.length) return '';
  return ` Files changed since the ${what} commit: ${files.slice(0, 50).join(', ')}${files.length > 50 ? ` and ${files.length - 50} more` : ''}.`;
}
