// The Actions API helpers failure-classify uses, against the fake GitHub.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { startFakeGitHub, type FakeGitHub } from '@closed-loop/testkit';
import { GitHubClient } from '../../src/github/github-client.js';
import { MISSING_ACTIONS_READ, openJobLog, unavailable } from '../../src/github/api/runs.js';

let fake: FakeGitHub;
let client: GitHubClient;
const repo = { owner: 'acme', repo: 'widgets' };
beforeAll(async () => {
  fake = await startFakeGitHub();
  client = new GitHubClient({ token: 'test-token', baseUrl: fake.url, timeScaleMs: 1, writeSpacingMs: 0 });
});
beforeEach(() => fake.reset());
afterAll(() => fake.close());

async function text(body: AsyncIterable<Uint8Array>): Promise<string> {
  let out = '';
  for await (const chunk of body) out += Buffer.from(chunk).toString('utf8');
  return out;
}

describe('openJobLog', () => {
  it('takes the 302 itself and streams the blob without our token', async () => {
    const run = fake.state.runs.add({ workflow: 'CI', conclusion: 'failure', jobs: [{ name: 'build', conclusion: 'failure', log: 'line 1\nline 2\n' }] });
    const seen: (string | null)[] = [];
    const log = await openJobLog(client, repo, fake.state.jobs.list({ runId: run.id })[0]!.id, async (url, init) => {
      seen.push(new Headers(init?.headers).get('authorization'));
      return fetch(url, init);
    });
    expect(log.ok).toBe(true);
    if (log.ok) expect(await text(log.body)).toBe('line 1\nline 2\n');
    expect(seen).toEqual([null]);
    fake.assertNoViolations();
  });

  it('reports a job without a log (404) and a blob gone from storage as logs-unavailable', async () => {
    const run = fake.state.runs.add({
      workflow: 'CI',
      conclusion: 'failure',
      jobs: [
        { name: 'build', conclusion: 'failure', log: 'x\n' },
        { name: 'lint', conclusion: 'failure' },
      ],
    });
    const [withLog, without] = fake.state.jobs.list({ runId: run.id });
    expect(await openJobLog(client, repo, without!.id)).toMatchObject({
      ok: false,
      status: 'logs-unavailable',
      reason: expect.stringContaining('HTTP 404') as unknown,
    });
    const gone = await openJobLog(client, repo, withLog!.id, async () => new Response('<Error/>', { status: 404 }));
    expect(gone).toMatchObject({ ok: false, status: 'logs-unavailable', reason: expect.stringContaining('storage') as unknown });
  });
});

describe('unavailable', () => {
  it('maps 403, 404 and 410 to a verdict status and rethrows anything else', () => {
    expect(unavailable({ status: 403 }, 'log')).toEqual({ status: 'forbidden', reason: MISSING_ACTIONS_READ });
    expect(unavailable({ status: 410 }, 'log of job 1').reason).toMatch(/^The log of job 1 has expired \(HTTP 410\)/);
    expect(unavailable({ status: 404 }, 'run 5').status).toBe('logs-unavailable');
    const boom = Object.assign(new Error('boom'), { status: 500 });
    expect(() => unavailable(boom, 'run 5')).toThrow('boom');
  });
});
