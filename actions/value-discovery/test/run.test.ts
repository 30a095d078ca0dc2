// The value-discovery action's adapter: inputs → config → harvest → dashboard → files and outputs.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import {
  ConfigurationError,
  Git,
  GitHubClient,
  Inputs,
  ManualClock,
  mapInputs,
  recordingRuntime,
  VALUE_METRICS_SCHEMA,
  DASHBOARD_MARKER,
  type ValueMetrics,
} from '@closed-loop/core';
import { startFakeGitHub, type FakeGitHub } from '@closed-loop/testkit';
import { AUDIT, OUTDATED } from '../../../packages/core/test/discover/fixtures.js';
import { readInputs } from '../src/inputs.js';
import { run } from '../src/run.js';

const ENV = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e', GIT_CONFIG_NOSYSTEM: '1', HOME: tmpdir() };
const NOW = Date.UTC(2026, 1, 1, 12);
let fake: FakeGitHub;
let dir: string;

const write = (path: string, text: string) => {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
};

beforeAll(async () => {
  fake = await startFakeGitHub();
  dir = mkdtempSync(join(tmpdir(), 'cl-vd-action-'));
  const git = new Git(dir, ENV);
  await git.run(['init', '-q', '-b', 'main']);
  for (let i = 0; i < 4; i++) {
    write('src/engine.ts', `export function run(x: number) {\n  // TODO: cache results\n${'  if (x > 1) {\n    x--;\n  }\n'.repeat(i + 3)}  return x;\n}\n`);
    await git.run(['add', '-A']);
    const date = `@${Math.floor(NOW / 1000) - (10 - i) * 86400} +0000`;
    await git.run(['commit', '-q', '-m', `change ${i}`], { env: { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } });
  }
  write('audit.json', AUDIT);
  write('outdated.json', OUTDATED);
  const deps = join(dirname(fileURLToPath(import.meta.url)), '../../../packages/core/test/discover/deps');
  write('reports/osv.json', readFileSync(join(deps, 'osv-scanner.json'), 'utf8'));
  write('reports/govulncheck.json', readFileSync(join(deps, 'govulncheck-json.txt'), 'utf8'));
});
beforeEach(() => fake.reset());
afterAll(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

function harness(values: Record<string, string>) {
  const { runtime, logger, outputs, summaries } = recordingRuntime(values);
  const clock = new ManualClock(NOW);
  const client = new GitHubClient({ baseUrl: fake.url, token: 'test-token', timeScaleMs: 1, writeSpacingMs: 0, logger }, clock);
  const deps = { runtime, client, git: new Git(dir, ENV), clock, repo: { owner: 'acme', repo: 'widgets' } };
  return { inputs: readInputs(runtime.inputs), deps, logger, outputs, summaries };
}

describe('value-discovery action', () => {
  it('harvests, scores, writes the dashboard, value-metrics.json and SARIF, and sets outputs', async () => {
    fake.state.runs.add({ workflow: 'CI', conclusion: 'failure', created_at: '2026-01-30T00:00:00Z' });
    fake.state.runs.add({ workflow: 'CI', conclusion: 'failure', created_at: '2026-01-30T01:00:00Z' });
    fake.state.runs.add({ workflow: 'CI', conclusion: 'success', created_at: '2026-01-30T02:00:00Z' });
    const h = harness({ 'npm-audit-file': 'audit.json', 'npm-outdated-file': 'outdated.json', 'sarif-file': 'vd.sarif', 'metrics-file': 'out/vm.json' });
    mkdirSync(join(dir, 'out'), { recursive: true });
    const result = await run(h.inputs, h.deps);
    fake.assertNoViolations();

    const metrics = JSON.parse(readFileSync(join(dir, 'out/vm.json'), 'utf8')) as ValueMetrics;
    expect(new Ajv2020({ strict: false }).compile(VALUE_METRICS_SCHEMA)(metrics)).toBe(true);
    expect(metrics.signals.every((s) => s.status === 'ok')).toBe(true);
    const kinds = new Set(metrics.items.map((i) => i.kind));
    expect([...kinds].sort()).toEqual(['ci-health', 'debt-marker', 'dependency', 'hotspot']);
    expect(metrics.items[0]?.scores.composite).toBeGreaterThanOrEqual(metrics.items[1]?.scores.composite ?? 0);
    expect(metrics.loopHealth?.kpis.mttr_minutes.current.n).toBe(1);

    const sarif = JSON.parse(readFileSync(join(dir, 'vd.sarif'), 'utf8')) as { runs: unknown[] };
    expect(sarif.runs).toHaveLength(6);
    const dashboard = fake.state.issues.list().find((i) => i.body?.includes(DASHBOARD_MARKER));
    expect(dashboard?.number).toBe(result.dashboardIssue);
    expect(h.outputs).toMatchObject({ items: metrics.items.length, 'dashboard-issue': result.dashboardIssue, 'opened-issues': [] });
    expect(h.outputs['top-items']).toEqual(metrics.items.slice(0, 10).map((i) => ({ id: i.id, kind: i.kind, title: i.title, score: i.scores.composite })));
    expect(h.summaries[0]).toContain(`## Value discovery: ${metrics.items.length} items — dashboard #${result.dashboardIssue}`);
    expect(h.logger.openGroups).toBe(0);
  });

  it('reads dependency reports of any ecosystem: one item per vulnerable package, with its fix', async () => {
    const h = harness({ dashboard: 'false', 'dependency-reports': 'reports/osv.json\nreports/govulncheck.json' });
    const result = await run(h.inputs, h.deps);
    const deps = result.metrics.items.filter((i) => i.kind === 'dependency');
    expect(deps.map((i) => i.text).sort()).toEqual([
      'Go:github.com/aws/aws-sdk-go',
      'Go:github.com/gogo/protobuf',
      'Go:golang.org/x/net',
      'PyPI:Jinja2',
      'PyPI:requests',
    ]);
    expect(deps.find((i) => i.text === 'Go:golang.org/x/net')?.evidence).toMatchObject({
      fixedIn: 'v0.23.0',
      called: true,
      sources: 'osv-scanner, govulncheck',
    });
    expect(result.metrics.signals.find((s) => s.signal === 'dependencies')?.note).toBe(
      'read osv-scanner (reports/osv.json), govulncheck (reports/govulncheck.json)',
    );
    expect(() => readInputs(new Inputs(mapInputs({ 'github-token': 't' })))).not.toThrow();
  });

  it('names a dependency report it cannot read', async () => {
    write('reports/bad.json', '{"hello": 1}');
    const h = harness({ dashboard: 'false', 'dependency-reports': 'reports/bad.json' });
    await expect(run(h.inputs, h.deps)).rejects.toThrow(/dependency-reports \(reports\/bad\.json\): not a report this reads/);
  });

  it('still ranks what it can when the Actions API refuses, and says so', async () => {
    fake.addToken('weak-token', { login: 'github-actions[bot]', permissions: { issues: 'write', actions: 'none' } });
    const h = harness({ dashboard: 'false' });
    h.deps.client = new GitHubClient({ baseUrl: fake.url, token: 'weak-token', timeScaleMs: 1, writeSpacingMs: 0 }, new ManualClock(NOW));
    const result = await run(h.inputs, h.deps);
    expect(result.metrics.signals.find((s) => s.signal === 'ci-health')).toMatchObject({ status: 'skipped' });
    expect(result.metrics.signals.find((s) => s.signal === 'dependencies')?.note).toContain('no dependency-reports');
    expect(h.logger.messages('warning').join('\n')).toContain('CI health skipped');
    expect(fake.writes).toHaveLength(0);
    expect(h.outputs['dashboard-issue']).toBe('');
  });

  it('rejects bad input with one line naming it, before writing anything', async () => {
    expect(() => readInputs(new Inputs(mapInputs({ 'github-token': 't', top: '0' })))).toThrow(
      new ConfigurationError('Input top must be a whole number from 1 to 500, got 0.'),
    );
    const missing = harness({ 'npm-audit-file': 'nope.json' });
    await expect(run(missing.inputs, missing.deps)).rejects.toThrow(/^Input npm-audit-file: file nope.json does not exist/);
    write('.github/closed-loop.yml', 'value_discovery:\n  scoring_weights:\n    wsjf: 0\n    ice: 0\n    technical_debt: 0\n    security: 0\n');
    try {
      const zero = harness({});
      await expect(run(zero.inputs, zero.deps)).rejects.toThrow(/scoring_weights: at least one weight must be above 0/);
      write('.github/closed-loop.yml', 'value_discovery:\n  scoring_weight: {}\n');
      await expect(run(zero.inputs, zero.deps)).rejects.toThrow(/\.github\/closed-loop\.yml:2:3: value_discovery\.scoring_weight is not a known setting/);
    } finally {
      rmSync(join(dir, '.github'), { recursive: true, force: true });
    }
    expect(fake.writes).toHaveLength(0);
  });

  it('no checkout: one line naming the workspace and the fix (actions/checkout), before any API call', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'cl-vd-empty-'));
    try {
      for (const workspace of [empty, join(empty, 'missing')]) {
        const h = harness({});
        await expect(run(h.inputs, { ...h.deps, git: new Git(workspace, { ...ENV, GIT_CEILING_DIRECTORIES: tmpdir() }) })).rejects.toThrow(
          new ConfigurationError(
            `The workspace ${workspace} (GITHUB_WORKSPACE) holds no git checkout; add actions/checkout with fetch-depth: 0 before value-discovery.`,
          ),
        );
      }
      expect(fake.requests).toEqual([]);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('an output path that cannot be written is rejected in one line before the harvest and any API call', async () => {
    write('out-is-a-file', 'x\n');
    mkdirSync(join(dir, 'metrics-dir'), { recursive: true });
    mkdirSync(join(dir, 'audit-dir'), { recursive: true });
    try {
      const cases: [Record<string, string>, RegExp][] = [
        [{ 'metrics-file': 'metrics-dir' }, /^Input metrics-file: metrics-dir is a directory; give the path of a file to write\.$/],
        [{ 'sarif-file': 'out-is-a-file/value.sarif' }, /^Input sarif-file: .*out-is-a-file \(in out-is-a-file\/value\.sarif\) is a file, not a directory/],
        [{ 'npm-audit-file': 'audit-dir' }, /^Input npm-audit-file: audit-dir is a directory/],
      ];
      for (const [values, expected] of cases) {
        const h = harness(values);
        await expect(run(h.inputs, h.deps)).rejects.toThrow(expected);
        expect(h.logger.messages('info').join('\n')).not.toMatch(/History walk|Read \d+ commits/);
      }
      expect(fake.requests).toEqual([]);
    } finally {
      for (const p of ['out-is-a-file', 'metrics-dir', 'audit-dir']) rmSync(join(dir, p), { recursive: true, force: true });
    }
  });
});
