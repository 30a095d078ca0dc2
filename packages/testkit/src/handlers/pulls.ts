// Pull requests, their commits/files, reviews and review comments.
import { must } from '../must.js';
import { shape } from '../sample.js';
import type { PullState, ReviewCommentState, ReviewState } from '../state.js';
import { renderCommit } from './repos.js';
import {
  apiRepoUrl,
  created,
  HttpError,
  notFound,
  ok,
  paginate,
  react,
  renderLabel,
  renderRepo,
  renderUser,
  rollup,
  str,
  unprocessable,
  type Handler,
  type HandlerContext,
} from './common.js';

/** GitHub never returns more than 250 commits for a pull request, however many pages are requested. */
export const PULL_COMMITS_CAP = 250;

function getPull(ctx: HandlerContext): PullState {
  return ctx.repo.pulls.get(Number(ctx.params.pull_number)) ?? notFound();
}

function branchSide(ctx: HandlerContext, ref: string, sha: string, fullName: string): Record<string, unknown> {
  const owner = fullName.split('/')[0] ?? '';
  return {
    label: `${owner}:${ref}`,
    ref,
    sha,
    user: renderUser(ctx, owner),
    repo: renderRepo(ctx, 'repository', ctx.repo, fullName),
  };
}

export function renderPull(ctx: HandlerContext, p: PullState, schema: 'pull-request' | 'pull-request-simple' = 'pull-request'): Record<string, unknown> {
  const i = must(ctx.repo.issues.get(p.number), `issue for pull ${String(p.number)}`);
  const url = `${apiRepoUrl(ctx)}/pulls/${p.number}`;
  const html = `https://github.com/${ctx.repo.owner}/${ctx.repo.name}/pull/${p.number}`;
  const full = {
    id: p.id,
    node_id: `PR_${p.id}`,
    number: p.number,
    title: i.title,
    body: i.body,
    state: i.state,
    locked: i.locked,
    draft: p.draft,
    user: renderUser(ctx, i.user),
    // The simple schema (pull request lists) types a label's description as a string, never null.
    labels: i.labels.map((l) => {
      const label = renderLabel(ctx, l);
      return schema === 'pull-request-simple' ? { ...label, description: label.description ?? '' } : label;
    }),
    assignee: i.assignees[0] ? renderUser(ctx, i.assignees[0]) : null,
    assignees: i.assignees.map((a) => renderUser(ctx, a)),
    head: branchSide(ctx, p.head.ref, p.head.sha, p.head.repoFullName),
    base: branchSide(ctx, p.base.ref, p.base.sha, `${ctx.repo.owner}/${ctx.repo.name}`),
    merged: p.merged,
    merged_at: p.merged ? i.closed_at : null,
    merged_by: p.merged && i.closed_by ? renderUser(ctx, i.closed_by) : null,
    merge_commit_sha: p.merge_commit_sha,
    mergeable: i.state === 'open' ? true : null,
    mergeable_state: i.state === 'open' ? 'clean' : 'unknown',
    commits: Math.min(p.commits.length, PULL_COMMITS_CAP),
    changed_files: p.files.length,
    additions: p.files.reduce((n, f) => n + f.additions, 0),
    deletions: p.files.reduce((n, f) => n + f.deletions, 0),
    comments: ctx.state.comments(ctx.repo.owner, ctx.repo.name, p.number).length,
    review_comments: ctx.state.reviewComments(ctx.repo.owner, ctx.repo.name, p.number).length,
    created_at: i.created_at,
    updated_at: i.updated_at,
    closed_at: i.closed_at,
    author_association: i.user === ctx.repo.owner ? 'OWNER' : 'CONTRIBUTOR',
    auto_merge: null,
    milestone: null,
    maintainer_can_modify: false,
    url,
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: `${apiRepoUrl(ctx)}/issues/${p.number}`,
    commits_url: `${url}/commits`,
    review_comments_url: `${url}/comments`,
    review_comment_url: `${apiRepoUrl(ctx)}/pulls/comments{/number}`,
    comments_url: `${apiRepoUrl(ctx)}/issues/${p.number}/comments`,
    statuses_url: `${apiRepoUrl(ctx)}/statuses/${p.head.sha}`,
    _links: {
      self: { href: url },
      html: { href: html },
      issue: { href: `${apiRepoUrl(ctx)}/issues/${p.number}` },
      comments: { href: `${apiRepoUrl(ctx)}/issues/${p.number}/comments` },
      review_comments: { href: `${url}/comments` },
      review_comment: { href: `${apiRepoUrl(ctx)}/pulls/comments{/number}` },
      commits: { href: `${url}/commits` },
      statuses: { href: `${apiRepoUrl(ctx)}/statuses/${p.head.sha}` },
    },
  };
  if (schema === 'pull-request') return shape(schema, full);
  // The "simple" form lacks the counters; extra keys would still validate, but GitHub omits them.
  const {
    merged: _m,
    mergeable: _a,
    mergeable_state: _b,
    commits: _c,
    changed_files: _d,
    additions: _e,
    deletions: _f,
    comments: _g,
    review_comments: _h,
    merged_by: _i,
    maintainer_can_modify: _j,
    ...simple
  } = full;
  return shape(schema, simple);
}

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

export const pullsHandlers: Record<string, Handler> = {
  'pulls/list': (ctx) => {
    const q = ctx.query;
    const state = (q.state as string | undefined) ?? 'open';
    const items = [...ctx.repo.pulls.values()]
      .filter((p) => state === 'all' || must(ctx.repo.issues.get(p.number), `issue for pull ${String(p.number)}`).state === state)
      .filter((p) => typeof q.base !== 'string' || p.base.ref === q.base)
      .filter((p) => {
        if (typeof q.head !== 'string') return true;
        const [owner, ref] = q.head.includes(':') ? (q.head.split(':') as [string, string]) : [undefined, q.head];
        return p.head.ref === ref && (owner === undefined || p.head.repoFullName.split('/')[0] === owner);
      })
      .sort((a, b) => (q.direction === 'asc' ? a.number - b.number : b.number - a.number));
    const { page, headers } = paginate(ctx, items);
    return ok(
      page.map((p) => renderPull(ctx, p, 'pull-request-simple')),
      headers,
    );
  },
  'pulls/get': (ctx) => ok(renderPull(ctx, getPull(ctx))),
  'pulls/list-commits': (ctx) => {
    const p = getPull(ctx);
    const { page, headers } = paginate(ctx, p.commits, PULL_COMMITS_CAP);
    return ok(
      page.map((sha) => renderCommit(ctx, sha, false)),
      headers,
    );
  },
  'pulls/list-files': (ctx) => {
    const p = getPull(ctx);
    const { page, headers } = paginate(ctx, p.files, 3000);
    return ok(
      page.map((f) =>
        shape('diff-entry', {
          ...f,
          sha: p.head.sha,
          changes: f.additions + f.deletions,
          blob_url: `https://github.com/${ctx.repo.owner}/${ctx.repo.name}/blob/${p.head.sha}/${f.filename}`,
          raw_url: `https://github.com/${ctx.repo.owner}/${ctx.repo.name}/raw/${p.head.sha}/${f.filename}`,
          contents_url: `${apiRepoUrl(ctx)}/contents/${f.filename}?ref=${p.head.sha}`,
        }),
      ),
      headers,
    );
  },
  'pulls/list-reviews': (ctx) => {
    const p = getPull(ctx);
    const { page, headers } = paginate(ctx, ctx.state.reviews(ctx.repo.owner, ctx.repo.name, p.number));
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
    const user = must(ctx.state.repoOf({ owner: ctx.repo.owner, repo: ctx.repo.name }).issues.get(p.number), `issue for pull ${String(p.number)}`).user;
    if (event && event !== 'COMMENT' && user === ctx.login) {
      throw new HttpError(422, 'Unprocessable Entity', {
        errors: [`Review Can not ${event === 'APPROVE' ? 'approve' : 'request changes on'} your own pull request`],
      });
    }
    const r: ReviewState = {
      id: ctx.state.nextId(),
      pullNumber: p.number,
      user: ctx.login,
      body: str(b.body) ?? '',
      state: event ? (REVIEW_STATE[event] ?? 'COMMENTED') : 'PENDING',
      commit_id: str(b.commit_id) ?? p.head.sha,
      submitted_at: ctx.state.iso(),
    };
    for (const c of (b.comments as Array<Record<string, unknown>> | undefined) ?? []) {
      if (typeof c.path !== 'string' || typeof c.body !== 'string')
        unprocessable('Validation Failed', [
          {
            resource: 'PullRequestReviewComment',
            field: 'path',
            code: 'missing_field',
          },
        ]);
      const rc = ctx.state.addReviewComment({
        owner: ctx.repo.owner,
        repo: ctx.repo.name,
        pullNumber: p.number,
        body: c.body,
        path: c.path,
        line: Number(c.line ?? c.position ?? 1),
        user: ctx.login,
        reviewId: r.id,
      });
      if (typeof c.start_line === 'number') rc.start_line = c.start_line;
      if (c.side === 'LEFT') rc.side = 'LEFT';
    }
    ctx.repo.reviews.set(r.id, r);
    return ok(renderReview(ctx, r));
  },
  'pulls/get-review-comment': (ctx) => ok(renderReviewComment(ctx, ctx.repo.reviewComments.get(Number(ctx.params.comment_id)) ?? notFound())),
  'reactions/create-for-pull-request-review-comment': (ctx) => react(ctx, (ctx.repo.reviewComments.get(Number(ctx.params.comment_id)) ?? notFound()).reactions),
  'pulls/create-reply-for-review-comment': (ctx) => {
    const p = getPull(ctx);
    const parent = ctx.repo.reviewComments.get(Number(ctx.params.comment_id));
    if (!parent || parent.pullNumber !== p.number) notFound();
    // Replies always attach to the thread's top comment, as GitHub does.
    const root = parent.in_reply_to_id ?? parent.id;
    const c = ctx.state.addReviewComment({
      owner: ctx.repo.owner,
      repo: ctx.repo.name,
      pullNumber: p.number,
      body: String(ctx.body.body),
      path: parent.path,
      user: ctx.login,
      inReplyTo: root,
    });
    c.line = parent.line;
    return created(renderReviewComment(ctx, c));
  },
  'repos/list-pull-requests-associated-with-commit': (ctx) => {
    const sha = String(ctx.params.commit_sha);
    const items = [...ctx.repo.pulls.values()].filter((p) => p.head.sha === sha || p.commits.includes(sha) || p.merge_commit_sha === sha);
    if (!items.length && !ctx.state.resolveRef(ctx.repo, sha)) throw new HttpError(422, `No commit found for SHA: ${sha}`);
    const { page, headers } = paginate(ctx, items);
    return ok(
      page.map((p) => renderPull(ctx, p, 'pull-request-simple')),
      headers,
    );
  },
};
