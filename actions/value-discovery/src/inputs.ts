import type { Inputs } from '@closed-loop/core';

export interface ActionInputs {
  githubToken: string;
  configPath: string;
  top: number;
  maxNewIssues: number;
  dashboard: boolean;
  dashboardLabel: string;
  metricsFile: string;
  sarifFile?: string;
  npmAuditFile?: string;
  npmOutdatedFile?: string;
  /** JSON reports of dependency tools (osv-scanner, pip-audit, cargo audit, govulncheck, npm…). */
  dependencyReports: string[];
}

export function readInputs(inputs: Inputs): ActionInputs {
  const sarifFile = inputs.optional('sarif-file');
  const npmAuditFile = inputs.optional('npm-audit-file');
  const npmOutdatedFile = inputs.optional('npm-outdated-file');
  return {
    githubToken: inputs.secret('github-token', true) as string,
    configPath: inputs.optional('config-path', '.github/closed-loop.yml'),
    top: inputs.int('top', { min: 1, max: 500, default: 25 }),
    maxNewIssues: inputs.int('max-new-issues', { min: 0, max: 20, default: 3 }),
    dashboard: inputs.boolean('dashboard', true),
    dashboardLabel: inputs.optional('dashboard-label', 'value-discovery'),
    metricsFile: inputs.optional('metrics-file', 'value-metrics.json'),
    dependencyReports: inputs.list('dependency-reports'),
    ...(sarifFile ? { sarifFile } : {}),
    ...(npmAuditFile ? { npmAuditFile } : {}),
    ...(npmOutdatedFile ? { npmOutdatedFile } : {}),
  };
}
