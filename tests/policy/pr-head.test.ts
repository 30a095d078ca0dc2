// No job that checks out a pull request's head holds a write token or a secret (issue 16).
import { describe, expect, it } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { ROOT, read } from '../support/source-files.js';
import { checkPrHeadJobs, checkPrivilegedCheckouts } from '../support/pr-head-policy.js';

const workflows = readdirSync(join(ROOT, '.github/workflows'))
  .filter((f) => /\.ya?ml$/.test(f))
  .map((f) => `.github/workflows/${f}`);

describe('jobs that check out pull-request code', () => {
  it.each(workflows)('%s: no PR-head job holds a write token or a secret', (file) => {
    expect(checkPrHeadJobs(read(file), file)).toEqual([]);
  });

  it('the rule finds write tokens, missing permissions and secrets beside PR code', () => {
    const bad = `
on: workflow_run
permissions: {}
jobs:
  writes:
    runs-on: ubuntu-latest
    permissions: { contents: write, pull-requests: read }
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683
        with: { ref: "\${{ github.event.workflow_run.head_sha }}" }
  inherits:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683
        with: { ref: "\${{ inputs.head-sha }}" }
  secret:
    runs-on: ubuntu-latest
    permissions: { contents: read }
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683
        with: { ref: "\${{ github.event.pull_request.head.sha }}" }
      - run: npm ci
        env: { NPM_TOKEN: "\${{ secrets.NPM_TOKEN }}" }
  base:
    runs-on: ubuntu-latest
    permissions: { contents: write }
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683
        with: { sparse-checkout: .github }
`;
    const found = checkPrHeadJobs(bad, 'bad.yml');
    expect(found).toEqual([
      expect.stringContaining("job writes checks out the pull request's head and holds contents: write"),
      expect.stringContaining("job inherits checks out the pull request's head without a permissions: block"),
      expect.stringContaining("job secret checks out the pull request's head and references a secret"),
    ]);
  });

  // The loop's workflows run on privileged triggers (workflow_run, comments, schedule), where a write
  // token is the norm: configuration must come from the default branch, named, whatever the caller's event.
  const privileged = ['closed-loop.yml', 'comment-fix.yml', 'recover-fix.yml', 'recover-rerun.yml', 'recover-sweep.yml'].map((f) => `.github/workflows/${f}`);
  it.each(privileged)('%s: a job with a write token or a secret checks out only the default branch, by name', (file) => {
    expect(checkPrivilegedCheckouts(read(file), file)).toEqual([]);
  });

  it('the rule finds privileged checkouts of the event ref', () => {
    const bad = `
on: workflow_call
permissions: {}
jobs:
  implicit:
    runs-on: ubuntu-latest
    permissions: { issues: write }
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683
        with: { persist-credentials: false, sparse-checkout: .github }
  merge:
    runs-on: ubuntu-latest
    permissions: { contents: read }
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683
        with: { ref: "\${{ github.ref }}" }
      - run: echo "$T"
        env: { T: "\${{ secrets.DEPLOY }}" }
  fine:
    runs-on: ubuntu-latest
    permissions: { contents: write }
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683
        with: { ref: "\${{ github.event.repository.default_branch }}" }
  readonly:
    runs-on: ubuntu-latest
    permissions: { contents: read }
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683
`;
    expect(checkPrivilegedCheckouts(bad, 'bad.yml')).toEqual([
      expect.stringContaining("job implicit holds a write token or a secret and checks out the event's default ref"),
      expect.stringContaining('job merge holds a write token or a secret and checks out ${{ github.ref }}'),
    ]);
  });

  it('comment-fix.yml calls no workflow and checks out no PR code; recover-fix.yml skips its fixer job for a fork', () => {
    const comment = yaml.load(read('.github/workflows/comment-fix.yml')) as { jobs: Record<string, { uses?: string; steps?: { with?: { ref?: string } }[] }> };
    for (const job of Object.values(comment.jobs)) {
      expect(job.uses).toBeUndefined();
      for (const step of job.steps ?? []) if (step.with?.ref !== undefined) expect(step.with.ref).toBe('${{ github.event.repository.default_branch }}');
    }
    const fix = yaml.load(read('.github/workflows/recover-fix.yml')) as { jobs: { propose: { if: string } } };
    expect(fix.jobs.propose.if.replace(/\s/g, '')).toBe('${{!fromJSON(inputs.verdict).run.fork}}');
  });
});
