// Issue 21's "Done when": the docs show the severity → channel → cadence table, the KPI definitions and the
// manual-run inputs. Each is checked against what it documents (the severities, the config schema's KPI
// targets, closed-loop.yml's inputs), so a new KPI or input without its row fails here.
import { describe, expect, it } from '@jest/globals';
import yaml from 'js-yaml';
import { read } from '../support/source-files.js';

/** The rows of the markdown table whose header row starts with `header`, as cells. */
function table(markdown: string, header: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => l.startsWith(header));
  if (start < 0) return [];
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .slice(1, -1)
        .split('|')
        .map((c) => c.trim()),
    );
  }
  return rows;
}

describe('docs of the loop in operation', () => {
  it('docs/notify.md routes every severity to channels with a cadence', () => {
    const rows = table(read('docs/notify.md'), '| severity (default routing) | channels | cadence |');
    expect(rows.map((r) => r[0])).toEqual(['critical', 'high', 'medium', 'low']);
    for (const [, channels, cadence] of rows) {
      expect(channels).not.toBe('');
      expect(cadence).not.toBe('');
    }
  });

  it('docs/closed-loop.md defines every KPI that has a target in the configuration schema', () => {
    const schema = JSON.parse(read('docs/closed-loop.schema.json')) as {
      properties: { value_discovery: { properties: { kpis: { properties: { targets: { properties: Record<string, unknown> } } } } } };
    };
    const targets = Object.keys(schema.properties.value_discovery.properties.kpis.properties.targets.properties);
    const rows = table(read('docs/closed-loop.md'), '| KPI | definition | target (default) |');
    const documented = rows.flatMap((r) => [...(r[2] ?? '').matchAll(/`(\w+)`/g)].map((m) => m[1]));
    expect(documented.sort()).toEqual([...targets].sort());
    expect(rows.map((r) => r[0])).toEqual(expect.arrayContaining(['MTTD', 'MTTR', 'auto-recovery success rate', 'false transient rate', 'escalations']));
  });

  it("docs/closed-loop.md lists closed-loop.yml's manual-run inputs", () => {
    const workflow = yaml.load(read('.github/workflows/closed-loop.yml')) as { on: { workflow_call: { inputs: Record<string, unknown> } } };
    const manual = ['run-id', 'workflow', 'since-hours', 'max-runs', 'mode', 'failure-category'];
    expect(Object.keys(workflow.on.workflow_call.inputs)).toEqual(expect.arrayContaining(manual));
    const rows = table(read('docs/closed-loop.md'), '| `closed-loop.yml` input | meaning |');
    expect(rows.map((r) => r[0]?.replace(/`/g, ''))).toEqual(manual);
  });
});
