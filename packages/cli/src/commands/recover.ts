import {
  asVerdict,
  ConfigurationError,
  CONFIG_PATH,
  planRecovery,
  recoverSettings,
  runRecordFromApi,
  seededRandom,
  type ApiRunLike,
  type RecoverMode,
  type RunRecord,
} from '@closed-loop/core';
import { EXIT, jsonText, stringArg, type Command, type CommandBody } from '../command.js';
import { readUserJson } from '../files.js';
import { loadConfigOption } from '../load-config.js';

/** `gh api …/actions/workflows/ID/runs` output, a bare list of those runs, or a list of breaker records. */
function readHistory(value: unknown, file: string, bot: string): RunRecord[] {
  const list = Array.isArray(value) ? value : (value as { workflow_runs?: unknown } | null)?.workflow_runs;
  if (!Array.isArray(list))
    throw new ConfigurationError(`--history ${file}: expected the JSON of GET /repos/{owner}/{repo}/actions/workflows/{id}/runs or a list of runs.`);
  const isOurs = (u: { login?: string } | null | undefined) => u?.login?.toLowerCase() === bot.toLowerCase();
  return list.map((r: Record<string, unknown>) => ('created_at' in r ? runRecordFromApi(r as unknown as ApiRunLike, isOurs) : (r as unknown as RunRecord)));
}

const plan: Command = {
  name: 'plan',
  summary: 'print what recover would do for a verdict (action, delay, reason, breaker state) without touching anything.',
  usage: '--verdict FILE [--history FILE] [--config FILE] [--environment NAME] [--mode MODE] [--now ISO] [--seed N] [--json]',
  options: {
    verdict: { type: 'string', valueName: 'FILE', description: 'The failure-classify verdict (JSON file).' },
    history: {
      type: 'string',
      valueName: 'FILE',
      description: 'Runs of the workflow on the branch (JSON of the workflow runs API); feeds the circuit breaker.',
    },
    config: { type: 'string', valueName: 'FILE', description: `Configuration file (default ${CONFIG_PATH} when present).` },
    environment: { type: 'string', valueName: 'NAME', description: 'Apply environments.<NAME> overrides (e.g. production).' },
    mode: { type: 'string', valueName: 'MODE', description: 'automatic, supervised or analysis_only (default: from the config).' },
    now: { type: 'string', valueName: 'ISO', description: 'Plan as of this time (default: now); the backoff counts from it.' },
    seed: { type: 'string', valueName: 'N', description: 'Seed for the backoff jitter, for reproducible output.' },
    'bot-login': { type: 'string', valueName: 'LOGIN', description: 'Login recover acts as, to recognise its own re-runs (default github-actions[bot]).' },
    json: { type: 'boolean', description: 'Print the decision as JSON.' },
  },
  run: async (args, io) => {
    const v = args.values;
    if (typeof v.verdict !== 'string') throw new ConfigurationError('--verdict FILE is required: the failure-classify result to plan for.');
    const verdict = asVerdict(await readUserJson(io, v.verdict, '--verdict', 'the failure-classify verdict'), `--verdict ${v.verdict}`);
    const config = await loadConfigOption(io, stringArg(args, 'config'), stringArg(args, 'environment'));
    const modes: RecoverMode[] = ['automatic', 'supervised', 'analysis_only'];
    if (v.mode !== undefined && !modes.includes(v.mode as RecoverMode))
      throw new ConfigurationError(`--mode must be one of ${modes.join(', ')}; got "${String(v.mode)}".`);
    const now = typeof v.now === 'string' ? Date.parse(v.now) : Date.now();
    if (Number.isNaN(now)) throw new ConfigurationError(`--now must be an ISO time such as 2026-01-05T12:00:00Z; got "${String(v.now)}".`);
    if (v.seed !== undefined && !/^\d+$/.test(String(v.seed))) throw new ConfigurationError(`--seed must be a whole number; got "${String(v.seed)}".`);
    const history =
      typeof v.history === 'string'
        ? readHistory(
            await readUserJson(io, v.history, '--history', 'the JSON of the workflow runs API'),
            v.history,
            typeof v['bot-login'] === 'string' ? v['bot-login'] : 'github-actions[bot]',
          )
        : undefined;
    const settings = recoverSettings(config, v.mode ? { mode: v.mode as RecoverMode } : {});
    const decision = planRecovery({
      verdict,
      settings,
      now,
      random: v.seed !== undefined ? seededRandom(Number(v.seed)) : Math.random,
      ...(history ? { history } : {}),
    });
    if (v.json) {
      io.stdout(jsonText(decision));
      return EXIT.ok;
    }
    const b = decision.breaker;
    const lines = [
      `action:  ${decision.action}${decision.execute ? '' : ' (not executed in this mode)'}`,
      ...(decision.delaySeconds !== undefined
        ? [`delay:   ${decision.delaySeconds}s (re-run ${decision.attempt} of ${decision.maxAttempts}, not before ${decision.notBefore})`]
        : []),
      ...(decision.fixers?.length ? [`fixers:  ${decision.fixers.join(' && ')}`] : []),
      `mode:    ${decision.mode}`,
      `reason:  ${decision.reason}`,
      `breaker: ${b.state} — ${b.consecutiveFailures} consecutive failed attempts, ${Math.round(b.failureRate * 100)} % of ${b.volume} in the window${b.reopensAt ? `, half-open at ${b.reopensAt}` : ''}${history ? '' : ' (no --history given)'}`,
    ];
    io.stdout(`${lines.join('\n')}\n`);
    return EXIT.ok;
  },
};

export const recoverCommand: CommandBody = {
  subcommands: [plan],
};
