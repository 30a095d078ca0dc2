import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadEvent, type FakeGitHub } from '@closed-loop/testkit';
import { workspace, type Seeded, type Story } from './stories.js';

// Merge guards played through the bundles: what a queued merge may carry.
const TOKEN = ['ghp', 'M3rg3Qu3u3D3m0T0k3nV4lu3F0rR3pl4yXY'].join('_');

function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'demo',
      GIT_AUTHOR_EMAIL: 'demo@example.invalid',
      GIT_COMMITTER_NAME: 'demo',
      GIT_COMMITTER_EMAIL: 'demo@example.invalid',
    },
  }).trim();
}

/** A queued merge commit on top of `base` adding `content`, left on its own branch. */
function queuedCommit(dir: string, base: string, branch: string, content: string): string {
  git(dir, 'checkout', '-q', '-b', branch, base);
  writeFileSync(join(dir, 'deploy.env'), content);
  git(dir, 'add', 'deploy.env');
  git(dir, 'commit', '-q', '-m', `Merge queue: ${branch}`);
  return git(dir, 'rev-parse', 'HEAD');
}

function mergeGroupEvent(fake: FakeGitHub, base: string, head: string): Record<string, unknown> {
  const event = loadEvent('merge_group.checks_requested');
  Object.assign(event.merge_group, { base_sha: base, head_sha: head, base_ref: 'refs/heads/main' });
  Object.assign(event.repository, { full_name: `${fake.owner}/${fake.repo}`, name: fake.repo });
  return event;
}

const secretScanMergeGroup: Story = {
  id: 'secret-scan-merge-group',
  title: 'A queued merge commit adding a secret is blocked; a clean one passes',
  seed(fake) {
    fake.forbid(TOKEN);
    const dir = workspace({ 'README.md': '# widgets\n' });
    const base = git(dir, 'rev-parse', 'HEAD');
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

function pullEvent(fake: FakeGitHub, number: number, base: string, head: string): Record<string, unknown> {
  const event = loadEvent('pull_request.synchronize');
  event.number = number;
  const pull = event.pull_request as { number: number; base: Record<string, unknown>; head: Record<string, unknown> };
  pull.number = number;
  Object.assign(pull.base, { sha: base, ref: 'main' });
  Object.assign(pull.head, { sha: head, ref: 'bypass-stale' });
  Object.assign(event.repository, { full_name: `${fake.owner}/${fake.repo}`, name: fake.repo });
  return event;
}

const secretBypassStale: Story = {
  id: 'secret-bypass-stale',
  title: 'A bypass granted for one head does not cover a secret pushed after it',
  seed(fake) {
    fake.forbid(TOKEN);
    const dir = workspace({ 'README.md': '# widgets\n' });
    const base = git(dir, 'rev-parse', 'HEAD');
    const granted = queuedCommit(dir, base, 'bypass-stale', `OLD_TOKEN=${TOKEN}\n`);
    writeFileSync(join(dir, 'later.env'), `NEW_TOKEN=${TOKEN.replace('M3rg3', 'L4t3r')}\n`);
    git(dir, 'add', 'later.env');
    git(dir, 'commit', '-q', '-m', 'a later push');
    const later = git(dir, 'rev-parse', 'HEAD');
    const { pull } = fake.state.addPull({ base: 'main', head: 'bypass-stale', headSha: later, labels: ['secret-scan-bypass'], user: 'bypass-author' });
    fake.state.setCollaborator({ username: 'bypass-maintainer', role: 'write' });
    fake.state.addComment({ issueNumber: pull.number, user: 'bypass-maintainer', body: `/secret-scan-bypass revoked test token, rotated\n${granted}` });
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

export const MERGE_GUARD_STORIES: Story[] = [secretScanMergeGroup, secretBypassStale];
