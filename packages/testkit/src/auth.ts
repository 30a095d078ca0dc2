// Installation-token style auth: each token has a login and per-scope permissions.

export type Scope = 'actions' | 'contents' | 'issues' | 'pull_requests' | 'statuses' | 'checks';
export type Access = 'none' | 'read' | 'write';

export interface TokenOptions {
  login: string;
  type?: 'Bot' | 'User';
  permissions?: Partial<Record<Scope, Access>>;
}

export interface TokenInfo {
  login: string;
  type: 'Bot' | 'User';
  permissions: Record<Scope, Access>;
}

export const DEFAULT_TOKEN = 'test-token';
export const DEFAULT_LOGIN = 'github-actions[bot]';
/** A GitHub App installation token, registered on every reset: commits made with it start CI on GitHub. */
export const APP_TOKEN = 'test-app-token';
export const APP_SLUG = 'closed-loop-test';
export const APP_LOGIN = `${APP_SLUG}[bot]`;
const SCOPES: Scope[] = ['actions', 'contents', 'issues', 'pull_requests', 'statuses', 'checks'];

export function makeToken(opts: TokenOptions, fallback: Access): TokenInfo {
  const permissions = Object.fromEntries(SCOPES.map((s) => [s, opts.permissions?.[s] ?? fallback])) as Record<Scope, Access>;
  return {
    login: opts.login,
    type: opts.type ?? (opts.login.endsWith('[bot]') ? 'Bot' : 'User'),
    permissions,
  };
}

export function parseAuthorization(header: string | undefined): string | undefined {
  const m = /^(?:token|bearer)\s+(\S+)$/i.exec(header?.trim() ?? '');
  return m?.[1];
}

/** The permission scope GitHub checks for an endpoint, derived from its path template. */
export function scopeOf(template: string): Scope {
  if (template.includes('/actions/')) return 'actions';
  if (template.includes('/pulls')) return 'pull_requests';
  if (/\/issues|\/labels|\/comments/.test(template)) return 'issues';
  if (/\/statuses|\/status$/.test(template)) return 'statuses';
  if (template.includes('/check-runs')) return 'checks';
  return 'contents';
}

export function allows(token: TokenInfo, scope: Scope, method: string): boolean {
  const have = token.permissions[scope];
  return method === 'GET' || method === 'HEAD' ? have === 'read' || have === 'write' : have === 'write';
}
