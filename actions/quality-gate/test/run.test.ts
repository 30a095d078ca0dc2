import { afterEach, describe, expect, it } from '@jest/globals';
import { GATE_REPORT_MARKER, Git, GitHubClient, recordingRuntime } from '@closed-loop/core';
import type { FakeGitHub } from '@closed-loop/testkit';
import type { ScanRepo } from '../../../packages/core/test/scan/repo.js';
import { fakeGitHubForFile } from '../../../tests/support/fake-github.js';
import { openPullRequest, removeCheckouts } from '../../../tests/support/pull-request-checkout.js';
import { targetOf } from '../src/event.js';
import { readInputs } from '../src/inputs.js';
import { run } from '../src/run.js';

let fake: FakeGitHub;
fakeGitHubForFile((started) => (fake = started), undefined, removeCheckouts);
afterEach(() => fake.reset());

const STRICT = 'version: 1\nquality_gate:\n  coverage:\n    min_patch: 90\n';
const LAX = 'version: 1\nquality_gate:\n  coverage:\n    min_patch: 10\n';

/** main with a config, a PR branch adding three executable lines (one covered) and maybe editing the config. */
function pullRequest(opts: { prConfig?: string; title?: string } = {}) {
  const title = opts.title ?? 'feat(a): more calls';
  const { repo, payload, number } = openPullRequest(fake, {
    base: { '.github/closed-loop.yml': STRICT, 'src/a.js': 'a();\n' },
    head: { 'src/a.js': 'a();\nb();\nc();\nd();\n', ...(opts.prConfig ? { '.github/closed-loop.yml': opts.prConfig } : {}) },
    messages: ['feat: base', 'feat(a): more calls'],
    user: 'contributor',
    title,
  });
  repo.write('lcov.info', 'TN:\nSF:/home/runner/work/w/w/src/a.js\nDA:1,1\nDA:2,1\nDA:3,0\nDA:4,0\nend_of_record\n');
  repo.write('bench.json', JSON.stringify([{ name: 'x', samples: [10, 10.2, 9.9, 10.1] }]));
  Object.assign(payload.pull_request, { title });
  Object.assign(payload.repository, { default_branch: 'main' });
  return { repo, payload, number };
}

async function act(repo: ScanRepo, payload: Record<string, unknown>, inputs: Record<string, string>) {
  const { runtime, logger, outputs, summaries } = recordingRuntime({ 'github-token': 'test-token', ...inputs });
  const client = new GitHubClient({ token: 'test-token', baseUrl: fake.url, timeScaleMs: 1, writeSpacingMs: 0 });
  const result = await run(readInputs(runtime.inputs), {
    runtime,
    client,
    git: new Git(repo.dir),
    event: { name: 'pull_request', payload },
    repository: `${fake.owner}/${fake.repo}`,
  });
  return { result, outputs, logged: logger.lines, summary: summaries.join('') };
}

describe('quality-gate action', () => {
  it("applies the merge base's thresholds: a PR cannot lower its own bar", async () => {
    const { repo, payload } = pullRequest({ prConfig: LAX });
    const { result, outputs } = await act(repo, payload, { 'coverage-report': 'lcov.info', commits: 'false' });
    expect(result.report.coverage?.patch).toEqual({ covered: 1, total: 3, percent: 33.33 });
    expect(result.state).toBe('failed');
    expect(outputs).toMatchObject({ result: 'failed', patch: 33.33, total: 50 });
    expect(result.report.coverage?.failures[0]).toMatch(/below 90%/);
  });

  it('no benchmark base anywhere: a warning, named as such, never a pass', async () => {
    const { repo, payload } = pullRequest();
    const { result, outputs, logged, summary } = await act(repo, payload, { 'bench-results': 'bench.json', commits: 'false' });
    expect(result.state).toBe('warning');
    expect(outputs.result).toBe('warning');
    expect(logged.some((l) => l.level === 'warning' && /no base results/.test(l.message))).toBe(true);
    expect(summary).toContain('⚠️ **Quality gate passed with warnings**');
  });

  it('finds the base in the newest successful default-branch artifact and edits one sticky comment in place', async () => {
    const { repo, payload, number } = pullRequest({ title: 'more calls' });
    const older = fake.state.runs.add({ workflow: 'Quality gate', head_branch: 'main', conclusion: 'success' });
    fake.state.artifacts.add({
      runId: older.id,
      name: 'quality-gate-bench',
      files: { 'bench.json': JSON.stringify([{ name: 'x', samples: [1, 1.01, 0.99, 1] }]) },
    });
    const newer = fake.state.runs.add({ workflow: 'Quality gate', head_branch: 'main', conclusion: 'success' });
    fake.state.artifacts.add({
      runId: newer.id,
      name: 'quality-gate-bench',
      files: { 'bench.json': JSON.stringify([{ name: 'x', samples: [10, 10.1, 9.9, 10] }]) },
    });
    const failedRun = fake.state.runs.add({ workflow: 'Quality gate', head_branch: 'main', conclusion: 'failure' });
    fake.state.artifacts.add({ runId: failedRun.id, name: 'quality-gate-bench', files: { 'bench.json': JSON.stringify([{ name: 'x', value: 100 }]) } });
    const first = await act(repo, payload, { 'bench-results': 'bench.json' });
    expect(first.result.report.bench?.comparisons[0]?.base).toBeCloseTo(10, 6);
    expect(first.result.report.bench?.state).toBe('passed');
    expect(first.result.report.commits?.problems).toEqual([
      'PR title "more calls": not "<type>(<scope>): <description>"; e.g. "fix(parser): handle empty input"',
    ]);
    await act(repo, payload, { 'bench-results': 'bench.json' });
    const comments = fake.state.comments.list({ issueNumber: number });
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain(GATE_REPORT_MARKER);
    expect(comments[0]?.body).toContain('### ❌ Commit conventions');
  });

  it('a missing report is one clear line naming the input', async () => {
    const { repo, payload } = pullRequest();
    await expect(act(repo, payload, { 'coverage-report': 'nope/lcov.info' })).rejects.toThrow(
      'coverage-report nope/lcov.info does not exist; write it in an earlier step or fix the path.',
    );
  });
});

describe('events', () => {
  it('merge_group judges the queued merge commit against its base, with no title', () => {
    expect(targetOf('merge_group', { merge_group: { base_sha: 'a', head_sha: 'b' }, repository: { default_branch: 'main' } })).toEqual({
      base: 'a',
      head: 'b',
      defaultBranch: 'main',
    });
  });

  it('refuses pull_request_target and other events', () => {
    expect(() => targetOf('pull_request_target', {})).toThrow(/runs on pull_request, merge_group and push events, not pull_request_target/);
  });
});
