import { ConfigurationError, type Inputs } from '@closed-loop/core';

export interface ActionInputs {
  githubToken: string;
  configPath: string;
  /** Empty: the run of the triggering workflow_run event. */
  runId?: number;
  /** Unset: from `classify:` in the config file (or its default). */
  confidenceThreshold?: number;
  historyWindowHours?: number;
  maxLogBytes?: number;
  resultFile: string;
  /** Workflow files whose workflow_run events may drive the loop; empty: no trigger check (manual use). */
  workflows: string[];
  /** Manual "recent failures" run: the workflow (one of `workflows`) whose failed runs are listed. */
  workflow?: string;
  /** Manual "recent failures" run: how many hours back; set, the action only lists (output `runs`). */
  sinceHours?: number;
  /** Most failed runs listed, newest first. */
  maxRuns: number;
}

export function readInputs(inputs: Inputs): ActionInputs {
  const threshold = inputs.optional('confidence-threshold');
  const runId = inputs.optional('run-id');
  const workflow = inputs.optional('workflow')?.trim();
  return {
    githubToken: inputs.secret('github-token', true) as string,
    configPath: inputs.optional('config-path', '.github/closed-loop.yml'),
    ...(runId ? { runId: inputs.int('run-id', { min: 1 }) } : {}),
    ...(threshold ? { confidenceThreshold: fraction(threshold) } : {}),
    ...(inputs.optional('history-window-hours') ? { historyWindowHours: inputs.int('history-window-hours', { min: 1, max: 720 }) } : {}),
    ...(inputs.optional('max-log-bytes') ? { maxLogBytes: inputs.int('max-log-bytes', { min: 1024 }) } : {}),
    resultFile: inputs.optional('result-file', 'closed-loop-verdict.json'),
    workflows: inputs.list('workflows'),
    ...(workflow ? { workflow } : {}),
    ...(inputs.optional('since-hours') ? { sinceHours: inputs.int('since-hours', { min: 1, max: 168 }) } : {}),
    maxRuns: inputs.optional('max-runs') ? inputs.int('max-runs', { min: 1, max: 50 }) : 20,
  };
}

function fraction(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) {
    throw new ConfigurationError(`Input confidence-threshold must be a number from 0 to 1 (got "${value}").`);
  }
  return n;
}
