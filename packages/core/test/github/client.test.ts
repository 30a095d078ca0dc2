import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { startFakeGitHub, type FakeGitHub } from '@closed-loop/testkit';
import { GitHubClient, NO_RETRY } from '../../src/github/index.js';
import { createIssueOnce, upsertComment, upsertIssue, findOurIssues } from '../../src/github/api/issues.js';
import { marker } from '../../src/render/markers.js';
import { RecordingLogger } from '../../src/logger.js';
import { ManualClock } from '../../src/clock.js';

let fake: FakeGitHub;
const repo = { owner: 'acme', repo: 'widgets' };
const client = (token = 'test-token', logger = new RecordingLogger()) =>
  new GitHubClient({ token, baseUrl: fake.url, timeScaleMs: 1, writeSpacingMs: 0, logger }, new ManualClock());

beforeEach(async () => {
  fake = await startFakeGitHub({ seed: 7 });
});
afterEach(async () => {
  fake.assertNoViolations();
  await fake.close();
});

describe('GitHubClient', () => {
  it('paginates 100 at a time and says when a limit cut the walk short', async () => {
    for (let i = 0; i < 150; i++) fake.state.issues.add({ title: `i${i}` });
    const all = await client().paginate<{ number: number }>('GET /repos/{owner}/{repo}/issues', { ...repo, state: 'all' });
    expect(all.items).toHaveLength(150);
    expect(all.complete).toBe(true);
    expect(fake.countRequests({ operationId: 'issues/list-for-repo' })).toBe(2);
    const some = await client().paginate('GET /repos/{owner}/{repo}/issues', { ...repo, state: 'all' }, 120);
    expect(some).toMatchObject({ complete: false });
    expect(some.items).toHaveLength(120);
  });

  it('retries idempotent reads through 5xx and converges', async () => {
    fake.addFault({ method: 'GET', operationId: 'repos/get', status: 502, times: 2 });
    const { data } = await client().request('GET /repos/{owner}/{repo}', repo);
    expect(data.full_name).toBe('acme/widgets');
    expect(fake.countRequests({ operationId: 'repos/get' })).toBe(3);
  });

  it('never blindly replays a POST: after an ambiguous failure it re-reads and finds the write', async () => {
    fake.addFault({ method: 'POST', operationId: 'issues/create', status: 502, dropAfterWrite: true, times: 1 });
    const logger = new RecordingLogger();
    const issue = await createIssueOnce(client('test-token', logger), repo, marker('issue', 'v1:0001'), { title: 'Build broke', body: 'details' });
    expect(fake.state.issues.list().filter((i) => !i.isPull)).toHaveLength(1);
    expect(issue.title).toBe('Build broke');
    expect(fake.countRequests({ operationId: 'issues/create' })).toBe(1);
    expect(logger.messages('warning').join('\n')).toContain('checking whether it took effect');
  });

  it('retries a POST that plainly failed (5xx before the write) exactly until it lands once', async () => {
    fake.addFault({ method: 'POST', operationId: 'issues/create', status: 500, times: 2 });
    await createIssueOnce(client(), repo, marker('issue', 'v1:0002'), { title: 't', body: 'b' });
    expect(fake.state.issues.list()).toHaveLength(1);
    expect(fake.countRequests({ operationId: 'issues/create' })).toBe(3);
  });

  it('waits out a secondary rate limit (retry-after) and writes once', async () => {
    fake.addFault({ method: 'POST', operationId: 'issues/create-comment', status: 403, secondaryRateLimit: true, retryAfterSeconds: 2, times: 1 });
    const issue = fake.state.issues.add({ title: 'x' });
    await client().request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { ...repo, issue_number: issue.number, body: 'hello', ...NO_RETRY });
    expect(fake.state.comments.list({ owner: 'acme', repo: 'widgets', issueNumber: issue.number })).toHaveLength(1);
  });

  it('gives up, with a warning, when GitHub asks for a wait longer than allowed', async () => {
    fake.addFault({ method: 'GET', operationId: 'repos/get', status: 429, secondaryRateLimit: true, retryAfterSeconds: 600 });
    const logger = new RecordingLogger();
    await expect(client('test-token', logger).request('GET /repos/{owner}/{repo}', repo)).rejects.toMatchObject({ status: 429 });
    expect(logger.messages('warning').join('\n')).toMatch(/giving up \(retry-after 600s/);
  });

  it('converges under random 5xx and secondary rate limits with no duplicate writes', async () => {
    fake.addFault({ method: 'POST', status: 502, probability: 0.3, dropAfterWrite: true });
    fake.addFault({ status: 503, probability: 0.2 });
    fake.addFault({ status: 403, secondaryRateLimit: true, retryAfterSeconds: 1, probability: 0.1 });
    const c = client();
    for (let i = 0; i < 5; i++) await upsertIssue(c, repo, marker('issue', `v1:${i}`), { title: `failure ${i}`, body: `seen ${i}` });
    for (let i = 0; i < 5; i++) await upsertIssue(c, repo, marker('issue', `v1:${i}`), { title: `failure ${i}`, body: `seen ${i} again` });
    const issues = fake.state.issues.list();
    expect(issues).toHaveLength(5);
    expect(issues.every((i) => i.body?.includes('again'))).toBe(true);
  });
});

describe('upsertComment', () => {
  it('does not take over a comment carrying our marker but written by someone else', async () => {
    const issue = fake.state.issues.add({ title: 'pr-ish' });
    const m = marker('sticky', 'ci');
    const forged = fake.state.comments.add({ issueNumber: issue.number, body: `I am the bot now\n${m}`, user: 'mallory' });
    const result = await upsertComment(client(), repo, issue.number, m, 'status: red');
    expect(result.action).toBe('created');
    const comments = fake.state.comments.list({ owner: 'acme', repo: 'widgets', issueNumber: issue.number });
    expect(comments).toHaveLength(2);
    expect(comments.find((c) => c.id === forged.id)?.body).toBe(`I am the bot now\n${m}`);
    expect(comments.find((c) => c.id !== forged.id)?.user).toBe('github-actions[bot]');
  });

  it('updates in place, and writes nothing when the body is unchanged', async () => {
    const issue = fake.state.issues.add({ title: 'x' });
    const m = marker('sticky', 'ci');
    await upsertComment(client(), repo, issue.number, m, 'one');
    expect((await upsertComment(client(), repo, issue.number, m, 'two')).action).toBe('updated');
    const writes = fake.writes.length;
    expect((await upsertComment(client(), repo, issue.number, m, 'two')).action).toBe('unchanged');
    expect(fake.writes.length).toBe(writes);
    expect(fake.state.comments.list({ owner: 'acme', repo: 'widgets', issueNumber: issue.number }).map((c) => c.body)).toEqual([`two\n\n${m}`]);
  });

  it('converges two concurrent creators on the oldest comment', async () => {
    const issue = fake.state.issues.add({ title: 'x' });
    const m = marker('sticky', 'race');
    const [a, b] = await Promise.all([upsertComment(client(), repo, issue.number, m, 'a'), upsertComment(client(), repo, issue.number, m, 'b')]);
    expect(fake.state.comments.list({ owner: 'acme', repo: 'widgets', issueNumber: issue.number })).toHaveLength(1);
    expect(a.item.id).toBe(b.item.id);
  });
});

describe('upsertIssue', () => {
  it('finds only our issues, and two concurrent creators end with one open issue', async () => {
    const m = marker('issue', 'v1:race');
    fake.state.issues.add({ title: 'forged', body: m, user: 'mallory' });
    await Promise.all([upsertIssue(client(), repo, m, { title: 'Failure', body: 'x' }), upsertIssue(client(), repo, m, { title: 'Failure', body: 'x' })]);
    const ours = await findOurIssues(client(), repo, m);
    expect(ours).toHaveLength(1);
    const open = fake.state.issues.list().filter((i) => i.state === 'open' && i.user === 'github-actions[bot]');
    expect(open).toHaveLength(1);
  });
});
