// Requests outside the spec are rejected and recorded; auth and permissions behave like GitHub.
import { beforeEach, describe, expect, it } from '@jest/globals';
import { getOctokit } from '@actions/github';
import { sampleFromSchema, spec, validateSchema, type FakeGitHub } from '../src/index.js';
import { api, WIDGETS } from './helpers.js';
import { fakeGitHubForFile } from '../../../tests/support/fake-github.js';

let fake: FakeGitHub;
fakeGitHubForFile((started) => (fake = started));
beforeEach(() => fake.reset());

describe('spec enforcement', () => {
  it('rejects endpoints that are not in the spec and records a violation', async () => {
    const res = await api(fake, 'GET', '/repos/acme/widgets/secret-scanning/alerts');
    expect(res.status).toBe(404);
    expect(res.json).toMatchObject({ message: 'Not Found' });
    const wrongMethod = await api(fake, 'PUT', '/repos/acme/widgets/issues');
    expect(wrongMethod.status).toBe(404);
    expect(fake.violations).toHaveLength(2);
    expect(() => fake.assertNoViolations()).toThrow(/secret-scanning[\s\S]*method not in the spec/);
  });

  it('rejects bodies the spec does not allow with 422 and a violation', async () => {
    const bad = await api(fake, 'POST', '/repos/acme/widgets/issues', {
      title: {},
    });
    expect(bad.status).toBe(422);
    expect(bad.json).toMatchObject({
      message: 'Validation Failed',
      errors: expect.arrayContaining([expect.objectContaining({ field: 'title' })]),
    });
    const missing = await api(fake, 'POST', '/repos/acme/widgets/issues', {
      body: 'no title',
    });
    expect(missing.status).toBe(422);
    fake.state.issues.add({ title: 'x' });
    const badEnum = await api(fake, 'PATCH', '/repos/acme/widgets/issues/1', {
      state: 'merged',
    });
    expect(badEnum.status).toBe(422);
    expect(fake.violations).toHaveLength(3);
    expect(fake.state.issues.list()).toHaveLength(1);
  });

  it('validates query and path parameter types and enums', async () => {
    expect((await api(fake, 'GET', '/repos/acme/widgets/issues?state=bogus')).status).toBe(422);
    expect((await api(fake, 'GET', '/repos/acme/widgets/issues/abc')).status).toBe(422);
    expect((await api(fake, 'GET', '/repos/acme/widgets/actions/runs?per_page=lots')).status).toBe(422);
    expect(fake.violations).toHaveLength(3);
  });

  it('flags the fake itself when a response would not match the spec', () => {
    expect(validateSchema('issue', { id: 1 })).not.toEqual([]);
  });

  it('samples spec-valid values for every schema in the subset', () => {
    for (const name of Object.keys(spec().components.schemas ?? {})) {
      expect({
        name,
        problems: validateSchema(name, sampleFromSchema({ $ref: `#/components/schemas/${name}` })),
      }).toEqual({ name, problems: [] });
    }
  });
});

describe('auth and permissions', () => {
  it('requires a known token', async () => {
    expect((await fetch(`${fake.url}/repos/acme/widgets`)).status).toBe(401);
    expect((await api(fake, 'GET', '/repos/acme/widgets', undefined, 'nope')).status).toBe(401);
    const bearer = await fetch(`${fake.url}/repos/acme/widgets`, {
      headers: { authorization: 'Bearer test-token' },
    });
    expect(bearer.status).toBe(200);
  });

  it('answers 403 when the token lacks the scope', async () => {
    fake.addToken('ro', {
      login: 'reader',
      permissions: { issues: 'read', contents: 'read' },
    });
    expect((await api(fake, 'GET', '/repos/acme/widgets/issues', undefined, 'ro')).status).toBe(200);
    const denied = await api(fake, 'POST', '/repos/acme/widgets/issues', { title: 'x' }, 'ro');
    expect(denied.status).toBe(403);
    expect(denied.json).toMatchObject({
      message: 'Resource not accessible by integration',
    });
    expect((await api(fake, 'GET', '/repos/acme/widgets/actions/runs', undefined, 'ro')).status).toBe(403);
    fake.assertNoViolations();
  });

  it('attributes writes to the token login, via a real octokit client', async () => {
    fake.addToken('user-token', { login: 'alice', type: 'User' });
    const octokit = getOctokit('user-token', { baseUrl: fake.url });
    const { data } = await octokit.rest.issues.create({ ...WIDGETS, title: 'From octokit', labels: ['ci'] });
    expect(data.user?.login).toBe('alice');
    expect(data.number).toBe(1);
    await octokit.rest.issues.createComment({ ...WIDGETS, issue_number: 1, body: 'hi' });
    expect(fake.state.comments.list({ issueNumber: 1 })[0]?.user).toBe('alice');
    expect(fake.writes.map((w) => w.operationId)).toEqual(['issues/create', 'issues/create-comment']);
    expect(fake.requests[0]?.login).toBe('alice');
    fake.assertNoViolations();
  });
});

describe('forbid', () => {
  it('turns any request carrying a forbidden string into a violation', async () => {
    fake.forbid('ghp_supersecret');
    await api(fake, 'POST', '/repos/acme/widgets/issues', {
      title: 'log',
      body: 'token=ghp_supersecret',
    });
    expect(fake.violations).toHaveLength(1);
    expect(fake.violations[0]).not.toContain('ghp_supersecret');
  });
});
