import { afterEach, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { Git, GitHubClient, Inputs, mapInputs, recordingRuntime, scanAddedLines } from '@closed-loop/core';
import { loadEvent, type FakeGitHub } from '@closed-loop/testkit';
import { ScanRepo } from '../../../packages/core/test/scan/repo.js';
import { fakeGitHubForFile } from '../../../tests/support/fake-github.js';
import { checkout, openPullRequest, removeCheckouts } from '../../../tests/support/pull-request-checkout.js';
import { readInputs } from '../src/inputs.js';
import { run } from '../src/run.js';

const TOKEN = ['ghp', 'R4nD0mT0k3nV4lu3F0rT3st1ngPurp0s3sXY'].join('_');
const SSN = ['078', '05', '1123'].join('-');

let fake: FakeGitHub;
fakeGitHubForFile((started) => (fake = started), undefined, removeCheckouts);
afterEach(() => fake.reset());

/** A checkout with `main` and a PR branch adding `files`, opened by a contributor. */
function pullRequest(files: Record<string, string>, labels: string[] = []) {
  return openPullRequest(fake, { head: files, labels, user: 'contributor' });
}

/** Runs the action against the fake; `running` settles as run() does, the recordings stay readable after a failure. */
function start(repo: ScanRepo, eventName: string, payload: Record<string, unknown>, inputs: Record<string, string>) {
  const recorded = recordingRuntime(inputs);
  const { runtime } = recorded;
  const client = new GitHubClient({ token: 'test-token', baseUrl: fake.url, timeScaleMs: 1, writeSpacingMs: 0 });
  const running = run(readInputs(runtime.inputs), {
    runtime,
    client,
    git: new Git(repo.dir),
    event: { name: eventName, payload },
    repository: `${fake.owner}/${fake.repo}`,
    clock: { now: () => Date.UTC(2026, 2, 4, 5, 6, 7), sleep: async () => undefined },
  });
  return { ...recorded, running };
}

async function act(repo: ScanRepo, eventName: string, payload: Record<string, unknown>, inputs: Record<string, string> = {}) {
  const { running, logger, outputs, summaries } = start(repo, eventName, payload, inputs);
  const logged = logger.lines;
  const result = await running;
  const reportText = result.reportPath ? readFileSync(result.reportPath, 'utf8') : '';
  const summary = summaries.join('');
  for (const text of [summary, reportText, JSON.stringify(logged), JSON.stringify(outputs)]) {
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(SSN);
  }
  return { result, outputs, logged, summary, reportText };
}

describe('secret-scan action on a real pull_request payload', () => {
  it('blocks a finding: error annotation at file:line, summary table, timestamped report, SARIF, one issue per fingerprint', async () => {
    fake.forbid(TOKEN);
    fake.forbid(SSN);
    const { repo, payload } = pullRequest({
      'src/config.ts': `export const a = 1;\nexport const gh = "${TOKEN}";\n`,
      'data/patients.csv': `name,ssn\nJo Roe,${SSN}\n`,
      'docs/notes.md': 'nothing here\n',
    });
    const run1 = await act(repo, 'pull_request', payload, { 'sarif-file': 'out/scan.sarif', 'create-issues': 'true' });
    expect(run1.outputs).toMatchObject({ blocked: true, findings: 2, 'bypassed-by': '' });
    expect(run1.result.report?.blocked).toBe(true);
    const errors = run1.logged.filter((l) => l.level === 'error');
    expect(errors.map((e) => e.annotation)).toEqual([
      { title: 'secret-scan: phi-us-ssn', file: 'data/patients.csv', startLine: 2, startColumn: 8 },
      { title: 'secret-scan: github-token', file: 'src/config.ts', startLine: 2, startColumn: 20 },
    ]);
    expect(run1.summary).toMatch(/🛑 \*\*Blocked\*\*: 2 finding/);
    expect(run1.summary).toContain('| 🛑 | critical | `github-token` | src/config.ts:2 | **blocking** |');
    expect(run1.result.reportPath).toMatch(/\.security-scans\/scan-20260304T050607Z\.json$/);
    expect(JSON.parse(run1.reportText)).toMatchObject({ version: 1, blocked: true, source: { mode: 'pull_request' }, summary: { blocking: 2 } });
    expect(existsSync(`${repo.dir}/out/scan.sarif`)).toBe(true);
    expect(
      fake.state.issues
        .list()
        .map((i) => i.title)
        .sort(),
    ).toEqual(['Secret scan: github-token in src/config.ts', 'Secret scan: phi-us-ssn in data/patients.csv']);
    // A re-run updates the same issues instead of opening new ones.
    await act(repo, 'pull_request', payload, { 'create-issues': 'true' });
    expect(fake.state.issues.list().filter((i) => !i.isPull)).toHaveLength(2);
    expect(fake.violations).toEqual([]);
  });

  it('bypass: label + justification from a user with write permission; recorded in report and summary', async () => {
    const { repo, payload, number, head } = pullRequest({ 'keys.env': `GH=${TOKEN}\n` }, ['secret-scan-bypass']);
    fake.state.collaborators.set({ username: 'maintainer', role: 'write' });
    fake.state.collaborators.set({ username: 'reader', role: 'read' });
    fake.state.comments.add({ issueNumber: number, user: 'maintainer', body: `/secret-scan-bypass revoked test token, rotated on 2026-03-01\n${head}` });
    fake.state.comments.add({ issueNumber: number, user: 'reader', body: `/secret-scan-bypass trust me, this is totally fine\n${head}` });
    const out = await act(repo, 'pull_request', payload);
    expect(out.outputs).toMatchObject({ blocked: false, 'bypassed-by': 'maintainer' });
    expect(JSON.parse(out.reportText).bypass).toEqual({
      label: 'secret-scan-bypass',
      by: 'maintainer',
      reason: 'revoked test token, rotated on 2026-03-01',
      commentUrl: expect.any(String),
      commit: head,
      covers: [],
    });
    expect(out.summary).toContain('**Bypassed**');
    expect(out.summary).toContain('revoked test token, rotated on 2026-03-01');
    expect(out.logged.filter((l) => l.level === 'error')).toEqual([]);
    expect(out.logged.find((l) => l.level === 'warning')?.message).toMatch(/bypassed by maintainer/);
    const permissionChecks = fake.requests.filter((r) => r.path.includes('/collaborators/'));
    expect(permissionChecks.length).toBeGreaterThanOrEqual(1);
  });

  it('no bypass without write permission, or without the label', async () => {
    const { repo, payload, number, head } = pullRequest({ 'keys.env': `GH=${TOKEN}\n` }, ['secret-scan-bypass']);
    fake.state.collaborators.set({ username: 'reader', role: 'read' });
    fake.state.comments.add({ issueNumber: number, user: 'reader', body: `/secret-scan-bypass trust me, this is totally fine ${head}` });
    expect((await act(repo, 'pull_request', payload)).outputs).toMatchObject({ blocked: true, 'bypassed-by': '' });

    const unlabelled = pullRequest({ 'keys.env': `GH=${TOKEN}\n` });
    fake.state.collaborators.set({ username: 'maintainer', role: 'admin' });
    fake.state.comments.add({ issueNumber: unlabelled.number, user: 'maintainer', body: `/secret-scan-bypass revoked test token, rotated ${unlabelled.head}` });
    expect((await act(unlabelled.repo, 'pull_request', unlabelled.payload)).outputs).toMatchObject({ blocked: true });
  });

  it('bypass is bound: never from the author, never for another head, only for the fingerprints it lists', async () => {
    const { repo, payload, number, head } = pullRequest({ 'keys.env': `GH=${TOKEN}\n` }, ['secret-scan-bypass']);
    // The author holds write permission, but cannot waive their own finding.
    fake.state.collaborators.set({ username: 'contributor', role: 'write' });
    fake.state.comments.add({ issueNumber: number, user: 'contributor', body: `/secret-scan-bypass it is only a test token ${head}` });
    const self = await act(repo, 'pull_request', payload);
    expect(self.outputs).toMatchObject({ blocked: true, 'bypassed-by': '' });
    expect(self.logged.map((l) => l.message).join('\n')).toMatch(/contributor not counted: the pull request's author cannot grant/);

    // A grant for an earlier head does not cover a later push.
    fake.state.collaborators.set({ username: 'maintainer', role: 'write' });
    fake.state.comments.add({ issueNumber: number, user: 'maintainer', body: `/secret-scan-bypass revoked test token, rotated\n${'0'.repeat(40)}` });
    expect((await act(repo, 'pull_request', payload)).outputs).toMatchObject({ blocked: true, 'bypassed-by': '' });

    // A grant listing one fingerprint: a second secret at the same head still blocks.
    const fp = JSON.parse(self.reportText).findings[0].fingerprint as string;
    repo.write('more.env', `SSN=${SSN}\nPATIENT_SSN=${SSN}\n`);
    const next = repo.commit('more');
    Object.assign(payload.pull_request.head, { sha: next });
    fake.state.comments.add({ issueNumber: number, user: 'maintainer', body: `/secret-scan-bypass revoked test token, rotated\n${next}\n${fp}` });
    const partial = await act(repo, 'pull_request', payload);
    expect(partial.outputs).toMatchObject({ blocked: true, 'bypassed-by': 'maintainer' });
    expect(partial.summary).toContain(next);
  });

  it('push: scans before..after; pragma and fail-on input respected; the API is not called when nothing blocks', async () => {
    const repo = checkout();
    repo.write('a.txt', 'x\n');
    const before = repo.commit('base');
    repo.write('a.txt', `x\nGH=${TOKEN} # closed-loop:allow revoked demo token\nssn ${SSN}\n`);
    const after = repo.commit('push');
    const payload = loadEvent('push');
    Object.assign(payload, { before, after, deleted: false });
    const out = await act(repo, 'push', payload, { 'fail-on': 'critical' });
    expect(out.outputs).toMatchObject({ blocked: false, findings: 1 });
    expect(JSON.parse(out.reportText).findings.map((f: { ruleId: string; suppressed?: { kind: string } }) => [f.ruleId, f.suppressed?.kind])).toEqual([
      ['github-token', 'pragma'],
      ['phi-us-ssn', undefined],
    ]);
    expect(fake.requests).toEqual([]);
  });

  it('a PR cannot exclude or baseline its own secret: config and baseline are read at the merge base', async () => {
    const fingerprint = scanAddedLines([{ path: 'keys.env', lines: [{ line: 1, text: `GH=${TOKEN}` }] }])[0]?.fingerprint as string;
    const baseline = JSON.stringify({ version: 1, entries: [{ fingerprint, ruleId: 'github-token', file: 'keys.env', reason: 'trust me', addedAt: '' }] });
    const { repo, payload } = pullRequest({
      'keys.env': `GH=${TOKEN}\n`,
      '.github/closed-loop.yml': 'scan:\n  exclude: ["**"]\n',
      '.closed-loop/secrets-baseline.json': baseline,
    });
    const out = await act(repo, 'pull_request', payload);
    expect(out.outputs).toMatchObject({ blocked: true, findings: 1 });
    expect(out.summary).toContain('The config file `.github/closed-loop.yml` is changed by this pull request; the version from');
    expect(out.summary).toContain('The baseline `.closed-loop/secrets-baseline.json` is changed by this pull request');
  });

  it('the baseline from the base branch applies; an entry whose file is gone is reported stale', async () => {
    const repo = checkout();
    const fingerprint = scanAddedLines([{ path: 'keys.env', lines: [{ line: 1, text: `GH=${TOKEN}` }] }])[0]?.fingerprint as string;
    repo.write(
      '.closed-loop/secrets-baseline.json',
      JSON.stringify({
        version: 1,
        entries: [
          { fingerprint, ruleId: 'github-token', file: 'keys.env', reason: 'revoked in 2025, kept for the parser test', addedAt: '' },
          { fingerprint: 'github-token:old.env:00', ruleId: 'github-token', file: 'old.env', reason: 'gone', addedAt: '' },
        ],
      }),
    );
    const before = repo.commit('baseline');
    repo.write('keys.env', `GH=${TOKEN}\n`);
    const after = repo.commit('accepted secret');
    const payload = loadEvent('push');
    Object.assign(payload, { before, after, deleted: false });
    const out = await act(repo, 'push', payload);
    expect(out.outputs).toMatchObject({ blocked: false, findings: 0 });
    const report = JSON.parse(out.reportText) as { findings: { suppressed?: { kind: string; reason: string } }[]; staleBaseline: { file: string }[] };
    expect(report.findings[0]?.suppressed).toEqual({ kind: 'baseline', reason: 'revoked in 2025, kept for the parser test' });
    expect(report.staleBaseline.map((e) => e.file)).toEqual(['old.env']);
    expect(out.summary).toContain('Stale baseline entries');
    expect(out.logged.some((l) => l.level === 'warning' && /Stale baseline entry/.test(l.message))).toBe(true);
  });

  it('push of a new branch or after a force push with no other ref: every commit is scanned', async () => {
    const repo = checkout();
    repo.write('a.txt', 'x\n');
    repo.commit('base');
    repo.write('b.env', `GH=${TOKEN}\n`);
    const after = repo.commit('tip');
    for (const before of ['0000000000000000000000000000000000000000', 'f'.repeat(40)]) {
      const payload = loadEvent('push');
      Object.assign(payload, { ref: 'refs/heads/main', before, after, deleted: false });
      const out = await act(repo, 'push', payload);
      expect(out.outputs).toMatchObject({ blocked: true, findings: 1 });
      expect(JSON.parse(out.reportText).source.range).toMatch(new RegExp(`^[0-9a-f]{40}\\.\\.${after}$`));
    }
  });

  it('push of a new branch: every commit new to the repository is scanned, not only the tip', async () => {
    const repo = checkout();
    repo.write('a.txt', 'x\n');
    const base = repo.commit('base');
    repo.git('checkout', '-q', '-b', 'topic');
    repo.write('b.env', `GH=${TOKEN}\n`);
    repo.commit('adds the secret');
    repo.write('b.env', 'GH=\n');
    repo.write('c.txt', 'clean\n');
    const after = repo.commit('removes it again at the tip');
    const payload = loadEvent('push');
    Object.assign(payload, { ref: 'refs/heads/topic', before: '0'.repeat(40), after, deleted: false, created: true });
    const out = await act(repo, 'push', payload);
    expect(JSON.parse(out.reportText).source.range).toBe(`${base}..${after}`);
    expect(out.outputs).toMatchObject({ blocked: true, findings: 1 });
  });

  it('merge_group: scans what the queued merge commit adds to the base branch', async () => {
    const repo = checkout();
    repo.write('a.txt', 'x\n');
    const base = repo.commit('base');
    repo.write('keys.env', `GH=${TOKEN}\n`);
    const queued = repo.commit('Merge pull request #7 (queued)');
    const payload = loadEvent('merge_group.checks_requested');
    Object.assign(payload.merge_group, { base_sha: base, head_sha: queued });
    const out = await act(repo, 'merge_group', payload);
    expect(out.outputs).toMatchObject({ blocked: true, findings: 1 });
    expect(JSON.parse(out.reportText).source).toMatchObject({ mode: 'merge_group', range: `${base}..${queued}` });
    expect(fake.requests).toEqual([]);
  });

  it('rejects other events and a bad input with one clear line', async () => {
    const repo = checkout();
    await expect(act(repo, 'issues', {})).rejects.toThrow('secret-scan runs on pull_request, push and merge_group events, not issues.');
    expect(() => readInputs(new Inputs(mapInputs({ 'github-token': 't', 'fail-on': 'urgent' })))).toThrow(
      /Input fail-on must be one of critical, high, medium, low/,
    );
  });
});

describe('secret-scan: output paths are checked before the scan and any API call', () => {
  it('a report-dir that is a file, a sarif-file that is a directory: one line naming the input', async () => {
    const { repo, payload } = pullRequest({ 'keys.env': `GH=${TOKEN}\n`, 'reports.txt': 'a file\n', 'sarif/keep': '' });
    await expect(act(repo, 'pull_request', payload, { 'report-dir': 'reports.txt' })).rejects.toThrow(
      /^Input report-dir: reports\.txt is a file, not a directory; choose another path\.$/,
    );
    await expect(act(repo, 'pull_request', payload, { 'sarif-file': 'sarif' })).rejects.toThrow(
      /^Input sarif-file: sarif is a directory; give the path of a file to write\.$/,
    );
    expect(fake.requests).toEqual([]);
  });
});

describe('secret-scan: an API failure never hides what the scan found', () => {
  async function failing(inputs: Record<string, string>) {
    const { repo, payload } = pullRequest({ 'keys.env': `GH=${TOKEN}\n` }, ['secret-scan-bypass']);
    const { running, logger, outputs, summaries } = start(repo, 'pull_request', payload, inputs);
    const error = await running.then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    const text = JSON.stringify([logger.lines, summaries, outputs, error?.message]);
    expect(text).not.toContain(TOKEN);
    return { error, logged: logger.lines, summary: summaries.join(''), outputs, repo };
  }

  it('the bypass lookup is refused: the finding is annotated, summarised and written, then the permission error is raised', async () => {
    fake.addFault({ operationId: 'issues/get', status: 403, permissionDenied: true });
    const out = await failing({});
    expect(out.error?.message).toMatch(/Resource not accessible by integration/);
    expect(out.error?.message).not.toContain('\n');
    expect(out.logged.filter((l) => l.level === 'error').map((l) => l.annotation)).toEqual([
      { title: 'secret-scan: github-token', file: 'keys.env', startLine: 1, startColumn: 4 },
    ]);
    expect(out.summary).toMatch(/🛑 \*\*Blocked\*\*: 1 finding/);
    expect(out.outputs).toMatchObject({ blocked: true, findings: 1 });
    expect(String(out.outputs['report-path'])).toMatch(/scan-20260304T050607Z\.json$/);
  });

  it('creating the issues fails: the summary and outputs are already written', async () => {
    fake.addFault({ method: 'POST', pathPattern: /\/issues$/, status: 403, permissionDenied: true });
    const out = await failing({ 'create-issues': 'true' });
    expect(out.error?.message).toMatch(/Resource not accessible by integration/);
    expect(out.summary).toMatch(/Blocked/);
    expect(out.outputs).toMatchObject({ blocked: true, findings: 1 });
  });
});
