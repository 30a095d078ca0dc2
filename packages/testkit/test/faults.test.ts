// Fault rules: times, after, seeded probability, secondary rate limits, delays and dropAfterWrite.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { startFakeGitHub, type FakeGitHub } from '../src/index.js';
import { api } from './helpers.js';

let fake: FakeGitHub;
beforeAll(async () => {
  fake = await startFakeGitHub({ seed: 1234 });
});
beforeEach(() => fake.reset());
afterAll(() => fake.close());

const statuses = async (n: number, path = '/repos/acme/widgets'): Promise<number[]> => {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await api(fake, 'GET', path)).status);
  return out;
};

describe('faults', () => {
  it('applies `times` and `after`', async () => {
    fake.addFault({
      operationId: 'repos/get',
      status: 502,
      after: 1,
      times: 2,
    });
    expect(await statuses(5)).toEqual([200, 502, 502, 200, 200]);
    fake.clearFaults();
    fake.addFault({ method: 'GET', pathPattern: /\/issues$/, status: 500 });
    expect(await statuses(1)).toEqual([200]);
    expect(await statuses(1, '/repos/acme/widgets/issues')).toEqual([500]);
    fake.assertNoViolations();
  });

  it('draws probabilities from the seed, so runs replay exactly', async () => {
    fake.addFault({ status: 503, probability: 0.5 });
    const first = await statuses(20);
    fake.reset();
    fake.addFault({ status: 503, probability: 0.5 });
    const second = await statuses(20);
    expect(second).toEqual(first);
    expect(first.filter((s) => s === 503).length).toBeGreaterThan(3);
    expect(first.filter((s) => s === 200).length).toBeGreaterThan(3);
  });

  it('sends secondary rate limits with retry-after', async () => {
    fake.addFault({
      status: 403,
      secondaryRateLimit: true,
      retryAfterSeconds: 7,
      times: 1,
    });
    const res = await api(fake, 'GET', '/repos/acme/widgets');
    expect(res.status).toBe(403);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(res.json).toMatchObject({
      message: expect.stringContaining('You have exceeded a secondary rate limit.'),
    });
    fake.addFault({ status: 429, times: 1, delayMs: 30 });
    const t = Date.now();
    const limited = await api(fake, 'GET', '/repos/acme/widgets');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Date.now() - t).toBeGreaterThanOrEqual(25);
  });

  it('dropAfterWrite performs the write and still answers an error', async () => {
    fake.addFault({
      operationId: 'issues/create',
      status: 502,
      dropAfterWrite: true,
      times: 1,
    });
    const res = await api(fake, 'POST', '/repos/acme/widgets/issues', {
      title: 'ambiguous',
    });
    expect(res.status).toBe(502);
    expect(fake.state.issues.list().map((i) => i.title)).toEqual(['ambiguous']);
    expect(fake.writes).toHaveLength(1);
    expect(
      (
        await api(fake, 'POST', '/repos/acme/widgets/issues', {
          title: 'again',
        })
      ).status,
    ).toBe(201);
    expect(fake.countRequests({ operationId: 'issues/create' })).toBe(2);
    expect(fake.countRequests({ operationId: 'issues/create', status: 502 })).toBe(1);
  });
});
