// No job that checks out a pull request's head holds a write token or a secret (issue 16).
import { describe, expect, it } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, read } from '../support/source-files.js';
import { checkPrHeadJobs } from '../support/pr-head-policy.js';

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
});
