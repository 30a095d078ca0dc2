import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import {
  applyBaseline,
  atOrAbove,
  bypassCovers,
  buildReport,
  checkOutputDir,
  checkOutputFile,
  commitsDiff,
  emptyTree,
  ConfigurationError,
  emptyBaseline,
  fileFindingIssues,
  findBypass,
  loadConfig,
  parseBaseline,
  rangeDiff,
  reportFileName,
  scanConfigOf,
  scanOptionsOf,
  Scanner,
  systemClock,
  toSarif,
  VERSION,
  withGroup,
  type ActionEvent,
  type ActionRuntime,
  type Bypass,
  type Clock,
  type Git,
  type GitHubClient,
  type Logger,
  type ScanReport,
  type Finding,
  type ScanSeverity,
} from '@closed-loop/core';
import { targetOf, type ScanTarget } from './event.js';
import type { ActionInputs } from './inputs.js';
import { renderSummary } from './summary.js';

export interface Deps {
  runtime: ActionRuntime;
  client: GitHubClient;
  git: Git;
  event: ActionEvent;
  /** `owner/name` of the repository (GITHUB_REPOSITORY). */
  repository: string;
  clock?: Clock;
}

export interface RunResult {
  report: ScanReport | undefined;
  reportPath: string | undefined;
}

/** The range to diff: the event's, or for a new branch (or a force push whose old tip is gone) every commit new to the repository. */
async function diffRange(git: Git, target: ScanTarget, logger: Logger): Promise<string> {
  if (!(await git.tryResolve(target.head)))
    throw new ConfigurationError(`commit ${target.head} is not in the checkout; check out the event's commit before secret-scan.`);
  if (target.range) {
    const [from] = target.range.split(/\.\.\.?/);
    if (await git.tryResolve(from ?? '')) return target.range;
    if (target.mode !== 'push')
      throw new ConfigurationError(`commit ${from ?? ''} is not in the checkout; use actions/checkout with fetch-depth: 0 before secret-scan.`);
    logger.warning(`The push's previous tip ${from ?? ''} is not in the checkout (force push?): scanning every commit not on another branch or tag.`);
  }
  const known = await knownBoundary(git, target);
  if (known) return `${known}..${target.head}`;
  return `${await emptyTree(git)}..${target.head}`;
}

/**
 * Where the commits new to the repository begin: the newest commit of head's history that another branch
 * or tag already holds (their merge-base), so a new branch of ten commits is scanned over all ten, not
 * only its tip. Undefined when no other ref shares its history (then everything is new).
 */
async function knownBoundary(git: Git, target: ScanTarget): Promise<string | undefined> {
  const branch = target.ref?.replace(/^refs\/heads\//, '');
  const own = new Set(branch ? [`refs/heads/${branch}`, `refs/remotes/origin/${branch}`] : []);
  const refs = (await git.text(['for-each-ref', '--format=%(refname)', 'refs/heads', 'refs/remotes', 'refs/tags']))
    .split('\n')
    .filter((r) => r && !own.has(r) && !r.endsWith('/HEAD'));
  if (!refs.length) return undefined;
  const boundary = await git.text(['rev-list', '--boundary', '--topo-order', target.head, '--not', ...refs]);
  // `-<sha>` lines are the known commits the new ones grow from; with none, head itself is known (nothing new).
  const edges = boundary.split('\n').filter((l) => l.startsWith('-'));
  if (!boundary.trim()) return target.head;
  if (edges.length <= 1) return edges[0]?.slice(1);
  // Several (a merge of known branches): their merge-base covers every new commit, at worst re-scanning known ones.
  const [first, ...rest] = edges.map((l) => l.slice(1));
  const bases = await git.text(['merge-base', '--octopus', first as string, ...rest]);
  return bases.split('\n')[0] || undefined;
}

/** The commit whose config and baseline apply: the start of the range (for `A...B`, the merge base). */
async function trustedRevision(git: Git, range: string): Promise<string | undefined> {
  const [from, to] = range.split(/\.\.\.?/) as [string, string];
  if (range.includes('...')) return (await git.mergeBases(from, to))[0];
  return (await git.tryResolve(from)) ?? undefined;
}

/** Scans what the PR or push adds, applies pragmas, baseline and bypass, then reports everywhere. */
export async function run(inputs: ActionInputs, deps: Deps): Promise<RunResult> {
  const { runtime, client, git } = deps;
  const { logger } = runtime;
  const now = new Date((deps.clock ?? systemClock).now());
  const [owner, repo] = deps.repository.split('/') as [string, string];
  const target = targetOf(deps.event.name, deps.event.payload);
  if (!target) {
    logger.info('Nothing added by this event (branch deletion): no scan.');
    runtime.setOutput('findings', 0);
    runtime.setOutput('blocked', false);
    return { report: undefined, reportPath: undefined };
  }

  const range = await diffRange(git, target, logger);
  // Settings and baseline come from before the change (the merge base of a PR, the commit before a
  // push): a change cannot exclude itself or accept its own secret. Their edits apply once merged.
  const trusted = await trustedRevision(git, range);
  const notes: string[] = [];
  const readTrusted = async (path: string, what: string): Promise<string | undefined> => {
    const before = trusted ? await git.readFile(trusted, path) : undefined;
    const now = existsSync(join(git.cwd, path)) ? readFileSync(join(git.cwd, path), 'utf8') : undefined;
    if (trusted && now !== before)
      notes.push(`${what} \`${path}\` is changed by this ${target.mode.replace('_', ' ')}; the version from ${trusted.slice(0, 12)} applies.`);
    return trusted ? before : now;
  };
  const configText = await readTrusted(inputs.configPath, 'The config file');
  const config = scanConfigOf(configText === undefined ? undefined : loadConfig(configText, inputs.configPath).scan);
  const failOn = inputs.failOn ?? config.fail_on;
  const baselinePath = inputs.baseline ?? config.baseline;
  const scanner = new Scanner({ ...scanOptionsOf(config), includeSuppressed: true });
  // Where the report and SARIF go is checked before the scan and any API call, not when they are written.
  const reportDir = join(git.cwd, inputs.reportDir ?? config.report_dir);
  checkOutputDir(reportDir, inputs.reportDir ? 'Input report-dir' : `scan.report_dir of ${inputs.configPath}`, inputs.reportDir ?? config.report_dir);
  // Absolute as given (RUNNER_TEMP, say); relative to the workspace otherwise.
  const sarifPath = inputs.sarifFile && (isAbsolute(inputs.sarifFile) ? inputs.sarifFile : join(git.cwd, inputs.sarifFile));
  if (sarifPath) checkOutputFile(sarifPath, 'Input sarif-file', inputs.sarifFile);

  const { files, skipped } = await withGroup(logger, `Reading the lines added by ${range}`, async () => {
    // A push is scanned commit by commit (what each adds, even if a later one removes it); a PR or a
    // queued merge by what it adds as a whole.
    const [from, to] = range.split('..') as [string, string];
    const diff = target.mode === 'push' ? await commitsDiff(git, from, to) : await rangeDiff(git, range);
    const selected = scanner.select(diff);
    logger.info(`${selected.files.length} file(s) with added lines, ${selected.skipped.length} skipped.`);
    return selected;
  });

  const baselineText = await readTrusted(baselinePath, 'The baseline');
  // A baseline the workflow names must exist: silently scanning without it would re-block what it accepts.
  if (baselineText === undefined && inputs.baseline !== undefined)
    throw new ConfigurationError(
      `Input baseline: no file ${inputs.baseline}${trusted ? ` at ${trusted.slice(0, 12)}` : ''}; commit it, or remove the input to use scan.baseline.`,
    );
  const baseline = baselineText === undefined ? emptyBaseline() : parseBaseline(baselineText, baselinePath);
  for (const note of notes) logger.warning(note);
  const missing = new Set(baseline.entries.map((e) => e.file).filter((f) => !existsSync(join(git.cwd, f))));
  const { findings, stale } = applyBaseline(scanner.scan(files), baseline, { fullyScanned: new Set(), missing });

  // The API is asked about a bypass only when something would block.
  const wouldBlock = findings.some((f) => !f.suppressed && atOrAbove(f.severity, failOn)) || scanner.unlisted.length > 0;
  let bypass: Bypass | undefined;
  let bypassHelp = '';
  // An API failure (unreachable, no permission) must not hide what the scan found: the findings are
  // annotated, written and summarised first, and the failure is raised last, in its one line.
  let apiFailure: Error | undefined;
  if (target.pullNumber !== undefined && wouldBlock) {
    const keyword = config.bypass_keyword;
    const found = await findBypass(client, { owner, repo }, target.pullNumber, inputs.bypassLabel ?? config.bypass_label, keyword, target.head).catch(
      (e: unknown) => {
        apiFailure = e instanceof Error ? e : new Error(String(e));
        logger.warning('Could not look up a bypass for this pull request (see the error below): the findings are reported without one.');
        return { grant: undefined, refused: [] };
      },
    );
    const { grant, refused } = found;
    if (grant)
      bypass = {
        label: grant.label,
        by: grant.by,
        reason: runtime.redactor.redact(grant.reason),
        commentUrl: grant.commentUrl,
        commit: grant.commit,
        covers: grant.covers,
      };
    for (const r of refused) logger.warning(`Bypass comment by ${r.by} not counted: ${r.why}.`);
    bypassHelp = bypassInstructions(keyword, inputs.bypassLabel ?? config.bypass_label, target.head, findings, failOn, refused.length > 0);
  }

  const report = buildReport({
    findings,
    stale,
    failOn,
    source: {
      mode: target.mode,
      range,
      repository: deps.repository,
      commit: target.head,
      ...(target.pullNumber !== undefined ? { pullRequest: target.pullNumber } : {}),
    },
    now,
    version: VERSION,
    filesScanned: files.length,
    linesScanned: files.reduce((n, f) => n + f.lines.length, 0),
    skipped,
    unlisted: scanner.unlisted,
    ...(bypass ? { bypass } : {}),
  });

  // Annotations at file:line: errors for what blocks, warnings for the rest; previews are redacted already.
  for (const f of report.findings) {
    if (f.suppressed) continue;
    const message = runtime.redactor.redact(
      `${f.description} (${f.ruleId}, ${f.severity}): ${f.preview}${f.blocking && bypass && bypassCovers(bypass, f.fingerprint) ? ` (bypassed by ${bypass.by})` : ''}`,
    );
    const annotation = { title: `secret-scan: ${f.ruleId}`, file: f.file, startLine: f.line, startColumn: f.column };
    if (f.blocking && !bypassCovers(bypass, f.fingerprint)) logger.error(message, annotation);
    else logger.warning(message, annotation);
  }
  for (const s of stale) logger.warning(`Stale baseline entry ${s.fingerprint}: the secret is gone; run closed-loop scan --update-baseline.`, { file: s.file });

  mkdirSync(reportDir, { recursive: true });
  const reportPath = join(reportDir, reportFileName(now));
  writeFileSync(reportPath, `${runtime.redactor.redact(JSON.stringify(report, null, 2))}\n`);
  if (sarifPath) {
    mkdirSync(dirname(sarifPath), { recursive: true });
    writeFileSync(sarifPath, `${runtime.redactor.redact(JSON.stringify(toSarif(report), null, 2))}\n`);
    runtime.setOutput('sarif-path', sarifPath);
  }

  await runtime.writeSummary(renderSummary(report, notes, report.blocked ? bypassHelp : ''));
  runtime.setOutput('findings', report.findings.filter((f) => !f.suppressed).length);
  runtime.setOutput('blocked', report.blocked);
  runtime.setOutput('bypassed-by', bypass?.by ?? '');
  runtime.setOutput('report-path', reportPath);
  logger.info(`Report: ${reportPath}`);
  if (apiFailure !== undefined) throw apiFailure;
  // Issues last: everything above is already reported if the API refuses them.
  if (inputs.createIssues ?? config.create_issues) await fileFindingIssues(client, { owner, repo }, report, deps.repository);
  return { report, reportPath };
}

/** How a writer other than the author grants a bypass for exactly this head and these findings. */
function bypassInstructions(keyword: string, label: string, head: string, findings: readonly Finding[], failOn: ScanSeverity, refused: boolean): string {
  const fingerprints = findings.filter((f) => !f.suppressed && atOrAbove(f.severity, failOn)).map((f) => f.fingerprint);
  return [
    `${refused ? 'A bypass comment was not counted (see the log). ' : ''}To bypass, a maintainer other than the author comments, then (re-)applies the label \`${label}\`:`,
    '',
    '```',
    `${keyword} <why this is safe>`,
    head,
    ...fingerprints,
    '```',
  ].join('\n');
}
