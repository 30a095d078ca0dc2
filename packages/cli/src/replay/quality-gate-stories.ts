import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pullRequestEvent } from '@closed-loop/testkit';
import type { Story } from './stories.js';

const BRANCH = 'quality-gate-tokenizer';
const ARTIFACT = 'quality-gate-bench';
const AUTHOR = { GIT_AUTHOR_NAME: 'demo', GIT_AUTHOR_EMAIL: 'demo@example.invalid', GIT_COMMITTER_NAME: 'demo', GIT_COMMITTER_EMAIL: 'demo@example.invalid' };

/** Ten timings around `centre` with ±5 % spread (a fixed pattern: the story must replay identically). */
function timings(centre: number): number[] {
  return [-0.05, 0.03, -0.02, 0.04, 0.0, -0.04, 0.05, -0.01, 0.02, -0.03].map((d) => Math.round(centre * (1 + d) * 1000) / 1000);
}

const results = (parse: number, render: number) =>
  `${JSON.stringify(
    {
      benchmarks: [
        { name: 'tokenize 1 MB', unit: 'ms', samples: timings(parse) },
        { name: 'render page', unit: 'ms', samples: timings(render) },
      ],
    },
    null,
    2,
  )}\n`;

const BASE_SOURCE = 'export function tokenize(text) {\n  return text.split(/\\s+/);\n}\n';
// The change adds a fast path (lines 4-11) whose branches the tests never reach.
const HEAD_SOURCE = `${BASE_SOURCE}
export function tokenizeStream(chunks) {
  const out = [];
  for (const chunk of chunks) {
    if (chunk.length === 0) continue;
    out.push(...tokenize(chunk));
  }
  return out;
}
`;
// lcov the tests wrote, with the runner's absolute paths: tokenize ran, tokenizeStream's body did not.
const LCOV = [
  'TN:',
  'SF:/home/runner/work/widgets/widgets/src/tokenize.js',
  'DA:2,12',
  'DA:6,1',
  'DA:7,1',
  'DA:8,0',
  'DA:9,0',
  'DA:11,0',
  'LF:6',
  'LH:3',
  'end_of_record',
  '',
].join('\n');

/** A repository whose main has the config and tokenizer, and a PR branch that adds the stream path and is slower. */
function repository(): { dir: string; base: string; head: string } {
  const dir = mkdtempSync(join(tmpdir(), 'closed-loop-replay-gate-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, ...AUTHOR } }).trim();
  const write = (path: string, text: string) => {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  git('init', '-q', '-b', 'main');
  write('.github/closed-loop.yml', 'version: 1\nquality_gate:\n  coverage:\n    min_patch: 80\n  bench:\n    tolerance: 5\n');
  write('src/tokenize.js', BASE_SOURCE);
  git('add', '-A');
  git('commit', '-q', '-m', 'feat(tokenizer): split on whitespace');
  const base = git('rev-parse', 'HEAD');
  git('checkout', '-q', '-b', BRANCH);
  write('src/tokenize.js', HEAD_SOURCE);
  git('add', '-A');
  git('commit', '-q', '-m', 'feat(tokenizer): stream chunks');
  const head = git('rev-parse', 'HEAD');
  // What the PR's test and bench steps wrote (not committed, like CI output).
  write('coverage/lcov.info', LCOV);
  write('bench/results.json', results(120, 50.5));
  return { dir, base, head };
}

/** The quality gate's own story: one required check that sees both a coverage drop and a slowdown. */
export const QUALITY_GATE_STORIES: Story[] = [
  {
    id: 'quality-gate',
    title: 'Quality gate: a PR drops patch coverage and slows a benchmark by 20 % beyond noise — the check fails, the comment shows both',
    seed(fake) {
      const { dir, base, head } = repository();
      // The default branch's last successful run uploaded its benchmark results as an artifact.
      const mainRun = fake.state.runs.add({
        workflow: 'Quality gate',
        head_branch: 'main',
        event: 'push',
        conclusion: 'success',
        jobs: [{ name: 'gate', conclusion: 'success' }],
      });
      fake.state.artifacts.add({ runId: mainRun.id, name: ARTIFACT, files: { 'results.json': results(100, 50) } });
      const { pull } = fake.state.pulls.add({ head: BRANCH, title: 'feat(tokenizer): stream chunks', user: 'octocat' });
      const event = pullRequestEvent({ action: 'synchronize', number: pull.number, headSha: head, headRef: BRANCH, repository: `${fake.owner}/${fake.repo}` });
      const pr = event.pull_request as { base: { sha: string; ref: string }; title: string };
      pr.base.sha = base;
      pr.base.ref = 'main';
      pr.title = 'feat(tokenizer): stream chunks';
      (event.repository as { default_branch: string }).default_branch = 'main';
      return { event, eventName: 'pull_request', runId: mainRun.id, headSha: head, branch: BRANCH, logName: '(none: a pull_request check)', workspace: dir };
    },
    steps: [
      {
        action: 'quality-gate',
        label: 'quality-gate',
        expectExit: 1,
        inputs: () => ({ 'coverage-report': 'coverage/lcov.info', 'bench-results': 'bench/results.json' }),
      },
    ],
    expect(fake, outputs) {
      const unmet: string[] = [];
      const out = outputs['quality-gate'] ?? {};
      if (out.result !== 'failed') unmet.push(`result is ${out.result ?? 'unset'}, expected failed`);
      if (out.regressed !== 'tokenize 1 MB') unmet.push(`regressed is "${out.regressed ?? ''}", expected "tokenize 1 MB"`);
      if (!(Number(out.patch) < 80)) unmet.push(`patch coverage ${out.patch ?? 'unset'} is not below 80`);
      if (out['invalid-commits'] !== '0') unmet.push(`invalid-commits is ${out['invalid-commits'] ?? 'unset'}, expected 0`);
      const pull = fake.state.pulls.list().find((p) => p.head.ref === BRANCH);
      const comments = fake.state.comments.list().filter((c) => c.issueNumber === pull?.number && c.body.includes('closed-loop:quality-gate'));
      if (comments.length !== 1) unmet.push(`${comments.length} quality-gate comments on the PR, expected exactly 1`);
      const body = comments[0]?.body ?? '';
      if (!/patch coverage [\d.]+% is below 80%/.test(body)) unmet.push('the comment does not show the patch coverage failure');
      if (!/`tokenize 1 MB` \| .* \| ×1\.\d+ \| .* \| ❌ regressed/.test(body)) unmet.push('the comment does not show the regressed benchmark');
      if (!body.includes('render page')) unmet.push('the comment does not list the unchanged benchmark');
      return unmet;
    },
  },
];
