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
  combineReports,
  leftOutFooter,
  parseDependencyReport,
  parseNpmAudit,
  parseNpmOutdated,
  type DependencyReport,
  type Harvest,
  type ValueMetrics,
} from '@closed-loop/core';
import { EXIT, jsonText, type CliIO, type CommandBody } from '../command.js';
import { readUserText } from '../files.js';

const OFFLINE = 'offline: the CLI does not call the GitHub API (the value-discovery action does)';

function readJson(io: CliIO, flag: string, path: string): Promise<string> {
  return readUserText(io, path, `--${flag}`);
}

function render(metrics: ValueMetrics, top: number, seconds: number, commits: number, files: number): string {
  const shown = metrics.items.slice(0, top);
  const width = Math.max(4, ...shown.map((i) => i.kind.length));
  const indent = ' '.repeat(8 + width + 2);
  const lines = [
    `${metrics.items.length} work item${metrics.items.length === 1 ? '' : 's'} from ${commits} commits and ${files} files in ${seconds.toFixed(1)} s${shown.length < metrics.items.length ? ` (top ${shown.length} shown)` : ''}.`,
    ...metrics.signals.filter((s) => s.note).map((s) => `note: ${s.signal}${s.status === 'skipped' ? ' skipped' : ''}: ${s.note}`),
    '',
    ` score  ${'kind'.padEnd(width)}  item`,
    ...shown.flatMap((i) => [
      `${i.scores.composite.toFixed(1).padStart(6)}  ${i.kind.padEnd(width)}  ${i.title}${i.path && !i.title.includes(i.path) ? `  (${i.line ? `${i.path}:${i.line}` : i.path})` : ''}`,
      ...(i.why ? [`${indent}why: ${i.why}`] : []),
    ]),
    '',
    ...leftOutFooter(metrics.leftOut ?? []),
  ];
  return `${lines.join('\n')}\n`;
}

export const discoverCommand: CommandBody = {
  usage: '[--repo DIR] [--json] [--top N] [--deps FILE]… [--npm-audit FILE] [--npm-outdated FILE]',
  options: {
    repo: { type: 'string', valueName: 'DIR', description: 'Repository to look at (default: the current directory).' },
    json: { type: 'boolean', description: 'Print value-metrics.json (all items, scores and explanations) instead of the table.' },
    top: { type: 'string', valueName: 'N', description: 'How many items the table shows (default 25).' },
    deps: {
      type: 'string',
      multiple: true,
      valueName: 'FILE',
      description:
        'JSON report of a dependency tool, told by its shape (repeatable): osv-scanner --format json, pip-audit -f json, cargo audit --json, govulncheck -json, npm audit --json, npm outdated --json, pip list --outdated --format=json, Dependabot alerts saved by gh api --paginate.',
    },
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
    const reports: (DependencyReport & { source: string })[] = [];
    const npmAudit = values['npm-audit'];
    const npmOutdated = values['npm-outdated'];
    if (typeof npmAudit === 'string')
      reports.push({ tool: 'npm audit', vulnerabilities: parseNpmAudit(await readJson(io, 'npm-audit', npmAudit), npmAudit), outdated: [], source: npmAudit });
    if (typeof npmOutdated === 'string')
      reports.push({
        tool: 'npm outdated',
        vulnerabilities: [],
        outdated: parseNpmOutdated(await readJson(io, 'npm-outdated', npmOutdated), npmOutdated),
        source: npmOutdated,
      });
    for (const file of Array.isArray(values.deps) ? values.deps : [])
      reports.push({ ...parseDependencyReport(await readJson(io, 'deps', file), file, root), source: file });

    const started = Date.now();
    const local = await harvestLocal(new Git(root), settings, {
      now: started,
      onProgress: (n) => {
        io.stderr(`closed-loop discover: ${n} commits read…\n`);
      },
    });
    const deps = reports.length ? combineReports(reports) : undefined;
    const harvest: Harvest = {
      ...local,
      skipped: {
        'ci-health': OFFLINE,
        'loop-health': OFFLINE,
        dependencies: 'pass --deps with the JSON of osv-scanner, pip-audit, cargo audit, govulncheck or npm audit',
      },
      ...(deps ? { dependencies: { vulnerabilities: deps.vulnerabilities, outdated: deps.outdated }, notes: { ...local.notes, dependencies: deps.note } } : {}),
    };
    const metrics = discover(harvest, settings, started);
    io.stdout(values.json ? jsonText(metrics) : render(metrics, top, (Date.now() - started) / 1000, local.commits, local.files?.length ?? 0));
    return EXIT.ok;
  },
};
