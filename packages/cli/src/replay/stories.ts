import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APP_SLUG, APP_TOKEN, testkitFile, workflowRunEvent, type FakeGitHub } from '@closed-loop/testkit';

/** One replayed situation: how to seed the fake GitHub, and which actions run, in order, with what. */
export interface Story {
  id: string;
  title: string;
  /** Seeds the fake and returns the event the first step is triggered with. */
  seed(fake: FakeGitHub, ctx: StoryContext): Seeded;
  steps: Step[];
  /**
   * The final state the story promises, checked in the fake after the last step: each string returned
   * is one unmet expectation (empty: the story holds). A story without it is judged by its steps alone.
   */
  expect?(fake: FakeGitHub, outputs: StepOutputs, seeded: Seeded, summaries: StepSummaries): string[];
}

export interface Seeded {
  event: Record<string, unknown>;
  /** The event's name (`GITHUB_EVENT_NAME`); `workflow_run` when absent. */
  eventName?: string;
  runId: number;
  headSha: string;
  branch: string;
  logName: string;
  /** Working directory the steps run in (the checked-out default branch, or the PR for fixers). */
  workspace: string;
}

export interface StoryContext {
  root: string;
  /** A log the user gave (`--log`), replacing the story's own. */
  log?: { name: string; text: string };
}

export interface Step {
  /** The bundled action to run: a folder name under dist/. */
  action: string;
  label: string;
  /** Inputs from what earlier steps output; undefined skips the step. */
  inputs(outputs: StepOutputs): Record<string, string> | undefined;
  /** Fixers run with no token, like the unprivileged job of the fix path. */
  token?: 'none';
  /** The exit code this step should end with (a gate that must fail: 1); 0 when absent. */
  expectExit?: number;
  /** This step's own trigger, when it is not the story's (a review after a push, a merge_group after a PR). */
  trigger?(seeded: Seeded, outputs: StepOutputs, fake: FakeGitHub): { eventName: string; event: Record<string, unknown> };
  /** Extra environment for the runner (`GITHUB_ACTOR`, `GITHUB_TRIGGERING_ACTOR`, …). */
  env?: Record<string, string>;
}

export type StepOutputs = Record<string, Record<string, string>>;
/** Each run step's job summary (GITHUB_STEP_SUMMARY), by step label. */
export type StepSummaries = Record<string, string>;

export const WORKFLOW_PATH = '.github/workflows/ci.yml';
const MINUTE = 60_000;

export function fixtureLog(name: string): { name: string; text: string } {
  return { name, text: readFileSync(testkitFile('fixtures', 'logs', name), 'utf8') };
}

/** A committed git work tree with `files`: where the steps run (fixers diff against its HEAD). */
export function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'closed-loop-replay-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: dir,
      stdio: 'ignore',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'demo',
        GIT_AUTHOR_EMAIL: 'demo@example.invalid',
        GIT_COMMITTER_NAME: 'demo',
        GIT_COMMITTER_EMAIL: 'demo@example.invalid',
      },
    });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '--allow-empty', '-m', 'demo workspace');
  return dir;
}

/** One completed run of a workflow, as `addWorkflowRun` seeds it. */
export interface RunSeedOptions {
  workflow: string;
  path: string;
  branch: string;
  headSha: string;
  conclusion: 'failure' | 'success';
  /** Its one job's log. */
  log: string;
  /** Finished this long ago; now when absent. */
  agoMinutes?: number;
  job?: string;
  step?: string;
  /** The run's trigger; a pull request's when it has pull numbers or comes from a fork, else push. */
  event?: string;
  pullNumbers?: number[];
  fork?: boolean;
  actor?: string;
}

/** A completed run with one job whose log is `log`, and its workflow_run event (path and fork head set as GitHub sends them). */
export function addWorkflowRun(fake: FakeGitHub, o: RunSeedOptions) {
  const clock = fake.state.now;
  const ago = o.agoMinutes;
  if (ago !== undefined) fake.state.now = () => new Date(Date.now() - ago * MINUTE);
  try {
    const run = fake.state.runs.add({
      workflow: o.workflow,
      head_branch: o.branch,
      head_sha: o.headSha,
      event: o.event ?? (o.fork || o.pullNumbers?.length ? 'pull_request' : 'push'),
      conclusion: o.conclusion,
      ...(o.fork ? { fork: true } : {}),
      ...(o.actor ? { actor: o.actor } : {}),
      ...(o.pullNumbers ? { pullNumbers: o.pullNumbers } : {}),
      jobs: [{ name: o.job ?? 'test', conclusion: o.conclusion, steps: [{ name: o.step ?? 'Run npm test', conclusion: o.conclusion }], log: o.log }],
    });
    const event = workflowRunEvent({
      repository: `${fake.owner}/${fake.repo}`,
      runId: run.id,
      headSha: o.headSha,
      headBranch: o.branch,
      conclusion: o.conclusion,
      workflowName: o.workflow,
      event: run.event,
    });
    const wr = event.workflow_run as Record<string, unknown>;
    wr.path = o.path;
    if (o.fork) wr.head_repository = { ...(wr.head_repository as Record<string, unknown>), full_name: run.headRepoFullName };
    return { run, event };
  } finally {
    fake.state.now = clock;
  }
}

/** A failed (or green) run of CI on a branch, finished `agoMinutes` ago, with one job whose log is `log`. */
export function seedRun(
  fake: FakeGitHub,
  opts: {
    branch: string;
    headSha: string;
    log: { name: string; text: string };
    conclusion: 'failure' | 'success';
    agoMinutes: number;
    pullNumbers?: number[];
    event?: string;
  },
) {
  return addWorkflowRun(fake, { ...opts, workflow: 'CI', path: WORKFLOW_PATH, log: opts.log.text });
}

const classify: Step = { action: 'failure-classify', label: 'classify', inputs: () => ({ workflows: WORKFLOW_PATH }) };
const rerun: Step = {
  action: 'recover',
  label: 'recover (re-run path)',
  inputs: (o) => (o.classify?.path === 'failure' ? { phase: 'rerun', verdict: o.classify.result ?? '', 'max-wait': '60' } : undefined),
};
const notify: Step = {
  action: 'notify',
  label: 'notify',
  inputs: (o): Record<string, string> | undefined => {
    if (o.classify?.path === 'success') return {};
    if (o.classify?.path !== 'failure') return undefined;
    return { verdict: o.classify.result ?? '', 'recover-outcome': o['apply-fix']?.outcome ?? o['recover (re-run path)']?.outcome ?? '' };
  },
};

/**
 * The fix path as closed-loop.yml runs it: propose-fix with no token (it runs fixers), then apply-fix
 * with an App token (without one, a commit would start no CI, so recover only suggests).
 */
export const FIX_STEPS: Step[] = [
  {
    action: 'recover',
    label: 'propose-fix',
    token: 'none',
    inputs: (o) => (o.classify?.category === 'quality' ? { phase: 'propose-fix', verdict: o.classify.result ?? '' } : undefined),
  },
  {
    action: 'recover',
    label: 'apply-fix',
    inputs: (o) =>
      o['propose-fix']?.['has-changes'] === 'true'
        ? { phase: 'apply-fix', verdict: o.classify?.result ?? '', 'app-token': APP_TOKEN, 'app-slug': APP_SLUG }
        : undefined,
  },
];

const CONFIG = (fixer: string) => `version: 1\nrecover:\n  fixers:\n    format:\n      - ${JSON.stringify(fixer)}\n`;
const UNFORMATTED = 'export function total(items: {price:number}[]){\n  return items.reduce((sum,i)=>sum+i.price,0)\n}\n';

/** The loop's own stories: a failed (or green) workflow_run through classify, recover and notify. */
export const LOOP_STORIES: Story[] = [
  {
    id: 'transient',
    title: 'Transient network failure: npm ci loses the registry connection',
    seed(fake, ctx) {
      const { pull } = fake.state.pulls.add({ head: 'fix-cart', title: 'Fix cart totals', user: 'octocat' });
      const log = ctx.log ?? fixtureLog('network-econnreset.log');
      const { run, event } = seedRun(fake, {
        branch: 'fix-cart',
        headSha: pull.head.sha,
        log,
        conclusion: 'failure',
        agoMinutes: 2,
        pullNumbers: [pull.number],
      });
      return { event, runId: run.id, headSha: pull.head.sha, branch: 'fix-cart', logName: log.name, workspace: workspace({}) };
    },
    steps: [classify, rerun, notify],
  },
  {
    id: 'lint-fix',
    title: 'Lint failure with a fix: prettier --check fails, the fixer patch is validated and committed',
    seed(fake, ctx) {
      const prettier = join(ctx.root, 'node_modules', 'prettier', 'bin', 'prettier.cjs');
      const files = { '.github/closed-loop.yml': CONFIG(`node ${prettier} --write src`), 'src/cart.ts': UNFORMATTED };
      const headSha = fake.state.commits.add({ branch: 'format-cart', message: 'Add cart total', files });
      const { pull } = fake.state.pulls.add({ head: 'format-cart', title: 'Add cart total', user: 'octocat', headSha });
      const log = fixtureLog('prettier-check.log');
      const { run, event } = seedRun(fake, { branch: 'format-cart', headSha, log, conclusion: 'failure', agoMinutes: 1, pullNumbers: [pull.number] });
      return { event, runId: run.id, headSha, branch: 'format-cart', logName: log.name, workspace: workspace(files) };
    },
    steps: [classify, rerun, ...FIX_STEPS, notify],
  },
  {
    id: 'test-failure',
    title: 'Test failure on main, failing again and again: escalated to an issue',
    seed(fake) {
      const log = fixtureLog('jest-assertion.log');
      let last = { runId: 0, headSha: '', event: {} as Record<string, unknown> };
      for (let i = 3; i >= 0; i--) {
        const headSha = fake.state.commits.add({ branch: 'main', message: `Change ${4 - i}`, files: { 'src/cart.ts': `export const version = ${4 - i};\n` } });
        const { run, event } = seedRun(fake, { branch: 'main', headSha, log, conclusion: 'failure', agoMinutes: 10 * i + 1 });
        last = { runId: run.id, headSha, event };
      }
      return { ...last, branch: 'main', logName: log.name, workspace: workspace({}) };
    },
    steps: [classify, rerun, notify],
  },
  {
    id: 'recovery',
    title: 'Recovery: main is green again, so the issue is closed with its time to recovery',
    seed(fake) {
      const log = fixtureLog('green.log');
      const headSha = fake.state.commits.add({ branch: 'main', message: 'Fix the member discount', files: { 'src/cart.ts': 'export const version = 5;\n' } });
      const { run, event } = seedRun(fake, { branch: 'main', headSha, log, conclusion: 'success', agoMinutes: 0 });
      return { event, runId: run.id, headSha, branch: 'main', logName: log.name, workspace: workspace({}) };
    },
    steps: [classify, notify],
  },
];
