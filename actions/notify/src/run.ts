import {
  asRecoverOutcome,
  asVerdict,
  ConfigurationError,
  loadConfig,
  notifyFailure,
  notifyResolution,
  notifySettings,
  resolveEnvironment,
  sweepDigests,
  sweepEscalations,
  withGroup,
  type ActionEvent,
  type ActionRuntime,
  type Clock,
  type GitHubClient,
  type NotifyReport,
} from '@closed-loop/core';
import type { ActionInputs } from './inputs.js';
import { runFromEvent } from './event.js';

export interface RunDeps {
  runtime: ActionRuntime;
  client: GitHubClient;
  clock: Clock;
  event: ActionEvent;
  /** Text of the config file, undefined when the repository has none (defaults apply). */
  configText: string | undefined;
  /** Reads a verdict/outcome file named by an input. */
  readFile: (path: string) => string;
  fetch?: typeof fetch;
}

/**
 * With a verdict: route the failure to its channels. Without one, on a green `workflow_run`: close the
 * loop (issues and comments resolved with time to recovery, status green). Chat failures only warn.
 */
export async function run(inputs: ActionInputs, deps: RunDeps): Promise<NotifyReport> {
  const { runtime, client } = deps;
  const config = resolveEnvironment(loadConfig(deps.configText, inputs.configPath), inputs.environment);
  const base = notifySettings(config.notify);
  const settings = inputs.statusContext ? { ...base, statusContext: inputs.statusContext } : base;
  const verdict = inputs.verdict === undefined ? undefined : asVerdict(readJson(inputs.verdict, 'verdict', deps.readFile), 'Input verdict');
  const outcome =
    inputs.recoverOutcome === undefined
      ? undefined
      : asRecoverOutcome(readJson(inputs.recoverOutcome, 'recover-outcome', deps.readFile), 'Input recover-outcome');
  const eventRepo = (deps.event.payload.repository as { full_name?: string } | undefined)?.full_name;
  const jobRepo = runtime.context.repo;
  const [owner = '', repo = ''] = (verdict?.run.repository || eventRepo || (jobRepo ? `${jobRepo.owner}/${jobRepo.repo}` : '')).split('/');
  const notifyDeps = {
    client,
    repo: { owner, repo },
    settings,
    clock: deps.clock,
    redact: (s: string) => runtime.redactor.redact(s),
    logger: runtime.logger,
    chat: { slackWebhookUrl: inputs.slackWebhookUrl, teamsWebhookUrl: inputs.teamsWebhookUrl },
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  };

  if (inputs.phase === 'sweep') {
    const swept = await withGroup(runtime.logger, 'Sweeping for unacknowledged critical failures', () => sweepEscalations(notifyDeps, config.notify));
    runtime.setOutput('escalated', swept.escalated.join(','));
    runtime.logger.info(`notify sweep: ${swept.checked} open critical issue(s), ${swept.escalated.length} escalated.`);
    const digests = await withGroup(runtime.logger, 'Writing the digests of medium and low failures', () => sweepDigests(notifyDeps, config.notify));
    runtime.setOutput(
      'digests',
      digests
        .filter((d) => d.result === 'created')
        .map((d) => `${d.severity}:${d.period}`)
        .join(','),
    );
    for (const d of digests) runtime.logger.info(`notify digest ${d.severity} ${d.period}: ${d.result}${d.failures ? ` (${d.failures} failure(s))` : ''}.`);
    return { channels: [], change: 'none', comments: [], chat: {}, warnings: [] };
  }
  let report: NotifyReport;
  if (verdict) {
    const routed = inputs.severity ? { ...verdict, severity: inputs.severity } : verdict;
    report = await withGroup(runtime.logger, `Notifying: ${routed.severity} ${routed.category} failure`, () => notifyFailure(notifyDeps, routed, outcome));
  } else {
    const green = runFromEvent(deps.event.name, deps.event.payload);
    if (green.conclusion !== 'success')
      throw new ConfigurationError(
        `Run ${green.id} concluded "${green.conclusion ?? 'unknown'}"; notify needs the failure-classify verdict for it (input verdict).`,
      );
    report = await withGroup(runtime.logger, `Closing the loop for run ${green.id}`, () => notifyResolution(notifyDeps, green));
  }

  if (report.summary) await runtime.writeSummary(report.summary);
  runtime.setOutput('channels', report.channels.join(','));
  runtime.setOutput('issue-number', report.issue ? String(report.issue.number) : '');
  runtime.setOutput('change', report.change);
  runtime.logger.info(
    `notify: ${report.change}; issue ${report.issue ? `#${report.issue.number} ${report.issue.result}` : 'none'}; status ${report.status ?? 'not routed'}; ${report.comments.length} comment(s).`,
  );
  return report;
}

/** An input holding JSON, or the path of a JSON file. */
function readJson(value: string, input: string, readFile: (path: string) => string): unknown {
  // Inline JSON starts with { or [ (an array is JSON too, and then the shape check says what is wrong).
  const text = /^\s*[{[]/.test(value) ? value : readSafely(value, input, readFile);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ConfigurationError(`Input ${input} is neither JSON nor a path to a JSON file (${error instanceof Error ? error.message : String(error)}).`);
  }
}

function readSafely(path: string, input: string, readFile: (path: string) => string): string {
  try {
    return readFile(path);
  } catch {
    throw new ConfigurationError(`Input ${input}: cannot read "${path}"; pass the JSON itself or the path of the file failure-classify wrote.`);
  }
}
