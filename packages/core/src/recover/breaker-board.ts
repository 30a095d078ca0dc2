import type { RunSummary } from '../discover/ci-health.js';
import { CATEGORIES, type Category } from '../classify/verdict.js';
import { breakerState, type RunRecord } from './breaker.js';
import { afterReset, BREAKER_RESET_LABEL } from './breaker-reset.js';
import type { BreakerSettings } from './settings.js';

/** A workflow run as listed by the Actions API (the fields the board reads). */
export type BoardRun = Pick<RunSummary, 'id' | 'name' | 'path' | 'head_branch' | 'status' | 'conclusion' | 'run_attempt' | 'created_at' | 'updated_at'>;

/** One workflow + branch + category whose breaker is not closed. */
export interface BreakerRow {
  workflow: string;
  path: string;
  branch: string;
  category: Category;
  state: 'open' | 'half-open';
  /** When it tripped (ISO): the latest failed attempt that opened it. */
  since: string;
  /** Failed attempts in a row, and attempts counted in the window. */
  failures: number;
  volume: number;
  reopensAt?: string;
  reason: string;
}

/** How a maintainer resets a breaker, as the dashboard says it. */
export const BREAKER_RESET_HOWTO = `comment \`/closed-loop reset <category>\` (or add the label \`${BREAKER_RESET_LABEL}\`) on the failure issue`;

/**
 * Maintainers' resets (ms) per workflow + branch (`boardKey`) and category, as recover reads them from the
 * failure issue: runs that ended at or before one no longer count for that category.
 */
export type BoardResets = Record<string, Partial<Record<Category, number>>>;

/** The key of a workflow + branch on the board and in `BoardResets`. */
export function boardKey(path: string, branch: string): string {
  return `${path}@${branch}`;
}

/**
 * The breaker of every workflow + branch in `runs`, per category, as recover sees it at `now`: the same
 * `breakerState` over the same run records, after the same resets (`afterReset`), so the dashboard never
 * disagrees with what recover does.
 */
export function breakerBoard(runs: readonly BoardRun[], now: number, settings: BreakerSettings, resets: BoardResets = {}): BreakerRow[] {
  const groups = new Map<string, BoardRun[]>();
  for (const r of runs) {
    if (!r.head_branch) continue;
    const key = boardKey(r.path, r.head_branch);
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  const rows: BreakerRow[] = [];
  for (const [key, group] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    const all: RunRecord[] = group.map((r) => ({
      id: r.id,
      attempt: r.run_attempt ?? 1, // GitHub omits it on runs from before re-runs existed
      status: r.status ?? 'unknown',
      conclusion: r.conclusion,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      rerunByUs: false,
    }));
    const first = group[0];
    if (!first) continue;
    for (const category of CATEGORIES) {
      const history = afterReset(all, resets[key]?.[category]);
      const view = breakerState(history, now, category, settings);
      if (view.state === 'closed') continue;
      const trippedAt = view.reopensAt ? Date.parse(view.reopensAt) - settings.cooldownMinutes[category] * 60_000 : undefined;
      rows.push({
        workflow: first.name ?? first.path,
        path: first.path,
        branch: first.head_branch ?? '',
        category,
        state: view.state,
        since: new Date(trippedAt ?? latestFailure(history)).toISOString(),
        failures: view.consecutiveFailures,
        volume: view.volume,
        ...(view.reopensAt ? { reopensAt: view.reopensAt } : {}),
        reason: view.reason,
      });
    }
  }
  return rows;
}

function latestFailure(history: RunRecord[]): number {
  return Math.max(0, ...history.filter((r) => r.conclusion !== 'success').map((r) => Date.parse(r.updatedAt)));
}
