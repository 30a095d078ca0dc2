/**
 * Which GitHub reviews can prove a review: the engine half (no I/O). A review counts when it is the
 * reviewer's latest decisive review (a later CHANGES_REQUESTED or a dismissal revokes an approval), it
 * APPROVES, and its reviewer is neither the pull request's author nor the author/committer of any of its
 * commits: the author cannot prove their own review, whatever they push or stamp.
 */
export interface GitHubReview {
  user: string;
  state: string;
  /** The commit the review was given on. */
  commitId: string;
  submittedAt: string;
}

export interface Approval {
  reviewer: string;
  commit: string;
  submittedAt: string;
}

export interface ApprovalRefusal {
  reviewer: string;
  why: string;
}

const DECISIVE = new Set(['APPROVED', 'CHANGES_REQUESTED', 'DISMISSED']);

export function candidateApprovals(
  reviews: readonly GitHubReview[],
  author: string,
  commitLogins: ReadonlySet<string>,
): { approvals: Approval[]; refused: ApprovalRefusal[] } {
  const latest = new Map<string, GitHubReview>();
  for (const r of [...reviews].sort((a, b) => a.submittedAt.localeCompare(b.submittedAt))) if (DECISIVE.has(r.state)) latest.set(r.user.toLowerCase(), r);
  const approvals: Approval[] = [];
  const refused: ApprovalRefusal[] = [];
  for (const r of latest.values()) {
    if (r.state !== 'APPROVED') continue;
    const login = r.user.toLowerCase();
    if (login === author.toLowerCase()) refused.push({ reviewer: r.user, why: 'is the author of the pull request' });
    else if (commitLogins.has(login)) refused.push({ reviewer: r.user, why: 'wrote or committed one of the reviewed commits' });
    else approvals.push({ reviewer: r.user, commit: r.commitId, submittedAt: r.submittedAt });
  }
  // Newest first: the approval closest to head is the most likely to match it.
  approvals.sort((a, b) => b.submittedAt.localeCompare(a.submittedAt));
  return { approvals, refused };
}
