import {
  buildVerdict,
  classifyFailedJobs,
  CONFIG_PATH,
  ConfigurationError,
  DEFAULT_SERVER_URL,
  failedRuns,
  getDefaultBranch,
  getFileText,
  GitHubClient,
  httpStatus,
  isFlaky,
  listAttemptJobs,
  listWorkflowRunsIn,
  loadConfig,
  oneLine,
  logClassifySettings,
  rateTierSeverity,
  redactVerdict,
  Redactor,
  silentLogger,
  summariseHistory,
  toHistoryRun,
  toRunInfo,
  workflowFailureRate,
  wrapApiConfigurationError,
  type Evidence,
  type LogClassifySettings,
  type RepoRef,
  type Severity,
  type Verdict,
  type WorkflowRunData,
} from '@closed-loop/core';
import { EXIT, jsonText, stringArg, type CliIO, type Command, type CommandBody } from '../command.js';
import { readUserText } from '../files.js';
import { printable } from '../printable.js';

/** One failed run as `runs analyse --json` reports it. */
export interface AnalysedRun {
  id: number;
  attempt: number;
  url: string;
  headBranch: string | null;
  headSha: string;
  createdAt: string;
  category: string;
  subcategory: string;
  transient: boolean;
  severity: Severity;
  signature: string;
  /** `classified`, or why the logs could not be read (`logs-unavailable`, `forbidden`, …). */
  status: string;
  /** First evidence line of the verdict's job, redacted; null when there is none. */
  evidence: string | null;
}

/** The whole `--json` answer (documented in docs/failure-classify.md). */
export interface RunsAnalysis {
  repository: string;
  workflow: string;
  since: string;
  until: string;
  /** False when more runs were created in the window than were read (--max-runs). */
  complete: boolean;
  /** Completed runs counted for the rate (cancelled and skipped left out). */
  runs: number;
  failures: number;
  failureRate: number;
  /** The configured `classify.failure_rate` tier the rate reaches; null below every tier or under `min_runs`. */
  severity: Severity | null;
  signatures: { signature: string; category: string; subcategory: string; transient: boolean; count: number; runIds: number[] }[];
  failedRuns: AnalysedRun[];
}

const UNITS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `24h`, `90m`, `7d` (a bare number is hours) → milliseconds. */
export function parseSince(text: string): number {
  const m = /^(?<amount>\d+)(?<unit>[mhd]?)$/.exec(text.trim())?.groups;
  const amount = Number(m?.amount);
  if (!m || !(amount > 0)) throw new ConfigurationError(`--since must be a duration such as 24h, 90m or 7d, got "${text}".`);
  return amount * UNITS[(m.unit || 'h') as keyof typeof UNITS];
}

function parseRepo(text: string | undefined): RepoRef {
  const m = text ? /^(?<owner>[A-Za-z0-9_.-]+)\/(?<repo>[A-Za-z0-9_.-]+)$/.exec(text)?.groups : undefined;
  if (!m?.owner || !m.repo)
    throw new ConfigurationError(`--repo must be OWNER/NAME (e.g. octo-org/widgets)${text ? `, got "${text}"` : ''}. See \`closed-loop runs analyse --help\`.`);
  return { owner: m.owner, repo: m.repo };
}

/** The default branch's `.github/closed-loop.yml` (what the action reads), or `--config FILE`. */
async function readSettings(io: CliIO, client: GitHubClient, repo: RepoRef, file: string | undefined): Promise<LogClassifySettings> {
  if (file) return logClassifySettings(loadConfig(await readUserText(io, file, '--config'), file), file);
  const text = await getFileText(client, repo, CONFIG_PATH, await getDefaultBranch(client, repo));
  return logClassifySettings(loadConfig(text, `${CONFIG_PATH} (default branch of ${repo.owner}/${repo.repo})`), CONFIG_PATH);
}

/** Classify one failed run's latest attempt, exactly as failure-classify does, with the window's runs as history. */
async function analyseRun(
  client: GitHubClient,
  repo: RepoRef,
  run: WorkflowRunData,
  all: readonly WorkflowRunData[],
  settings: LogClassifySettings,
  now: number,
  complete: boolean,
): Promise<Verdict> {
  const attempt = run.run_attempt ?? 1;
  const inputs = await classifyFailedJobs(client, repo, await listAttemptJobs(client, repo, run.id, attempt), settings, silentLogger);
  const current = toHistoryRun(run);
  const history = all.map(toHistoryRun);
  return buildVerdict({
    run: toRunInfo(run, attempt),
    jobs: inputs,
    history: summariseHistory(history, current, settings.windowHours, now, complete),
    flaky: isFlaky(current, history),
    rateTiers: settings.rateTiers,
  });
}

export async function analyseRuns(
  client: GitHubClient,
  repo: RepoRef,
  options: { workflow: string; sinceMs: number; now: number; maxRuns: number; settings: LogClassifySettings; redactor: Redactor },
): Promise<RunsAnalysis> {
  const since = new Date(options.now - options.sinceMs);
  const { runs, complete } = await listWorkflowRunsIn(client, repo, options.workflow, since, options.maxRuns);
  const failed = failedRuns(runs);
  const summary = workflowFailureRate(runs.map(toHistoryRun), options.sinceMs / 3_600_000, options.now, complete);
  const analysed: AnalysedRun[] = [];
  const bySignature = new Map<string, RunsAnalysis['signatures'][number]>();
  for (const run of failed) {
    const verdict = redactVerdict(await analyseRun(client, repo, run, runs, options.settings, options.now, complete), options.redactor);
    const job = verdict.jobs.find((j) => j.signature === verdict.signature) ?? verdict.jobs[0];
    analysed.push({
      id: run.id,
      attempt: verdict.run.attempt,
      url: run.html_url,
      headBranch: run.head_branch,
      headSha: run.head_sha,
      createdAt: run.created_at,
      category: verdict.category,
      subcategory: verdict.subcategory,
      transient: verdict.transient,
      severity: verdict.severity,
      signature: verdict.signature,
      status: verdict.status,
      evidence: firstEvidence(job?.evidence),
    });
    const group = bySignature.get(verdict.signature) ?? {
      signature: verdict.signature,
      category: verdict.category,
      subcategory: verdict.subcategory,
      transient: verdict.transient,
      count: 0,
      runIds: [],
    };
    group.count++;
    group.runIds.push(run.id);
    bySignature.set(verdict.signature, group);
  }
  return {
    repository: `${repo.owner}/${repo.repo}`,
    workflow: options.workflow,
    since: since.toISOString(),
    until: new Date(options.now).toISOString(),
    complete,
    runs: summary.runs,
    failures: summary.failures,
    failureRate: summary.failureRate,
    severity: rateTierSeverity(summary, options.settings.rateTiers) ?? null,
    signatures: [...bySignature.values()].sort((a, b) => b.count - a.count || a.signature.localeCompare(b.signature)),
    failedRuns: analysed,
  };
}

/**
 * The evidence line that says what broke: the first that reads like an error, else the first that is not
 * blank and not the failed step's own command echo.
 */
function firstEvidence(evidence: Evidence | undefined): string | null {
  if (!evidence) return null;
  const said = evidence.lines.filter((l) => l.trim() !== '' && !/^Run /.test(l.trim()) && l.trim() !== evidence.step?.replace(/^Run /, ''));
  return said.find((l) => /\b(error|err!|fail(ed|ure)?|fatal|exception)\b/i.test(l)) ?? said[0] ?? evidence.lines.find((l) => l.trim() !== '') ?? null;
}

function asText(a: RunsAnalysis): string {
  const pct = (x: number) => `${Math.round(x * 1000) / 10} %`;
  const lines = [
    `${a.repository} ${a.workflow}: ${a.failures} of ${a.runs} completed runs failed since ${a.since} (${pct(a.failureRate)}${a.severity ? `, severity ${a.severity}` : ''})${a.complete ? '' : ' — more runs than --max-runs: the window was cut'}.`,
  ];
  if (a.signatures.length) {
    lines.push('', 'signatures:');
    for (const s of a.signatures)
      lines.push(`  ${String(s.count).padStart(4)}  ${s.category}/${s.subcategory}  ${s.transient ? 'transient' : 'not transient'}  ${s.signature}`);
    lines.push('', 'failed runs:');
    for (const r of a.failedRuns) {
      lines.push(
        `  ${r.id}  ${r.category}/${r.subcategory}  ${r.transient ? 'transient' : 'not transient'}  ${r.severity}${r.status === 'classified' ? '' : `  (${r.status})`}  ${r.url}`,
      );
      if (r.evidence) lines.push(`      ${r.evidence}`);
    }
  }
  return `${lines.map(printable).join('\n')}\n`;
}

const analyse: Command = {
  name: 'analyse',
  summary: "classify a workflow's recent failed runs from the API: failure rate, signatures, one line per run.",
  usage: '--repo OWNER/NAME --workflow FILE|ID [--since 24h] [--config FILE] [--max-runs N] [--api-url URL] [--json]',
  options: {
    repo: { type: 'string', valueName: 'OWNER/NAME', description: 'The repository whose runs are read.' },
    workflow: { type: 'string', valueName: 'FILE|ID', description: 'The workflow: its file (ci.yml or .github/workflows/ci.yml) or numeric id.' },
    since: { type: 'string', valueName: 'DURATION', description: 'How far back runs are read, by creation time: 90m, 24h, 7d (default 24h).' },
    config: {
      type: 'string',
      valueName: 'FILE',
      description: `Configuration with classify: rules and failure-rate tiers (default: ${CONFIG_PATH} on the repository's default branch, read through the API).`,
    },
    'max-runs': { type: 'string', valueName: 'N', description: 'Most runs read from the window, newest first (default 300).' },
    'api-url': {
      type: 'string',
      valueName: 'URL',
      description: 'REST API root (default: GITHUB_API_URL, else https://api.github.com; for GitHub Enterprise Server https://HOST/api/v3).',
    },
    now: { type: 'string', valueName: 'TIME', description: 'Take this ISO time as now (reproducible reports).' },
    json: { type: 'boolean', description: 'Print the analysis as JSON (shape: docs/failure-classify.md#closed-loop-runs-analyse).' },
  },
  details:
    'Read-only: the token (GITHUB_TOKEN, else GH_TOKEN) needs only to read Actions and contents (a fine-grained token with actions: read and contents: read, or `gh auth token`). Logs are classified by the same engine and rules as the failure-classify action; evidence is redacted.',
  async run(args, io) {
    const repo = parseRepo(stringArg(args, 'repo'));
    const workflow = stringArg(args, 'workflow');
    if (!workflow) throw new ConfigurationError('runs analyse needs --workflow FILE|ID (e.g. ci.yml). See `closed-loop runs analyse --help`.');
    const sinceMs = parseSince(stringArg(args, 'since') ?? '24h');
    const maxText = stringArg(args, 'max-runs') ?? '300';
    const maxRuns = Number(maxText);
    if (!Number.isInteger(maxRuns) || maxRuns < 1) throw new ConfigurationError(`--max-runs must be a whole number of at least 1, got "${maxText}".`);
    const nowText = stringArg(args, 'now');
    const now = nowText === undefined ? Date.now() : Date.parse(nowText);
    if (Number.isNaN(now)) throw new ConfigurationError(`--now must be an ISO time such as 2026-01-01T12:00:00Z, got "${nowText}".`);
    const token = io.env.GITHUB_TOKEN || io.env.GH_TOKEN;
    if (!token)
      throw new ConfigurationError(
        'runs analyse needs a token: set GITHUB_TOKEN (or GH_TOKEN) to a token that can read Actions, e.g. GITHUB_TOKEN=$(gh auth token).',
      );
    const apiUrl = (stringArg(args, 'api-url') ?? (io.env.GITHUB_API_URL || 'https://api.github.com')).replace(/\/+$/, '');
    if (!/^https?:\/\/[^\s/]+/.test(apiUrl)) throw new ConfigurationError(`--api-url must be an http(s) URL such as https://api.github.com, got "${apiUrl}".`);
    const redactor = new Redactor();
    redactor.addSecret(token);
    const client = new GitHubClient({ token, baseUrl: apiUrl, serverUrl: serverUrlOf(apiUrl), logger: silentLogger, maxRetryWaitSeconds: 60, retries: 1 });
    let analysis: RunsAnalysis;
    try {
      const settings = await readSettings(io, client, repo, stringArg(args, 'config'));
      analysis = await analyseRuns(client, repo, { workflow, sinceMs, now, maxRuns, settings, redactor });
    } catch (error) {
      throw explain(error, repo, workflow, apiUrl);
    }
    io.stdout(args.values.json ? jsonText(analysis) : asText(analysis));
    return EXIT.ok;
  },
};

/** api.github.com → github.com; an Enterprise Server's https://HOST/api/v3 → https://HOST. */
function serverUrlOf(apiUrl: string): string {
  if (/^https:\/\/api\.github\.com$/.test(apiUrl)) return DEFAULT_SERVER_URL;
  return apiUrl.replace(/\/api\/v3$/, '');
}

/** API answers a token holder can act on, as one line; anything else stays what it is. */
function explain(error: unknown, repo: RepoRef, workflow: string, apiUrl: string): unknown {
  const status = httpStatus(error);
  const name = `${repo.owner}/${repo.repo}`;
  const e = error as { request?: unknown; response?: unknown; message?: unknown };
  // A request that got no answer at all (refused, DNS, TLS, a blocked port): the address or the network.
  if (e.request && !e.response && typeof e.message === 'string')
    return new ConfigurationError(`Cannot reach ${apiUrl} (${oneLine(e.message)}): check --api-url (or GITHUB_API_URL) and the network.`);
  if (status === 401) return new ConfigurationError('The token was refused (HTTP 401): set GITHUB_TOKEN (or GH_TOKEN) to a valid token.');
  if (status === 404)
    return new ConfigurationError(
      `${name} or its workflow "${workflow}" was not found (HTTP 404): check --repo and --workflow, and that the token can read the repository.`,
    );
  if (status === 403 && !/rate limit/i.test((error as Error).message))
    return new ConfigurationError(`The token cannot read ${name}'s Actions data (HTTP 403): it needs actions: read and contents: read.`);
  return wrapApiConfigurationError(error);
}

export const runsCommand: CommandBody = {
  subcommands: [analyse],
};
