import type { Category } from '../classify/verdict.js';
import { withDefaults } from '../config/defaults.js';
import type { Config, DeepPartial } from '../config/load.js';
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

/**
 * Reads the (schema-validated, default-filled) `recover:` section. Overrides from action inputs win
 * over the file, except that `force_supervised` can only make things safer.
 */
export function recoverSettings(
  config: { recover?: DeepPartial<Config['recover']> } = {},
  overrides: { mode?: RecoverMode; maxAttempts?: number } = {},
): RecoverSettings {
  const r = withDefaults('recover', config.recover ?? {});
  const { backoff: b, breaker: k, patch: p, comment_trigger: c } = r;
  let mode = overrides.mode ?? r.mode;
  if (r.force_supervised && mode === 'automatic') mode = 'supervised';
  return {
    mode,
    forceSupervised: r.force_supervised,
    maxAttempts: Math.min(MAX_ATTEMPTS_CEILING, Math.max(1, overrides.maxAttempts ?? r.max_attempts)),
    backoff: { baseSeconds: b.base_seconds, multiplier: b.multiplier, maxSeconds: b.max_seconds, jitter: b.jitter },
    breaker: {
      consecutiveFailures: k.consecutive_failures,
      failureRate: k.failure_rate,
      minRuns: k.min_runs,
      windowHours: k.window_hours,
      cooldownMinutes: k.cooldown_minutes,
    },
    fixers: r.fixers,
    maxChangedLines: p.max_changed_lines,
    prohibitedPaths: p.prohibited_paths,
    allowedPaths: p.allowed_paths,
    maxFixesPerPr: r.max_fixes_per_pr,
    rollback: r.rollback,
    commentTrigger: {
      enabled: c.enabled,
      phrase: c.phrase,
      commit: c.commit,
      // The schema caps these too; kept as ceilings the config cannot lift, like MAX_ATTEMPTS_CEILING.
      maxAttemptsPerComment: Math.min(3, c.max_attempts_per_comment),
      maxFixesPerHour: Math.min(5, c.max_fixes_per_hour),
    },
  };
}
