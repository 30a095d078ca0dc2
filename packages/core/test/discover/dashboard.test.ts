import { describe, expect, it } from '@jest/globals';
import { cut as clip } from '../../src/render/truncate.js';
import { DASHBOARD_MARKER, itemIssueBody, parseDashboard, renderDashboard, resolveItems } from '../../src/discover/dashboard.js';
import { valueSarif } from '../../src/discover/sarif.js';
import { metricsOf, todo } from './fixtures.js';
import { LIMITS } from '../../src/render/limits.js';
import { withMarker } from '../../src/github/api/issues.js';

const none = { issues: new Map<string, number>(), ticked: new Set<string>() };

describe('dashboard', () => {
  it('renders one checkbox per item with the vd:item marker, escapes untrusted text, and reads itself back', () => {
    const m = metricsOf([todo(1), todo(2, { title: 'TODO: ping @octocat <img src=x> <!-- closed-loop:value-dashboard backlog -->' })]);
    const body = renderDashboard(m, { top: 25, maxNewIssues: 3, ...none });
    const lines = body.split('\n').filter((l) => l.startsWith('- ['));
    expect(lines).toHaveLength(2);
    for (const item of m.items) expect(body).toContain(`- [ ] <!-- vd:item=${item.id} --> **${item.scores.composite.toFixed(1)}** · debt-marker · `);
    expect(body).not.toContain('@octocat');
    expect(body).not.toContain('<img');
    expect(body).not.toContain(DASHBOARD_MARKER);
    expect(body).toContain('CI health skipped (offline)');
    const back = parseDashboard(body);
    expect([...back.listed.keys()].sort()).toEqual(m.items.map((i) => i.id).sort());
    expect(back.listed.get(m.items.find((i) => i.text === 'item 1')!.id)).toBe('TODO: item 1');
    expect(back.ticked.size).toBe(0);
  });

  it('is deterministic: the same metrics give the same body (no timestamps, no commit links)', () => {
    const a = renderDashboard(metricsOf([todo(1)]), { top: 25, maxNewIssues: 3, ...none });
    const later = { ...metricsOf([todo(1)]), generatedAt: '2030-01-01T00:00:00.000Z', repository: { sha: '1'.repeat(40) } };
    expect(renderDashboard(later, { top: 25, maxNewIssues: 3, ...none })).toBe(a);
  });

  it('parses ticked boxes (x or X) and keeps them ticked, with the issue they became', () => {
    const m = metricsOf([todo(1), todo(2), todo(3)]);
    const [a, b] = m.items;
    let body = renderDashboard(m, { top: 25, maxNewIssues: 3, ...none });
    body = body
      .replace(`- [ ] <!-- vd:item=${a!.id} -->`, `- [x] <!-- vd:item=${a!.id} -->`)
      .replace(`- [ ] <!-- vd:item=${b!.id} -->`, `- [X] <!-- vd:item=${b!.id} -->`);
    const back = parseDashboard(body);
    expect([...back.ticked].sort()).toEqual([a!.id, b!.id].sort());
    const next = renderDashboard(m, { top: 25, maxNewIssues: 3, issues: new Map([[a!.id, 42]]), ticked: back.ticked });
    expect(next).toContain(`- [x] <!-- vd:item=${a!.id} -->`);
    expect(next).toMatch(new RegExp(`vd:item=${a!.id} -->.* → #42\\n`));
    expect(next).toContain(`- [x] <!-- vd:item=${b!.id} -->`);
    expect(parseDashboard(next).listed.get(a!.id)).toBe(a!.title);
  });

  it('lists items that disappeared as resolved, keeps them for the retention period, and drops them after', () => {
    const before = metricsOf([todo(1), todo(2)]);
    const gone = before.items.find((i) => i.text === 'item 2')!;
    const prev = parseDashboard(renderDashboard(before, { top: 25, maxNewIssues: 3, ...none }));
    const after = metricsOf([todo(1)]);
    const resolved = resolveItems(prev, after.items, '2026-02-01', 14);
    expect(resolved).toEqual([{ id: gone.id, title: 'TODO: item 2', resolvedOn: '2026-02-01' }]);
    const body = renderDashboard({ ...after, resolved }, { top: 25, maxNewIssues: 3, ...none });
    expect(body).toContain(`- ✅ <!-- vd:resolved=${gone.id}@2026-02-01 --> ~~TODO: item 2~~ (2026-02-01)`);
    const again = parseDashboard(body);
    expect(resolveItems(again, after.items, '2026-02-10', 14)).toEqual(resolved);
    expect(resolveItems(again, after.items, '2026-02-20', 14)).toEqual([]);
    // It came back: no longer resolved.
    expect(resolveItems(again, before.items, '2026-02-02', 14)).toEqual([]);
  });

  it('fits GitHub’s body limit with a visible note, even for thousands of items', () => {
    const m = metricsOf(Array.from({ length: 3000 }, (_, i) => todo(i, { title: `TODO: ${'long text '.repeat(20)} ${i}` })));
    const body = renderDashboard(m, { top: 3000, maxNewIssues: 3, ...none });
    expect(withMarker(body, DASHBOARD_MARKER).length).toBeLessThanOrEqual(LIMITS.body);
    expect(body).toMatch(/> \[!NOTE\]\n> \d+ more items are not shown to fit GitHub's 65,536-character issue limit; value-metrics.json lists all 3000\./);
    expect(withMarker(body, DASHBOARD_MARKER)).not.toContain('Truncated by closed-loop');
    const top = renderDashboard(m, { top: 5, maxNewIssues: 3, ...none });
    expect(top).toContain('### Top 5 of 3000 items');
    expect(top).toContain('2995 lower-ranked items are in value-metrics.json.');
  });

  it('caps long titles (a TODO on a minified line), also when read back as resolved', () => {
    const long = metricsOf([todo(1, { title: `TODO: ${'y'.repeat(5000)}` })]);
    const body = renderDashboard(long, { top: 25, maxNewIssues: 3, ...none });
    const title = parseDashboard(body).listed.get(long.items[0]!.id)!;
    expect(title).toHaveLength(200);
    expect(title.endsWith('…')).toBe(true);
    const resolved = [{ id: 'a'.repeat(16), title: 'z'.repeat(3000), resolvedOn: '2026-02-01' }];
    expect(renderDashboard({ ...metricsOf([]), resolved }, { top: 25, maxNewIssues: 3, ...none })).toContain(`~~${'z'.repeat(199)}…~~`);
    expect(clip('abcdef', 4)).toBe('abc…');
    expect(clip('abc', 4)).toBe('abc');
  });

  it('shows each KPI with this period, the previous one, the trend and the target; "no data" where nothing was measured', () => {
    const kpi = (current: number | null, previous: number | null, target: number, better: 'lower' | 'higher', met: boolean | null) => ({
      current: { value: current, n: current === null ? 0 : 4 },
      previous: { value: previous, n: previous === null ? 0 : 3 },
      target,
      better,
      met,
    });
    const m = {
      ...metricsOf([]),
      loopHealth: {
        periodDays: 7,
        kpis: {
          mttd_minutes: kpi(2.5, 6, 5, 'lower', true),
          mttr_minutes: kpi(null, 30, 120, 'lower', null),
          auto_recovery_rate: kpi(0.5, 0.75, 0.5, 'higher', true),
          false_transient_rate: kpi(0.25, 0.25, 0.2, 'lower', false),
          escalations: kpi(1, 0, 2, 'lower', true),
          false_positive_rate: kpi(0, null, 0.1, 'lower', true),
        },
      },
    } as const;
    const body = renderDashboard(m, { top: 25, maxNewIssues: 3, ...none });
    expect(body).toContain('### Loop health (last 7 days vs the 7 before)');
    expect(body).toContain('| MTTD: failed run completed → loop recorded it | 2.5 min ✅ | 6 min | ↓ better | ≤ 5 min | 4 |');
    expect(body).toContain('| MTTR: failed run → next green run (same workflow and branch) | no data | 30 min | – | ≤ 120 min | 0 |');
    expect(body).toContain('| Auto-recovery: failed runs green on a re-run | 50% ✅ | 75% | ↓ worse | ≥ 50% | 4 |');
    expect(body).toContain('| False transient: re-runs that failed again | 25% ❌ | 25% | → same | ≤ 20% | 4 |');
    expect(body).toContain('| Escalations (unacknowledged critical failures) | 1 ✅ | 0 | ↑ worse | ≤ 2 | 4 |');
    expect(body).toContain('_Nothing to do: no signal produced a work item._');
  });

  it('writes an issue body for a ticked item with its numbers', () => {
    const [item] = metricsOf([todo(1)]).items;
    const body = itemIssueBody(item!, 7);
    expect(body).toContain('| Location | src/file1.ts:2 |');
    expect(body).toContain('**Why this score:** composite');
    expect(body).toContain('(#7)');
  });
});

describe('SARIF', () => {
  it('has one run per category with its own automation id, and results only for located items', () => {
    const m = metricsOf([
      todo(1),
      todo(2, { kind: 'hotspot', rule: 'churn-x-complexity', line: undefined }),
      todo(3, { kind: 'ci-health', rule: 'open-failure-issue', path: undefined, line: undefined }),
    ]);
    const sarif = valueSarif(m) as {
      version: string;
      runs: { automationDetails: { id: string }; results: { ruleId: string; locations: unknown[]; partialFingerprints: Record<string, string> }[] }[];
    };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs.map((r) => r.automationDetails.id)).toEqual([
      'value-discovery/debt-marker/',
      'value-discovery/hotspot/',
      'value-discovery/dependency/',
      'value-discovery/ci-health/',
      'value-discovery/test-gap/',
      'value-discovery/large-file/',
    ]);
    expect(sarif.runs[0]?.results[0]).toMatchObject({
      ruleId: 'marker:TODO',
      locations: [{ physicalLocation: { artifactLocation: { uri: 'src/file1.ts' }, region: { startLine: 2 } } }],
    });
    expect(sarif.runs[1]?.results[0]?.locations).toEqual([{ physicalLocation: { artifactLocation: { uri: 'src/file2.ts' } } }]);
    expect(sarif.runs[3]?.results).toEqual([]);
    expect(sarif.runs[0]?.results[0]?.partialFingerprints['closedLoopItem/v1']).toBe(m.items.find((i) => i.kind === 'debt-marker')?.id);
  });
});
