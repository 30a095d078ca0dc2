import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importGitCommits, loadEvent, pullRequestReviewEvent, type FakeGitHub } from '@closed-loop/testkit';
import { workspace, type Seeded, type Step, type Story } from './stories.js';

// Merge guards played through the bundles: what a queued merge may carry.
const TOKEN = ['ghp', 'M3rg3Qu3u3D3m0T0k3nV4lu3F0rR3pl4yXY'].join('_');

/** Git as `login` would run it: a noreply email, so the fake links the commits to that GitHub account. */
function identity(login?: string): NodeJS.ProcessEnv {
  const name = login ?? 'demo';
  const email = login ? `${login}@users.noreply.github.com` : 'demo@example.invalid';
  return { ...process.env, GIT_AUTHOR_NAME: name, GIT_AUTHOR_EMAIL: email, GIT_COMMITTER_NAME: name, GIT_COMMITTER_EMAIL: email };
}

function git(dir: string, ...args: string[]): string {
  return gitAs(undefined, dir, ...args);
}

function gitAs(login: string | undefined, dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: identity(login) }).trim();
}

/** A queued merge commit on top of `base` adding `content`, left on its own branch. */
function queuedCommit(dir: string, base: string, branch: string, content: string): string {
  git(dir, 'checkout', '-q', '-b', branch, base);
  writeFileSync(join(dir, 'deploy.env'), content);
  git(dir, 'add', 'deploy.env');
  git(dir, 'commit', '-q', '-m', `Merge queue: ${branch}`);
  return git(dir, 'rev-parse', 'HEAD');
}

/** GitHub's example payload `name`, about the fake's repository. */
function exampleEvent(fake: FakeGitHub, name: string): ReturnType<typeof loadEvent> {
  const event = loadEvent(name);
  Object.assign(event.repository, { full_name: `${fake.owner}/${fake.repo}`, name: fake.repo });
  return event;
}

/** A one-commit workspace for the secret-scan stories; the fake refuses any request that carries TOKEN. */
function secretScanRepo(fake: FakeGitHub): { dir: string; base: string } {
  fake.forbid(TOKEN);
  const dir = workspace({ 'README.md': '# widgets\n' });
  return { dir, base: git(dir, 'rev-parse', 'HEAD') };
}

function mergeGroupEvent(fake: FakeGitHub, base: string, head: string): Record<string, unknown> {
  const event = exampleEvent(fake, 'merge_group.checks_requested');
  Object.assign(event.merge_group, { base_sha: base, head_sha: head, base_ref: 'refs/heads/main' });
  return event;
}

const secretScanMergeGroup: Story = {
  id: 'secret-scan-merge-group',
  title: 'A queued merge commit adding a secret is blocked; a clean one passes',
  seed(fake) {
    const { dir, base } = secretScanRepo(fake);
    const dirty = queuedCommit(dir, base, 'queue-dirty', `GITHUB_TOKEN=${TOKEN}\n`);
    const clean = queuedCommit(dir, base, 'queue-clean', 'REGION=eu-west-1\n');
    return {
      event: mergeGroupEvent(fake, base, dirty),
      eventName: 'merge_group',
      runId: 0,
      headSha: clean,
      branch: 'gh-readonly-queue/main',
      logName: '',
      workspace: dir,
    };
  },
  steps: [
    { action: 'secret-scan', label: 'scan the queued secret', inputs: () => ({}), expectExit: 1 },
    {
      action: 'secret-scan',
      label: 'scan the clean queued merge',
      inputs: () => ({}),
      trigger: (seeded: Seeded, _outputs, fake) => ({
        eventName: 'merge_group',
        event: mergeGroupEvent(fake, (seeded.event.merge_group as { base_sha: string }).base_sha, seeded.headSha),
      }),
    },
  ],
  expect(_fake, outputs) {
    const unmet: string[] = [];
    const [dirty, clean] = Object.values(outputs);
    if (dirty?.blocked !== 'true') unmet.push(`the queued secret was not blocked (blocked=${dirty?.blocked ?? 'unset'})`);
    if (clean?.blocked !== 'false') unmet.push(`the clean queued merge was blocked (blocked=${clean?.blocked ?? 'unset'})`);
    return unmet;
  },
};

function pullEvent(
  fake: FakeGitHub,
  number: number,
  base: string,
  head: string,
  refs: { base: string; head: string } = { base: 'main', head: 'bypass-stale' },
): Record<string, unknown> {
  const event = exampleEvent(fake, 'pull_request.synchronize');
  event.number = number;
  const pull = event.pull_request as { number: number; base: Record<string, unknown>; head: Record<string, unknown> };
  pull.number = number;
  Object.assign(pull.base, { sha: base, ref: refs.base });
  Object.assign(pull.head, { sha: head, ref: refs.head });
  return event;
}

const secretBypassStale: Story = {
  id: 'secret-bypass-stale',
  title: 'A bypass granted for one head does not cover a secret pushed after it',
  seed(fake) {
    const { dir, base } = secretScanRepo(fake);
    const granted = queuedCommit(dir, base, 'bypass-stale', `OLD_TOKEN=${TOKEN}\n`);
    writeFileSync(join(dir, 'later.env'), `NEW_TOKEN=${TOKEN.replace('M3rg3', 'L4t3r')}\n`);
    git(dir, 'add', 'later.env');
    git(dir, 'commit', '-q', '-m', 'a later push');
    const later = git(dir, 'rev-parse', 'HEAD');
    const { pull } = fake.state.pulls.add({ base: 'main', head: 'bypass-stale', headSha: later, labels: ['secret-scan-bypass'], user: 'bypass-author' });
    fake.state.collaborators.set({ username: 'bypass-maintainer', role: 'write' });
    fake.state.comments.add({ issueNumber: pull.number, user: 'bypass-maintainer', body: `/secret-scan-bypass revoked test token, rotated\n${granted}` });
    return {
      event: pullEvent(fake, pull.number, base, granted),
      eventName: 'pull_request',
      runId: pull.number,
      headSha: later,
      branch: 'bypass-stale',
      logName: '',
      workspace: dir,
    };
  },
  steps: [
    { action: 'secret-scan', label: 'scan the granted head', inputs: () => ({}) },
    {
      action: 'secret-scan',
      label: 'scan after a new secret is pushed',
      inputs: () => ({}),
      expectExit: 1,
      trigger: (seeded: Seeded, _outputs, fake) => ({
        eventName: 'pull_request',
        event: pullEvent(fake, seeded.runId, (seeded.event.pull_request as { base: { sha: string } }).base.sha, seeded.headSha),
      }),
    },
  ],
  expect(_fake, outputs) {
    const unmet: string[] = [];
    const [granted, later] = Object.values(outputs);
    if (granted?.['bypassed-by'] !== 'bypass-maintainer')
      unmet.push(`the bypass did not cover the granted head (bypassed-by=${granted?.['bypassed-by'] ?? 'unset'})`);
    if (later?.blocked !== 'true') unmet.push(`the secret pushed after the bypass was not blocked (blocked=${later?.blocked ?? 'unset'})`);
    return unmet;
  },
};

// The review gate: the default proof is an APPROVED review by a writer who is not the author, on a commit
// whose Review-Hash equals the one being merged. Each story has its own branches and PR, never main.
const AUTHOR = 'gate-author';
const REVIEWER = 'gate-reviewer';
const REVIEW_ID = '7c0ffee0d15ea5e5ca11ab1e5eed5a1e';

/** One review-gate PR: a workspace holding every commit the story will need, and the fake seeded to match. */
interface GatePull {
  dir: string;
  number: number;
  refs: { base: string; head: string };
  base: string;
  head: string;
}

function write(dir: string, path: string, text: string): void {
  writeFileSync(join(dir, path), text);
}

/** `<id>-base` with a widget and (optionally) a config, and the author's PR `<id>` changing the widget. */
function gatePull(fake: FakeGitHub, id: string, config?: string): GatePull {
  const dir = workspace({
    'README.md': '# widgets\n',
    'src/widget.ts': 'export const widget = 1;\n',
    ...(config ? { '.github/closed-loop.yml': config } : {}),
  });
  const refs = { base: `${id}-base`, head: id };
  git(dir, 'checkout', '-q', '-b', refs.base);
  const base = git(dir, 'rev-parse', 'HEAD');
  gitAs(AUTHOR, dir, 'checkout', '-q', '-b', refs.head);
  write(dir, 'src/widget.ts', 'export const widget = 2;\n');
  gitAs(AUTHOR, dir, 'commit', '-q', '-am', 'Widget two');
  const head = git(dir, 'rev-parse', 'HEAD');
  fake.state.collaborators.set({ username: AUTHOR, role: 'write' });
  fake.state.collaborators.set({ username: REVIEWER, role: 'write' });
  return { dir, refs, base, head, number: 0 };
}

/** Copies the workspace's commits into the fake and opens the PR at `pull.head`. */
function openPull(fake: FakeGitHub, pull: GatePull): GatePull {
  importGitCommits(fake.state, pull.dir);
  fake.state.branches.set({ branch: pull.refs.base, sha: pull.base });
  fake.state.branches.set({ branch: pull.refs.head, sha: pull.head });
  const { pull: opened } = fake.state.pulls.add({
    base: pull.refs.base,
    head: pull.refs.head,
    headSha: pull.head,
    commits: [pull.head],
    user: AUTHOR,
    title: `Widget two (${pull.refs.head})`,
  });
  return { ...pull, number: opened.number };
}

/** The author pushes: the PR (and, for a rebase, its base branch) moves in the fake as on GitHub. */
function push(fake: FakeGitHub, pull: GatePull, head: string, base = pull.base): void {
  const state = fake.state;
  const opened = state.pulls.get(pull.number);
  if (!opened) throw new Error(`replay: no pull request #${pull.number}`);
  state.branches.set({ branch: pull.refs.base, sha: base });
  state.branches.set({ branch: pull.refs.head, sha: head });
  opened.base.sha = base;
  opened.head.sha = head;
  opened.commits = git(pull.dir, 'rev-list', '--reverse', `${base}..${head}`).split('\n').filter(Boolean);
}

function gateSeeded(fake: FakeGitHub, pull: GatePull, event: Record<string, unknown>, eventName: string): Seeded {
  return { event, eventName, runId: pull.number, headSha: pull.head, branch: pull.refs.head, logName: '', workspace: pull.dir };
}

function synchronize(fake: FakeGitHub, pull: GatePull, base: string, head: string): Record<string, unknown> {
  const event = pullEvent(fake, pull.number, base, head, pull.refs);
  (event.pull_request as { commits: number }).commits = Number(git(pull.dir, 'rev-list', '--count', `${base}..${head}`));
  return event;
}

/** The reviewer approves the head: GitHub records the review and sends `pull_request_review`. */
function approve(fake: FakeGitHub, pull: GatePull): Record<string, unknown> {
  fake.state.reviews.add({ pullNumber: pull.number, user: REVIEWER, state: 'APPROVED', commitId: pull.head });
  return pullRequestReviewEvent({
    repository: `${fake.owner}/${fake.repo}`,
    reviewer: REVIEWER,
    author: AUTHOR,
    number: pull.number,
    baseSha: pull.base,
    baseRef: pull.refs.base,
    headSha: pull.head,
    headRef: pull.refs.head,
  });
}

const gate = (label: string, extra: Partial<Step> = {}): Step => ({ action: 'review-hash-validate', label, inputs: () => ({}), ...extra });

/** What a run of the gate concluded: its exit is checked by the step; here its status and summary. */
function gateVerdict(label: string, outputs: Record<string, string> | undefined, summary: string | undefined, status: string, says: string[]): string[] {
  const unmet: string[] = [];
  if (outputs?.status !== status) unmet.push(`${label}: status ${outputs?.status ?? 'unset'}, expected ${status}`);
  for (const text of says) if (!summary?.includes(text)) unmet.push(`${label}: the summary does not say ${JSON.stringify(text)}`);
  return unmet;
}

let selfStamp: { pull: GatePull; stamped: string } | undefined;
const mergeGateSelfStamp: Story = {
  id: 'merge-gate-self-stamp',
  title: 'A PR stamped and "approved" by its own author, with no one else\'s review, fails the review gate',
  seed(fake, ctx) {
    // The merge-base config asks for a Review-Id and an audit log: the author fills both in with our own CLI.
    const pull = gatePull(fake, 'gate-self-stamp', 'review_hash:\n  review_id: required\n  audit_log: .github/reviews.jsonl\n');
    const cli = (...args: string[]) =>
      execFileSync(process.execPath, [join(ctx.root, 'dist', 'cli', 'index.js'), 'review-hash', ...args, '--base', pull.base], {
        cwd: pull.dir,
        encoding: 'utf8',
        env: identity(AUTHOR),
      });
    cli('record', '--review-id', REVIEW_ID, '--reviewer', AUTHOR, '--status', 'approved');
    const { reviewHash } = JSON.parse(cli('stamp', '--review-id', REVIEW_ID, '--json')) as { reviewHash: string };
    const opened = openPull(fake, { ...pull, head: git(pull.dir, 'rev-parse', 'HEAD') });
    fake.state.reviews.add({ pullNumber: opened.number, user: AUTHOR, state: 'APPROVED' });
    selfStamp = { pull: opened, stamped: reviewHash };
    return gateSeeded(fake, opened, synchronize(fake, opened, opened.base, opened.head), 'pull_request');
  },
  steps: [gate('review gate on the stamp', { expectExit: 1 })],
  expect(_fake, outputs, _seeded, summaries) {
    const label = 'review gate on the stamp';
    const unmet = gateVerdict(label, outputs[label], summaries[label], 'not-approved', [
      'no approving review by a writer other than the author',
      `${AUTHOR} is the author of the pull request`,
    ]);
    // The forged trailer is a correct hash of the code: only the missing approval of someone else fails it.
    if (outputs[label]?.['review-hash'] !== selfStamp?.stamped) unmet.push(`the author's stamp ${selfStamp?.stamped ?? '?'} is not the hash of the code`);
    return unmet;
  },
};

let rebase: { pull: GatePull; approved: string; newBase: string; rebased: string } | undefined;
const mergeGateRebase: Story = {
  id: 'merge-gate-rebase',
  title: 'Approved, then rebased onto a newer base with the same change: the approval still holds, no new review',
  seed(fake) {
    const pull = gatePull(fake, 'gate-rebase');
    git(pull.dir, 'checkout', '-q', pull.refs.base);
    write(pull.dir, 'README.md', '# widgets, newer\n');
    git(pull.dir, 'commit', '-q', '-am', 'The base moves on');
    const newBase = git(pull.dir, 'rev-parse', 'HEAD');
    gitAs(AUTHOR, pull.dir, 'checkout', '-q', '-b', `${pull.refs.head}-rebased`, pull.head);
    gitAs(AUTHOR, pull.dir, 'rebase', '-q', newBase);
    const rebased = git(pull.dir, 'rev-parse', 'HEAD');
    const opened = openPull(fake, pull);
    rebase = { pull: opened, approved: opened.head, newBase, rebased };
    return gateSeeded(fake, opened, approve(fake, opened), 'pull_request_review');
  },
  steps: [
    gate('review gate on approval'),
    gate('review gate after rebase', {
      trigger: (_seeded, _outputs, fake) => {
        const r = rebase as NonNullable<typeof rebase>;
        push(fake, r.pull, r.rebased, r.newBase);
        return { eventName: 'pull_request', event: synchronize(fake, r.pull, r.newBase, r.rebased) };
      },
    }),
  ],
  expect(fake, outputs, _seeded, summaries) {
    const unmet = [
      ...gateVerdict('review gate on approval', outputs['review gate on approval'], summaries['review gate on approval'], 'pass', []),
      ...gateVerdict('review gate after rebase', outputs['review gate after rebase'], summaries['review gate after rebase'], 'pass', [rebase?.approved ?? '?']),
    ];
    if (outputs['review gate after rebase']?.['reviewed-commit'] !== rebase?.approved)
      unmet.push('after the rebase, the proof is not the approval given before it');
    const reviews = rebase ? fake.state.reviews.list({ pullNumber: rebase.pull.number }) : [];
    if (reviews.length !== 1) unmet.push(`the rebased PR has ${reviews.length} reviews; the rebase should need no new one`);
    return unmet;
  },
};

let late: { pull: GatePull; later: string } | undefined;
const mergeGateLateCommit: Story = {
  id: 'merge-gate-late-commit',
  title: 'A commit pushed after the approval voids it, and the gate names the files changed since',
  seed(fake) {
    const pull = gatePull(fake, 'gate-late-commit');
    write(pull.dir, 'src/widget.ts', 'export const widget = 3;\n');
    write(pull.dir, 'src/late.ts', 'export const late = true;\n');
    gitAs(AUTHOR, pull.dir, 'add', '-A');
    gitAs(AUTHOR, pull.dir, 'commit', '-q', '-m', 'One more thing after the approval');
    const later = git(pull.dir, 'rev-parse', 'HEAD');
    const opened = openPull(fake, pull);
    late = { pull: opened, later };
    return gateSeeded(fake, opened, approve(fake, opened), 'pull_request_review');
  },
  steps: [
    gate('review gate on approval'),
    gate('review gate after a push', {
      expectExit: 1,
      trigger: (_seeded, _outputs, fake) => {
        const l = late as NonNullable<typeof late>;
        push(fake, l.pull, l.later);
        return { eventName: 'pull_request', event: synchronize(fake, l.pull, l.pull.base, l.later) };
      },
    }),
  ],
  expect(_fake, outputs, _seeded, summaries) {
    return [
      ...gateVerdict('review gate on approval', outputs['review gate on approval'], summaries['review gate on approval'], 'pass', []),
      ...gateVerdict('review gate after a push', outputs['review gate after a push'], summaries['review gate after a push'], 'not-approved', [
        `the code changed since ${REVIEWER} approved`,
        'Files changed since the reviewed commit',
        'src/widget.ts',
        'src/late.ts',
      ]),
    ];
  },
};

export const MERGE_GUARD_STORIES: Story[] = [secretScanMergeGroup, secretBypassStale, mergeGateSelfStamp, mergeGateRebase, mergeGateLateCommit];
