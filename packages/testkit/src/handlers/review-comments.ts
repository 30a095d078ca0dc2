// Listing a pull request's review comments (recover counts its replies in review threads).
import { renderReviewComment } from './pulls.js';
import { notFound, ok, paginate, type Handler } from './common.js';

export const reviewCommentsHandlers: Record<string, Handler> = {
  'pulls/list-review-comments': (ctx) => {
    const number = Number(ctx.params.pull_number);
    if (!ctx.repo.pulls.has(number)) notFound();
    const items = ctx.state.reviewComments(ctx.repo.owner, ctx.repo.name, number).sort((a, b) => a.id - b.id);
    const { page, headers } = paginate(ctx, items);
    return ok(
      page.map((c) => renderReviewComment(ctx, c)),
      headers,
    );
  },
};
