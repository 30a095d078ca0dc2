import {
  asUserError,
  CONFIG_PATH,
  checkCommits,
  commitProblems,
  compareBenchmarks,
  ConfigurationError,
  defaultBase,
  evaluateCoverage,
  Git,
  GIT_LOG_FORMAT,
  loadConfig,
  parseGitLog,
  qualityGateSettingsOf,
  rangeDiff,
  readBench,
  readCoverage,
  seededRandom,
  type QualityGateSettings,
} from '@closed-loop/core';
import { EXIT, jsonText, stringArg, type CliIO, type Command, type ParsedArgs, type CommandBody } from '../command.js';
import { readOptionalText, readUserText } from '../files.js';

async function readArg(io: CliIO, flag: string, path: string): Promise<{ text: string; name: string }> {
  return { text: await readUserText(io, path, `--${flag}`), name: path };
}

/** The working tree's `quality_gate:` section (locally there is no PR to distrust). */
async function settingsOf(io: CliIO): Promise<QualityGateSettings> {
  const text = await readOptionalText(io, CONFIG_PATH, 'config');
  return qualityGateSettingsOf(text === undefined ? undefined : loadConfig(text, CONFIG_PATH).quality_gate);
}

function percentArg(args: ParsedArgs, flag: string): number | undefined {
  const raw = stringArg(args, flag);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0 || n > 100) throw new ConfigurationError(`--${flag} must be a percentage from 0 to 100, got "${raw}".`);
  return n;
}

const pct = (p: number | undefined) => (p === undefined ? '—' : `${p.toFixed(2)}%`);
const json = { type: 'boolean', description: 'Print JSON instead of text.' } as const;

const coverage: Command = {
  name: 'coverage',
  summary: 'total and patch coverage of a report (lcov, Cobertura, Clover, JaCoCo, istanbul JSON, Go profile).',
  usage: '--report FILE [--base REV] [--min N] [--json]',
  options: {
    report: { type: 'string', valueName: 'FILE', description: 'The coverage report (format detected from the content).' },
    base: {
      type: 'string',
      valueName: 'REV',
      description: 'Patch coverage over the lines HEAD adds since its merge base with REV (default: origin/HEAD, origin/main, main…).',
    },
    min: { type: 'string', valueName: 'N', description: 'Minimum patch coverage in percent (default quality_gate.coverage.min_patch, 80).' },
    json,
  },
  details: 'JSON: { passed, total: { covered, total, percent }, patch, uncovered, unreported, failures, notes }.',
  failsWith: 'a coverage threshold is missed',
  async run(args, io) {
    const report = stringArg(args, 'report');
    if (!report) throw new ConfigurationError('--report FILE is required.');
    const settings = (await settingsOf(io)).coverage;
    settings.minPatch = percentArg(args, 'min') ?? settings.minPatch;
    const file = await readArg(io, 'report', report);
    const git = new Git(io.cwd);
    const base = stringArg(args, 'base') ?? (await defaultBase(git).catch(() => undefined));
    if (stringArg(args, 'base') && !(await git.tryResolve(base ?? '')))
      throw new ConfigurationError(`--base ${base ?? ''} is not a commit in this repository.`);
    const diff = base ? await rangeDiff(git, `${base}...HEAD`) : undefined;
    const result = evaluateCoverage(readCoverage(file.text, file.name), settings, diff ? { diff } : {});
    if (args.values.json) io.stdout(jsonText(result));
    else {
      const lines = [
        `${result.passed ? 'passed' : 'FAILED'}: total ${pct(result.total.percent)} (${result.total.covered}/${result.total.total}), patch ${pct(result.patch?.percent)}${result.patch ? ` (${result.patch.covered}/${result.patch.total})` : ''} [${result.format}]`,
        ...result.failures.map((f) => `  ✗ ${f}`),
        ...result.uncovered.map((u) => `  not run: ${u.path}:${u.lines.join(',')}`),
        ...result.notes.map((n) => `  note: ${n}`),
      ];
      io.stdout(`${lines.join('\n')}\n`);
    }
    return result.passed ? EXIT.ok : EXIT.findings;
  },
};

const bench: Command = {
  name: 'bench',
  summary: 'compare benchmark results with a base: a slowdown beyond the tolerance and the noise fails.',
  usage: '--head FILE [--base FILE] [--tolerance PCT] [--json]',
  options: {
    head: { type: 'string', valueName: 'FILE', description: 'Results of the change (any supported tool; see docs/quality-gate.md).' },
    base: { type: 'string', valueName: 'FILE', description: 'Results to compare with. Without it nothing is compared: a warning, not a pass.' },
    tolerance: { type: 'string', valueName: 'PCT', description: 'Largest tolerated slowdown in percent (default quality_gate.bench.tolerance, 5).' },
    seed: { type: 'string', valueName: 'N', description: 'Seed of the bootstrap (default 1; the same seed gives the same intervals).' },
    json,
  },
  details:
    'JSON: { state, comparisons: [{ name, unit, better, head, base, ratio, interval, method, judgement, regressed }], missing, notes }; ratio > 1 is slower.',
  failsWith: 'a benchmark regressed beyond the tolerance and the noise',
  async run(args, io) {
    const head = stringArg(args, 'head');
    if (!head) throw new ConfigurationError('--head FILE is required.');
    const settings = (await settingsOf(io)).bench;
    settings.tolerance = percentArg(args, 'tolerance') ?? settings.tolerance;
    const seed = Number(stringArg(args, 'seed') ?? '1');
    if (!Number.isInteger(seed) || seed < 0) throw new ConfigurationError(`--seed must be a whole number, got "${stringArg(args, 'seed') ?? ''}".`);
    const headFile = await readArg(io, 'head', head);
    const baseArg = stringArg(args, 'base');
    const baseFile = baseArg ? await readArg(io, 'base', baseArg) : undefined;
    const result = compareBenchmarks(
      readBench(headFile.text, headFile.name).benchmarks,
      baseFile ? readBench(baseFile.text, baseFile.name).benchmarks : undefined,
      settings,
      seededRandom(seed),
    );
    if (args.values.json) io.stdout(jsonText(result));
    else {
      const lines = [
        `${result.state}: ${result.comparisons.filter((c) => c.regressed).length} of ${result.comparisons.length} benchmark(s) regressed beyond ${settings.tolerance}%`,
        ...result.comparisons.map(
          (c) =>
            `  ${c.regressed ? '✗' : ' '} ${c.name}: ${c.ratio === undefined ? 'new' : `×${c.ratio.toFixed(3)}`}${c.interval ? ` [${c.interval[0].toFixed(3)}, ${c.interval[1].toFixed(3)}]` : ''} ${c.judgement}${c.method === 'no spread given' ? ' (no spread given)' : ''}`,
        ),
        ...result.notes.map((n) => `  note: ${n}`),
      ];
      io.stdout(`${lines.join('\n')}\n`);
    }
    return result.state === 'failed' ? EXIT.findings : EXIT.ok;
  },
};

const commits: Command = {
  name: 'commits',
  summary: 'check commit messages (and a PR title) against the conventional-commit convention.',
  usage: '[--range A..B] [--title TEXT] [--json]',
  options: {
    range: { type: 'string', valueName: 'A..B', description: 'Commits to check (default: <default base>..HEAD).' },
    title: { type: 'string', valueName: 'TEXT', description: 'A pull request title to check too.' },
    json,
  },
  details: 'JSON: { passed, commits: [{ subject, header, valid, skipped?, problem? }], problems }.',
  failsWith: 'a commit or the title breaks the convention',
  async run(args, io) {
    const settings = (await settingsOf(io)).commits;
    const git = new Git(io.cwd);
    let range = stringArg(args, 'range');
    if (!range) {
      const base = await defaultBase(git).catch((error: unknown) => {
        // Outside a repository there is no base to find: git's own answer says so.
        if (asUserError(error)) throw error;
        return undefined;
      });
      if (!base) throw new ConfigurationError('no base branch found (origin/HEAD, origin/main, main, master); pass --range A..B.');
      range = `${base}..HEAD`;
    }
    if (!/^[^-.][^\s]*\.\.[^\s]+$/.test(range)) throw new ConfigurationError(`--range must be A..B, got "${range}".`);
    const log = (await git.run(['log', GIT_LOG_FORMAT, '--end-of-options', range])).stdout.toString('utf8');
    const verdicts = checkCommits(parseGitLog(log), settings, stringArg(args, 'title'));
    const problems = commitProblems(verdicts);
    if (args.values.json) io.stdout(jsonText({ passed: problems.length === 0, commits: verdicts, problems }));
    else
      io.stdout(
        `${problems.length ? 'FAILED' : 'passed'}: ${verdicts.length} checked${problems.length ? `\n${problems.map((p) => `  ✗ ${p}`).join('\n')}` : ''}\n`,
      );
    return problems.length ? EXIT.findings : EXIT.ok;
  },
};

export const gateCommand: CommandBody = {
  subcommands: [coverage, bench, commits],
  details: `Thresholds from the quality_gate section of ${CONFIG_PATH}.`,
};
