import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import {
  checkOutputFile,
  checkWeights,
  combineReports,
  discover,
  discoverSettings,
  errorMessage,
  escapeInline,
  harvestLocal,
  findBoardResets,
  listLoopIssues,
  listRecentRuns,
  leftOutSection,
  loadConfig,
  recoverSettings,
  parseDependencyReport,
  parseNpmAudit,
  parseNpmOutdated,
  publishDashboard,
  table,
  valueSarif,
  withGroup,
  ConfigurationError,
  type ActionRuntime,
  type DependencyReport,
  type Clock,
  type Git,
  type GitHubClient,
  type Harvest,
  type RepoRef,
  type ValueMetrics,
} from '@closed-loop/core';
import type { ActionInputs } from './inputs.js';

/** Items in the `top-items` output: enough for a follow-up step, small enough for a job output. */
const TOP_OUTPUT = 10;

export interface RunDeps {
  runtime: ActionRuntime;
  client: GitHubClient;
  git: Git;
  clock: Clock;
  repo: RepoRef;
}

export interface RunResult {
  metrics: ValueMetrics;
  dashboardIssue?: number;
  opened: number[];
}

function readInput(workspace: string, input: string, path: string): string {
  const full = isAbsolute(path) ? path : join(workspace, path);
  if (!existsSync(full))
    throw new ConfigurationError(
      `Input ${input}: file ${path} does not exist; write it in an earlier step (e.g. \`npm audit --json > ${path} || true\`) or leave ${input} empty.`,
    );
  if (statSync(full).isDirectory()) throw new ConfigurationError(`Input ${input}: ${path} is a directory; give the path of the tool's JSON report.`);
  return readFileSync(full, 'utf8');
}

/** Dependencies come from the tools' own JSON, produced by earlier steps (this action needs no registry access). */
function readDependencies(workspace: string, inputs: ActionInputs): (Harvest['dependencies'] & { note: string }) | undefined {
  const reports: (DependencyReport & { source: string })[] = [];
  if (inputs.npmAuditFile) {
    const source = `npm-audit-file (${inputs.npmAuditFile})`;
    reports.push({
      tool: 'npm audit',
      vulnerabilities: parseNpmAudit(readInput(workspace, 'npm-audit-file', inputs.npmAuditFile), source),
      outdated: [],
      source,
    });
  }
  if (inputs.npmOutdatedFile) {
    const source = `npm-outdated-file (${inputs.npmOutdatedFile})`;
    reports.push({
      tool: 'npm outdated',
      vulnerabilities: [],
      outdated: parseNpmOutdated(readInput(workspace, 'npm-outdated-file', inputs.npmOutdatedFile), source),
      source,
    });
  }
  for (const file of inputs.dependencyReports)
    reports.push({ ...parseDependencyReport(readInput(workspace, 'dependency-reports', file), `dependency-reports (${file})`, workspace), source: file });
  return reports.length ? combineReports(reports) : undefined;
}

/**
 * The harvest reads the repository's history: without a checkout there is nothing to read (and no config
 * file), which is said in one line naming the workspace, not as git's own error from deep in the harvest.
 */
async function requireCheckout(git: Git): Promise<void> {
  const inside =
    existsSync(git.cwd) &&
    (await git.run(['rev-parse', '--is-inside-work-tree'], { okExitCodes: [128] }).then(
      (r) => r.exitCode === 0 && r.stdout.toString('utf8').trim() === 'true',
      () => false,
    ));
  if (!inside)
    throw new ConfigurationError(
      `The workspace ${git.cwd} (GITHUB_WORKSPACE) holds no git checkout; add actions/checkout with fetch-depth: 0 before value-discovery.`,
    );
}

/** Harvest → score → dashboard → value-metrics.json (+ SARIF). Bad input fails before anything is written. */
export async function run(inputs: ActionInputs, deps: RunDeps): Promise<RunResult> {
  const { runtime, client, git, clock, repo } = deps;
  const { logger, redactor } = runtime;
  const workspace = git.cwd;
  await requireCheckout(git);
  const configFile = join(workspace, inputs.configPath);
  const config = loadConfig(existsSync(configFile) ? readFileSync(configFile, 'utf8') : undefined, inputs.configPath);
  const settings = discoverSettings(config);
  checkWeights(settings.scoring_weights);
  // Where the results go is checked first: a folder named as metrics-file must not cost the whole harvest.
  const metricsPath = isAbsolute(inputs.metricsFile) ? inputs.metricsFile : join(workspace, inputs.metricsFile);
  const sarifPath = inputs.sarifFile && (isAbsolute(inputs.sarifFile) ? inputs.sarifFile : join(workspace, inputs.sarifFile));
  checkOutputFile(metricsPath, 'Input metrics-file', inputs.metricsFile);
  if (sarifPath) checkOutputFile(sarifPath, 'Input sarif-file', inputs.sarifFile);
  const dependencies = readDependencies(workspace, inputs);
  const now = clock.now();

  const local = await withGroup(logger, 'Harvesting the repository', () =>
    harvestLocal(git, settings, {
      now,
      onProgress: (n) => {
        logger.info(`History walk: ${n} commits read…`);
      },
    }),
  );
  logger.info(`Read ${local.commits} commits, ${local.files?.length ?? 0} files, ${local.markers?.hits.length ?? 0} debt markers.`);

  // Recover's own breaker settings: the dashboard's breakers and their resets are judged as recover judges them.
  const breaker = recoverSettings(config).breaker;
  const harvest: Harvest = { ...local, repository: `${repo.owner}/${repo.repo}`, skipped: {} };
  if (dependencies) {
    harvest.dependencies = { vulnerabilities: dependencies.vulnerabilities, outdated: dependencies.outdated };
    harvest.notes = { ...harvest.notes, dependencies: dependencies.note };
  } else harvest.skipped = { ...harvest.skipped, dependencies: 'no dependency-reports, npm-audit-file or npm-outdated-file given' };
  await withGroup(logger, 'Reading CI health from the Actions API', async () => {
    try {
      // The KPIs compare two periods: read at least both.
      const days = Math.max(settings.ci_window_days, 2 * settings.kpis.period_days);
      const [runs, issues] = await Promise.all([listRecentRuns(client, repo, days, now), listLoopIssues(client, repo, settings.loop_issue_label, days, now)]);
      harvest.ci = { runs, issues, resets: await findBoardResets(client, repo, runs, issues, now, breaker) };
      logger.info(`${runs.length} workflow runs and ${issues.length} closed-loop issues in the last ${days} days.`);
    } catch (error) {
      // A token without actions:read still gets a backlog; the gap is stated, not hidden.
      const note = `API unavailable: ${errorMessage(error)}`;
      logger.warning(`CI health skipped: ${note}`);
      harvest.skipped = { ...harvest.skipped, 'ci-health': note };
    }
  });

  let metrics = discover(harvest, settings, now, breaker);
  const result: RunResult = { metrics, opened: [] };
  if (inputs.dashboard) {
    const published = await withGroup(logger, 'Updating the dashboard issue', () =>
      publishDashboard(client, repo, metrics, {
        label: inputs.dashboardLabel,
        top: inputs.top,
        maxNewIssues: inputs.maxNewIssues,
        today: new Date(now).toISOString().slice(0, 10),
        retentionDays: settings.resolved_retention_days,
        redact: (text) => redactor.redact(text),
      }),
    );
    metrics = { ...metrics, resolved: published.resolved };
    Object.assign(result, { metrics, dashboardIssue: published.dashboard.number, opened: published.opened.map((o) => o.number) });
    logger.info(`Dashboard #${published.dashboard.number} ${published.action}; ${published.opened.length} issue(s) opened from ticked boxes.`);
  }

  writeFileSync(metricsPath, redactor.redact(`${JSON.stringify(metrics, null, 2)}\n`));
  if (sarifPath) writeFileSync(sarifPath, redactor.redact(`${JSON.stringify(valueSarif(metrics, runtime.context.serverUrl), null, 2)}\n`));

  runtime.setOutput('metrics-file', metricsPath);
  runtime.setOutput('items', metrics.items.length);
  runtime.setOutput(
    'top-items',
    metrics.items.slice(0, TOP_OUTPUT).map((i) => ({ id: i.id, kind: i.kind, title: i.title, score: i.scores.composite })),
  );
  runtime.setOutput('dashboard-issue', result.dashboardIssue ?? '');
  runtime.setOutput('opened-issues', result.opened);
  await runtime.writeSummary(summary(metrics, inputs.top, result.dashboardIssue));
  return result;
}

function summary(metrics: ValueMetrics, top: number, dashboard: number | undefined): string {
  const rows = metrics.items.slice(0, Math.min(top, 20)).map((i) => [i.scores.composite.toFixed(1), i.kind, i.title]);
  const skipped = metrics.signals.filter((s) => s.status === 'skipped').map((s) => `${s.signal} (${s.note ?? 'skipped'})`);
  return [
    `## Value discovery: ${metrics.items.length} item${metrics.items.length === 1 ? '' : 's'}${dashboard ? ` — dashboard #${dashboard}` : ''}`,
    '',
    rows.length ? table(['Score', 'Kind', 'Item'], rows) : '_No work items._',
    '',
    skipped.length ? `Skipped signals: ${escapeInline(skipped.join('; '))}` : 'All signals read.',
    '',
    leftOutSection(metrics),
  ].join('\n');
}
