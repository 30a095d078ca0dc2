// The action against the fake GitHub: real workflow_run payloads, job logs in GitHub's raw format.
import { GitHubClient, recordingRuntime, type RecordingLogger, type Verdict } from '@closed-loop/core';
import { workflowRunEvent, type FakeGitHub } from '@closed-loop/testkit';
import { readInputs } from '../src/inputs.js';
import { run } from '../src/run.js';

export interface Classified {
  verdict: Verdict;
  outputs: Record<string, unknown>;
  summary: string;
  files: Map<string, string>;
  logger: RecordingLogger;
  /** API requests (blob downloads excluded) and blob downloads made by this call. */
  apiRequests: string[];
  blobRequests: number;
}

/** A raw per-job log as the API serves it: timestamps, step groups, the runner's exit-code error. */
export function rawLog(step: string, body: string[], exitCode = 1): string {
  let t = Date.UTC(2026, 0, 1, 10, 0, 0);
  const ts = () => new Date((t += 137)).toISOString().replace('Z', '0000Z');
  const lines = [
    '##[group]Runner Image Provisioner',
    'Hosted Compute Agent',
    '##[endgroup]',
    '##[group]Run actions/checkout@v4',
    'Syncing repository: acme/widgets',
    '##[endgroup]',
    `##[group]Run ${step}`,
    `\u001b[36;1m${step}\u001b[0m`,
    '##[endgroup]',
    ...body,
    `##[error]Process completed with exit code ${exitCode}.`,
    'Post job cleanup.',
  ];
  return `\ufeff${lines.map((l) => `${ts()} ${l}`).join('\n')}\n`;
}

export async function classify(
  fake: FakeGitHub,
  opts: { payload?: Record<string, unknown>; inputs?: Record<string, string>; config?: string; token?: string; serverUrl?: string } = {},
): Promise<Classified> {
  const { runtime, logger, outputs, summaries } = recordingRuntime({ 'github-token': opts.token ?? 'test-token', ...opts.inputs });
  const files = new Map<string, string>();
  const client = new GitHubClient({
    token: opts.token ?? 'test-token',
    baseUrl: fake.url,
    serverUrl: opts.serverUrl,
    timeScaleMs: 1,
    writeSpacingMs: 0,
    logger,
  });
  const before = fake.requests.length;
  const verdict = await run(readInputs(runtime.inputs), {
    runtime,
    client,
    clock: { now: () => Date.now(), sleep: async () => {} },
    repo: { owner: 'acme', repo: 'widgets' },
    event: { name: opts.payload ? 'workflow_run' : 'workflow_dispatch', payload: opts.payload ?? {} },
    readConfig: async () => opts.config,
    writeResult: async (path, text) => {
      files.set(path, text);
    },
  });
  const made = fake.requests.slice(before);
  return {
    verdict,
    outputs,
    summary: summaries.join(''),
    files,
    logger,
    apiRequests: made.filter((r) => r.operationId !== '_blob').map((r) => `${r.method} ${r.path} ${r.status}`),
    blobRequests: made.filter((r) => r.operationId === '_blob').length,
  };
}

/** The workflow_run.completed payload GitHub sends for `run`. */
export function eventFor(fake: FakeGitHub, runId: number, attempt = 1): Record<string, unknown> {
  const run = fake.state.runs.get(runId)!;
  return workflowRunEvent({
    repository: 'acme/widgets',
    runId,
    runAttempt: attempt,
    headSha: run.head_sha,
    headBranch: run.head_branch ?? 'main',
    conclusion: 'failure',
    workflowName: run.name,
  });
}
