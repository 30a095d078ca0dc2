import type { RunRecord } from './breaker.js';

/** A workflow run as the Actions API lists it (the fields the breaker reads). */
export interface ApiRunLike {
  id: number;
  run_attempt?: number;
  status: string | null;
  conclusion: string | null;
  head_sha?: string;
  created_at: string;
  updated_at: string;
  triggering_actor?: { login?: string } | null;
}

/** API run → breaker record. `isOurs` says whether a login is the identity recover acts as. */
export function runRecordFromApi(r: ApiRunLike, isOurs: (user: { login?: string } | null | undefined) => boolean): RunRecord {
  const attempt = r.run_attempt ?? 1;
  return {
    id: r.id,
    attempt,
    status: r.status ?? 'unknown',
    conclusion: r.conclusion,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    rerunByUs: attempt > 1 && isOurs(r.triggering_actor),
    ...(r.head_sha ? { headSha: r.head_sha } : {}),
  };
}
