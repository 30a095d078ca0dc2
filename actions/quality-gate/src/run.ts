import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import {
  checkCommits,
  commitProblems,
  commentGateReport,
  compareBenchmarks,
  ConfigurationError,
  evaluateCoverage,
  GIT_LOG_FORMAT,
  httpStatus,
  latestArtifactFile,
  loadConfig,
  overallState,
  parseGitLog,
  qualityGateSettingsOf,
  rangeDiff,
  readBench,
  readCoverage,
  renderGateReport,
  seededRandom,
  type ActionEvent,
  type ActionRuntime,
  type Benchmark,
  type GateReport,
  type GateState,
  type Git,
  type GitHubClient,
} from '@closed-loop/core';
import { targetOf } from './event.js';
import type { ActionInputs } from './inputs.js';

export interface Deps {
  runtime: ActionRuntime;
  client: GitHubClient;
  git: Git;
  event: ActionEvent;
  /** `owner/name` of the repository (GITHUB_REPOSITORY). */
  repository: string;
}

export interface RunResult {
  report: GateReport;
  state: GateState;
  reportPath: string;
}

function readInput(git: Git, path: string, input: string): { text: string; name: string } {
  const full = isAbsolute(path) ? path : join(git.cwd, path);
  if (!existsSync(full)) throw new ConfigurationError(`${input} ${path} does not exist; write it in an earlier step or fix the path.`);
  return { text: readFileSync(full, 'utf8'), name: path };
}

/** Runs the gates the inputs ask for over the event's change, then reports once: summary, sticky comment, outputs. */
export async function run(inputs: ActionInputs, deps: Deps): Promise<RunResult> {
  const { runtime, client, git } = deps;
  const { logger } = runtime;
  const [owner, repo] = deps.repository.split('/') as [string, string];
  const target = targetOf(deps.event.name, deps.event.payload);
  for (const rev of [target.base, target.head])
    if (!(await git.tryResolve(rev)))
      throw new ConfigurationError(`commit ${rev} is not in the checkout; use actions/checkout with fetch-depth: 0 before quality-gate.`);

  // Thresholds come from the merge base: a pull request cannot lower its own bar (its edits apply once merged).
  const mergeBase = (await git.mergeBases(target.base, target.head))[0] ?? target.base;
  const configText = await git.readFile(mergeBase, inputs.configPath);
  const section = configText === undefined ? undefined : loadConfig(configText, inputs.configPath).quality_gate;
  const settings = qualityGateSettingsOf(section);
  if (inputs.minPatch !== undefined) settings.coverage.minPatch = inputs.minPatch;
  if (inputs.tolerance !== undefined) settings.bench.tolerance = inputs.tolerance;

  const report: GateReport = {};
  if (inputs.coverageReport) {
    const head = readInput(git, inputs.coverageReport, 'coverage-report');
    const base = inputs.coverageBaseReport ? readInput(git, inputs.coverageBaseReport, 'coverage-base-report') : undefined;
    report.coverage = evaluateCoverage(readCoverage(head.text, head.name), settings.coverage, {
      diff: await rangeDiff(git, `${mergeBase}..${target.head}`),
      ...(base ? { base: readCoverage(base.text, base.name) } : {}),
    });
  }

  if (inputs.benchResults) {
    const head = readInput(git, inputs.benchResults, 'bench-results');
    const headResults = readBench(head.text, head.name).benchmarks;
    let base: Benchmark[] | undefined;
    if (inputs.benchBase) {
      const file = readInput(git, inputs.benchBase, 'bench-base');
      base = readBench(file.text, file.name).benchmarks;
    } else if (target.defaultBranch) {
      const found = await latestArtifactFile(client, { owner, repo }, target.defaultBranch, settings.bench.artifact).catch((error: unknown) => {
        // A token without `actions: read` cannot list runs: a missing base, said so, not a crash.
        if (httpStatus(error) === 403 || httpStatus(error) === 404) return undefined;
        throw error;
      });
      if (found) {
        logger.info(`Benchmark base: ${found.file} from artifact ${settings.bench.artifact} of run ${found.runId} (${found.headSha.slice(0, 12)}).`);
        base = readBench(found.text, `${settings.bench.artifact}/${found.file}`).benchmarks;
      }
    }
    report.bench = compareBenchmarks(headResults, base, settings.bench, seededRandom(inputs.seed));
  }

  if (inputs.commits) {
    const log = (await git.run(['log', GIT_LOG_FORMAT, '--end-of-options', `${target.base}..${target.head}`])).stdout.toString('utf8');
    const verdicts = checkCommits(parseGitLog(log), settings.commits, target.title);
    const problems = commitProblems(verdicts);
    report.commits = { verdicts, problems, passed: problems.length === 0 };
  }

  const state = overallState(report);
  for (const f of report.coverage?.failures ?? []) logger.error(`Coverage: ${f}`);
  for (const c of report.bench?.comparisons.filter((x) => x.regressed) ?? [])
    logger.error(`Benchmark ${c.name} is ${(((c.ratio ?? 1) - 1) * 100).toFixed(1)}% slower than the base (tolerance ${settings.bench.tolerance}%).`);
  for (const p of report.commits?.problems ?? []) logger.error(runtime.redactor.redact(p));
  for (const n of [...(report.coverage?.notes ?? []), ...(report.bench?.notes ?? [])]) logger.warning(n);

  const markdown = runtime.redactor.redact(renderGateReport(report));
  await runtime.writeSummary(markdown);
  if (inputs.comment && target.pullNumber !== undefined) await commentGateReport(client, { owner, repo }, target.pullNumber, markdown, logger);

  const reportPath = join(git.cwd, '.quality-gate', 'report.json');
  mkdirSync(dirname(reportPath), { recursive: true });
  writeFileSync(reportPath, `${runtime.redactor.redact(JSON.stringify({ state, ...report }, null, 2))}\n`);
  runtime.setOutput('result', state);
  runtime.setOutput('total', report.coverage?.total.percent ?? '');
  runtime.setOutput('patch', report.coverage?.patch?.percent ?? '');
  runtime.setOutput(
    'regressed',
    (report.bench?.comparisons ?? [])
      .filter((c) => c.regressed)
      .map((c) => c.name)
      .join(','),
  );
  runtime.setOutput('invalid-commits', report.commits?.problems.length ?? 0);
  runtime.setOutput('report-path', reportPath);
  return { report, state, reportPath };
}
