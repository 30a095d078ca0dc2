// File and directory contents at a ref.
import { shape } from '../sample.js';
import { sha1 } from '../state/index.js';
import { resolve } from './commits.js';
import { apiRepoUrl, type Handler, type HandlerContext, notFound, ok, str } from './common.js';

function contentUrls(ctx: HandlerContext, path: string, ref: string, sha: string, type: string): Record<string, unknown> {
  const url = `${apiRepoUrl(ctx)}/contents/${path}?ref=${ref}`;
  const html = `https://github.com/${ctx.repo.owner}/${ctx.repo.name}/${type === 'dir' ? 'tree' : 'blob'}/${ref}/${path}`;
  const git = `${apiRepoUrl(ctx)}/git/${type === 'dir' ? 'trees' : 'blobs'}/${sha}`;
  return {
    url,
    html_url: html,
    git_url: git,
    download_url: type === 'dir' ? null : `https://raw.githubusercontent.com/${ctx.repo.owner}/${ctx.repo.name}/${ref}/${path}`,
    _links: { self: url, git, html },
  };
}

export const contentsHandlers: Record<string, Handler> = {
  'repos/get-content': (ctx) => {
    const ref = str(ctx.query.ref) ?? ctx.repo.default_branch;
    const c = resolve(ctx, ref);
    const path = String(ctx.params.path).replace(/^\/+|\/+$/g, '');
    const text = c.files.get(path);
    if (text !== undefined) {
      const sha = sha1(text);
      const content = Buffer.from(text)
        .toString('base64')
        .replace(/(.{60})/g, '$1\n');
      return ok(
        shape('content-file', {
          type: 'file',
          encoding: 'base64',
          size: Buffer.byteLength(text),
          name: path.split('/').pop(),
          path,
          content,
          sha,
          ...contentUrls(ctx, path, ref, sha, 'file'),
        }),
      );
    }
    const prefix = path ? `${path}/` : '';
    const children = new Map<string, 'file' | 'dir'>();
    for (const p of c.files.keys()) {
      if (!p.startsWith(prefix)) continue;
      const rest = p.slice(prefix.length).split('/');
      children.set(rest[0] ?? '', rest.length > 1 ? 'dir' : 'file');
    }
    if (!children.size) notFound();
    return ok(
      [...children].map(([name, type]) => {
        const full = prefix + name;
        const sha = sha1(type === 'file' ? (c.files.get(full) ?? '') : `tree:${full}:${c.treeSha}`);
        return {
          type,
          name,
          path: full,
          sha,
          size: type === 'file' ? Buffer.byteLength(c.files.get(full) ?? '') : 0,
          ...contentUrls(ctx, full, ref, sha, type),
        };
      }),
    );
  },
};
