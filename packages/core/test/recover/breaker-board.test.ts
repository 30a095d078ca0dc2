// The dashboard's breaker table comes from recover's own breakerState over the same run history.
import { describe, expect, it } from '@jest/globals';
import { breakerBoard, type BoardRun } from '../../src/recover/breaker-board.js';
import { breakerState } from '../../src/recover/breaker.js';
import { recoverSettings } from '../../src/recover/settings.js';
import { breakerSection, renderDashboard } from '../../src/discover/dashboard.js';
import { discover } from '../../src/discover/engine.js';
import { discoverSettings } from '../../src/discover/settings.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { loadConfig } from '../../src/config/load.js';
import { VALUE_METRICS_SCHEMA } from '../../src/discover/model.js';

const NOW = Date.parse('2026-03-02T12:00:00Z');
const min = (m: number) => new Date(NOW - m * 60_000).toISOString();
const settings = recoverSettings().breaker;

let id = 1;
function run(path: string, branch: string, conclusion: string, minutesAgo: number, attempt = 1): BoardRun {
  return {
    id: id++,
    name: path.includes('ci') ? 'CI' : 'Lint',
    path,
    head_branch: branch,
    status: 'completed',
    conclusion,
    run_attempt: attempt,
    created_at: min(minutesAgo + 5),
    updated_at: min(minutesAgo),
  };
}

// CI on main: failed five times in a row, a few minutes ago → open for categories whose cool-down is longer.
const ciMain = [2, 4, 6, 8, 10]
  .map((m) => run('.github/workflows/ci.yml', 'main', 'failure', m))
  .concat(run('.github/workflows/ci.yml', 'main', 'success', 60));
const lintMain = [run('.github/workflows/lint.yml', 'main', 'success', 1), run('.github/workflows/lint.yml', 'main', 'failure', 3)];

describe('breakerBoard', () => {
  it('says open/half-open per workflow, branch and category exactly as breakerState does', () => {
    const rows = breakerBoard([...ciMain, ...lintMain], NOW, settings);
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.path))).toEqual(new Set(['.github/workflows/ci.yml']));
    for (const row of rows) {
      const history = ciMain.map((r) => ({
        id: r.id,
        attempt: 1,
        status: 'completed',
        conclusion: r.conclusion,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
        rerunByUs: false,
      }));
      const view = breakerState(history, NOW, row.category, settings);
      expect([row.state, row.failures, row.reopensAt]).toEqual([view.state, view.consecutiveFailures, view.reopensAt]);
      expect(row).toMatchObject({ workflow: 'CI', branch: 'main', failures: 5, volume: 6 });
    }
    expect(rows.find((r) => r.category === 'infrastructure')).toMatchObject({ state: 'open', since: min(2) });
  });

  it('a reset forgets the runs before it, for that category only: that breaker is closed again', () => {
    const open = breakerBoard(ciMain, NOW, settings).map((r) => r.category);
    expect(open).toContain('infrastructure');
    const rows = breakerBoard(ciMain, NOW, settings, { '.github/workflows/ci.yml@main': { infrastructure: Date.parse(min(1)) } });
    expect(rows.map((r) => r.category)).toEqual(open.filter((c) => c !== 'infrastructure'));
    // A reset older than the failures that tripped the breaker leaves every breaker as it was.
    const state = (resets = {}) => breakerBoard(ciMain, NOW, settings, resets).map((r) => `${r.category} ${r.state}`);
    expect(state({ '.github/workflows/ci.yml@main': { infrastructure: Date.parse(min(20)) } })).toEqual(state());
  });

  it('renders a table with state, since, counts and how to reset; all closed says so', () => {
    const body = breakerSection(breakerBoard(ciMain, NOW, settings));
    expect(body).toContain('### Circuit breakers');
    expect(body).toMatch(/\| CI \| main \| infrastructure \| 🔴 open \| 2026-03-02 11:58 \| 5 of 6 \|/);
    expect(body).toContain('/closed-loop reset <category>');
    expect(body).toContain('closed-loop:reset-breaker');
    expect(breakerSection([])).toContain('All closed');
  });

  it('reaches the dashboard and value-metrics.json through discover (schema-valid)', () => {
    const ci = { runs: ciMain.map((r) => ({ ...r, head_sha: 'a'.repeat(40) })), issues: [] };
    const metrics = discover({ sha: 'a'.repeat(40), ci }, discoverSettings(loadConfig(undefined)), NOW, settings);
    expect(metrics.breakers?.length).toBeGreaterThan(0);
    const validate = new Ajv2020({ strict: false }).compile(VALUE_METRICS_SCHEMA);
    expect([validate(metrics), validate.errors ?? null]).toEqual([true, null]);
    expect(renderDashboard(metrics, { top: 25, maxNewIssues: 3, issues: new Map(), ticked: new Set() })).toContain('### Circuit breakers');
  });
});
