import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEvent, runBundledAction } from '@closed-loop/testkit';
import { ScanRepo } from '../../packages/core/test/scan/repo.js';
import { ROOT } from '../support/source-files.js';

// Every bad input is answered before the first API call: with an API that cannot be reached, the answer
// is the input's own one line, at once — never a network error after retries, never after the work.
const UNREACHABLE = 'http://127.0.0.1:1';
const dirs: string[] = [];
const repos: ScanRepo[] = [];
afterAll(() => {
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
  repos.forEach((r) => r.remove());
});

/** A checkout (an empty git repository) holding `files` (a trailing `/` makes a folder). */
function workspace(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'cl-offline-'));
  dirs.push(dir);
  execFileSync('git', ['init', '-q', dir]);
  for (const [path, text] of Object.entries(files)) {
    if (path.endsWith('/')) mkdirSync(join(dir, path), { recursive: true });
    else {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
  }
  return dir;
}

/** A checkout of a pull request that adds a secret, and its event. */
function pullRequestCheckout(extra: Record<string, string>) {
  const repo = new ScanRepo();
  repos.push(repo);
  repo.write('README.md', '# widgets\n');
  const base = repo.commit('base');
  repo.git('checkout', '-q', '-b', 'feature');
  repo.write('deploy/env.sh', `export GITHUB_TOKEN=${['ghp', 'R4nD0mT0k3nV4lu3F0rT3st1ngPurp0s3sXY'].join('_')}\n`);
  for (const [path, text] of Object.entries(extra)) repo.write(path, text);
  const head = repo.commit('feature');
  const event = loadEvent('pull_request.opened');
  Object.assign(event.pull_request.base, { sha: base, ref: 'main' });
  Object.assign(event.pull_request.head, { sha: head, ref: 'feature' });
  return { dir: repo.dir, event };
}

interface Case {
  action: string;
  what: string;
  inputs: Record<string, string>;
  expected: RegExp;
  eventName?: string;
  event?: () => unknown;
  workspace?: () => string;
}

/** An output file input pointed at an existing folder. */
const folderAsFile = (action: string, input: string): Case => ({
  action,
  what: `a ${input} that is a directory`,
  inputs: { [input]: 'out' },
  workspace: () => workspace({ 'out/': '' }),
  expected: new RegExp(`^Input ${input}: out is a directory`),
});
const BAD_CONFIG = 'classify:\n  rules:\n    - pattern: "(unclosed"\n      category: build\n';
const CASES: Case[] = [
  {
    action: 'review-hash-validate',
    what: 'an invalid review-id-pattern',
    inputs: { 'review-id-pattern': '(unclosed' },
    expected: /review-id-pattern is not a valid regular expression/,
  },
  {
    action: 'review-hash-validate',
    what: 'a catastrophic review-id-pattern',
    inputs: { 'review-id-pattern': '^(a+)+$' },
    expected: /review-id-pattern can take exponential time/,
  },
  {
    action: 'review-hash-validate',
    what: 'scope snapshot with an audit log',
    inputs: { scope: 'snapshot', 'audit-log': 'docs/reviews.log' },
    expected: /audit-log cannot be combined with scope snapshot/,
  },
  {
    action: 'notify',
    what: 'a Slack webhook that is not a URL',
    inputs: { verdict: '{}', 'slack-webhook-url': 'hooks.slack.com/x' },
    expected: /Input slack-webhook-url is not an https:\/\/ URL/,
  },
  {
    action: 'notify',
    what: 'a verdict with an unknown severity',
    inputs: { verdict: '{"schema":"closed-loop/verdict@1","severity":"catastrophic"}' },
    expected: /Input verdict/,
  },
  {
    action: 'notify',
    what: 'a config file with an unknown key',
    inputs: { verdict: '{}' },
    workspace: () => workspace({ '.github/closed-loop.yml': 'notfy: {}\n' }),
    expected: /closed-loop\.yml:1:1: notfy is not a known/,
  },
  {
    action: 'recover',
    what: 'comment-kind=bogus',
    inputs: { phase: 'comment', 'comment-kind': 'bogus' },
    expected: /Input comment-kind must be one of issue, review/,
  },
  { action: 'recover', what: 'a verdict that is not JSON', inputs: { phase: 'rerun', verdict: '{not json' }, expected: /Input verdict is not valid JSON/ },
  {
    action: 'recover',
    what: 'an audit-path that is a directory',
    inputs: { phase: 'rerun', verdict: '{}', 'audit-path': 'audit/' },
    workspace: () => workspace({ 'audit/': '' }),
    expected: /Input audit-path: audit\/ is a directory/,
  },
  folderAsFile('value-discovery', 'metrics-file'),
  {
    action: 'value-discovery',
    what: 'a missing npm-audit-file',
    inputs: { 'npm-audit-file': 'audit.json' },
    expected: /^Input npm-audit-file: file audit\.json does not exist/,
  },
  {
    action: 'failure-classify',
    what: 'a config rule that does not compile (manual dispatch, which looks the run up first)',
    inputs: { 'run-id': '42', workflows: '.github/workflows/ci.yml' },
    eventName: 'workflow_dispatch',
    event: () => ({ inputs: {}, ref: 'refs/heads/main', repository: loadEvent('workflow_run.completed').repository }),
    workspace: () => workspace({ '.github/closed-loop.yml': BAD_CONFIG }),
    expected: /classify\.rules\.0\.pattern is not a valid regular expression/,
  },
  folderAsFile('failure-classify', 'result-file'),
  {
    action: 'secret-scan',
    what: 'a report-dir that is a file',
    inputs: { 'report-dir': 'reports.txt' },
    expected: /^Input report-dir: reports\.txt is a file, not a directory/,
  },
];

describe('bundled actions check their inputs before the first API call', () => {
  const built = (name: string) => existsSync(join(ROOT, 'dist', name, 'index.js'));
  it.each(CASES.map((c) => [c.action, c.what, c] as const))('%s with %s: its one line, exit 1, no network error', async (action, _what, c) => {
    if (!built(action)) return;
    const checkout = action === 'secret-scan' ? pullRequestCheckout({ 'reports.txt': 'a file\n' }) : undefined;
    const run = await runBundledAction({
      root: ROOT,
      name: action,
      inputs: c.inputs,
      eventName: c.eventName ?? (checkout ? 'pull_request' : 'workflow_run'),
      event: checkout?.event ?? c.event?.() ?? loadEvent('workflow_run.completed'),
      apiUrl: UNREACHABLE,
      token: 'test-token',
      repository: 'octo-org/widgets',
      workspace: checkout?.dir ?? c.workspace?.() ?? workspace(),
    });
    const errors = run.annotations.filter((a) => a.level === 'error').map((a) => a.message);
    expect({ exitCode: run.exitCode, errors }).toEqual({ exitCode: 1, errors: [expect.stringMatching(c.expected)] });
    expect(run.stdout + run.stderr).not.toMatch(/cannot reach|ECONNREFUSED|internal error/);
    expect(run.durationMs).toBeLessThan(10_000);
  });
});
