// Pull request reviews and review comments (with replies and reactions).
import { must } from '../must.js';
import { shape } from '../sample.js';
import type { ReviewCommentState, ReviewState } from '../state/index.js';
import {
  apiRepoUrl,
  created,
  type Handler,
  type HandlerContext,
  HttpError,
  notFound,
  ok,
  paginate,
  react,
  renderUser,
  rollup,
  str,
  target,
  unprocessable,
} from './common.js';
import { getPull } from './pulls.js';

function renderReview(ctx: HandlerContext, r: ReviewState): Record<string, unknown> {
  const html = `https://github.com/${ctx.repo.owner}/${ctx.repo.name}/pull/${r.pullNumber}#pullrequestreview-${r.id}`;
  return shape('pull-request-review', {
    id: r.id,
    node_id: `PRR_${r.id}`,
    user: renderUser(ctx, r.user),
    body: r.body,
    state: r.state,
    commit_id: r.commit_id,
    html_url: html,
    pull_request_url: `${apiRepoUrl(ctx)}/pulls/${r.pullNumber}`,
    author_association: 'CONTRIBUTOR',
    _links: {
      html: { href: html },
      pull_request: { href: `${apiRepoUrl(ctx)}/pulls/${r.pullNumber}` },
    },
    ...(r.state === 'PENDING' ? {} : { submitted_at: r.submitted_at }),
  });
}

export function renderReviewComment(ctx: HandlerContext, c: ReviewCommentState): Record<string, unknown> {
  const url = `${apiRepoUrl(ctx)}/pulls/comments/${c.id}`;
  const html = `https://github.com/${ctx.repo.owner}/${ctx.repo.name}/pull/${c.pullNumber}#discussion_r${c.id}`;
  return shape('pull-request-review-comment', {
    id: c.id,
    node_id: `PRRC_${c.id}`,
    pull_request_review_id: c.reviewId,
    in_reply_to_id: c.in_reply_to_id ?? undefined,
    body: c.body,
    path: c.path,
    line: c.line ?? undefined,
    original_line: c.line ?? undefined,
    start_line: c.start_line,
    original_start_line: c.start_line,
    side: c.side,
    position: c.line ?? undefined,
    original_position: c.line ?? undefined,
    diff_hunk: `@@ -1,1 +1,1 @@`,
    commit_id: c.commit_id,
    original_commit_id: c.commit_id,
    user: renderUser(ctx, c.user),
    created_at: c.created_at,
    updated_at: c.updated_at,
    url,
    html_url: html,
    pull_request_url: `${apiRepoUrl(ctx)}/pulls/${c.pullNumber}`,
    author_association: 'CONTRIBUTOR',
    reactions: rollup(ctx, `${url}/reactions`, c.reactions),
    _links: {
      self: { href: url },
      html: { href: html },
      pull_request: { href: `${apiRepoUrl(ctx)}/pulls/${c.pullNumber}` },
    },
  });
}

const REVIEW_STATE: Record<string, ReviewState['state']> = {
  APPROVE: 'APPROVED',
  REQUEST_CHANGES: 'CHANGES_REQUESTED',
  COMMENT: 'COMMENTED',
};

export const reviewsHandlers: Record<string, Handler> = {
  'pulls/list-reviews': (ctx) => {
    const p = getPull(ctx);
    const { page, headers } = paginate(ctx, ctx.state.reviews.list({ ...target(ctx), pullNumber: p.number }));
    return ok(
      page.map((r) => renderReview(ctx, r)),
      headers,
    );
  },
  'pulls/create-review': (ctx) => {
    const p = getPull(ctx);
    const b = ctx.body;
    const event = str(b.event);
    if ((event === 'REQUEST_CHANGES' || event === 'COMMENT') && !str(b.body) && !(Array.isArray(b.comments) && b.comments.length)) {
      throw new HttpError(422, 'Unprocessable Entity', {
        errors: [`Review Can not ${event === 'COMMENT' ? 'comment' : 'request changes'} without a body`],
      });
    }
    const user = must(ctx.repo.issues.get(p.number), `issue for pull ${String(p.number)}`).user;
    if (event && event !== 'COMMENT' && user === ctx.login) {
      throw new HttpError(422, 'Unprocessable Entity', {
        errors: [`Review Can not ${event === 'APPROVE' ? 'approve' : 'request changes on'} your own pull request`],
      });
    }
    const comments = (b.comments as Array<Record<string, unknown>> | undefined) ?? [];
    // Validated before anything is stored: GitHub creates a review with its comments, or nothing.
    if (comments.some((c) => typeof c.path !== 'string' || typeof c.body !== 'string'))
      unprocessable('Validation Failed', [{ resource: 'PullRequestReviewComment', field: 'path', code: 'missing_field' }]);
    const r = ctx.state.reviews.add({
      ...target(ctx),
      pullNumber: p.number,
      user: ctx.login,
      body: str(b.body) ?? '',
      state: event ? (REVIEW_STATE[event] ?? 'COMMENTED') : 'PENDING',
      commitId: str(b.commit_id) ?? p.head.sha,
    });
    for (const c of comments) {
      ctx.state.reviewComments.add({
        ...target(ctx),
        pullNumber: p.number,
        body: String(c.body),
        path: String(c.path),
        line: Number(c.line ?? c.position ?? 1),
        ...(typeof c.start_line === 'number' ? { startLine: c.start_line } : {}),
        ...(c.side === 'LEFT' ? { side: 'LEFT' as const } : {}),
        user: ctx.login,
        reviewId: r.id,
      });
    }
    return ok(renderReview(ctx, r));
  },
  'pulls/list-review-comments': (ctx) => {
    const number = Number(ctx.params.pull_number);
    if (!ctx.repo.pulls.has(number)) notFound();
    const items = ctx.state.reviewComments.list({ ...target(ctx), pullNumber: number }).sort((a, b) => a.id - b.id);
    const { page, headers } = paginate(ctx, items);
    return ok(
      page.map((c) => renderReviewComment(ctx, c)),
      headers,
    );
  },
  'pulls/get-review-comment': (ctx) => ok(renderReviewComment(ctx, ctx.repo.reviewComments.get(Number(ctx.params.comment_id)) ?? notFound())),
  'reactions/create-for-pull-request-review-comment': (ctx) => react(ctx, (ctx.repo.reviewComments.get(Number(ctx.params.comment_id)) ?? notFound()).reactions),
  'pulls/create-reply-for-review-comment': (ctx) => {
    const p = getPull(ctx);
    const parent = ctx.repo.reviewComments.get(Number(ctx.params.comment_id));
    if (!parent || parent.pullNumber !== p.number) notFound();
    // Replies always attach to the thread's top comment, as GitHub does.
    const root = parent.in_reply_to_id ?? parent.id;
    const c = ctx.state.reviewComments.add({
      ...target(ctx),
      pullNumber: p.number,
      body: String(ctx.body.body),
      path: parent.path,
      line: parent.line,
      user: ctx.login,
      inReplyTo: root,
    });
    return created(renderReviewComment(ctx, c));
  },
};
