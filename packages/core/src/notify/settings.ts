import { ConfigurationError } from '../errors.js';
import { SEVERITIES, type Severity } from '../classify/verdict.js';
import { withDefaults } from '../config/defaults.js';
import { CHANNELS } from '../config/sections/notify.js';

export { CHANNELS };
export type Channel = (typeof CHANNELS)[number];

/** The `notify:` config section, in engine terms (the config loader has already filled defaults). */
export interface NotifySettings {
  statusContext: string;
  routing: Record<Severity, Channel[]>;
  labels: { base: string; byCategory: boolean; bySeverity: boolean };
  escalation: { mentions: string[]; assignees: string[] };
  recentRuns: number;
  chatTimeoutSeconds: number;
}

/** Reads `config.notify` (validated by the schema); anything missing takes the schema's default. */
export function notifySettings(section: unknown): NotifySettings {
  const s = withDefaults('notify', section ?? {});
  return {
    statusContext: s.status_context,
    routing: Object.fromEntries(SEVERITIES.map((sev) => [sev, [...new Set(s.routing[sev])]])) as Record<Severity, Channel[]>,
    labels: { base: s.labels.base, byCategory: s.labels.by_category, bySeverity: s.labels.by_severity },
    escalation: { mentions: s.escalation.mentions, assignees: s.escalation.assignees },
    recentRuns: s.recent_runs,
    chatTimeoutSeconds: s.chat_timeout_seconds,
  };
}

export const DEFAULT_NOTIFY_SETTINGS: NotifySettings = notifySettings(undefined);

/**
 * Where a failure of this severity goes. The sticky PR comment needs a pull request: without one the
 * failure is tracked in an issue instead, so it is never silently dropped.
 */
export function channelsFor(severity: Severity, settings: NotifySettings, hasPull: boolean): Channel[] {
  const wanted = settings.routing[severity];
  const out = wanted.flatMap((c): Channel[] => (c === 'comment' && !hasPull ? ['issue'] : [c]));
  return CHANNELS.filter((c) => out.includes(c));
}

export function parseSeverity(value: string, what: string): Severity {
  if ((SEVERITIES as readonly string[]).includes(value)) return value as Severity;
  throw new ConfigurationError(`${what} must be one of ${SEVERITIES.join(', ')}; got "${value}".`);
}

export function severityRank(s: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(s);
}
