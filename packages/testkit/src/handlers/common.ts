// Shared handler plumbing: context, replies, errors, pagination and resource renderers.
import { shape } from '../sample.js';
import type { FakeState, LogSource, RepoState, RepoTarget } from '../state/index.js';

export interface HandlerContext {
  state: FakeState;
  /** The repository named by {owner}/{repo} (handlers only run when it exists). */
  repo: RepoState;
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  body: Record<string, unknown>;
  /** Login of the authenticated token. */
  login: string;
  /** The fake's base URL, e.g. http://127.0.0.1:1234 */
  baseUrl: string;
  pathname: string;
  searchParams: URLSearchParams;
  /** Registers a short-lived blob (like GitHub's signed log URLs) and returns its absolute URL. */
  blob(source: LogSource, contentType?: string): string;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Whether state changed (recorded in fake.writes). Defaults to true for non-GET 2xx. */
  wrote?: boolean;
}

export type Handler = (ctx: HandlerContext) => Reply | Promise<Reply>;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const DOCS = 'https://docs.github.com/rest';

export function notFound(): never {
  throw new HttpError(404, 'Not Found');
}

export function unprocessable(message: string, errors: unknown[] = []): never {
  throw new HttpError(422, message, { errors });
}

export const ok = (body: unknown, headers?: Record<string, string>): Reply => ({
  status: 200,
  body,
  ...(headers ? { headers } : {}),
});
export const created = (body: unknown): Reply => ({ status: 201, body });

export function num(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

/** String(v) for JSON scalars; objects and arrays are JSON-encoded rather than "[object Object]". */
export function text(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' || v === null || v === undefined) return String(v);
  return JSON.stringify(v);
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** Slices a list per GitHub's per_page/page rules and builds the `Link` header. `cap` bounds the total. */
export function paginate<T>(ctx: HandlerContext, items: T[], cap?: number): { page: T[]; headers: Record<string, string>; total: number } {
  const all = cap !== undefined ? items.slice(0, cap) : items;
  const perPage = Math.min(Math.max(num(ctx.query.per_page, 30), 1), 100);
  const page = Math.max(num(ctx.query.page, 1), 1);
  const last = Math.max(Math.ceil(all.length / perPage), 1);
  const link = (p: number, rel: string): string => {
    const q = new URLSearchParams(ctx.searchParams);
    q.set('page', String(p));
    if (!q.has('per_page') && ctx.query.per_page !== undefined) q.set('per_page', String(perPage));
    return `<${ctx.baseUrl}${ctx.pathname}?${q.toString()}>; rel="${rel}"`;
  };
  const rels: string[] = [];
  if (page > 1) rels.push(link(1, 'first'), link(Math.min(page - 1, last), 'prev'));
  if (page < last) rels.push(link(page + 1, 'next'), link(last, 'last'));
  return {
    page: all.slice((page - 1) * perPage, page * perPage),
    headers: rels.length ? { link: rels.join(', ') } : {},
    total: all.length,
  };
}

// ---- renderers shared across domains ----

/** The request's repository as a target for the state's resource objects. */
export function target(ctx: HandlerContext): RepoTarget {
  return { owner: ctx.repo.owner, repo: ctx.repo.name };
}

export function apiRepoUrl(ctx: HandlerContext, r: RepoState = ctx.repo): string {
  return `${ctx.baseUrl}/repos/${r.owner}/${r.name}`;
}

export function renderUser(ctx: HandlerContext, login: string): Record<string, unknown> {
  const u = ctx.state.users.add(login);
  return shape('simple-user', {
    login: u.login,
    id: u.id,
    node_id: `U_${u.id}`,
    type: u.type,
    url: `${ctx.baseUrl}/users/${encodeURIComponent(u.login)}`,
    html_url: `https://github.com/${u.login}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${u.id}`,
  });
}

/** Repository objects by schema name; `fullName` lets fork heads point at another (virtual) repo. */
export function renderRepo(
  ctx: HandlerContext,
  schema: 'repository' | 'minimal-repository' | 'full-repository',
  r: RepoState,
  fullName?: string,
): Record<string, unknown> {
  const [owner, name] = (fullName ?? `${r.owner}/${r.name}`).split('/') as [string, string];
  const isOther = fullName !== undefined && fullName.toLowerCase() !== `${r.owner}/${r.name}`.toLowerCase();
  return shape(schema, {
    id: isOther ? r.id + 100000 : r.id,
    node_id: `R_${r.id}`,
    name,
    full_name: `${owner}/${name}`,
    owner: renderUser(ctx, owner),
    private: r.private,
    fork: isOther || r.fork,
    default_branch: r.default_branch,
    url: `${ctx.baseUrl}/repos/${owner}/${name}`,
    html_url: `https://github.com/${owner}/${name}`,
    clone_url: `https://github.com/${owner}/${name}.git`,
    description: null,
    visibility: r.private ? 'private' : 'public',
  });
}

export function rollup(ctx: HandlerContext, url: string, reactions: Array<{ content: string }>): Record<string, unknown> {
  const count = (c: string): number => reactions.filter((r) => r.content === c).length;
  return {
    url,
    total_count: reactions.length,
    '+1': count('+1'),
    '-1': count('-1'),
    laugh: count('laugh'),
    confused: count('confused'),
    heart: count('heart'),
    hooray: count('hooray'),
    eyes: count('eyes'),
    rocket: count('rocket'),
  };
}

/** Creates (201) or returns the existing identical reaction (200), as GitHub does. */
export function react(
  ctx: HandlerContext,
  list: Array<{
    id: number;
    content: string;
    user: string;
    created_at: string;
  }>,
): Reply {
  const content = String(ctx.body.content);
  const existing = list.find((r) => r.content === content && r.user === ctx.login);
  const r = existing ?? {
    id: ctx.state.nextId(),
    content,
    user: ctx.login,
    created_at: ctx.state.iso(),
  };
  if (!existing) list.push(r);
  const body = shape('reaction', {
    id: r.id,
    node_id: `REA_${r.id}`,
    content: r.content,
    user: renderUser(ctx, r.user),
    created_at: r.created_at,
  });
  return { status: existing ? 200 : 201, body, wrote: !existing };
}
