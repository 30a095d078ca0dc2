import { codeBlock, details, escapeInline, table, type Verdict } from '@closed-loop/core';

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** The job summary: the overall verdict, one row per failed job, and each job's evidence. */
export function renderSummary(v: Verdict): string {
  const head = `### failure-classify: ${escapeInline(v.category)}${v.subcategory ? ` / ${escapeInline(v.subcategory)}` : ''}`;
  if (v.status !== 'classified') return [head, '', `**${escapeInline(v.status)}**: ${escapeInline(v.reason ?? '')}`].join('\n');
  const facts = [
    `confidence ${pct(v.confidence)}`,
    v.transient ? 'transient: a re-run will likely pass' : 'not transient',
    v.flaky ? 'flaky: this commit passed elsewhere' : '',
    `severity ${v.severity} (priority ${v.priority})`,
    `signature \`${v.signature}\``,
    `${v.history.failures}/${v.history.runs} runs failed in ${v.history.windowHours} h, ${v.history.consecutiveFailures} in a row on this branch`,
  ].filter(Boolean);
  const rows = v.jobs.map((j) => [
    j.jobName,
    j.stepName ?? '',
    j.status === 'classified' ? `${j.category}/${j.subcategory}` : (j.reason ?? ''),
    pct(j.confidence),
    j.transient ? 'yes' : 'no',
  ]);
  const evidence = v.jobs
    .filter((j) => j.evidence.lines.length)
    .map((j) => details(`${j.jobName}: lines ${j.evidence.startLine}–${j.evidence.endLine}`, codeBlock(j.evidence.lines.join('\n'))));
  return [
    head,
    '',
    facts.join(' · '),
    '',
    table(['Job', 'Failed step', 'Verdict', 'Confidence', 'Transient'], rows),
    '',
    ...evidence,
    ...(v.reason ? ['', escapeInline(v.reason)] : []),
  ].join('\n');
}
