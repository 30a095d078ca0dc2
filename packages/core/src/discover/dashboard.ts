import { escapeInline, inlineCode, neutraliseMarkers, neutraliseMentions } from '../render/escape.js';
import { LIMITS } from '../render/limits.js';
import { marker } from '../render/markers.js';
import { table } from '../render/markdown.js';
import { cut } from '../render/truncate.js';
import { leftOutSection } from './dashboard-left-out.js';
import type { Kpi, KpiId, LoopHealth } from './loop-health.js';
import { BREAKER_RESET_HOWTO, type BreakerRow } from '../recover/breaker-board.js';
import type { ResolvedItem, ValueMetrics } from './model.js';
import type { ItemKind, ScoredItem } from './types.js';

/** Finds the dashboard issue (together with its label and our login). */
export const DASHBOARD_MARKER = marker('value-dashboard', 'backlog');
/** Marks the issue a ticked box turned into. */
export const itemIssueMarker = (id: string): string => marker('value-item', id);

const ITEM_LINE = /^\s*[-*] \[([ xX])\] <!-- vd:item=([0-9a-f]{16}) -->(.*)$/;
const RESOLVED_LINE = /^\s*[-*] ✅ <!-- vd:resolved=([0-9a-f]{16})@(\d{4}-\d{2}-\d{2}) --> ~~(.*)~~/;

export interface PreviousDashboard {
  /** Items listed last time, with their rendered title. */
  listed: Map<string, string>;
  /** Boxes a maintainer ticked (or that we ticked when we opened the item's issue). */
  ticked: Set<string>;
  resolved: ResolvedItem[];
}

/** Reads back what the last run wrote and what maintainers ticked since. */
export function parseDashboard(body: string | null | undefined): PreviousDashboard {
  const listed = new Map<string, string>();
  const ticked = new Set<string>();
  const resolved: ResolvedItem[] = [];
  for (const line of (body ?? '').split(/\r?\n/)) {
    const item = ITEM_LINE.exec(line);
    if (item) {
      const id = item[2] as string;
      const title = /^ \*\*[\d.]+\*\* · [a-z-]+ · (.*?)(?: → #\d+)?$/.exec(item[3] ?? '')?.[1] ?? '';
      listed.set(id, title);
      if (item[1] !== ' ') ticked.add(id);
      continue;
    }
    const done = RESOLVED_LINE.exec(line);
    if (done) resolved.push({ id: done[1] as string, resolvedOn: done[2] as string, title: done[3] as string });
  }
  return { listed, ticked, resolved };
}

/**
 * Items listed last time but not found now are resolved today; earlier resolutions stay listed for
 * `retentionDays`; an item that came back is no longer resolved.
 */
export function resolveItems(previous: PreviousDashboard, current: readonly ScoredItem[], today: string, retentionDays: number): ResolvedItem[] {
  const present = new Set(current.map((i) => i.id));
  const cutoff = new Date(Date.parse(`${today}T00:00:00Z`) - retentionDays * 86_400_000).toISOString().slice(0, 10);
  const out = new Map<string, ResolvedItem>();
  for (const r of previous.resolved) if (!present.has(r.id) && r.resolvedOn >= cutoff) out.set(r.id, r);
  for (const [id, title] of previous.listed) if (!present.has(id) && !out.has(id)) out.set(id, { id, title, resolvedOn: today });
  return [...out.values()].sort((a, b) => (a.resolvedOn > b.resolvedOn ? -1 : a.resolvedOn < b.resolvedOn ? 1 : a.id < b.id ? -1 : 1));
}

export interface DashboardOptions {
  top: number;
  maxNewIssues: number;
  /** Issue number opened for an item (by id). */
  issues: ReadonlyMap<string, number>;
  /** Ticked boxes to keep ticked (those not turned into issues yet wait for the next run). */
  ticked: ReadonlySet<string>;
  /** Characters the body may take (default: GitHub's issue limit minus room for our marker). */
  limit?: number;
}

const SIGNAL_NAMES: Record<string, string> = {
  'debt-markers': 'debt markers',
  hotspots: 'hotspots',
  dependencies: 'dependencies',
  'ci-health': 'CI health',
  'test-gaps': 'test gaps',
  'large-files': 'large files',
  'loop-health': 'loop health',
};
const KIND_SIGNAL: Record<ItemKind, string> = {
  'debt-marker': 'debt-markers',
  hotspot: 'hotspots',
  dependency: 'dependencies',
  'ci-health': 'ci-health',
  'test-gap': 'test-gaps',
  'large-file': 'large-files',
};
const MAX_RESOLVED = 50;

/** Titles come from file contents (a TODO on a minified line): the dashboard shows at most this much. */
export const MAX_TITLE = 200;
const short = (title: string): string => cut(title, MAX_TITLE);

/** Text we read back from our own body is re-neutralised: a person may have edited the issue. */
const safeTitle = (title: string): string => short(neutraliseMentions(neutraliseMarkers(title)).replace(/~~/g, ''));

export function itemLine(item: ScoredItem, options: Pick<DashboardOptions, 'issues' | 'ticked'>): string {
  const issue = options.issues.get(item.id);
  const box = issue !== undefined || options.ticked.has(item.id) ? 'x' : ' ';
  const where = item.path ? ` · ${inlineCode(item.line ? `${item.path}:${item.line}` : item.path)}` : '';
  return (
    `- [${box}] <!-- vd:item=${item.id} --> **${item.scores.composite.toFixed(1)}** · ${item.kind} · ${escapeInline(short(item.title))}${issue !== undefined ? ` → #${issue}` : ''}\n` +
    `  <sub>${where.slice(3)}${where ? ' · ' : ''}${escapeInline(item.explanation)}</sub>`
  );
}

const KPI_ROWS: [KpiId, string, 'min' | '%' | 'count'][] = [
  ['mttd_minutes', 'MTTD: failed run completed → loop recorded it', 'min'],
  ['mttr_minutes', 'MTTR: failed run → next green run (same workflow and branch)', 'min'],
  ['auto_recovery_rate', 'Auto-recovery: failed runs green on a re-run', '%'],
  ['false_transient_rate', 'False transient: re-runs that failed again', '%'],
  ['escalations', 'Escalations (unacknowledged critical failures)', 'count'],
  ['false_positive_rate', 'False positives: verdicts overridden', '%'],
];

function formatValue(value: number | null, unit: 'min' | '%' | 'count'): string {
  if (value === null) return 'no data';
  return unit === '%' ? `${Math.round(value * 1000) / 10}%` : unit === 'min' ? `${value} min` : String(value);
}

/** ↑/↓ against the previous period, said as better or worse for this KPI. */
export function kpiTrend(k: Pick<Kpi, 'current' | 'previous' | 'better'>): string {
  const [now, before] = [k.current.value, k.previous.value];
  if (now === null || before === null) return '–';
  if (now === before) return '→ same';
  const up = now > before;
  return `${up ? '↑' : '↓'} ${up === (k.better === 'higher') ? 'better' : 'worse'}`;
}

function loopHealthSection(h: LoopHealth): string {
  return `### Loop health (last ${h.periodDays} days vs the ${h.periodDays} before)\n\n${table(
    ['KPI', 'This period', 'Previous', 'Trend', 'Target', 'Sample'],
    KPI_ROWS.map(([id, name, unit]) => {
      const k = h.kpis[id];
      const target = `${k.better === 'lower' ? '≤' : '≥'} ${formatValue(k.target, unit)}`;
      const mark = k.met === null ? '' : k.met ? ' ✅' : ' ❌';
      return [name, `${formatValue(k.current.value, unit)}${mark}`, formatValue(k.previous.value, unit), kpiTrend(k), target, k.current.n];
    }),
  )}`;
}

/** Breakers that are not closed: per workflow, branch and category, since when, and how to reset them. */
export function breakerSection(rows: readonly BreakerRow[]): string {
  if (rows.length === 0) return '### Circuit breakers\n\nAll closed: re-runs of transient failures are allowed.';
  return `### Circuit breakers\n\n${table(
    ['Workflow', 'Branch', 'Category', 'State', 'Since', 'Failed attempts', 'Re-opens'],
    rows.map((r) => [
      escapeInline(r.workflow),
      r.branch,
      r.category,
      r.state === 'open' ? '🔴 open' : '🟡 half-open',
      r.since.slice(0, 16).replace('T', ' '),
      `${r.failures} of ${r.volume}`,
      r.reopensAt ? r.reopensAt.slice(0, 16).replace('T', ' ') : 'one trial re-run allowed',
    ]),
  )}\n\nTo reset one: ${BREAKER_RESET_HOWTO} (a writer's reset counts; runs before it no longer do).`;
}

/**
 * The dashboard body: ranked items with checkboxes, resolved items, loop health. Deterministic for the
 * same metrics (no timestamps, no commit links), so an unchanged backlog costs no write. Items are
 * added while they fit, and a visible note says how many did not.
 */
export function renderDashboard(metrics: ValueMetrics, options: DashboardOptions): string {
  const limit = options.limit ?? LIMITS.body - 200;
  const w = metrics.weights;
  const counts = new Map<string, number>();
  for (const i of metrics.items) counts.set(KIND_SIGNAL[i.kind], (counts.get(KIND_SIGNAL[i.kind]) ?? 0) + 1);
  const signals = metrics.signals
    .map(
      (s) =>
        `${SIGNAL_NAMES[s.signal] ?? s.signal} ${s.status === 'ok' ? (s.signal === 'loop-health' ? '✓' : String(counts.get(s.signal) ?? 0)) : `skipped (${escapeInline(s.note ?? 'unavailable')})`}`,
    )
    .join(' · ');
  const head = [
    '## Value discovery backlog',
    '',
    `Work items harvested from this repository's signals, highest value first. Tick a box and the next run opens an issue for that item (at most ${options.maxNewIssues} per run).`,
    `Composite score = WSJF × ${w.wsjf} + ICE × ${w.ice} + technical debt × ${w.technical_debt} + security × ${w.security} (each on 0–100); every item shows its numbers.`,
    '',
    `**Signals:** ${signals}`,
  ].join('\n');
  const shown = metrics.items.slice(0, options.top);
  const resolved = metrics.resolved.slice(0, MAX_RESOLVED);
  const tail = [
    resolved.length
      ? `### Resolved\n\n${resolved.map((r) => `- ✅ <!-- vd:resolved=${r.id}@${r.resolvedOn} --> ~~${safeTitle(r.title)}~~ (${r.resolvedOn})`).join('\n')}`
      : '',
    metrics.loopHealth ? loopHealthSection(metrics.loopHealth) : '',
    metrics.breakers ? breakerSection(metrics.breakers) : '',
    leftOutSection(metrics),
  ].filter(Boolean);
  const heading = `### Top ${shown.length} of ${metrics.items.length} item${metrics.items.length === 1 ? '' : 's'}`;
  const fixed = [head, heading, ...tail].join('\n\n').length + 400;
  const lines: string[] = [];
  let used = fixed;
  for (const item of shown) {
    const line = itemLine(item, options);
    if (used + line.length + 1 > limit) break;
    lines.push(line);
    used += line.length + 1;
  }
  const notes: string[] = [];
  if (lines.length < shown.length)
    notes.push(
      `> [!NOTE]\n> ${shown.length - lines.length} more items are not shown to fit GitHub's ${LIMITS.body.toLocaleString('en-US')}-character issue limit; value-metrics.json lists all ${metrics.items.length}.`,
    );
  else if (shown.length < metrics.items.length) notes.push(`${metrics.items.length - shown.length} lower-ranked items are in value-metrics.json.`);
  const backlog = [heading, lines.length ? lines.join('\n') : '_Nothing to do: no signal produced a work item._', ...notes].join('\n\n');
  return [head, backlog, ...tail].join('\n\n');
}

/** Body of the issue a ticked box becomes: the item, its numbers, and where it came from. */
export function itemIssueBody(item: ScoredItem, dashboardNumber: number | undefined): string {
  const evidence = Object.entries(item.evidence).map(([k, v]) => [k, String(v)]);
  return [
    escapeInline(item.title),
    '',
    table(
      ['Field', 'Value'],
      [
        ['Kind', item.kind],
        ['Rule', item.rule],
        ...(item.path ? [['Location', item.line ? `${item.path}:${item.line}` : item.path]] : []),
        ['Composite score', item.scores.composite.toFixed(1)],
        ['WSJF', item.scores.wsjf],
        ['ICE', item.scores.ice],
        ['Technical debt', `${item.scores.technicalDebtMinutes} min`],
        ['Security boost', item.scores.security],
      ],
    ),
    '',
    `**Why this score:** ${escapeInline(item.explanation)}`,
    '',
    evidence.length ? table(['Evidence', 'Value'], evidence) : '',
    '',
    `Opened from a ticked box on the value-discovery dashboard${dashboardNumber ? ` (#${dashboardNumber})` : ''}; item id \`${item.id}\`.`,
  ].join('\n');
}
