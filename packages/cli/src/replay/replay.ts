import { rmSync } from 'node:fs';
import { runBundledAction, startFakeGitHub, type FakeGitHub, type RecordedRequest } from '@closed-loop/testkit';
import { describeWrite, indent, ms } from './account.js';
import { STORIES } from './catalog.js';
import {
  WORKFLOW_PATH,
  fixtureLog,
  seedRun,
  workspace,
  type Seeded,
  type Step,
  type StepOutputs,
  type StepSummaries,
  type Story,
  type StoryContext,
} from './stories.js';

export interface ReplayOptions {
  root: string;
  /** Replay only these story ids (all when empty). */
  only?: string[];
  log?: { name: string; text: string };
  /** A workflow_run payload of the user's: replayed as one story instead of the built-in ones. */
  event?: Record<string, unknown>;
  print: (text: string) => void;
  /** A fake GitHub the caller started (and will inspect and close); else one is started and closed here. */
  fake?: FakeGitHub;
}

export interface StepReport {
  label: string;
  action: string;
  skipped: boolean;
  exitCode?: number;
  durationMs?: number;
  outputs?: Record<string, string>;
  errors?: string[];
  writes: string[];
}

export interface StoryReport {
  id: string;
  title: string;
  ok: boolean;
  steps: StepReport[];
  /** Final-state expectations the story did not meet (empty when it holds). */
  unmet: string[];
}

export interface ReplayReport {
  ok: boolean;
  stories: StoryReport[];
  requests: number;
  writes: number;
  specViolations: string[];
  durationMs: number;
}

/**
 * Replays the loop locally: the fake GitHub on 127.0.0.1, seeded with a failed workflow_run, and the
 * bundled dist/ actions run one after another exactly as the runner would run them.
 */
export async function replay(options: ReplayOptions): Promise<ReplayReport> {
  const started = Date.now();
  const fake = options.fake ?? (await startFakeGitHub());
  const stories = options.event ? [customStory(options.event)] : STORIES.filter((s) => !options.only?.length || options.only.includes(s.id));
  const reports: StoryReport[] = [];
  try {
    options.print(`closed-loop replay: fake GitHub at ${fake.url} (acme/widgets), bundles from dist/\n`);
    for (const [i, story] of stories.entries()) {
      options.print(`\n━━ ${i + 1}/${stories.length} ${story.title}\n`);
      reports.push(await replayStory(story, fake, { root: options.root, ...(options.log ? { log: options.log } : {}) }, options.print));
    }
  } finally {
    if (!options.fake) await fake.close().catch(() => undefined);
  }
  const report: ReplayReport = {
    ok: reports.every((r) => r.ok) && fake.violations.length === 0,
    stories: reports,
    requests: fake.requests.length,
    writes: fake.writes.length,
    specViolations: [...fake.violations],
    durationMs: Date.now() - started,
  };
  options.print(
    `\n${report.ok ? 'Done' : 'FAILED'}: ${reports.length} stor${reports.length === 1 ? 'y' : 'ies'}, ${report.requests} API requests (${report.writes} writes), ` +
      `${report.specViolations.length} OpenAPI violations, in ${ms(report.durationMs)}.\n`,
  );
  for (const v of report.specViolations) options.print(`  violation: ${v}\n`);
  return report;
}

async function replayStory(story: Story, fake: FakeGitHub, ctx: StoryContext, print: (t: string) => void): Promise<StoryReport> {
  const seeded = story.seed(fake, ctx);
  print(`   run #${seeded.runId} of CI on ${seeded.branch} (${seeded.headSha.slice(0, 7)}), log ${seeded.logName}\n`);
  const outputs: StepOutputs = {};
  const summaries: StepSummaries = {};
  const steps: StepReport[] = [];
  let unmet: string[] = [];
  try {
    for (const step of story.steps) {
      const report = await runStep(step, seeded, { outputs, summaries }, fake, ctx.root);
      steps.push(report);
      print(formatStep(report));
      if (!report.skipped && report.exitCode !== (step.expectExit ?? 0)) {
        unmet.push(`${step.label}: exit ${report.exitCode ?? '?'}, expected ${step.expectExit ?? 0}`);
        break;
      }
    }
    if (!unmet.length && story.expect) unmet = story.expect(fake, outputs, seeded, summaries);
  } finally {
    rmSync(seeded.workspace, { recursive: true, force: true });
  }
  for (const u of unmet) print(`   ✗ ${u}\n`);
  return { id: story.id, title: story.title, ok: unmet.length === 0, steps, unmet };
}

async function runStep(
  step: Step,
  seeded: Seeded,
  { outputs, summaries }: { outputs: StepOutputs; summaries: StepSummaries },
  fake: FakeGitHub,
  root: string,
): Promise<StepReport> {
  const inputs = step.inputs(outputs);
  if (!inputs) return { label: step.label, action: step.action, skipped: true, writes: [] };
  const before = fake.writes.length;
  const trigger = step.trigger?.(seeded, outputs, fake) ?? { eventName: seeded.eventName ?? 'workflow_run', event: seeded.event };
  const run = await runBundledAction({
    root,
    name: step.action,
    inputs,
    eventName: trigger.eventName,
    event: trigger.event,
    ...(step.env ? { env: step.env } : {}),
    apiUrl: fake.url,
    token: step.token === 'none' ? '' : 'test-token',
    repository: `${fake.owner}/${fake.repo}`,
    workspace: seeded.workspace,
  });
  outputs[step.label] = run.outputs;
  summaries[step.label] = run.summary;
  return {
    label: step.label,
    action: step.action,
    skipped: false,
    exitCode: run.exitCode,
    durationMs: run.durationMs,
    outputs: run.outputs,
    errors: run.annotations.filter((a) => a.level === 'error').map((a) => a.message),
    writes: fake.writes.slice(before).map((w: RecordedRequest) => describeWrite(w)),
  };
}

function formatStep(step: StepReport): string {
  const head = `   ▸ ${step.label.padEnd(22)}`;
  if (step.skipped) return `${head} skipped\n`;
  const lines = [`${head} ${ms(step.durationMs ?? 0).padStart(7)}  ${conclusion(step)}`];
  for (const e of step.errors ?? []) lines.push(`       error: ${e}`);
  for (const w of step.writes) lines.push(indent(w, '       ✎ '));
  return `${lines.join('\n')}\n`;
}

/** One line saying what the step concluded, from its outputs. */
function conclusion(step: StepReport): string {
  const o = step.outputs ?? {};
  if (step.exitCode) return `exit ${step.exitCode}`;
  if (step.action === 'failure-classify') {
    if (o.path !== 'failure') return `path ${o.path ?? '?'}: ${o.path === 'success' ? 'green run, resolution path' : 'nothing to do'}`;
    const v = JSON.parse(o.result ?? '{}') as {
      category?: string;
      subcategory?: string;
      confidence?: number;
      transient?: boolean;
      severity?: string;
      signature?: string;
      evidence?: { startLine?: number; lines?: string[] };
    };
    // The evidence window opens with context; show the line that reads like the error itself.
    const lines = v.evidence?.lines ?? [];
    const evidence = lines.find((l) => /error|err!|fail|✕|●|\[warn\]/i.test(l)) ?? lines.find((l) => l.trim()) ?? '';
    return `${v.category}/${v.subcategory} (confidence ${(v.confidence ?? 0).toFixed(2)}, ${v.transient ? 'transient' : 'not transient'}, ${v.severity}) ${v.signature}\n       evidence: ${evidence.trim().slice(0, 100)}`;
  }
  if (step.action === 'review-hash-validate')
    return `review ${o.status ?? '?'}${o['reviewed-commit'] ? ` (approved commit ${o['reviewed-commit'].slice(0, 7)})` : ''}`;
  if (step.action === 'recover') {
    const outcome = JSON.parse(o.outcome ?? '{}') as { reason?: string };
    return `${o.action ?? '?'}${o.executed === 'true' ? '' : ' (not executed)'} — ${outcome.reason ?? ''}`;
  }
  return `${o.change ?? ''}${o.channels ? ` via ${o.channels}` : ''}${o['issue-number'] ? ` (issue #${o['issue-number']})` : ''}`;
}

/** The user's own workflow_run payload: seeded as one failed run of CI with their log (or the network one). */
function customStory(event: Record<string, unknown>): Story {
  const run = (event.workflow_run ?? {}) as Record<string, unknown>;
  const base = STORIES.find((s) => s.id === 'transient') as Story;
  return {
    id: 'custom',
    title: `Your event: workflow_run ${typeof run.id === 'number' ? run.id : '?'} (${typeof run.conclusion === 'string' ? run.conclusion : '?'})`,
    seed(fake, ctx): Seeded {
      // The event's SHA and run id mean nothing to the fake: seed a commit and a run on its branch and
      // point the event at them, keeping everything else the event says (conclusion, trigger, attempt).
      const branch = typeof run.head_branch === 'string' ? run.head_branch : 'main';
      const log = ctx.log ?? fixtureLog('network-econnreset.log');
      const conclusion = run.conclusion === 'success' ? 'success' : 'failure';
      const headSha = fake.state.commits.add({ branch, message: 'replayed event' });
      const seeded = seedRun(fake, { branch, headSha, log, conclusion, agoMinutes: 2, event: typeof run.event === 'string' ? run.event : 'push' });
      const ours = seeded.event.workflow_run as Record<string, unknown>;
      const payload = {
        ...event,
        action: 'completed',
        workflow_run: {
          ...run,
          id: ours.id,
          head_sha: headSha,
          head_branch: branch,
          path: WORKFLOW_PATH,
          repository: ours.repository,
          head_repository: ours.head_repository,
        },
      };
      return { event: payload, runId: seeded.run.id, headSha, branch, logName: log.name, workspace: workspace({}) };
    },
    steps: base.steps,
  };
}
