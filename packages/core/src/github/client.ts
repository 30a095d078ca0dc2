import { getOctokit } from '@actions/github';
import { defaults as actionsDefaults } from '@actions/github/lib/utils';
import { retry } from '@octokit/plugin-retry';
import { throttling, type ThrottlingOptions } from '@octokit/plugin-throttling';
import Bottleneck from 'bottleneck/light.js';
import { ConfigurationError, networkErrorCode } from '../errors.js';
import type { Logger } from '../logger.js';
import { silentLogger } from '../logger.js';

export type Octokit = ReturnType<typeof getOctokit>;
type LimiterGroup = NonNullable<ThrottlingOptions['write']>;

export interface ClientOptions {
  token: string;
  /** GITHUB_API_URL; the fake GitHub's URL in tests and in `npm run demo`. */
  baseUrl?: string;
  /** GITHUB_GRAPHQL_URL; derived from `baseUrl` by Octokit when absent. */
  graphqlUrl?: string;
  /** GITHUB_SERVER_URL: the web UI links we write point here (github.com or an Enterprise Server). */
  serverUrl?: string;
  /** Login our writes appear under: `github-actions[bot]` for GITHUB_TOKEN, `<app-slug>[bot]` for an App. */
  botLogin?: string;
  logger?: Logger;
  /** Rate-limit waits longer than this are not waited out; the call fails instead of burning the job. */
  maxRetryWaitSeconds?: number;
  /** Retries for idempotent requests on 5xx and network errors. */
  retries?: number;
  /**
   * Multiplier turning GitHub's "seconds" (retry-after, backoff) into milliseconds: 1000 for real,
   * small in tests so a retry-after of 2 s costs 2 ms while the logic stays the same.
   */
  timeScaleMs?: number;
  /** Minimum gap between writes, as GitHub asks of integrations to avoid secondary rate limits. */
  writeSpacingMs?: number;
  fetch?: typeof fetch;
  userAgent?: string;
}

export interface ResolvedClientOptions {
  botLogin: string;
  logger: Logger;
  timeScaleMs: number;
  retries: number;
}

/**
 * The single module through which closed-loop talks to GitHub. Octokit with the retry plugin
 * (5xx/network, idempotent requests only — see `writes.ts` for the rest) and the throttling plugin
 * (honours retry-after and rate-limit reset, with bounded waits).
 */
export function createOctokit(options: ClientOptions): { octokit: Octokit; resolved: ResolvedClientOptions } {
  const logger = options.logger ?? silentLogger;
  const timeScaleMs = options.timeScaleMs ?? 1000;
  const maxWait = options.maxRetryWaitSeconds ?? 120;
  const retries = options.retries ?? 3;
  const limiterWait = (kind: string) => (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
    const ok = retryAfter <= maxWait && retryCount < retries;
    logger.warning(
      `GitHub ${kind} on ${request.method} ${request.url}: ${ok ? `retrying after ${retryAfter}s` : `giving up (retry-after ${retryAfter}s, attempt ${retryCount + 1})`}.`,
    );
    return ok;
  };
  // Our own limiter groups: the plugin's defaults are module-global and space writes 1 s apart. The plugin
  // reads `global` and `auth` from its options too; its option type names only the other groups.
  const writeSpacing = options.writeSpacingMs ?? 1000;
  const throttle: ThrottlingOptions & { global: LimiterGroup; auth: LimiterGroup } = {
    retryAfterBaseValue: timeScaleMs,
    fallbackSecondaryRateRetryAfter: 60,
    global: new Bottleneck.Group({ maxConcurrent: 10 }),
    write: new Bottleneck.Group({ maxConcurrent: 1, minTime: writeSpacing }),
    notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: writeSpacing * 3 }),
    search: new Bottleneck.Group({ maxConcurrent: 1, minTime: writeSpacing * 2 }),
    auth: new Bottleneck.Group({ maxConcurrent: 1 }),
    onRateLimit: limiterWait('rate limit'),
    onSecondaryRateLimit: limiterWait('secondary rate limit'),
  };
  const octokit = getOctokit(
    options.token,
    {
      ...(options.baseUrl ? { baseUrl: options.baseUrl.replace(/\/$/, '') } : {}),
      userAgent: options.userAgent ?? 'closed-loop',
      request: { fetch: failFast(options.fetch ?? (actionsDefaults.request?.fetch as typeof fetch | undefined) ?? fetch), retries },
      retry: { retries, retryAfterBaseValue: timeScaleMs },
      throttle,
      log: {
        debug: (m: string) => {
          logger.debug(m);
        },
        info: (m: string) => {
          logger.debug(m);
        },
        warn: (m: string) => {
          logger.warning(m);
        },
        error: (m: string) => {
          logger.debug(m);
        },
      },
    },
    retry,
    throttling,
  );
  if (options.graphqlUrl) octokit.graphql = octokit.graphql.defaults({ url: options.graphqlUrl });
  return { octokit, resolved: { botLogin: options.botLogin ?? 'github-actions[bot]', logger, timeScaleMs, retries } };
}

/**
 * Network failures that no retry will mend within a job — nobody listening, no such host, no route, a
 * certificate that does not verify — end the call at once with one line, instead of four attempts with
 * backoff per call. A reset or a timeout is still retried: those do pass.
 */
const FAIL_FAST = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'CERT_HAS_EXPIRED',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
]);

function failFast(base: typeof fetch): typeof fetch {
  return async (input, init) => {
    try {
      return await base(input, init);
    } catch (error) {
      const code = networkErrorCode(error);
      if (!code || !FAIL_FAST.has(code)) throw error;
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      const unreachable = new ConfigurationError(
        `cannot reach the GitHub API at ${new URL(url).origin}: ${code}; check the network and GITHUB_API_URL (on GitHub Enterprise Server, its api/v3 URL).`,
      );
      // octokit's request passes an AbortError through untouched, and its retry plugin retries only
      // its own RequestErrors: so this one ends the call now.
      Object.defineProperty(unreachable, 'name', { value: 'AbortError' });
      throw unreachable;
    }
  };
}
