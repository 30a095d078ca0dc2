import { describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadEvent, runBundledAction, type FakeGitHub } from '@closed-loop/testkit';
import { fakeGitHubForFile } from '../../../tests/support/fake-github.js';
import { checkout, openPullRequest, removeCheckouts } from '../../../tests/support/pull-request-checkout.js';

// The committed bundle, run as the runner runs it: INPUT_* env, event file, GITHUB_OUTPUT and summary files.
const ROOT = join(process.cwd());
const TOKEN = ['ghp', 'R4nD0mT0k3nV4lu3F0rT3st1ngPurp0s3sXY'].join('_');
const built = existsSync(join(ROOT, 'dist', 'secret-scan', 'index.js'));

let fake: FakeGitHub;
fakeGitHubForFile((started) => (fake = started), undefined, removeCheckouts);

describe('dist/secret-scan on a pull_request', () => {
  (built ? it : it.skip)('fails the step with an error annotation at file:line and a summary, never printing the secret', async () => {
    fake.forbid(TOKEN);
    const { repo, payload: event } = openPullRequest(fake, { head: { 'deploy/env.sh': `export A=1\nexport GITHUB_TOKEN=${TOKEN}\n` } });
    const run = await runBundledAction({
      root: ROOT,
      name: 'secret-scan',
      eventName: 'pull_request',
      event,
      apiUrl: fake.url,
      token: 'test-token',
      repository: `${fake.owner}/${fake.repo}`,
      workspace: repo.dir,
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ blocked: 'true', findings: '1' });
    expect(run.stdout).toMatch(/^::error title=secret-scan%3A github-token,file=deploy\/env\.sh,line=2,col=21::.*ghp_\[REDACTED\]$/m);
    expect(run.summary).toContain('**Blocked**');
    for (const text of [run.stdout, run.stderr, run.summary, JSON.stringify(run.outputs)]) expect(text).not.toContain(TOKEN);
    expect(fake.violations).toEqual([]);
  });
});

describe('dist/secret-scan on a merge_group event', () => {
  (built ? it : it.skip)('blocks a queued merge commit that adds a secret and passes a clean one', async () => {
    fake.forbid(TOKEN);
    const verdicts: Record<string, string | undefined> = {};
    for (const [name, content] of [
      ['dirty', `export GITHUB_TOKEN=${TOKEN}\n`],
      ['clean', 'export A=1\n'],
    ] as const) {
      // A fresh repository each time: the first run's report directory must not become part of the second commit.
      const repo = checkout();
      repo.write('README.md', '# widgets\n');
      const base = repo.commit('base');
      repo.write('deploy/env.sh', content);
      const queued = repo.commit(`Merge pull request (${name}) into the queue`);
      const event = loadEvent('merge_group.checks_requested');
      Object.assign(event.merge_group, { base_sha: base, head_sha: queued, base_ref: 'refs/heads/main' });
      const run = await runBundledAction({
        root: ROOT,
        name: 'secret-scan',
        eventName: 'merge_group',
        event,
        apiUrl: fake.url,
        token: 'test-token',
        repository: `${fake.owner}/${fake.repo}`,
        workspace: repo.dir,
      });
      verdicts[name] = `${run.exitCode}:${run.outputs.blocked}`;
      for (const text of [run.stdout, run.stderr, run.summary]) expect(text).not.toContain(TOKEN);
    }
    expect(verdicts).toEqual({ dirty: '1:true', clean: '0:false' });
    expect(fake.violations).toEqual([]);
  });
});
