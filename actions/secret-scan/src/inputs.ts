import { SCAN_SEVERITIES, type Inputs, type ScanSeverity } from '@closed-loop/core';

export interface ActionInputs {
  githubToken: string;
  configPath: string;
  /** Undefined: take the config file's value. */
  failOn: ScanSeverity | undefined;
  baseline: string | undefined;
  bypassLabel: string | undefined;
  reportDir: string | undefined;
  sarifFile: string | undefined;
  createIssues: boolean | undefined;
}

export function readInputs(inputs: Inputs): ActionInputs {
  const failOn = inputs.optional('fail-on');
  return {
    githubToken: inputs.secret('github-token', true) as string,
    configPath: inputs.optional('config-path', '.github/closed-loop.yml'),
    failOn: failOn === undefined ? undefined : inputs.enum('fail-on', SCAN_SEVERITIES),
    baseline: inputs.optional('baseline'),
    bypassLabel: inputs.optional('bypass-label'),
    reportDir: inputs.optional('report-dir'),
    sarifFile: inputs.optional('sarif-file'),
    createIssues: inputs.optional('create-issues') === undefined ? undefined : inputs.boolean('create-issues'),
  };
}
