// Wiring for recover's end-to-end tests: the real run() against the fake GitHub, with a manual clock,
// fixed randomness, files in memory and outputs captured.
import { beforeEach } from '@jest/globals';
import { GitHubClient, ManualClock, recordingRuntime, type RecordingLogger, type RecoverOutcome, type Verdict } from '@closed-loop/core';
import { APP_SLUG, APP_TOKEN, type FakeGitHub, type RunState } from '@closed-loop/testkit';
import { fakeGitHubForFile } from '../../../tests/support/fake-github.js';
import { verdict } from '../../../packages/core/test/recover/fixtures.js';
import { readInputs } from '../src/inputs.js';
import { run, type RunDeps } from '../src/run.js';

export const REPO = { owner: 'acme', repo: 'widgets' };

/** The instant the recover tests run at: delays, backoff windows and run ages count from it. */
export const NOW = Date.UTC(2026, 0, 5, 12, 0, 0);

/** GitHub's form of the time `minutes` before NOW (whole seconds), for a run's or a commit's age. */
export const minutesBefore = (minutes: number): string => new Date(NOW - minutes * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * One fake GitHub for the test file, seeded (its ids repeat), handed to `use` once started; before each
 * test it is reset and its clock pinned at `at`, so no decision reads the wall clock; closed after the file.
 */
export function fakeGitHubPerTest(seed: number, use: (fake: FakeGitHub) => void, at = NOW): void {
  let fake: FakeGitHub | undefined;
  fakeGitHubForFile((started) => use((fake = started)), { seed });
  beforeEach(() => {
    fake?.reset();
    if (fake) fake.state.now = () => new Date(at);
  });
}

export interface Result {
  outcome: RecoverOutcome;
  outputs: Record<string, unknown>;
  summary: string;
  files: Map<string, string>;
  clock: ManualClock;
  logger: RecordingLogger;
}

export interface RecoverCall {
  inputs: Record<string, string>;
  files?: Record<string, string>;
  event?: { name: string; payload: Record<string, unknown> };
  clock?: ManualClock;
  random?: () => number;
  extra?: Partial<RunDeps>;
}

export function client(fake: FakeGitHub, clock: ManualClock, app?: { token: string; slug: string }): GitHubClient {
  return new GitHubClient(
    { baseUrl: fake.url, token: app?.token ?? 'test-token', ...(app ? { botLogin: `${app.slug}[bot]` } : {}), timeScaleMs: 1, writeSpacingMs: 0 },
    clock,
  );
}

/** The inputs that hand recover the fake's GitHub App token (commits made with it start CI). */
export const APP_INPUTS = { 'app-token': APP_TOKEN, 'app-slug': APP_SLUG };

/** Runs one recover phase the way main.ts does, with fakes for everything outside GitHub. */
export async function recover(fake: FakeGitHub, call: RecoverCall): Promise<Result> {
  const clock = call.clock ?? new ManualClock(fake.state.now().getTime());
  const { runtime, logger, outputs, summaries } = recordingRuntime(call.inputs);
  const files = new Map(Object.entries(call.files ?? {}));
  const parsed = readInputs(runtime.inputs);
  const deps: RunDeps = {
    runtime,
    repo: REPO,
    clock,
    random: call.random ?? (() => 0.5),
    files: { read: (p) => files.get(p), write: (p, t) => void files.set(p, t) },
    // As main.ts does: with an App token everything is done as the App.
    ...(parsed.githubToken ? { client: client(fake, clock, parsed.appToken ? { token: parsed.appToken, slug: parsed.appSlug ?? '' } : undefined) } : {}),
    ...(call.event ? { event: call.event } : {}),
    ...call.extra,
  };
  const outcome = await run(parsed, deps);
  return { outcome, outputs, summary: summaries.join(''), files, clock, logger };
}

/** A failure-classify verdict (core's recover fixture) for a run in the fake. */
export function verdictFor(run: RunState, over: Partial<Verdict> = {}): Verdict {
  const { run: runOver, ...rest } = over;
  return verdict({
    ...rest,
    run: {
      id: run.id,
      attempt: run.attempts.length,
      workflowName: run.name,
      workflowPath: run.path,
      event: run.event,
      headSha: run.head_sha,
      headBranch: run.head_branch,
      htmlUrl: `https://github.com/acme/widgets/actions/runs/${run.id}`,
      pullRequests: run.pullNumbers,
      fork: run.fork,
      ...runOver,
    },
  });
}

/** A failed run of CI on `branch` (its current head), with one failed job. */
export function failedRun(fake: FakeGitHub, branch: string, over: Parameters<FakeGitHub['state']['runs']['add']>[0] = {}): RunState {
  return fake.state.runs.add({
    workflow: 'CI',
    head_branch: branch,
    event: 'push',
    conclusion: 'failure',
    jobs: [{ name: 'build', conclusion: 'failure' }],
    ...over,
  });
}

/** Simulates a re-run that failed again: a new attempt, completed with failure, started by `actor`. */
export function failAgain(fake: FakeGitHub, run: RunState, actor = 'github-actions[bot]'): void {
  const prev = run.attempts[run.attempts.length - 1]!;
  const now = fake.state.iso();
  run.attempts.push({
    ...prev,
    attempt: prev.attempt + 1,
    status: 'completed',
    conclusion: 'failure',
    created_at: now,
    updated_at: now,
    run_started_at: now,
    triggeringActor: actor,
  });
}

export function writesOf(fake: FakeGitHub): string[] {
  return fake.writes.map((w) => `${w.method} ${w.operationId ?? w.path}`);
}
