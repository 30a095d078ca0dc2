// Rule-based fault injection; all randomness comes from a seeded PRNG so failures replay exactly.

export interface FaultRule {
  method?: string;
  operationId?: string;
  pathPattern?: RegExp;
  status: 500 | 502 | 503 | 429 | 403;
  /** 403/429 with GitHub's secondary-rate-limit message and a `retry-after` header. */
  secondaryRateLimit?: boolean;
  retryAfterSeconds?: number;
  delayMs?: number;
  /** Stop after injecting this many faults. */
  times?: number;
  /** Chance (0..1) that a matching request fails; drawn from the seeded PRNG. */
  probability?: number;
  /** Let the first N matching requests through untouched. */
  after?: number;
  /** Perform the write, then answer with `status` (the ambiguous "did it happen?" failure). */
  dropAfterWrite?: boolean;
  /** 403 as GitHub answers a token lacking a permission ("Resource not accessible by integration"). */
  permissionDenied?: boolean;
}

export interface FaultDecision {
  rule: FaultRule;
  status: number;
  headers: Record<string, string>;
  body: { message: string; documentation_url?: string };
}

interface Active {
  rule: FaultRule;
  seen: number;
  fired: number;
}

export class Faults {
  private rules: Active[] = [];
  constructor(private readonly random: () => number) {}

  add(rule: FaultRule): void {
    this.rules.push({ rule, seen: 0, fired: 0 });
  }

  clear(): void {
    this.rules = [];
  }

  /** Picks the first rule that fires for this request, updating its counters. */
  pick(method: string, operationId: string | undefined, path: string, afterWrite = false): FaultDecision | undefined {
    for (const a of this.rules) {
      const r = a.rule;
      // dropAfterWrite rules are consulted only once the write has happened.
      if (!!r.dropAfterWrite !== afterWrite) continue;
      if (r.method && r.method.toUpperCase() !== method.toUpperCase()) continue;
      if (r.operationId && r.operationId !== operationId) continue;
      if (r.pathPattern && !r.pathPattern.test(path)) continue;
      a.seen++;
      if (r.after !== undefined && a.seen <= r.after) continue;
      if (r.times !== undefined && a.fired >= r.times) continue;
      if (r.probability !== undefined && this.random() >= r.probability) continue;
      a.fired++;
      return decide(r);
    }
    return undefined;
  }
}

function decide(rule: FaultRule): FaultDecision {
  const headers: Record<string, string> = {};
  const retryAfter = rule.retryAfterSeconds ?? (rule.secondaryRateLimit ? 1 : undefined);
  if (retryAfter !== undefined) headers['retry-after'] = String(retryAfter);
  if (rule.secondaryRateLimit) {
    return {
      rule,
      status: rule.status,
      headers,
      body: {
        message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
        documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
      },
    };
  }
  if (rule.permissionDenied) {
    return {
      rule,
      status: 403,
      headers,
      body: { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest' },
    };
  }
  if (rule.status === 403 || rule.status === 429) {
    // A primary rate limit: octokit's throttling plugin keys off remaining=0 and the reset time.
    headers['x-ratelimit-remaining'] = '0';
    headers['x-ratelimit-reset'] = String(Math.floor(Date.now() / 1000) + (retryAfter ?? 1));
    return {
      rule,
      status: rule.status,
      headers,
      body: { message: 'API rate limit exceeded for installation.' },
    };
  }
  const messages: Record<number, string> = {
    500: 'Server Error',
    502: 'Bad Gateway',
    503: 'Service Unavailable',
  };
  return {
    rule,
    status: rule.status,
    headers,
    body: { message: messages[rule.status] ?? 'Server Error' },
  };
}
