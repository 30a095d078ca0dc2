import { describe, expect, it } from '@jest/globals';
import { APP_LOGIN, type FakeGitHub, type RunState } from '@closed-loop/testkit';
import { APP_INPUTS, fakeGitHubPerTest, recover, verdictFor, writesOf } from './harness.js';

const CONFIG = 'version: 1\nrecover:\n  fixers:\n    lint: ["npx eslint --fix ."]\n';
const BEFORE = 'const a=1\nexport default a\n';
const AFTER = 'const a = 1\nexport default a\n';
let fake: FakeGitHub;
fakeGitHubPerTest(11, (started) => (fake = started));

/** Unified diff of whole-file replacements, as `git diff` prints them. */
function diff(changes: Record<string, [string, string]>): string {
  return Object.entries(changes)
    .map(([path, [a, b]]) => {
      const al = a.split('\n').slice(0, -1);
      const bl = b.split('\n').slice(0, -1);
      return (
        [
          `diff --git a/${path} b/${path}`,
          'index 0000001..0000002 100644',
          `--- a/${path}`,
          `+++ b/${path}`,
          `@@ -1,${al.length} +1,${bl.length} @@`,
          ...al.map((l) => `-${l}`),
          ...bl.map((l) => `+${l}`),
        ].join('\n') + '\n'
      );
    })
    .join('');
}

/** A PR from branch `feature` whose CI failed on lint; the file sits in the PR's diff. */
function lintFailure(opts: { fork?: boolean } = {}): { run: RunState; head: string; pull: number } {
  const s = fake.state;
  s.branches.set({ branch: 'feature' });
  const head = s.commits.add({
    branch: 'feature',
    message: 'Add app',
    files: { 'src/app.ts': BEFORE, 'src/big.ts': 'x=1\n'.repeat(400), 'src/util.ts': 'x=1\n' },
  });
  const { pull } = s.pulls.add({
    head: 'feature',
    commits: [head],
    ...(opts.fork ? { fork: true } : {}),
    files: [{ filename: 'src/app.ts', status: 'added', additions: 2, deletions: 0, patch: '@@ -0,0 +1,2 @@\n+const a=1\n+export default a' }],
  });
  const run = failedPrRun(head, pull.number, { ...(opts.fork ? { fork: true } : {}), jobs: [{ name: 'lint', conclusion: 'failure' }] });
  return { run, head, pull: pull.number };
}

/** CI of pull request `pull` (branch `feature`) failed on commit `sha`. */
function failedPrRun(sha: string, pull: number, over: Parameters<FakeGitHub['state']['runs']['add']>[0] = {}): RunState {
  return fake.state.runs.add({
    workflow: 'CI',
    head_branch: 'feature',
    head_sha: sha,
    event: 'pull_request',
    conclusion: 'failure',
    pullNumbers: [pull],
    ...over,
  });
}

/** eslint's report as failure-classify keeps it: the files it complained about, with absolute runner paths. */
const ESLINT_EVIDENCE = {
  startLine: 20,
  endLine: 23,
  lines: [
    '/home/runner/work/widgets/widgets/src/app.ts',
    "  1:8  error  Operator '=' must be spaced  space-infix-ops",
    '',
    '✖ 1 problem (1 error, 0 warnings)',
  ],
};
const lint = (run: RunState, evidence = ESLINT_EVIDENCE) => verdictFor(run, { category: 'quality', subcategory: 'lint', transient: false, evidence });
const apply = (run: RunState, patch: string, extra: Record<string, string> = {}) => ({
  inputs: { phase: 'apply-fix', verdict: JSON.stringify(lint(run)), ...APP_INPUTS, ...extra },
  files: { '.github/closed-loop.yml': CONFIG, 'closed-loop-fix.patch': patch },
});

describe('recover fix path against the fake GitHub', () => {
  it('validates a lint patch and commits it with expectedHeadOid', async () => {
    const { run, head } = lintFailure();
    const r = await recover(fake, apply(run, diff({ 'src/app.ts': [BEFORE, AFTER] })));
    expect(r.outcome).toMatchObject({ action: 'fix', executed: true, links: [{ label: expect.stringMatching(/^Fix commit/) }] });
    const branch = fake.state.branches.get('feature')!;
    const commit = fake.state.commits.get(branch.sha)!;
    expect(commit.parents).toEqual([head]);
    expect(commit.files.get('src/app.ts')).toBe(AFTER);
    expect(commit.message).toMatch(/Closed-Loop-Fix: [0-9a-f]{16}/);
    const mutation = fake.requests.find((q) => q.operationId === 'graphql')!;
    expect((mutation.body as { variables: { input: { expectedHeadOid: string } } }).variables.input.expectedHeadOid).toBe(head);
    expect(writesOf(fake)).toEqual(['POST graphql']);
    // run, PR commits, repo, branch, file at head, permission of the run's actor, mutation
    expect(fake.countRequests()).toBe(7);
    fake.assertNoViolations();
  });

  it('without an App token the fix is offered as suggestions, and the summary says why', async () => {
    const { run, head } = lintFailure();
    const call = apply(run, diff({ 'src/app.ts': [BEFORE, AFTER] }));
    const r = await recover(fake, { ...call, inputs: { phase: 'apply-fix', verdict: call.inputs.verdict } });
    expect(r.outcome).toMatchObject({ action: 'suggest', executed: true });
    expect(r.outcome.reason).toMatch(/no App token \(app-token\), and a commit made with GITHUB_TOKEN starts no CI run/);
    expect(r.summary).toMatch(/GITHUB\\_TOKEN starts no CI run/);
    expect(fake.state.branches.get('feature')!.sha).toBe(head);
    expect(writesOf(fake)).toEqual(['POST pulls/create-review']);
    fake.assertNoViolations();
  });

  it('refuses a patch touching a file the failing tool did not report, with the reason in the summary', async () => {
    const { run, head } = lintFailure();
    const r = await recover(fake, apply(run, diff({ 'src/app.ts': [BEFORE, AFTER], 'src/util.ts': ['x=1\n', 'x = 1\n'] })));
    expect(r.outcome).toMatchObject({ action: 'report', executed: false });
    expect(r.outcome.reason).toBe(
      'the patch touches src/util.ts, which is not among the 1 file the failing tool reported; a fix may only touch those (or set recover.patch.allowed_paths)',
    );
    expect(r.summary).toContain('src/util.ts, which is not among the 1 file the failing tool reported');
    expect(fake.state.branches.get('feature')!.sha).toBe(head);
    expect(fake.writes).toHaveLength(0);
  });

  it('recover.patch.allowed_paths replaces the default list (globs); the built-in refusals still hold', async () => {
    const config = `${CONFIG}  patch:\n    allowed_paths: ["src/**/*.{ts,tsx}"]\n`;
    const { run } = lintFailure();
    const call = apply(run, diff({ 'src/app.ts': [BEFORE, AFTER], 'src/util.ts': ['x=1\n', 'x = 1\n'] }));
    const ok = await recover(fake, { ...call, files: { ...call.files, '.github/closed-loop.yml': config } });
    expect(ok.outcome).toMatchObject({ action: 'fix', executed: true });
    fake.reset();
    const again = lintFailure();
    const outside = apply(again.run, diff({ 'docs/a.md': ['a\n', 'b\n'] }));
    const refused = await recover(fake, { ...outside, files: { ...outside.files, '.github/closed-loop.yml': config } });
    expect(refused.outcome.reason).toBe('the patch touches docs/a.md, which recover.patch.allowed_paths does not allow');
    const manifest = apply(again.run, diff({ 'src/package.json': ['{}\n', '{ }\n'] }));
    const everything = `${CONFIG}  patch:\n    allowed_paths: ["**"]\n`;
    const refusedManifest = await recover(fake, { ...manifest, files: { ...manifest.files, '.github/closed-loop.yml': everything } });
    expect(refusedManifest.outcome.reason).toMatch(/touches src\/package\.json, a prohibited path/);
  });

  it("with an App token the commit is the App's, and GitHub signed it", async () => {
    const { run } = lintFailure();
    await recover(fake, apply(run, diff({ 'src/app.ts': [BEFORE, AFTER] })));
    const commit = fake.state.commits.get(fake.state.branches.get('feature')!.sha)!;
    expect(commit.author.login).toBe(APP_LOGIN);
    expect(commit.signedByGitHub).toBe(true);
  });

  const refusals: [string, () => string, RegExp][] = [
    ['over the line limit', () => diff({ 'src/big.ts': ['x=1\n'.repeat(400), 'x = 1\n'.repeat(400)] }), /800 changed lines, over the limit of 500/],
    [
      'with a deletion',
      () =>
        [
          'diff --git a/src/app.ts b/src/app.ts',
          'deleted file mode 100644',
          '--- a/src/app.ts',
          '+++ /dev/null',
          '@@ -1,2 +0,0 @@',
          '-const a=1',
          '-export default a',
          '',
        ].join('\n'),
      /deletes src\/app\.ts/,
    ],
    [
      'touching .github/',
      () => diff({ 'src/app.ts': [BEFORE, AFTER], '.github/workflows/ci.yml': ['on: push\n', 'on: [push]\n'] }),
      /touches \.github\/workflows\/ci\.yml, a prohibited path/,
    ],
    [
      'containing a secret',
      () => diff({ 'src/app.ts': [BEFORE, 'const a = 1\nexport const token = "' + 'ghp_' + 'wWPw5k4aXcaT4fNP0UcnZwJUVFk6LO0pINUx"\n'] }),
      /adds a likely secret \(github-token\) at src\/app\.ts:2/,
    ],
  ];
  it.each(refusals)('refuses a patch %s with the reason', async (_name, patch, reason) => {
    const { run, head } = lintFailure();
    const r = await recover(fake, apply(run, patch()));
    expect(r.outcome).toMatchObject({ action: 'report', executed: false });
    expect(r.outcome.reason).toMatch(reason);
    expect(fake.state.branches.get('feature')!.sha).toBe(head);
    expect(fake.writes).toHaveLength(0);
    expect(fake.countRequests()).toBe(2);
  });

  it('offers suggestions only for a fork PR', async () => {
    const { run, head, pull } = lintFailure({ fork: true });
    const r = await recover(fake, apply(run, diff({ 'src/app.ts': [BEFORE, AFTER] })));
    expect(r.outcome).toMatchObject({ action: 'suggest', executed: true });
    expect(fake.state.branches.get('feature')!.sha).toBe(head);
    const [review] = fake.state.reviews.list({ pullNumber: pull });
    expect(review).toMatchObject({ user: APP_LOGIN, state: 'COMMENTED', commit_id: head });
    const comments = fake.state.reviewComments.list({ pullNumber: pull });
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toBe('```suggestion\nconst a = 1\nexport default a\n```');
    expect(writesOf(fake)).toEqual(['POST pulls/create-review']);
    // run, PR commits, file at head, PR diff ranges, the review
    expect(fake.countRequests()).toBe(5);
    expect(fake.requests.some((q) => q.operationId === 'graphql')).toBe(false);
    fake.assertNoViolations();
  });

  it('suggests instead of committing in supervised mode', async () => {
    const { run, head } = lintFailure();
    const r = await recover(fake, apply(run, diff({ 'src/app.ts': [BEFORE, AFTER] }), { mode: 'supervised' }));
    expect(r.outcome).toMatchObject({ action: 'suggest', executed: true, mode: 'supervised' });
    expect(fake.state.branches.get('feature')!.sha).toBe(head);
  });

  it('does nothing when the head moved after the failure', async () => {
    const { run, head } = lintFailure();
    const moved = fake.state.commits.add({ branch: 'feature', message: 'more work', files: { 'b.txt': 'b\n' } });
    const r = await recover(fake, apply(run, diff({ 'src/app.ts': [BEFORE, AFTER] })));
    expect(r.outcome).toMatchObject({ action: 'none', executed: false });
    expect(r.outcome.reason).toMatch(`the head moved from ${head.slice(0, 12)} to ${moved.slice(0, 12)}`);
    expect(fake.writes).toHaveLength(0);
    // run, PR commits, file at head, repo, branch: stopped before any write
    expect(fake.countRequests()).toBe(5);
  });

  it('never applies a fix a human reverted, nor fixes on top of its own commit', async () => {
    const { run } = lintFailure();
    const patch = diff({ 'src/app.ts': [BEFORE, AFTER] });
    const first = await recover(fake, apply(run, patch));
    expect(first.outcome.executed).toBe(true);
    const fixSha = fake.state.branches.get('feature')!.sha;
    const pr = fake.state.pulls.list()[0]!;
    pr.commits.push(fixSha);
    // Our commit is the newest: no second fix on top of it.
    const again = failedPrRun(fixSha, pr.number);
    const loop = await recover(fake, apply(again, patch));
    expect(loop.outcome.reason).toMatch(/newest commit .* is ours/);
    // A human reverts it; the same fix is never offered again.
    const revert = fake.state.commits.add({ branch: 'feature', message: `Revert "style"\n\nThis reverts commit ${fixSha}.`, files: { 'src/app.ts': BEFORE } });
    pr.commits.push(revert);
    const after = failedPrRun(revert, pr.number);
    const reverted = await recover(fake, apply(after, patch));
    expect(reverted.outcome.reason).toMatch(/was reverted before/);
    expect(fake.writes.filter((w) => w.operationId === 'graphql')).toHaveLength(1);
  });

  it('refuses to push to the default branch', async () => {
    const s = fake.state;
    const head = s.commits.add({ branch: 'main', message: 'Add app', files: { 'src/app.ts': BEFORE } });
    const run = s.runs.add({ workflow: 'CI', head_branch: 'main', head_sha: head, conclusion: 'failure' });
    const r = await recover(fake, apply(run, diff({ 'src/app.ts': [BEFORE, AFTER] })));
    expect(r.outcome.reason).toMatch(/never pushing to the default branch main/);
    expect(fake.writes).toHaveLength(0);
  });
});
