import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import yaml from 'js-yaml';
import {
  applyBaseline,
  buildReport,
  ConfigurationError,
  decodeText,
  emptyBaseline,
  fileErrorPhrase,
  Git,
  GitError,
  LISTED_PER_FILE,
  LISTED_PER_RUN,
  parseBaseline,
  quickScanSection,
  rangeDiff,
  reportFileName,
  scanConfigOf,
  scanOptionsOf,
  Scanner,
  SCAN_SEVERITIES,
  serializeBaseline,
  stagedDiff,
  textLines,
  toSarif,
  updatedBaseline,
  VERSION,
  type ScanConfig,
  type ScanFile,
  type ScanReport,
  type ScanSeverity,
  CONFIG_PATH,
} from '@closed-loop/core';
import { readOptionalText } from '../files.js';
import { EXIT, jsonText, stringArg, type CliIO, type ParsedArgs, type CommandBody } from '../command.js';

async function repoRoot(cwd: string): Promise<string | undefined> {
  return new Git(cwd).text(['rev-parse', '--show-toplevel']).catch(() => undefined);
}

interface Collected {
  mode: ScanReport['source']['mode'];
  files: ScanFile[];
  skipped: { path: string; reason: string }[];
  /** Files read whole: baseline entries for them can be judged stale. */
  whole: Set<string>;
}

function readWhole(paths: string[], root: string, cwd: string, scanner: Scanner): Collected {
  const out: Collected = { mode: 'files', files: [], skipped: [], whole: new Set() };
  for (const given of paths) {
    const absolute = resolve(cwd, given);
    const path = relative(root, absolute).split('\\').join('/');
    const reason = scanner.skipReason(path);
    if (reason) {
      out.skipped.push({ path, reason });
      continue;
    }
    let bytes: Buffer;
    try {
      bytes = readFileSync(absolute);
    } catch (error) {
      throw new ConfigurationError(`--files ${given}: ${fileErrorPhrase(error) ?? 'cannot be read; pass files that exist and can be read'}.`);
    }
    const text = decodeText(bytes);
    if (text === undefined) {
      // Binary: only the file rules (a key store by its name or first bytes) can report it.
      const binary = { path, lines: [], head: bytes.subarray(0, 64) };
      if (scanner.scanFile(binary).length) out.files.push(binary);
      else out.skipped.push({ path, reason: 'binary' });
    } else out.files.push({ path, lines: textLines(text) });
    out.whole.add(path);
  }
  return out;
}

function formatText(report: ScanReport): string {
  const lines = report.findings.map((f) => {
    const status = f.suppressed ? ` [allowed: ${f.suppressed.kind}: ${f.suppressed.reason}]` : f.blocking ? ' [BLOCKING]' : '';
    return `${f.file}:${f.line}:${f.column}: ${f.severity} ${f.ruleId}: ${f.preview}${status}${f.note ? ` (${f.note})` : ''}`;
  });
  for (const u of report.unlisted?.files ?? [])
    lines.push(
      `${u.file}: ${u.count} more finding(s) not listed (each file lists its first ${LISTED_PER_FILE}, a run its first ${LISTED_PER_RUN}); they count, and block, all the same`,
    );
  for (const s of report.staleBaseline) lines.push(`${s.file}: stale baseline entry ${s.fingerprint} (the secret is gone; run --update-baseline)`);
  const { summary } = report;
  lines.push(
    `closed-loop scan: ${summary.findings} finding(s) in ${summary.filesScanned} file(s), ${summary.blocking} at or above ${report.failOn}, ${summary.suppressed} allowed${report.staleBaseline.length ? `, ${report.staleBaseline.length} stale baseline entr${report.staleBaseline.length === 1 ? 'y' : 'ies'}` : ''}.`,
  );
  if (report.blocked)
    lines.push(
      'Blocked. Remove the secret (and rotate it), or allow a false positive with `closed-loop:allow <reason>` on the line or `closed-loop scan --update-baseline`.',
    );
  return `${lines.join('\n')}\n`;
}

/**
 * The `scan:` settings; the full loader (slower, precise errors) only when the quick check finds a problem.
 * It is imported then: its schema validator costs the hook's start-up more than the scan of a commit.
 */
async function readScanConfig(text: string): Promise<ScanConfig> {
  let document: unknown;
  try {
    document = yaml.load(text);
  } catch {
    document = false;
  }
  const quick = quickScanSection(document);
  if (quick) return quick;
  const { loadConfig } = await import('../load-config.js');
  return scanConfigOf(loadConfig(text, CONFIG_PATH).scan);
}

async function run(args: ParsedArgs, io: CliIO): Promise<number> {
  const modes = [args.values.staged === true, stringArg(args, 'range') !== undefined, args.positionals.length > 0 || args.values.files === true].filter(
    Boolean,
  ).length;
  if (modes > 1) throw new ConfigurationError('choose one of --staged, --range A..B or --files PATH …');
  if (args.values.files === true && args.positionals.length === 0 && args.values['update-baseline'] !== true)
    throw new ConfigurationError('--files needs at least one PATH to scan, e.g. `closed-loop scan --files src/config.ts`.');
  const failOnArg = stringArg(args, 'fail-on');
  if (failOnArg !== undefined && !(SCAN_SEVERITIES as readonly string[]).includes(failOnArg))
    throw new ConfigurationError(`--fail-on must be one of ${SCAN_SEVERITIES.join(', ')}; got "${failOnArg}".`);
  const range = stringArg(args, 'range');
  const updateTree = args.values['update-baseline'] === true && !range && args.values.staged !== true;
  // The pre-commit hook's diff does not wait for the repository's root: its paths are relative to the
  // root wherever git starts, so both git processes run at once. Awaited (and its failure judged) below.
  const staged = !range && args.positionals.length === 0 && !updateTree ? stagedDiff(new Git(io.cwd)) : undefined;
  staged?.catch(() => undefined);
  const repo = await repoRoot(io.cwd);
  const inRepo = repo !== undefined;
  const root = repo ?? io.cwd;
  const configPath = join(root, CONFIG_PATH);
  const config = existsSync(configPath) ? await readScanConfig(readFileSync(configPath, 'utf8')) : scanConfigOf(undefined);
  const failOn = (failOnArg ?? config.fail_on) as ScanSeverity;
  const scanner = new Scanner({ ...scanOptionsOf(config), includeSuppressed: true });
  const git = new Git(root);

  let collected: Collected;
  if (args.positionals.length > 0) collected = readWhole(args.positionals, root, io.cwd, scanner);
  else if (updateTree) {
    const tracked = (await git.fields(['ls-files', '-z', '--cached'])).filter((p) => !scanner.skipReason(p) && existsSync(join(root, p)));
    collected = readWhole(
      tracked.map((p) => join(root, p)),
      root,
      root,
      scanner,
    );
  } else {
    if (!inRepo) throw new ConfigurationError(`${io.cwd} is not in a git repository; scan files with --files PATH …`);
    const diff = await (staged ?? rangeDiff(git, range as string)).catch((error: unknown) => {
      if (error instanceof GitError) throw new ConfigurationError(`${range ? `--range ${range}` : '--staged'}: ${error.message}`);
      throw error;
    });
    collected = { mode: range ? 'range' : 'staged', ...scanner.select(diff), whole: new Set() };
  }

  const baselinePath = join(root, config.baseline);
  const baselineText = await readOptionalText(io, baselinePath, 'scan.baseline');
  const baseline = baselineText === undefined ? emptyBaseline() : parseBaseline(baselineText, config.baseline);
  const raw = scanner.scan(collected.files);
  const missing = new Set(baseline.entries.map((e) => e.file).filter((file) => !existsSync(join(root, file))));
  const { findings, stale } = applyBaseline(raw, baseline, { fullyScanned: collected.whole, missing });

  const now = new Date();
  if (args.values['update-baseline'] === true) {
    const next = updatedBaseline(baseline, findings, stale, now);
    mkdirSync(dirname(baselinePath), { recursive: true });
    writeFileSync(baselinePath, serializeBaseline(next));
    io.stdout(
      `closed-loop scan: baseline ${config.baseline} now has ${next.entries.length} entr${next.entries.length === 1 ? 'y' : 'ies'} (${stale.length} stale removed). Add a reason to each new entry.\n`,
    );
    return EXIT.ok;
  }

  const report = buildReport({
    findings,
    stale,
    failOn,
    source: { mode: collected.mode, ...(range ? { range } : {}) },
    now,
    version: VERSION,
    filesScanned: collected.files.length,
    unlisted: scanner.unlisted,
    linesScanned: collected.files.reduce((n, f) => n + f.lines.length, 0),
    skipped: collected.skipped,
  });
  // The findings are printed before any file is written, so a bad --sarif path never hides them.
  io.stdout(args.values.json === true ? jsonText(report) : formatText(report));
  const sarif = stringArg(args, 'sarif');
  if (sarif) writeFileSync(isAbsolute(sarif) ? sarif : resolve(io.cwd, sarif), jsonText(toSarif(report)));
  const reportDir = args.values.report === true ? join(root, config.report_dir) : undefined;
  if (reportDir) {
    mkdirSync(reportDir, { recursive: true });
    writeFileSync(join(reportDir, reportFileName(now)), jsonText(report));
  }
  return report.blocked ? EXIT.findings : EXIT.ok;
}

export const scanCommand: CommandBody = {
  failsWith: 'a finding at or above --fail-on',
  usage: '[--staged | --range A..B | [--files] PATH …] [--json] [--sarif FILE] [--fail-on SEV] [--report] [--update-baseline]',
  positionals: true,
  options: {
    staged: { type: 'boolean', description: 'Scan the added lines of the index (the pre-commit hook; the default).' },
    range: { type: 'string', valueName: 'A..B', description: 'Scan the lines added by a commit range (A...B: since the merge base).' },
    files: { type: 'boolean', description: 'Scan the files given as arguments, whole (PATH … without --files does the same).' },
    json: { type: 'boolean', description: 'Print the JSON report (schema in docs/secret-scan.md).' },
    sarif: { type: 'string', valueName: 'FILE', description: 'Also write SARIF 2.1.0 for code scanning.' },
    'fail-on': { type: 'string', valueName: 'SEV', description: 'Lowest blocking severity: critical, high (default), medium or low.' },
    report: { type: 'boolean', description: 'Also write the report to <report_dir>/scan-<UTC timestamp>.json.' },
    'update-baseline': {
      type: 'boolean',
      description: 'Accept every current finding into the baseline (whole tracked tree unless --files), dropping stale entries.',
    },
  },
  details: 'Allow a false positive on its line with `closed-loop:allow <reason>`. The secret itself is never printed.',
  run,
};
