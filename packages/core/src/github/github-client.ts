import { DEFAULT_SERVER_URL } from '../action/context.js';
import type { Clock } from '../clock.js';
import { systemClock } from '../clock.js';
import { errorMessage, isConfigurationError } from '../errors.js';
import type { Logger } from '../logger.js';
import { createOctokit, type ClientOptions, type Octokit } from './client.js';

export interface RepoRef {
  owner: string;
  repo: string;
}

export interface Page<T> {
  items: T[];
  /** False when `limit` stopped the walk before GitHub ran out of pages. */
  complete: boolean;
}

/**
 * A response body as it arrives. Octokit's route types give GitHub's int64 fields (ids) as
 * `number | bigint`, but a body is parsed by `JSON.parse`, which never makes a bigint: `Json<T>` is the
 * route's type with `bigint` dropped, so ids are the numbers they are.
 */
export type Json<T> = T extends bigint ? never : T extends (infer U)[] ? Json<U>[] : T extends object ? { [K in keyof T]: Json<T[K]> } : T;

/** The one place a route's data becomes `Json<T>`: what the parsed body holds (see `Json`). */
export function json<T>(data: T): Json<T>;
export function json(data: unknown): unknown {
  return data;
}

/** Writes that are not safe to replay: a second POST makes a second issue, comment, or re-run. */
export const NO_RETRY = { request: { retries: 0 } } as const;

/**
 * What every executor uses to reach GitHub: the octokit (for typed `request(route, …)` calls; always
 * spell the route as a literal so tests can check it against the OpenAPI subset), pagination with a
 * limit, and `writeOnce` for non-idempotent writes.
 */
export class GitHubClient {
  readonly octokit: Octokit;
  readonly botLogin: string;
  readonly logger: Logger;
  /** The web UI's root (GITHUB_SERVER_URL, no trailing `/`): every link we write starts here. */
  readonly serverUrl: string;
  private readonly timeScaleMs: number;
  private readonly retries: number;

  constructor(
    options: ClientOptions,
    private readonly clock: Clock = systemClock,
  ) {
    const { octokit, resolved } = createOctokit(options);
    this.octokit = octokit;
    this.botLogin = resolved.botLogin;
    this.logger = resolved.logger;
    this.serverUrl = (options.serverUrl ?? DEFAULT_SERVER_URL).replace(/\/+$/, '');
    this.timeScaleMs = resolved.timeScaleMs;
    this.retries = resolved.retries;
  }

  get request(): Octokit['request'] {
    return this.octokit.request;
  }

  /** True when a user object is the identity our writes appear under. */
  isOurs(user: { login?: string } | null | undefined): boolean {
    return !!user?.login && user.login.toLowerCase() === this.botLogin.toLowerCase();
  }

  /** Walks a list endpoint page by page (100 a page) up to `limit` items. */
  async paginate<T>(route: string, params: Record<string, unknown>, limit = Infinity, pick?: (data: unknown) => T[]): Promise<Page<T>> {
    const items: T[] = [];
    const iterator = this.octokit.paginate.iterator(route as never, { per_page: 100, ...params } as never);
    for await (const response of iterator) {
      const data = (response as { data: unknown }).data;
      const page = pick ? pick(data) : (data as T[]);
      for (const item of page) {
        if (items.length >= limit) return { items, complete: false };
        items.push(item);
      }
    }
    return { items, complete: true };
  }

  /**
   * Performs a non-idempotent write exactly once. After an ambiguous failure (5xx, dropped connection)
   * the write may or may not have happened, so we re-read (`reconcile`) before trying again.
   */
  async writeOnce<T>(what: string, write: () => Promise<T>, reconcile: () => Promise<T | undefined>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await write();
      } catch (error) {
        if (!isAmbiguous(error) || attempt > this.retries) throw error;
        this.logger.warning(`${what}: ${errorMessage(error)}; checking whether it took effect before retrying.`);
        await this.clock.sleep(attempt * attempt * this.timeScaleMs);
        const existing = await reconcile();
        if (existing !== undefined) return existing;
      }
    }
  }
}

export function httpStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

function isAmbiguous(error: unknown): boolean {
  if (isConfigurationError(error)) return false;
  const status = httpStatus(error);
  return status === undefined || status >= 500;
}
