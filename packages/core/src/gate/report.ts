import { escapeInline, inlineCode } from '../render/escape.js';
import { raw, table } from '../render/markdown.js';
import type { BenchGateResult } from './bench/compare.js';
import type { CommitVerdict } from './commits.js';
import type { CoverageResult } from './coverage/evaluate.js';

/** What the quality gate found, gate by gate; a gate not run is absent. Also the JSON the CLI prints. */
export interface GateReport {
  coverage?: CoverageResult;
  bench?: BenchGateResult;
  commits?: { verdicts: CommitVerdict[]; problems: string[]; passed: boolean };
}

export type GateState = 'passed' | 'failed' | 'warning' | 'skipped';

export function coverageState(r: CoverageResult | undefined): GateState {
  return !r ? 'skipped' : r.passed ? 'passed' : 'failed';
}

export function commitsState(r: GateReport['commits']): GateState {
  return !r ? 'skipped' : r.passed ? 'passed' : 'failed';
}

/** Failed when any gate failed; a warning (missing bench base) never turns into a pass or a failure. */
export function overallState(report: GateReport): GateState {
  const states = [coverageState(report.coverage), report.bench?.state ?? 'skipped', commitsState(report.commits)];
  if (states.includes('failed')) return 'failed';
  if (states.includes('warning')) return 'warning';
  return states.every((s) => s === 'skipped') ? 'skipped' : 'passed';
}

const ICON: Record<GateState, string> = { passed: '✅', failed: '❌', warning: '⚠️', skipped: '➖' };
const pct = (p: number | undefined) => (p === undefined ? '—' : `${p.toFixed(2)}%`);
const times = (r: number | undefined) => (r === undefined ? '—' : `×${r.toFixed(3)}`);

function coverageSection(r: CoverageResult): string {
  const rows: (string | ReturnType<typeof raw>)[][] = [
    ['Total', pct(r.total.percent), `${r.total.covered}/${r.total.total}`, r.base ? pct(r.base.percent) : '—'],
    ['Patch', pct(r.patch?.percent), r.patch ? `${r.patch.covered}/${r.patch.total}` : '—', ''],
  ];
  const parts = [`### ${ICON[coverageState(r)]} Coverage (${r.format})`, table(['', 'Coverage', 'Lines', 'Base'], rows)];
  for (const f of r.failures) parts.push(`- ❌ ${escapeInline(f)}`);
  if (r.uncovered.length)
    parts.push(
      `Added lines the tests did not run:\n${r.uncovered
        .slice(0, 20)
        .map((u) => `- ${inlineCode(u.path)}: ${u.lines.slice(0, 15).join(', ')}${u.lines.length > 15 ? ', …' : ''}`)
        .join('\n')}`,
    );
  for (const n of r.notes) parts.push(`> ${escapeInline(n)}`);
  return parts.join('\n\n');
}

function benchSection(r: BenchGateResult): string {
  const verdict: Record<string, string> = { regressed: '❌ regressed', ok: 'ok', improved: '🚀 improved', noisy: '〰️ too noisy', new: 'new' };
  const rows = r.comparisons.map((c) => [
    raw(inlineCode(c.name)),
    `${c.base === undefined ? '—' : c.base.toPrecision(4)} → ${c.head.toPrecision(4)} ${c.unit}`,
    times(c.ratio),
    c.interval ? `${times(c.interval[0])}–${times(c.interval[1])}` : (c.method ?? '—'),
    verdict[c.judgement] ?? c.judgement,
  ]);
  const parts = [`### ${ICON[r.state]} Benchmarks`, table(['Benchmark', 'Base → head', 'Slowdown', 'Interval', 'Verdict'], rows)];
  for (const n of r.notes) parts.push(`> ${escapeInline(n)}`);
  if (r.missing.length) parts.push(`> In the base but not the head: ${escapeInline(r.missing.join(', '))}.`);
  return parts.join('\n\n');
}

function commitsSection(r: NonNullable<GateReport['commits']>): string {
  const checked = r.verdicts.filter((v) => !v.skipped).length;
  const skipped = r.verdicts.length - checked;
  const parts = [`### ${ICON[commitsState(r)]} Commit conventions`, `${checked} checked${skipped ? `, ${skipped} skipped (merge/fixup, per config)` : ''}.`];
  if (r.problems.length) parts.push(r.problems.map((p) => `- ❌ ${escapeInline(p)}`).join('\n'));
  return parts.join('\n\n');
}

/** The job summary and the sticky comment: one verdict line, then a table per gate that ran. */
export function renderGateReport(report: GateReport): string {
  const state = overallState(report);
  const headline: Record<GateState, string> = {
    passed: '✅ **Quality gate passed.**',
    failed: '❌ **Quality gate failed.**',
    warning: '⚠️ **Quality gate passed with warnings**: a gate could not be judged (see below).',
    skipped: '➖ No gate ran: give a coverage report, benchmark results or a commit range.',
  };
  const parts = ['## Quality gate', headline[state]];
  if (report.coverage) parts.push(coverageSection(report.coverage));
  if (report.bench) parts.push(benchSection(report.bench));
  if (report.commits) parts.push(commitsSection(report.commits));
  return `${parts.join('\n\n')}\n`;
}
