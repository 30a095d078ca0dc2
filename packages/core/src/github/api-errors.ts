import { ConfigurationError } from '../errors.js';

/**
 * Which `permissions:` entry a REST call needs, by the first path segment after /repos/{owner}/{repo}.
 * From GitHub's "Permissions required for GitHub Apps" reference (the GITHUB_TOKEN uses the same names).
 */
const PERMISSION_BY_SEGMENT: Record<string, string> = {
  issues: 'issues',
  labels: 'issues',
  milestones: 'issues',
  pulls: 'pull-requests',
  statuses: 'statuses',
  'check-runs': 'checks',
  'check-suites': 'checks',
  actions: 'actions',
  contents: 'contents',
  git: 'contents',
  commits: 'contents',
  branches: 'contents',
  compare: 'contents',
  'code-scanning': 'security-events',
  collaborators: 'metadata',
};

const READS = new Set(['GET', 'HEAD']);

interface ApiError {
  status?: number;
  message?: string;
  request?: { method?: string; url?: string };
  response?: { data?: { message?: string } };
}

/** The `permissions:` entry (`issues: write`, …) a failed request needed, when its URL says so. */
export function permissionFor(method: string, url: string): string | undefined {
  const path = url.replace(/^[a-z]+:\/\/[^/]+/i, '').split('?')[0] ?? '';
  const match = /\/repos\/[^/]+\/[^/]+\/([^/]+)/.exec(path);
  // Comments on a pull request's conversation live under /issues but GitHub accepts either grant.
  const name = match ? PERMISSION_BY_SEGMENT[match[1] ?? ''] : path.endsWith('/graphql') ? 'contents' : undefined;
  if (!name) return undefined;
  return `${name}: ${READS.has(method.toUpperCase()) ? 'read' : 'write'}`;
}

/**
 * A 401/403 that is not a rate limit is the workflow's to fix, not ours: the token lacks a permission,
 * or (401) is missing or expired. Returns a ConfigurationError naming the permission, or the error
 * unchanged. Modelled on codeql-action's wrapApiConfigurationError.
 */
export function wrapApiConfigurationError(error: unknown): unknown {
  if (typeof error !== 'object' || error === null) return error;
  const e = error as ApiError;
  const message = e.response?.data?.message ?? e.message ?? '';
  const method = e.request?.method ?? '';
  const url = e.request?.url ?? '';
  const route = method && url ? `${method.toUpperCase()} ${url.replace(/^[a-z]+:\/\/[^/]+/i, '').split('?')[0] ?? ''}` : 'a GitHub API call';
  if (e.status === 401) {
    return new ConfigurationError(`GitHub rejected the token on ${route} (401 ${message || 'Bad credentials'}); pass a valid github-token.`);
  }
  const denied = e.status === 403 && !/rate limit/i.test(message);
  if (!denied && !/Resource not accessible by (integration|personal access token)/i.test(message)) return error;
  const permission = method && url ? permissionFor(method, url) : undefined;
  return new ConfigurationError(
    permission
      ? `The token lacks the ${permission} permission (${route} answered 403 "${message}"); grant \`${permission}\` in the calling job's permissions: block.`
      : `The token lacks a permission for ${route} (403 "${message}"); grant it in the calling job's permissions: block.`,
  );
}
