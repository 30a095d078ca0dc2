// Job logs: 302 to a blob URL that streams (even 50 MB lazily), and 410 once expired.
import { beforeEach, describe, expect, it } from '@jest/globals';
import { getOctokit } from '@actions/github';
import { type FakeGitHub } from '../src/index.js';
import { api, seed, WIDGETS } from './helpers.js';
import { fakeGitHubForFile } from '../../../tests/support/fake-github.js';

let fake: FakeGitHub;
fakeGitHubForFile((started) => (fake = started));
beforeEach(() => fake.reset());

describe('job logs', () => {
  it('redirects to a blob and octokit follows it', async () => {
    const ids = seed(fake);
    const res = await api(fake, 'GET', `/repos/acme/widgets/actions/jobs/${ids.failedJobId}/logs`);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toMatch(new RegExp(`^${fake.url}/_blobs/[0-9a-f]+$`));
    const octokit = getOctokit('test-token', { baseUrl: fake.url });
    const logs = await octokit.rest.actions.downloadJobLogsForWorkflowRun({ ...WIDGETS, job_id: ids.failedJobId });
    expect(String(logs.data)).toBe('FAIL src/a.test.ts\n');
    fake.assertNoViolations();
  });

  it('answers 410 for expired logs', async () => {
    const ids = seed(fake);
    fake.state.jobs.expireLogs({ jobId: ids.failedJobId });
    const res = await api(fake, 'GET', `/repos/acme/widgets/actions/jobs/${ids.failedJobId}/logs`);
    expect(res.status).toBe(410);
    fake.assertNoViolations();
  });

  it('streams a 50 MB generated log with backpressure instead of buffering it', async () => {
    const ids = seed(fake);
    const line = `${'x'.repeat(1023)}\n`;
    const chunk = line.repeat(64); // 64 KiB
    const total = 50 * 1024 * 1024;
    let produced = 0;
    fake.state.jobs.setLog({
      jobId: ids.failedJobId,
      log: function* () {
        while (produced < total) {
          produced += chunk.length;
          yield chunk;
        }
      },
    });
    const redirect = await api(fake, 'GET', `/repos/acme/widgets/actions/jobs/${ids.failedJobId}/logs`);
    const res = await fetch(redirect.headers.get('location')!);
    const reader = res.body!.getReader();
    let received: number = (await reader.read()).value?.byteLength ?? 0;
    await new Promise((r) => setTimeout(r, 50));
    // While the client is not reading, the generator must stall far short of the whole log.
    expect(produced).toBeLessThan(total / 4);
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      received += (value as Uint8Array).byteLength;
    }
    expect(received).toBe(total);
    expect(produced).toBe(total);
  });
});
