import { ConfigurationError } from '../errors.js';
import { SEVERITIES, type Severity } from '../classify/verdict.js';

export const CHANNELS = ['issue', 'comment', 'status', 'summary', 'chat'] as const;
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

export const DEFAULT_NOTIFY_SETTINGS: NotifySettings = {
  statusContext: 'closed-loop',
  routing: {
    critical: ['issue', 'status', 'summary', 'chat'],
    high: ['comment', 'status', 'summary'],
    medium: ['status', 'summary'],
    low: ['status'],
  },
  labels: { base: 'closed-loop', byCategory: true, bySeverity: true },
  escalation: { mentions: [], assignees: [] },
  recentRuns: 10,
  chatTimeoutSeconds: 10,
};

interface NotifySection {
  status_context?: string;
  routing?: Partial<Record<Severity, Channel[]>>;
  labels?: { base?: string; by_category?: boolean; by_severity?: boolean };
  escalation?: { mentions?: string[]; assignees?: string[] };
  recent_runs?: number;
  chat_timeout_seconds?: number;
}

/** Reads `config.notify` (validated by the schema); anything missing keeps its default. */
export function notifySettings(section: unknown): NotifySettings {
  const s = (section ?? {}) as NotifySection;
  const d = DEFAULT_NOTIFY_SETTINGS;
  return {
    statusContext: s.status_context ?? d.statusContext,
    routing: Object.fromEntries(SEVERITIES.map((sev) => [sev, [...new Set(s.routing?.[sev] ?? d.routing[sev])]])) as Record<Severity, Channel[]>,
    labels: {
      base: s.labels?.base ?? d.labels.base,
      byCategory: s.labels?.by_category ?? d.labels.byCategory,
      bySeverity: s.labels?.by_severity ?? d.labels.bySeverity,
    },
    escalation: { mentions: s.escalation?.mentions ?? [], assignees: s.escalation?.assignees ?? [] },
    recentRuns: s.recent_runs ?? d.recentRuns,
    chatTimeoutSeconds: s.chat_timeout_seconds ?? d.chatTimeoutSeconds,
  };
}

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
