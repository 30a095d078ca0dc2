// What the fake saw, so tests can assert on traffic, writes and spec violations.
import { PLANTED_SECRET_STRINGS } from './canaries.js';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  operationId: string | undefined;
  status: number;
  body: unknown;
  /** Login of the token's user, or undefined when unauthenticated. */
  login: string | undefined;
  timestamp: number;
}

export interface RequestFilter {
  method?: string;
  operationId?: string;
  path?: string | RegExp;
  status?: number;
}

export class Recorder {
  readonly requests: RecordedRequest[] = [];
  readonly writes: RecordedRequest[] = [];
  readonly violations: string[] = [];
  /** Planted canary secrets that reached a request; kept across reset() so no test can hide a leak. */
  readonly plantedLeaks: string[] = [];
  private forbidden: string[] = [...PLANTED_SECRET_STRINGS];

  forbid(substring: string): void {
    if (substring) this.forbidden.push(substring);
  }

  /** Flags forbidden substrings (e.g. secrets) anywhere in what a client sent. */
  screen(method: string, path: string, rawBody: string): void {
    for (const f of this.forbidden) {
      if (!rawBody.includes(f) && !path.includes(f)) continue;
      const message = `${method} ${path}: request contains a forbidden string (${mask(f)})`;
      this.violations.push(message);
      if (PLANTED_SECRET_STRINGS.includes(f)) this.plantedLeaks.push(message);
    }
  }

  violation(message: string): void {
    this.violations.push(message);
  }

  record(entry: RecordedRequest, wrote: boolean): void {
    this.requests.push(entry);
    if (wrote) this.writes.push(entry);
  }

  count(filter: RequestFilter = {}): number {
    return this.requests.filter((r) => matches(r, filter)).length;
  }

  reset(): void {
    this.requests.length = 0;
    this.writes.length = 0;
    this.violations.length = 0;
    this.forbidden = [...PLANTED_SECRET_STRINGS];
  }

  /** Throws (once) when a planted canary secret was sent: called on reset() and close() of every fake. */
  assertNoPlantedLeaks(): void {
    const leaks = this.plantedLeaks.splice(0);
    if (leaks.length) throw new Error(`a planted secret reached the fake GitHub unredacted:\n${leaks.map((l) => `  - ${l}`).join('\n')}`);
  }
}

export function matches(r: RecordedRequest, f: RequestFilter): boolean {
  if (f.method && f.method.toUpperCase() !== r.method) return false;
  if (f.operationId && f.operationId !== r.operationId) return false;
  if (f.status !== undefined && f.status !== r.status) return false;
  if (typeof f.path === 'string' && f.path !== r.path) return false;
  if (f.path instanceof RegExp && !f.path.test(r.path)) return false;
  return true;
}

// Never echo a secret into test output, even when reporting that it leaked.
function mask(s: string): string {
  return s.length <= 4 ? '****' : `${s.slice(0, 2)}…${s.length} chars`;
}
