import type { Category } from '../classify/verdict.js';
import type { Config } from '../config/load.js';
import type { RecoverMode } from './outcome.js';

/** Re-runs of one run never go beyond this, whatever the config or input says (GitHub allows 50). */
export const MAX_ATTEMPTS_CEILING = 10;

export interface BackoffSettings {
  baseSeconds: number;
  multiplier: number;
  maxSeconds: number;
  jitter: number;
}

export interface BreakerSettings {
  consecutiveFailures: number;
  failureRate: number;
  minRuns: number;
  windowHours: number;
  cooldownMinutes: Record<Category, number>;
}

export interface CommentTriggerSettings {
  enabled: boolean;
  phrase: string;
  commit: boolean;
  maxAttemptsPerComment: number;
  maxFixesPerHour: number;
}

/** The `recover:` section, resolved for one environment, in the engine's own camelCase shape. */
export interface RecoverSettings {
  mode: RecoverMode;
  forceSupervised: boolean;
  maxAttempts: number;
  backoff: BackoffSettings;
  breaker: BreakerSettings;
  fixers: Record<string, string[]>;
  maxChangedLines: number;
  prohibitedPaths: string[];
  /** Globs a fix may touch; empty: the files the failing tool reported (allowed-paths.ts). */
  allowedPaths: string[];
  maxFixesPerPr: number;
  rollback: boolean;
  commentTrigger: CommentTriggerSettings;
}

/** Whether any fixer command is configured: without one, no fix path is worth starting. */
export function hasFixers(settings: Pick<RecoverSettings, 'fixers'>): boolean {
  return Object.values(settings.fixers).some((commands) => commands.length > 0);
}

type Raw = Record<string, unknown>;
const obj = (v: unknown): Raw => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Raw) : {});

const DEFAULT_COOLDOWN: Record<Category, number> = {
  infrastructure: 5,
  dependencies: 10,
  testing: 15,
  quality: 30,
  build: 30,
  performance: 30,
  security: 30,
  unknown: 15,
};

/**
 * Reads the (schema-validated, default-filled) `recover:` section. Overrides from action inputs win
 * over the file, except that `force_supervised` can only make things safer.
 */
export function recoverSettings(config: Config | Raw = {}, overrides: { mode?: RecoverMode; maxAttempts?: number } = {}): RecoverSettings {
  const r = obj((config as Raw).recover);
  const b = obj(r.backoff);
  const k = obj(r.breaker);
  const p = obj(r.patch);
  const c = obj(r.comment_trigger);
  const forceSupervised = r.force_supervised === true;
  let mode = overrides.mode ?? (r.mode as RecoverMode | undefined) ?? 'automatic';
  if (forceSupervised && mode === 'automatic') mode = 'supervised';
  const n = (v: unknown, d: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : d);
  return {
    mode,
    forceSupervised,
    maxAttempts: Math.min(MAX_ATTEMPTS_CEILING, Math.max(1, overrides.maxAttempts ?? n(r.max_attempts, 3))),
    backoff: { baseSeconds: n(b.base_seconds, 30), multiplier: n(b.multiplier, 2), maxSeconds: n(b.max_seconds, 1800), jitter: n(b.jitter, 0.1) },
    breaker: {
      consecutiveFailures: n(k.consecutive_failures, 5),
      failureRate: n(k.failure_rate, 0.6),
      minRuns: n(k.min_runs, 5),
      windowHours: n(k.window_hours, 24),
      cooldownMinutes: { ...DEFAULT_COOLDOWN, ...(obj(k.cooldown_minutes) as Partial<Record<Category, number>>) },
    },
    fixers: obj(r.fixers) as Record<string, string[]>,
    maxChangedLines: n(p.max_changed_lines, 500),
    prohibitedPaths: Array.isArray(p.prohibited_paths) ? (p.prohibited_paths as string[]) : [],
    allowedPaths: Array.isArray(p.allowed_paths) ? (p.allowed_paths as string[]) : [],
    maxFixesPerPr: n(r.max_fixes_per_pr, 3),
    rollback: r.rollback !== false,
    commentTrigger: {
      enabled: c.enabled !== false,
      phrase: typeof c.phrase === 'string' ? c.phrase : '/closed-loop fix',
      commit: c.commit === true,
      maxAttemptsPerComment: Math.min(3, n(c.max_attempts_per_comment, 3)),
      maxFixesPerHour: Math.min(5, n(c.max_fixes_per_hour, 5)),
    },
  };
}
