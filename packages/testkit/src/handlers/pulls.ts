// Pull requests, their commits and files.
import { must } from '../must.js';
import { shape } from '../sample.js';
import { type PullState, resolveRef } from '../state/index.js';
import { renderCommit } from './commits.js';
import { apiRepoUrl, type Handler, type HandlerContext, HttpError, notFound, ok, paginate, renderRepo, renderUser, target } from './common.js';
import { renderLabel } from './labels.js';

/** GitHub never returns more than 250 commits for a pull request, however many pages are requested. */
export const PULL_COMMITS_CAP = 250;

export function getPull(ctx: HandlerContext): PullState {
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
    comments: ctx.state.comments.list({ ...target(ctx), issueNumber: p.number }).length,
    review_comments: ctx.state.reviewComments.list({ ...target(ctx), pullNumber: p.number }).length,
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
  'repos/list-pull-requests-associated-with-commit': (ctx) => {
    const sha = String(ctx.params.commit_sha);
    const items = [...ctx.repo.pulls.values()].filter((p) => p.head.sha === sha || p.commits.includes(sha) || p.merge_commit_sha === sha);
    if (!items.length && !resolveRef(ctx.repo, sha)) throw new HttpError(422, `No commit found for SHA: ${sha}`);
    const { page, headers } = paginate(ctx, items);
    return ok(
      page.map((p) => renderPull(ctx, p, 'pull-request-simple')),
      headers,
    );
  },
};
