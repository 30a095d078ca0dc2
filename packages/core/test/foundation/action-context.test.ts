// One action context: the repository, the server/API/GraphQL URLs and the event are read from the
// runner's variables in one place, and every link we write starts at GITHUB_SERVER_URL (links were
// hard-coded to https://github.com, wrong on GitHub Enterprise Server).
import { describe, expect, it } from '@jest/globals';
import { actionContext, clientEndpoints, links, recordingRuntime, requireRepo } from '../../src/action/index.js';
import { GitHubClient } from '../../src/github/github-client.js';
import { valueSarif } from '../../src/discover/sarif.js';

const GHES = {
  GITHUB_REPOSITORY: 'acme/widgets',
  GITHUB_SERVER_URL: 'https://ghe.example.com/',
  GITHUB_API_URL: 'https://ghe.example.com/api/v3',
  GITHUB_EVENT_NAME: 'workflow_run',
};

describe('the action context', () => {
  it('reads a GitHub Enterprise Server job: web, REST and GraphQL URLs of the server', () => {
    expect(actionContext(GHES)).toEqual({
      repo: { owner: 'acme', repo: 'widgets' },
      serverUrl: 'https://ghe.example.com',
      apiUrl: 'https://ghe.example.com/api/v3',
      graphqlUrl: 'https://ghe.example.com/api/graphql',
      eventName: 'workflow_run',
    });
    expect(actionContext({ ...GHES, GITHUB_GRAPHQL_URL: 'https://ghe.example.com/api/graphql-x' }).graphqlUrl).toBe('https://ghe.example.com/api/graphql-x');
  });

  it('defaults to github.com outside a job, and names GITHUB_REPOSITORY when an action needs it', () => {
    const context = actionContext({});
    expect(context).toMatchObject({
      serverUrl: 'https://github.com',
      apiUrl: 'https://api.github.com',
      graphqlUrl: 'https://api.github.com/graphql',
      eventName: '',
    });
    expect(() => requireRepo(context, 'notify')).toThrow('GITHUB_REPOSITORY is not set; notify runs inside a GitHub Actions job.');
  });

  it('every runtime carries it', () => {
    expect(recordingRuntime({}, GHES).runtime.context.serverUrl).toBe('https://ghe.example.com');
  });

  it('links and the client point at the server', async () => {
    const context = actionContext(GHES);
    const repo = requireRepo(context, 'recover');
    expect(links.run(context.serverUrl, repo, 7)).toBe('https://ghe.example.com/acme/widgets/actions/runs/7');
    expect(links.commit(context.serverUrl, repo, 'abc')).toBe('https://ghe.example.com/acme/widgets/commit/abc');
    expect(links.pull(context.serverUrl, repo, 3)).toBe('https://ghe.example.com/acme/widgets/pull/3');
    const urls: string[] = [];
    const fetch = (async (url: string | URL) => {
      urls.push(String(url));
      return new Response(JSON.stringify({ data: { viewer: { login: 'x' } } }), { status: 200, headers: { 'content-type': 'application/json' } });
    }) as typeof globalThis.fetch;
    const client = new GitHubClient({ token: 't', ...clientEndpoints(context), fetch, retries: 0, writeSpacingMs: 0 });
    expect(client.serverUrl).toBe('https://ghe.example.com');
    await client.octokit.graphql('query { viewer { login } }');
    await client.request('GET /repos/{owner}/{repo}', { ...repo });
    expect(urls).toEqual(['https://ghe.example.com/api/graphql', 'https://ghe.example.com/api/v3/repos/acme/widgets']);
  });

  it('the SARIF repository URI is on the server', () => {
    const sarif = valueSarif({ repository: { name: 'acme/widgets', sha: 'abc' }, items: [] } as never, 'https://ghe.example.com');
    expect(JSON.stringify(sarif)).toContain('"repositoryUri":"https://ghe.example.com/acme/widgets"');
  });
});
