import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import {
  CONFIG_PATH,
  ConfigurationError,
  checkWeights,
  discover,
  discoverSettings,
  Git,
  harvestLocal,
  loadConfig,
  parseNpmAudit,
  parseNpmOutdated,
  type Harvest,
  type ValueMetrics,
} from '@closed-loop/core';
import { EXIT, type CliIO, type Command } from '../command.js';
import { readUserText } from '../files.js';

const OFFLINE = 'offline: the CLI does not call the GitHub API (the value-discovery action does)';

function readJson(io: CliIO, flag: string, path: string): Promise<string> {
  return readUserText(io, path, `--${flag}`);
}

function render(metrics: ValueMetrics, top: number, seconds: number, commits: number, files: number): string {
  const shown = metrics.items.slice(0, top);
  const width = Math.max(4, ...shown.map((i) => i.kind.length));
  const lines = [
    `${metrics.items.length} work item${metrics.items.length === 1 ? '' : 's'} from ${commits} commits and ${files} files in ${seconds.toFixed(1)} s${shown.length < metrics.items.length ? ` (top ${shown.length} shown)` : ''}.`,
    ...metrics.signals.filter((s) => s.note).map((s) => `note: ${s.signal}${s.status === 'skipped' ? ' skipped' : ''}: ${s.note}`),
    '',
    ` score  ${'kind'.padEnd(width)}  item`,
    ...shown.map(
      (i) =>
        `${i.scores.composite.toFixed(1).padStart(6)}  ${i.kind.padEnd(width)}  ${i.title}${i.path && !i.title.includes(i.path) ? `  (${i.line ? `${i.path}:${i.line}` : i.path})` : ''}`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

export const discoverCommand: Command = {
  name: 'discover',
  summary: 'rank the work a local clone asks for: debt markers, hotspots, test gaps, large files, dependencies.',
  usage: '[--repo DIR] [--json] [--top N] [--npm-audit FILE] [--npm-outdated FILE]',
  options: {
    repo: { type: 'string', valueName: 'DIR', description: 'Repository to look at (default: the current directory).' },
    json: { type: 'boolean', description: 'Print value-metrics.json (all items, scores and explanations) instead of the table.' },
    top: { type: 'string', valueName: 'N', description: 'How many items the table shows (default 25).' },
    'npm-audit': { type: 'string', valueName: 'FILE', description: 'Output of `npm audit --json` to include vulnerable dependencies.' },
    'npm-outdated': { type: 'string', valueName: 'FILE', description: 'Output of `npm outdated --json` to include outdated dependencies.' },
  },
  details: `Works offline on any clone: CI health and loop health need the GitHub API and are skipped with a note. Settings come from the value_discovery section of ${CONFIG_PATH} in the repository. Long history walks report progress on stderr.`,
  async run({ values }, io) {
    const repo = typeof values.repo === 'string' ? (isAbsolute(values.repo) ? values.repo : join(io.cwd, values.repo)) : io.cwd;
    const top = typeof values.top === 'string' ? Number(values.top) : 25;
    if (!Number.isInteger(top) || top < 1) throw new ConfigurationError(`--top must be a whole number of at least 1, got "${String(values.top)}".`);
    const git = new Git(repo);
    const root = await git.text(['rev-parse', '--show-toplevel']).catch(() => {
      throw new ConfigurationError(`${repo} is not inside a git repository; pass --repo with the path of a clone.`);
    });
    const configFile = join(root, CONFIG_PATH);
    const settings = discoverSettings(loadConfig(existsSync(configFile) ? readFileSync(configFile, 'utf8') : undefined, CONFIG_PATH));
    checkWeights(settings.scoring_weights);
    const audit =
      typeof values['npm-audit'] === 'string' ? parseNpmAudit(await readJson(io, 'npm-audit', values['npm-audit']), values['npm-audit']) : undefined;
    const outdated =
      typeof values['npm-outdated'] === 'string'
        ? parseNpmOutdated(await readJson(io, 'npm-outdated', values['npm-outdated']), values['npm-outdated'])
        : undefined;

    const started = Date.now();
    const local = await harvestLocal(new Git(root), settings, {
      now: started,
      onProgress: (n) => {
        io.stderr(`closed-loop discover: ${n} commits read…\n`);
      },
    });
    const harvest: Harvest = {
      ...local,
      skipped: { 'ci-health': OFFLINE, 'loop-health': OFFLINE, dependencies: 'pass --npm-audit / --npm-outdated with npm’s JSON output' },
      ...(audit || outdated ? { dependencies: { vulnerabilities: audit ?? [], outdated: outdated ?? [] } } : {}),
    };
    const metrics = discover(harvest, settings, started);
    io.stdout(
      values.json ? `${JSON.stringify(metrics, null, 2)}\n` : render(metrics, top, (Date.now() - started) / 1000, local.commits, local.files?.length ?? 0),
    );
    return EXIT.ok;
  },
};
