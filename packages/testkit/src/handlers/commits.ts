// Commits, branches, compare and git data (refs, commits, trees).
import { must } from '../must.js';
import { shape } from '../sample.js';
import { ancestry, type CommitState, resolveRef, sha1 } from '../state/index.js';
import { apiRepoUrl, type Handler, type HandlerContext, HttpError, notFound, num, ok, paginate, renderUser, str } from './common.js';

/** A pushed commit in the fake is never signed: the verification block GitHub gives such commits. */
const UNSIGNED = { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null };

/** GitHub's own signature on a commit made through the API, committed by `web-flow` (GitHub). */
function signing(c: CommitState): { verification: Record<string, unknown>; committer: { name: string; email: string; date: string }; committerLogin?: string } {
  if (!c.signedByGitHub)
    return {
      verification: UNSIGNED,
      committer: { name: c.author.name, email: c.author.email, date: c.author.date },
      ...(c.author.login ? { committerLogin: c.author.login } : {}),
    };
  return {
    verification: {
      verified: true,
      reason: 'valid',
      signature: `-----BEGIN PGP SIGNATURE-----\n${c.sha}\n-----END PGP SIGNATURE-----`,
      payload: `tree ${c.treeSha}`,
      verified_at: c.author.date,
    },
    committer: { name: 'GitHub', email: 'noreply@github.com', date: c.author.date },
    committerLogin: 'web-flow',
  };
}

function lineCount(text: string | undefined): number {
  if (!text) return 0;
  return text.split('\n').filter((l, i, a) => l !== '' || i < a.length - 1).length;
}

/** File-level diff between two tree snapshots, in diff-entry shape. */
export function diffFiles(ctx: HandlerContext, from: Map<string, string>, to: Map<string, string>, sha: string): Record<string, unknown>[] {
  const paths = [...new Set([...from.keys(), ...to.keys()])].sort();
  const out: Record<string, unknown>[] = [];
  for (const p of paths) {
    const a = from.get(p);
    const b = to.get(p);
    if (a === b) continue;
    const status = a === undefined ? 'added' : b === undefined ? 'removed' : 'modified';
    const additions = b === undefined ? 0 : lineCount(b);
    const deletions = a === undefined ? 0 : lineCount(a);
    out.push(
      shape('diff-entry', {
        sha: b === undefined ? sha1(a ?? '') : sha1(b),
        filename: p,
        status,
        additions,
        deletions,
        changes: additions + deletions,
        blob_url: `https://github.com/${ctx.repo.owner}/${ctx.repo.name}/blob/${sha}/${p}`,
        raw_url: `https://github.com/${ctx.repo.owner}/${ctx.repo.name}/raw/${sha}/${p}`,
        contents_url: `${apiRepoUrl(ctx)}/contents/${p}?ref=${sha}`,
        patch: [
          `@@ -${deletions ? 1 : 0},${deletions} +${additions ? 1 : 0},${additions} @@`,
          ...(a ?? '')
            .split('\n')
            .filter(Boolean)
            .map((l) => `-${l}`),
          ...(b ?? '')
            .split('\n')
            .filter(Boolean)
            .map((l) => `+${l}`),
        ].join('\n'),
      }),
    );
  }
  return out;
}

export function renderCommit(ctx: HandlerContext, sha: string, withFiles: boolean): Record<string, unknown> {
  const c = ctx.repo.commits.get(sha) ?? notFound();
  const url = `${apiRepoUrl(ctx)}/commits/${sha}`;
  const person = {
    name: c.author.name,
    email: c.author.email,
    date: c.author.date,
  };
  const signed = signing(c);
  const files = withFiles ? diffFiles(ctx, ctx.repo.commits.get(c.parents[0] ?? '')?.files ?? new Map<string, string>(), c.files, sha) : undefined;
  return shape('commit', {
    sha,
    node_id: `C_${sha}`,
    url,
    html_url: `https://github.com/${ctx.repo.owner}/${ctx.repo.name}/commit/${sha}`,
    comments_url: `${url}/comments`,
    commit: {
      url: `${apiRepoUrl(ctx)}/git/commits/${sha}`,
      author: person,
      committer: signed.committer,
      message: c.message,
      comment_count: 0,
      tree: {
        sha: c.treeSha,
        url: `${apiRepoUrl(ctx)}/git/trees/${c.treeSha}`,
      },
      verification: signed.verification,
    },
    author: c.author.login ? renderUser(ctx, c.author.login) : null,
    committer: signed.committerLogin ? renderUser(ctx, signed.committerLogin) : null,
    parents: c.parents.map((p) => ({
      sha: p,
      url: `${apiRepoUrl(ctx)}/commits/${p}`,
      html_url: `https://github.com/${ctx.repo.owner}/${ctx.repo.name}/commit/${p}`,
    })),
    ...(files
      ? {
          files,
          stats: {
            additions: files.reduce((n, f) => n + Number(f.additions), 0),
            deletions: files.reduce((n, f) => n + Number(f.deletions), 0),
            total: files.reduce((n, f) => n + Number(f.changes), 0),
          },
        }
      : {}),
  });
}

export function resolve(ctx: HandlerContext, ref: string | undefined): CommitState {
  return resolveRef(ctx.repo, ref) ?? notFound();
}

function renderGitCommit(ctx: HandlerContext, c: CommitState): Record<string, unknown> {
  const person = {
    name: c.author.name,
    email: c.author.email,
    date: c.author.date,
  };
  return shape('git-commit', {
    sha: c.sha,
    node_id: `C_${c.sha}`,
    url: `${apiRepoUrl(ctx)}/git/commits/${c.sha}`,
    html_url: `https://github.com/${ctx.repo.owner}/${ctx.repo.name}/commit/${c.sha}`,
    author: person,
    committer: signing(c).committer,
    message: c.message,
    tree: { sha: c.treeSha, url: `${apiRepoUrl(ctx)}/git/trees/${c.treeSha}` },
    parents: c.parents.map((p) => ({
      sha: p,
      url: `${apiRepoUrl(ctx)}/git/commits/${p}`,
      html_url: `https://github.com/${ctx.repo.owner}/${ctx.repo.name}/commit/${p}`,
    })),
    verification: signing(c).verification,
  });
}

export const commitsHandlers: Record<string, Handler> = {
  'repos/get-branch': (ctx) => {
    const b = ctx.repo.branches.get(String(ctx.params.branch)) ?? notFound();
    const url = `${apiRepoUrl(ctx)}/branches/${b.name}`;
    return ok(
      shape('branch-with-protection', {
        name: b.name,
        commit: renderCommit(ctx, b.sha, false),
        protected: b.protected,
        protection: {
          enabled: b.protected,
          required_status_checks: {
            enforcement_level: b.protected ? 'everyone' : 'off',
            contexts: [],
            checks: [],
          },
        },
        protection_url: `${url}/protection`,
        _links: {
          html: `https://github.com/${ctx.repo.owner}/${ctx.repo.name}/tree/${b.name}`,
          self: url,
        },
      }),
    );
  },
  'repos/list-commits': (ctx) => {
    const q = ctx.query;
    const head = resolve(ctx, str(q.sha));
    const since = typeof q.since === 'string' ? Date.parse(q.since) : -Infinity;
    const until = typeof q.until === 'string' ? Date.parse(q.until) : Infinity;
    const list = ancestry(ctx.repo, head.sha).filter((s) => {
      const c = must(ctx.repo.commits.get(s), `commit ${s}`);
      const t = Date.parse(c.author.date);
      if (t < since || t > until) return false;
      if (typeof q.author === 'string' && c.author.login !== q.author && c.author.email !== q.author) return false;
      if (typeof q.path === 'string') {
        const parent = ctx.repo.commits.get(c.parents[0] ?? '')?.files;
        if (c.files.get(q.path) === parent?.get(q.path)) return false;
      }
      return true;
    });
    const { page, headers } = paginate(ctx, list);
    return ok(
      page.map((s) => renderCommit(ctx, s, false)),
      headers,
    );
  },
  'repos/get-commit': (ctx) => {
    const c = resolveRef(ctx.repo, String(ctx.params.ref));
    if (!c) throw new HttpError(422, `No commit found for SHA: ${String(ctx.params.ref)}`);
    return ok(renderCommit(ctx, c.sha, true));
  },
  'repos/compare-commits-with-basehead': (ctx) => {
    const m = /^(.+?)\.\.\.?(.+)$/.exec(String(ctx.params.basehead));
    if (!m) notFound();
    const base = resolve(ctx, m[1]);
    const head = resolve(ctx, m[2]);
    const headAnc = ancestry(ctx.repo, head.sha);
    const baseAnc = ancestry(ctx.repo, base.sha);
    const headSet = new Set(headAnc);
    const baseSet = new Set(baseAnc);
    const mergeBase = baseAnc.find((s) => headSet.has(s));
    if (!mergeBase) throw new HttpError(404, `No common ancestor between ${m[1]} and ${m[2]}.`);
    const ahead = headAnc.filter((s) => !baseSet.has(s)).reverse();
    const behind = baseAnc.filter((s) => !headSet.has(s));
    const status = ahead.length && behind.length ? 'diverged' : ahead.length ? 'ahead' : behind.length ? 'behind' : 'identical';
    const url = `${apiRepoUrl(ctx)}/compare/${ctx.params.basehead as string}`;
    const files = diffFiles(ctx, must(ctx.repo.commits.get(mergeBase), `merge base ${mergeBase}`).files, head.files, head.sha);
    // Unpaginated, GitHub lists at most 250 commits; with page/per_page it pages through all of them
    // (files only on the first page).
    const paged = ctx.query.page !== undefined || ctx.query.per_page !== undefined;
    const { page: commits, headers } = paged ? paginate(ctx, ahead) : { page: ahead.slice(0, 250), headers: {} };
    return ok(
      shape('commit-comparison', {
        url,
        html_url: `https://github.com/${ctx.repo.owner}/${ctx.repo.name}/compare/${ctx.params.basehead as string}`,
        permalink_url: `https://github.com/${ctx.repo.owner}/${ctx.repo.name}/compare/${base.sha}...${head.sha}`,
        diff_url: `${url}.diff`,
        patch_url: `${url}.patch`,
        base_commit: renderCommit(ctx, base.sha, false),
        merge_base_commit: renderCommit(ctx, mergeBase, false),
        status,
        ahead_by: ahead.length,
        behind_by: behind.length,
        total_commits: ahead.length,
        commits: commits.map((s) => renderCommit(ctx, s, false)),
        files: paged && num(ctx.query.page, 1) > 1 ? [] : files,
      }),
      headers,
    );
  },
  'git/get-ref': (ctx) => {
    const ref = String(ctx.params.ref).replace(/^refs\//, '');
    const m = /^heads\/(.+)$/.exec(ref);
    const b = m ? ctx.repo.branches.get(m[1] ?? '') : undefined;
    if (!b) notFound();
    return ok(
      shape('git-ref', {
        ref: `refs/${ref}`,
        node_id: `REF_${b.name}`,
        url: `${apiRepoUrl(ctx)}/git/refs/${ref}`,
        object: {
          type: 'commit',
          sha: b.sha,
          url: `${apiRepoUrl(ctx)}/git/commits/${b.sha}`,
        },
      }),
    );
  },
  'git/get-commit': (ctx) => ok(renderGitCommit(ctx, ctx.repo.commits.get(String(ctx.params.commit_sha)) ?? notFound())),
  'git/get-tree': (ctx) => {
    const key = String(ctx.params.tree_sha);
    const c = [...ctx.repo.commits.values()].find((x) => x.treeSha === key) ?? resolve(ctx, key);
    const recursive = ctx.query.recursive !== undefined && ctx.query.recursive !== '0' && ctx.query.recursive !== 'false';
    const entries = new Map<string, Record<string, unknown>>();
    for (const [p, text] of c.files) {
      const parts = p.split('/');
      for (let i = 1; i < parts.length; i++) {
        const dir = parts.slice(0, i).join('/');
        if ((recursive || i === 1) && !entries.has(dir))
          entries.set(dir, {
            path: dir,
            mode: '040000',
            type: 'tree',
            sha: sha1(`tree:${dir}:${c.treeSha}`),
            url: `${apiRepoUrl(ctx)}/git/trees/${sha1(`tree:${dir}:${c.treeSha}`)}`,
          });
      }
      if (recursive || parts.length === 1)
        entries.set(p, {
          path: p,
          mode: '100644',
          type: 'blob',
          sha: sha1(text),
          size: Buffer.byteLength(text),
          url: `${apiRepoUrl(ctx)}/git/blobs/${sha1(text)}`,
        });
    }
    return ok(
      shape('git-tree', {
        sha: c.treeSha,
        url: `${apiRepoUrl(ctx)}/git/trees/${c.treeSha}`,
        truncated: false,
        tree: [...entries.values()].sort((a, b) => String(a.path).localeCompare(String(b.path))),
      }),
    );
  },
};
