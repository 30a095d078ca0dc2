import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { FakeGitHub } from '@closed-loop/testkit';
import { addWorkflowRun, fixtureLog, workspace, type Seeded, type Step, type StepOutputs, type Story } from './stories.js';

// The loop in operation: escalation by the scheduled sweep, failure-rate tiers and manual runs. Each story
// has its own workflow and job names, so its failure signatures and histories never meet another story's.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

interface RunSeed {
  workflow: string;
  path: string;
  job: string;
  branch: string;
  conclusion: 'failure' | 'success';
  agoMinutes: number;
  log: { name: string; text: string };
}

/** One completed run of `workflow`, finished `agoMinutes` ago, on its own commit; returns it with its workflow_run event. */
function seedWorkflowRun(fake: FakeGitHub, s: RunSeed) {
  const headSha = fake.state.commits.add({
    branch: s.branch,
    message: `${s.workflow} change ${s.agoMinutes}`,
    files: { [`ops/${s.job}.txt`]: `${s.agoMinutes}\n` },
  });
  fake.state.workflows.add({ name: s.workflow, path: s.path });
  return { ...addWorkflowRun(fake, { ...s, headSha, log: s.log.text, step: 'Run the suite', event: 'push' }), headSha };
}

/** Failed runs finished `agoMinutes` ago each, oldest first; the newest is the one a story's loop acts on. */
function seedFailures(fake: FakeGitHub, agoMinutes: number[], s: Omit<RunSeed, 'agoMinutes' | 'conclusion'>) {
  let last: ReturnType<typeof seedWorkflowRun> | undefined;
  for (const ago of agoMinutes) last = seedWorkflowRun(fake, { ...s, conclusion: 'failure', agoMinutes: ago });
  if (!last) throw new Error('seedFailures needs at least one run');
  return last;
}

function seeded(last: ReturnType<typeof seedWorkflowRun>, branch: string, logName: string, files: Record<string, string> = {}): Seeded {
  return { event: last.event, runId: last.run.id, headSha: last.headSha, branch, logName, workspace: workspace(files) };
}

const classifyOf = (path: string): Step => ({ action: 'failure-classify', label: 'classify', inputs: () => ({ workflows: path }) });
const notifyVerdict: Step = {
  action: 'notify',
  label: 'notify',
  inputs: (o) => (o.classify?.path === 'failure' ? { verdict: o.classify.result ?? '' } : undefined),
};

/** A verdict output, parsed for the expectations. */
function verdictOf(json: string | undefined): { severity?: string; category?: string; run?: { id?: number } } {
  return JSON.parse(json ?? '{}') as { severity?: string; category?: string; run?: { id?: number } };
}

// ── escalation ────────────────────────────────────────────────────────────────────────────────────────
// The runner's clock is fixed through CLOSED_LOOP_FIXED_NOW (honoured against the loopback fake only):
// notify writes the ledger at T, the sweep runs at T + 16 min, then again. Nothing sleeps.
const RELEASE = '.github/workflows/release.yml';
const T = Date.UTC(2026, 2, 2, 9, 0);
const at = (ms: number) => ({ CLOSED_LOOP_FIXED_NOW: new Date(ms).toISOString() });
let writesBeforeSecondSweep = 0;

const escalation: Story = {
  id: 'escalation',
  title: 'Escalation: a critical failure nobody acknowledges is escalated once, 16 minutes on; a second sweep writes nothing',
  seed(fake) {
    const log = fixtureLog('jest-assertion.log');
    const last = seedFailures(fake, [200, 150, 100, 3], { workflow: 'Release', path: RELEASE, job: 'release-tests', branch: 'release-topic', log });
    const config = 'version: 1\nnotify:\n  escalate_after: 15m\n  escalation:\n    mentions: ["@acme/release-oncall"]\n';
    return seeded(last, 'release-topic', log.name, { '.github/closed-loop.yml': config });
  },
  steps: [
    classifyOf(RELEASE),
    { ...notifyVerdict, env: at(T) },
    { action: 'notify', label: 'sweep (T+5m)', inputs: () => ({ phase: 'sweep' }), env: at(T + 5 * MINUTE) },
    { action: 'notify', label: 'sweep (T+16m)', inputs: () => ({ phase: 'sweep' }), env: at(T + 16 * MINUTE) },
    {
      action: 'notify',
      label: 'sweep again (T+30m)',
      inputs: () => ({ phase: 'sweep' }),
      env: at(T + 30 * MINUTE),
      trigger: (s, _o, fake) => {
        writesBeforeSecondSweep = fake.writes.length;
        return { eventName: 'schedule', event: { schedule: '*/15 * * * *', repository: (s.event as { repository?: unknown }).repository } };
      },
    },
  ],
  expect(fake, o) {
    const unmet: string[] = [];
    if (verdictOf(o.classify?.result).severity !== 'critical') unmet.push(`classify: severity ${verdictOf(o.classify?.result).severity}, expected critical`);
    const issue = Number(o.notify?.['issue-number']);
    if (o['sweep (T+5m)']?.escalated !== '') unmet.push(`sweep at T+5m escalated "${o['sweep (T+5m)']?.escalated}", expected nothing (not yet due)`);
    if (o['sweep (T+16m)']?.escalated !== String(issue)) unmet.push(`sweep at T+16m escalated "${o['sweep (T+16m)']?.escalated}", expected issue #${issue}`);
    if (o['sweep again (T+30m)']?.escalated !== '') unmet.push('the second sweep escalated again');
    if (fake.writes.length !== writesBeforeSecondSweep)
      unmet.push(`the second sweep wrote ${fake.writes.length - writesBeforeSecondSweep} time(s), expected 0`);
    const comments = fake.state.comments.list({ issueNumber: issue }).filter((c) => c.body.includes('notify-sweep-escalation'));
    if (comments.length !== 1) unmet.push(`issue #${issue} has ${comments.length} escalation comments, expected 1`);
    else if (!comments[0]?.body.includes('@acme/release-oncall')) unmet.push('the escalation does not mention the configured team');
    return unmet;
  },
};

// ── failure-rate-tiers ────────────────────────────────────────────────────────────────────────────────
// 7 failures in 20 runs over 24 h (35 %) of a lint workflow on a topic branch: the category alone says
// low, the 30 % tier says high.
const NIGHTLY = '.github/workflows/nightly-lint.yml';
const tiers: Story = {
  id: 'failure-rate-tiers',
  title: 'Failure-rate tiers: a workflow failing 35 % of its runs over 24 h makes even a lint failure high',
  seed(fake) {
    const log = fixtureLog('prettier-check.log');
    const green = fixtureLog('green.log');
    let last: ReturnType<typeof seedWorkflowRun> | undefined;
    // Failures at every third run (never three in a row), newest last; the newest run is a failure.
    for (let i = 19; i >= 0; i--) {
      const failed = i % 3 === 0 && i <= 18;
      last = seedWorkflowRun(fake, {
        workflow: 'Nightly lint',
        path: NIGHTLY,
        job: 'nightly-lint',
        branch: 'tiers-topic',
        conclusion: failed ? 'failure' : 'success',
        agoMinutes: i * 70 + 1,
        log: failed ? log : green,
      });
    }
    return seeded(last as ReturnType<typeof seedWorkflowRun>, 'tiers-topic', log.name);
  },
  steps: [classifyOf(NIGHTLY)],
  expect(_fake, o) {
    const v = verdictOf(o.classify?.result) as { severity?: string; category?: string; history?: { failureRate?: number; runs?: number } };
    const unmet: string[] = [];
    if (v.category !== 'quality') unmet.push(`category ${v.category}, expected quality`);
    if (v.history?.runs !== 20 || Math.round((v.history.failureRate ?? 0) * 100) !== 35)
      unmet.push(`history ${v.history?.runs} runs at ${v.history?.failureRate}, expected 20 at 0.35`);
    if (v.severity !== 'high') unmet.push(`severity ${v.severity}, expected high (35 % ≥ the 30 % tier)`);
    return unmet;
  },
};

// ── manual-dispatch ───────────────────────────────────────────────────────────────────────────────────
// workflow_dispatch names a run id; the run is read from the API and verified like a workflow_run event.
// A run of a workflow that is not listed is refused the same way.
const MANUAL = '.github/workflows/manual-ci.yml';
const dispatched = { runId: 0, foreignRunId: 0 };
function dispatchEvent(fake: FakeGitHub, runId: number): Record<string, unknown> {
  return dispatchWith(fake, { 'run-id': String(runId), 'recovery-mode': 'analysis_only', 'failure-category': '' });
}

/** A workflow_dispatch payload of the caller's workflow, with the inputs a maintainer typed. */
function dispatchWith(fake: FakeGitHub, inputs: Record<string, string>): Record<string, unknown> {
  return {
    inputs,
    ref: 'refs/heads/main',
    repository: { full_name: `${fake.owner}/${fake.repo}`, name: fake.repo, owner: { login: fake.owner }, default_branch: 'main' },
    sender: { login: fake.owner, type: 'User' },
    workflow: '.github/workflows/closed-loop-caller.yml',
  };
}

const manualDispatch: Story = {
  id: 'manual-dispatch',
  title: 'Manual run: workflow_dispatch on a failed run id is verified, classified and reported like workflow_run',
  seed(fake) {
    const log = fixtureLog('jest-assertion.log');
    const run = seedWorkflowRun(fake, {
      workflow: 'Manual CI',
      path: MANUAL,
      job: 'manual-tests',
      branch: 'dispatch-topic',
      conclusion: 'failure',
      agoMinutes: 30,
      log,
    });
    const foreign = seedWorkflowRun(fake, {
      workflow: 'Unlisted',
      path: '.github/workflows/unlisted.yml',
      job: 'other',
      branch: 'dispatch-topic',
      conclusion: 'failure',
      agoMinutes: 20,
      log,
    });
    dispatched.runId = run.run.id;
    dispatched.foreignRunId = foreign.run.id;
    return { ...seeded(run, 'dispatch-topic', log.name), eventName: 'workflow_dispatch', event: dispatchEvent(fake, run.run.id) };
  },
  steps: [
    { action: 'failure-classify', label: 'classify', inputs: () => ({ workflows: MANUAL, 'run-id': String(dispatched.runId) }) },
    {
      ...notifyVerdict,
      inputs: (o) => (o.classify?.path === 'failure' ? { verdict: o.classify.result ?? '', 'status-context': 'closed-loop/manual' } : undefined),
    },
    {
      action: 'failure-classify',
      label: 'dispatch on an unlisted workflow',
      inputs: () => ({ workflows: MANUAL, 'run-id': String(dispatched.foreignRunId) }),
      trigger: (_s, _o, fake) => ({ eventName: 'workflow_dispatch', event: dispatchEvent(fake, dispatched.foreignRunId) }),
    },
  ],
  expect(fake, o, s) {
    const unmet: string[] = [];
    const v = verdictOf(o.classify?.result);
    if (o.classify?.path !== 'failure') unmet.push(`classify path ${o.classify?.path}, expected failure`);
    if (v.category !== 'testing' || v.run?.id !== dispatched.runId)
      unmet.push(`verdict ${v.category} for run ${v.run?.id}, expected testing for ${dispatched.runId}`);
    const status = fake.state.statuses
      .list({ sha: s.headSha })
      .find((st) => st.sha === s.headSha && st.context.startsWith('closed-loop/manual') /* one context per watched workflow: closed-loop/manual / CI */);
    if (status?.state !== 'failure')
      unmet.push(`commit status closed-loop/manual on ${s.headSha.slice(0, 7)} is ${status?.state ?? 'missing'}, expected failure`);
    if (o['dispatch on an unlisted workflow']?.path !== 'ignore') unmet.push('a dispatch naming a run of an unlisted workflow was not refused');
    return unmet;
  },
};

// ── manual-dispatch-recent ────────────────────────────────────────────────────────────────────────────
// workflow_dispatch names a workflow and since-hours: find lists its failed runs in the window (newest
// first, max-runs), and each listed id goes through the loop on its own, verified like a workflow_run —
// the jobs find and recent of closed-loop.yml. Runs outside the window or of another workflow are not
// listed; a workflow that is not in `workflows` is refused with one line. The clock is fixed at RECENT_NOW.
const RECENT = '.github/workflows/nightly-e2e.yml';
const RECENT_NOW = Math.floor(Date.now() / MINUTE) * MINUTE;
const recentRuns = { inWindow: [] as number[], outside: 0, other: 0, shas: new Map<number, string>() };
const recentInputs = { workflow: 'nightly-e2e.yml', 'since-hours': '6', 'max-runs': '2', 'recovery-mode': 'analysis_only', 'failure-category': '' };
const recentEnv = at(RECENT_NOW);
const listed = (o: StepOutputs, i: number): number | undefined => (JSON.parse(o.find?.runs ?? '[]') as number[])[i];

const recentSteps: Step[] = [0, 1, 2].flatMap((i): Step[] => [
  {
    action: 'failure-classify',
    label: `recent ${i}`,
    env: recentEnv,
    // closed-loop.yml's recent job: the same loop, given only the listed id, verified from the API.
    inputs: (o) => (listed(o, i) === undefined ? undefined : { workflows: RECENT, 'run-id': String(listed(o, i)) }),
    trigger: (_s, o, fake) => ({ eventName: 'workflow_dispatch', event: dispatchWith(fake, { ...recentInputs, 'run-id': String(listed(o, i)) }) }),
  },
  {
    action: 'notify',
    label: `notify ${i}`,
    env: recentEnv,
    inputs: (o) => (o[`recent ${i}`]?.path === 'failure' ? { verdict: o[`recent ${i}`]?.result ?? '', 'status-context': 'closed-loop/recent' } : undefined),
    trigger: (_s, o, fake) => ({ eventName: 'workflow_dispatch', event: dispatchWith(fake, { ...recentInputs, 'run-id': String(listed(o, i)) }) }),
  },
]);

const manualDispatchRecent: Story = {
  id: 'manual-dispatch-recent',
  title: 'Manual run: workflow_dispatch on "failures of workflow X in the last 6 h" lists the newest two and loops over each like workflow_run',
  seed(fake) {
    const log = fixtureLog('jest-assertion.log');
    const seed = (workflow: string, path: string, hoursAgo: number, conclusion: 'failure' | 'success') =>
      seedWorkflowRun(fake, {
        workflow,
        path,
        job: workflow === 'Nightly e2e' ? 'e2e-suite' : 'other-suite',
        branch: 'recent-topic',
        conclusion,
        agoMinutes: (Date.now() - (RECENT_NOW - hoursAgo * HOUR)) / MINUTE,
        log: conclusion === 'failure' ? log : fixtureLog('green.log'),
      });
    recentRuns.shas.clear();
    const outside = seed('Nightly e2e', RECENT, 10, 'failure');
    const inWindow = [5, 3.5, 2, 1].map((h) => ({ green: h === 3.5, ...seed('Nightly e2e', RECENT, h, h === 3.5 ? 'success' : 'failure') }));
    const other = seed('Recent other', '.github/workflows/recent-other.yml', 0.5, 'failure');
    for (const r of [outside, ...inWindow, other]) recentRuns.shas.set(r.run.id, r.headSha);
    recentRuns.outside = outside.run.id;
    recentRuns.other = other.run.id;
    recentRuns.inWindow = inWindow.filter((r) => !r.green).map((r) => r.run.id);
    const newest = inWindow.at(-1) as ReturnType<typeof seedWorkflowRun>;
    return { ...seeded(newest, 'recent-topic', log.name), eventName: 'workflow_dispatch', event: dispatchWith(fake, recentInputs) };
  },
  steps: [
    // closed-loop.yml's find job: only lists (actions: read), classifies nothing.
    {
      action: 'failure-classify',
      label: 'find',
      env: recentEnv,
      inputs: () => ({ workflows: RECENT, workflow: 'nightly-e2e.yml', 'since-hours': '6', 'max-runs': '2' }),
    },
    ...recentSteps,
    {
      action: 'failure-classify',
      label: 'find (unlisted workflow)',
      env: recentEnv,
      expectExit: 1,
      inputs: () => ({ workflows: RECENT, workflow: 'recent-other.yml', 'since-hours': '6' }),
      trigger: (_s, _o, fake) => ({ eventName: 'workflow_dispatch', event: dispatchWith(fake, { ...recentInputs, workflow: 'recent-other.yml' }) }),
    },
  ],
  expect(fake, o) {
    const unmet: string[] = [];
    const newestTwo = [...recentRuns.inWindow].reverse().slice(0, 2);
    if (o.find?.path !== 'list' || o.find.runs !== JSON.stringify(newestTwo))
      unmet.push(`find listed ${o.find?.runs} (path ${o.find?.path}), expected ${JSON.stringify(newestTwo)}: the newest two failures in the window`);
    if (o['recent 2']) unmet.push('a third run was processed although max-runs is 2');
    newestTwo.forEach((id, i) => {
      const v = verdictOf(o[`recent ${i}`]?.result);
      if (o[`recent ${i}`]?.path !== 'failure' || v.run?.id !== id)
        unmet.push(`recent ${i}: path ${o[`recent ${i}`]?.path} for run ${v.run?.id}, expected failure for ${id}`);
      if (v.category !== 'testing') unmet.push(`recent ${i}: category ${v.category}, expected testing`);
    });
    const reported = (id: number) => fake.state.statuses.list({ sha: recentRuns.shas.get(id) ?? '' }).some((st) => st.context.startsWith('closed-loop/recent'));
    for (const id of newestTwo) if (!reported(id)) unmet.push(`run ${id} has no closed-loop/recent status on its commit`);
    const oldest = recentRuns.inWindow[0] ?? 0;
    for (const [id, why] of [
      [oldest, 'beyond max-runs'],
      [recentRuns.outside, 'outside the window'],
      [recentRuns.other, 'of another workflow'],
    ] as const)
      if (reported(id)) unmet.push(`run ${id} (${why}) was reported`);
    const refused = o['find (unlisted workflow)'];
    if (refused?.runs) unmet.push(`a workflow outside workflows was listed: ${refused.runs}`);
    return unmet;
  },
};

// ── breaker-reset, breaker-reset-label ────────────────────────────────────────────────────────────────
// Six transient failures in a row open the breaker: no re-run. A writer resets it on the failure issue —
// by a `/closed-loop reset` comment (then a read-only user tries the same), or by the label (after a
// triager tried the same) — each event run through recover's reset-breaker phase as breaker-reset.yml
// runs it; the issue's breaker line shows the reset at once, and the next transient failure is re-run.
// Each variant has its own workflow and branch.
const RESET_LABEL = 'closed-loop:reset-breaker';

const rerunStep = (label: string, after: string): Step => ({
  action: 'recover',
  label,
  inputs: (o) => (o[after]?.path === 'failure' ? { phase: 'rerun', verdict: o[after].result ?? '', 'max-wait': '60' } : undefined),
});

// The value-discovery dashboard shows the breaker as recover judges it: read with the same settings, after
// the same resets. No dashboard issue is written; the rows are read from value-metrics.json.
const dashboardStep = (label: string, file: string): Step => ({
  action: 'value-discovery',
  label,
  inputs: () => ({ dashboard: 'false', 'metrics-file': file }),
});

interface ResetScene {
  id: string;
  title: string;
  workflow: string;
  path: string;
  branch: string;
  /** How the writer resets: a comment, or the label. */
  by: 'comment' | 'label';
}

/** The dashboard's infrastructure breaker of the scene's workflow and branch, from value-metrics.json. */
function dashboardBreaker(scene: ResetScene, s: Seeded, o: StepOutputs, label: string): string {
  const file = o[label]?.['metrics-file'];
  if (!file) return 'no metrics file';
  const metrics = JSON.parse(readFileSync(isAbsolute(file) ? file : join(s.workspace, file), 'utf8')) as {
    breakers?: { path: string; branch: string; category: string; state: string }[];
  };
  const row = metrics.breakers?.find((b) => b.path === scene.path && b.branch === scene.branch && b.category === 'infrastructure');
  return row?.state ?? 'closed';
}

/** `sender` adds the reset label to the failure issue: the issues: labeled event GitHub sends. */
function labelEvent(fake: FakeGitHub, issueNumber: number, sender: string): { eventName: string; event: Record<string, unknown> } {
  const issue = fake.state.issues.get(issueNumber);
  if (issue && !issue.labels.includes(RESET_LABEL)) issue.labels.push(RESET_LABEL);
  return {
    eventName: 'issues',
    event: {
      action: 'labeled',
      label: { name: RESET_LABEL },
      issue: { number: issueNumber, body: issue?.body ?? '', user: { login: issue?.user ?? '', type: 'Bot' }, labels: issue?.labels.map((name) => ({ name })) },
      sender: { login: sender, type: 'User' },
      repository: { full_name: `${fake.owner}/${fake.repo}`, name: fake.repo, owner: { login: fake.owner }, default_branch: 'main' },
    },
  };
}

/** `user` comments `body` on the failure issue, `agoMs` ago: the issue_comment event GitHub sends. */
function commentEvent(fake: FakeGitHub, issueNumber: number, user: string, body: string, agoMs: number): { eventName: string; event: Record<string, unknown> } {
  const clock = fake.state.now;
  fake.state.now = () => new Date(Date.now() - agoMs);
  const comment = (() => {
    try {
      return fake.state.comments.add({ issueNumber, body, user });
    } finally {
      fake.state.now = clock;
    }
  })();
  const issue = fake.state.issues.get(issueNumber);
  return {
    eventName: 'issue_comment',
    event: {
      action: 'created',
      comment: { id: comment.id, body, created_at: comment.created_at, user: { login: user, type: 'User' } },
      issue: { number: issueNumber, body: issue?.body ?? '', user: { login: issue?.user ?? '', type: 'Bot' } },
      sender: { login: user, type: 'User' },
      repository: { full_name: `${fake.owner}/${fake.repo}`, name: fake.repo, owner: { login: fake.owner }, default_branch: 'main' },
    },
  };
}

/** The failure issue's Circuit breaker line as it reads now. */
function breakerLineOf(fake: FakeGitHub, issueNumber: number): string {
  return (
    fake.state.issues
      .get(issueNumber)
      ?.body?.split('\n')
      .find((l) => l.startsWith('**Circuit breaker**')) ?? '(no breaker line)'
  );
}

function breakerResetStory(scene: ResetScene): Story {
  const job = `${scene.branch}-checks`;
  const log = () => fixtureLog('network-econnreset.log');
  let resetRun: ReturnType<typeof seedWorkflowRun> | undefined;
  const issueOf = (o: StepOutputs) => Number(o.notify?.['issue-number']);
  // The issue's breaker line just before the writer's reset and right after the last reset step.
  const lines: { before?: string; after?: string } = {};
  const resetStep = (label: string, event: (fake: FakeGitHub, issueNumber: number) => ReturnType<typeof labelEvent>, before = false): Step => ({
    action: 'recover',
    label,
    inputs: () => ({ phase: 'reset-breaker' }),
    trigger: (_s, o, fake) => {
      if (before) lines.before = breakerLineOf(fake, issueOf(o));
      return event(fake, issueOf(o));
    },
  });
  const labelSteps: Step[] = [
    resetStep('label by a triager', (fake, n) => labelEvent(fake, n, 'triage-tia')),
    resetStep('label by a writer', (fake, n) => labelEvent(fake, n, 'maintainer-mia'), true),
  ];
  const commentSteps: Step[] = [
    resetStep(
      'comment by a writer',
      (fake, n) => commentEvent(fake, n, 'maintainer-mia', 'Looked into it, the proxy is fixed.\n/closed-loop reset', 90_000),
      true,
    ),
    resetStep('comment by a reader', (fake, n) => commentEvent(fake, n, 'drive-by', '/closed-loop reset', 80_000)),
  ];
  return {
    id: scene.id,
    title: scene.title,
    seed(fake) {
      const last = seedFailures(fake, [25, 20, 15, 10, 6, 3], { workflow: scene.workflow, path: scene.path, job, branch: scene.branch, log: log() });
      fake.state.collaborators.set({ username: 'maintainer-mia', role: 'write' });
      fake.state.collaborators.set({ username: 'drive-by', role: 'read' });
      fake.state.collaborators.set({ username: 'triage-tia', role: 'triage' });
      // A long cool-down, so only a reset (not the clock) can close this breaker during the story.
      const config = 'version: 1\nrecover:\n  breaker:\n    cooldown_minutes:\n      infrastructure: 30\n';
      return seeded(last, scene.branch, log().name, { '.github/closed-loop.yml': config });
    },
    steps: [
      classifyOf(scene.path),
      rerunStep('recover (breaker open)', 'classify'),
      // notify with recover's outcome, as closed-loop.yml's report job passes it: the issue shows the breaker.
      {
        ...notifyVerdict,
        inputs: (o) => {
          const base = notifyVerdict.inputs(o);
          return base && { ...base, 'recover-outcome': o['recover (breaker open)']?.outcome ?? '' };
        },
      },
      dashboardStep('dashboard (breaker open)', 'metrics-before.json'),
      ...(scene.by === 'label' ? labelSteps : commentSteps),
      {
        action: 'failure-classify',
        label: 'classify after reset',
        inputs: () => ({ workflows: scene.path }),
        trigger: (_s, o, fake) => {
          const issueNumber = issueOf(o);
          lines.after = breakerLineOf(fake, issueNumber);
          if (scene.by === 'label') {
            // The label was added two minutes ago: the record the phase wrote just now is dated then, so the
            // failure a minute ago came after it and its backoff is already over (nothing sleeps).
            for (const c of fake.state.comments.list({ issueNumber }))
              if (c.body.includes('breaker-reset')) c.created_at = c.updated_at = new Date(Date.now() - 120_000).toISOString();
          }
          resetRun = seedFailures(fake, [1], {
            workflow: scene.workflow,
            path: scene.path,
            job,
            branch: scene.branch,
            log: log(),
          });
          return { eventName: 'workflow_run', event: resetRun.event };
        },
      },
      rerunStep('recover (after reset)', 'classify after reset'),
      dashboardStep('dashboard (after reset)', 'metrics-after.json'),
    ],
    expect(fake, o, s) {
      const unmet: string[] = [];
      const before = dashboardBreaker(scene, s, o, 'dashboard (breaker open)');
      const after = dashboardBreaker(scene, s, o, 'dashboard (after reset)');
      if (before !== 'open') unmet.push(`the dashboard showed the infrastructure breaker ${before} before the reset, expected open`);
      if (after !== 'closed') unmet.push(`the dashboard showed the infrastructure breaker ${after} after the reset, expected closed (as recover saw it)`);
      const open = o['recover (breaker open)'];
      const reset = o['recover (after reset)'];
      if (open?.action === 'rerun' && open.executed === 'true') unmet.push('the open breaker let a re-run through');
      if (!/open/.test(open?.outcome ?? '')) unmet.push(`before the reset the breaker was not open: ${open?.outcome}`);
      if (reset?.action !== 'rerun' || reset.executed !== 'true')
        unmet.push(`after the reset: ${reset?.action} (executed ${reset?.executed}), expected an executed re-run`);
      const run = resetRun && fake.state.runs.get(resetRun.run.id);
      if (run && run.attempts.length !== 2) unmet.push(`run ${run.id} has ${run.attempts.length} attempt(s), expected a second one`);
      if (!lines.before?.includes('**open**')) unmet.push(`before the reset the issue's breaker line was not open: ${lines.before}`);
      const how = scene.by === 'label' ? 'the `closed-loop:reset-breaker` label' : '`/closed-loop reset`';
      if (!lines.after?.includes(`**reset** by maintainer-mia (${how})`))
        unmet.push(`right after the reset the issue's breaker line did not show maintainer-mia's reset: ${lines.after}`);
      if (scene.by === 'comment') {
        const comments = fake.state.comments.list({ issueNumber: issueOf(o) });
        const writer = comments.find((c) => c.user === 'maintainer-mia');
        if (!writer?.reactions.some((r) => r.content === '+1')) unmet.push("the writer's /closed-loop reset comment got no 👍");
        const answers = comments.filter((c) => c.body.includes('breaker-reset-refused'));
        if (answers.length !== 1 || !answers[0]?.body.includes('read access'))
          unmet.push(`${answers.length} answer(s) to the read-only user's comment, expected one saying write permission is needed`);
        if (o['comment by a reader']?.action !== 'report') unmet.push(`the reader's comment: ${o['comment by a reader']?.outcome}`);
      }
      if (scene.by === 'label') {
        const records = fake.state.comments.list({ issueNumber: issueOf(o) }).filter((c) => c.body.includes('breaker-reset'));
        if (records.length !== 1 || !records[0]?.body.includes('maintainer-mia'))
          unmet.push(`${records.length} reset record(s) on the issue, expected one, by maintainer-mia (the triager's label resets nothing)`);
        if (fake.state.issues.get(issueOf(o))?.labels.includes(RESET_LABEL)) unmet.push(`the ${RESET_LABEL} label is still on the issue`);
      }
      return unmet;
    },
  };
}

const breakerReset = breakerResetStory({
  id: 'breaker-reset',
  title:
    "Breaker reset: the breaker is open, a writer says /closed-loop reset (👍, the issue's breaker line shows it; a reader's try is answered), the next transient failure is re-run and the dashboard shows it closed",
  workflow: 'Deploy checks',
  path: '.github/workflows/deploy-checks.yml',
  branch: 'breaker-topic',
  by: 'comment',
});

const breakerResetLabel = breakerResetStory({
  id: 'breaker-reset-label',
  title:
    "Breaker reset by label: a triager's label resets nothing, a writer's does and the issue's breaker line shows it; the next transient failure is re-run",
  workflow: 'Smoke checks',
  path: '.github/workflows/smoke-checks.yml',
  branch: 'label-topic',
  by: 'label',
});

// ── digest ────────────────────────────────────────────────────────────────────────────────────────────
// Three medium failures (first failures of three workflows: no history raises them) complete within the
// last full clock hour; notify sets their medium statuses. The sweep, its clock fixed 5 minutes into the
// next hour, writes one digest comment listing the three; re-running that sweep writes nothing.
const DIGEST_HOUR = Math.floor(Date.now() / HOUR) * HOUR - HOUR;
const DIGESTED = ['Digest alpha', 'Digest beta', 'Digest gamma'].map((workflow, i) => ({
  workflow,
  path: `.github/workflows/digest-${i}.yml`,
  job: `digest-job-${i}`,
  offsetMinutes: 10 + i * 15,
}));
const digestRuns: ReturnType<typeof seedWorkflowRun>[] = [];
let writesBeforeSecondDigest = 0;

const digestSteps: Step[] = DIGESTED.flatMap((d, i) => [
  {
    action: 'failure-classify',
    label: `classify ${i}`,
    inputs: () => ({ workflows: DIGESTED.map((x) => x.path).join('\n') }),
    trigger: () => ({ eventName: 'workflow_run', event: (digestRuns[i] as ReturnType<typeof seedWorkflowRun>).event }),
  },
  {
    action: 'notify',
    label: `notify ${i}`,
    inputs: (o) => (o[`classify ${i}`]?.path === 'failure' ? { verdict: o[`classify ${i}`]?.result ?? '' } : undefined),
    trigger: () => ({ eventName: 'workflow_run', event: (digestRuns[i] as ReturnType<typeof seedWorkflowRun>).event }),
  },
]);

const scheduleTrigger = (s: Seeded) => ({
  eventName: 'schedule',
  event: { schedule: '5 * * * *', repository: (s.event as { repository?: unknown }).repository },
});

const digest: Story = {
  id: 'digest',
  title: 'Digest: three medium failures in an hour become one digest comment; a second sweep that hour writes nothing',
  seed(fake) {
    const log = fixtureLog('jest-assertion.log');
    digestRuns.length = 0;
    for (const d of DIGESTED)
      digestRuns.push(
        seedWorkflowRun(fake, {
          workflow: d.workflow,
          path: d.path,
          job: d.job,
          branch: 'digest-topic',
          conclusion: 'failure',
          agoMinutes: (Date.now() - (DIGEST_HOUR + d.offsetMinutes * MINUTE)) / MINUTE,
          log,
        }),
      );
    return seeded(digestRuns[0] as ReturnType<typeof seedWorkflowRun>, 'digest-topic', log.name);
  },
  steps: [
    ...digestSteps,
    { action: 'notify', label: 'sweep', inputs: () => ({ phase: 'sweep' }), env: at(DIGEST_HOUR + HOUR + 5 * MINUTE), trigger: scheduleTrigger },
    {
      action: 'notify',
      label: 'sweep again',
      inputs: () => ({ phase: 'sweep' }),
      // The same instant as the first sweep: in the shared demo fake other stories' failures may come due for
      // escalation at any later minute, and those writes would be theirs, not a repeated digest.
      env: at(DIGEST_HOUR + HOUR + 5 * MINUTE),
      trigger: (s, _o, fake) => {
        writesBeforeSecondDigest = fake.writes.length;
        return scheduleTrigger(s);
      },
    },
  ],
  expect(fake, o) {
    const unmet: string[] = [];
    DIGESTED.forEach((_d, i) => {
      const severity = verdictOf(o[`classify ${i}`]?.result).severity;
      if (severity !== 'medium') unmet.push(`classify ${i}: severity ${severity}, expected medium`);
    });
    const period = new Date(DIGEST_HOUR).toISOString().slice(0, 13);
    if (!(o.sweep?.digests ?? '').split(',').includes(`medium:${period}`))
      unmet.push(`the sweep wrote digests "${o.sweep?.digests}", expected medium:${period}`);
    if (o['sweep again']?.digests !== '') unmet.push(`the second sweep wrote digests "${o['sweep again']?.digests}", expected none`);
    if (fake.writes.length !== writesBeforeSecondDigest)
      unmet.push(`the second sweep wrote ${fake.writes.length - writesBeforeSecondDigest} time(s), expected 0`);
    const comments = fake.state.comments.list().filter((c) => c.body.includes(`notify-digest medium.${period}`));
    if (comments.length !== 1) unmet.push(`${comments.length} medium digest comments for ${period}, expected 1`);
    for (const run of digestRuns) if (!comments[0]?.body.includes(`#${run.run.id}`)) unmet.push(`the digest does not list run ${run.run.id}`);
    return unmet;
  },
};

export const OPERATIONS_STORIES: Story[] = [escalation, digest, tiers, manualDispatch, manualDispatchRecent, breakerReset, breakerResetLabel];
