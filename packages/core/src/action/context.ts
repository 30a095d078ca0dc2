import { DEFAULT_SERVER_URL } from '../server-url.js';
import { ConfigurationError } from '../errors.js';
import type { RepoRef } from '../github/github-client.js';

/**
 * Where the job runs, read from the runner's variables in this one place by every action: which
 * repository, which GitHub (github.com or an Enterprise Server: web, REST and GraphQL URLs differ
 * there), and which event. Every link closed-loop writes (run, commit, issue, pull request) is built
 * from `serverUrl`, so on GitHub Enterprise Server they point at the server, not at github.com.
 */
export interface ActionContext {
  /** `GITHUB_REPOSITORY` split; undefined outside a job (the caller decides whether that is an error). */
  repo: RepoRef | undefined;
  /** `GITHUB_SERVER_URL` without a trailing `/` (default https://github.com). */
  serverUrl: string;
  /** `GITHUB_API_URL` (default https://api.github.com; `<server>/api/v3` on Enterprise Server). */
  apiUrl: string;
  /** `GITHUB_GRAPHQL_URL`, else derived from the API URL as Octokit does (`/api/v3` → `/api/graphql`). */
  graphqlUrl: string;
  /** `GITHUB_EVENT_NAME` ('' outside a job). */
  eventName: string;
}

/**
 * The event that triggered the job, as an action's `run` receives it: its name (`GITHUB_EVENT_NAME`) and
 * its webhook payload (the event file). The payload is untrusted input; an action that reads fields of it
 * names them in its own payload type.
 */
export interface ActionEvent<Payload = Record<string, unknown>> {
  name: string;
  payload: Payload;
}

const trim = (url: string) => url.replace(/\/+$/, '');

export { DEFAULT_SERVER_URL };

export function actionContext(env: NodeJS.ProcessEnv = process.env): ActionContext {
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  const apiUrl = trim(env.GITHUB_API_URL || 'https://api.github.com');
  return {
    repo: owner && repo ? { owner, repo } : undefined,
    serverUrl: trim(env.GITHUB_SERVER_URL || DEFAULT_SERVER_URL),
    apiUrl,
    graphqlUrl: trim(env.GITHUB_GRAPHQL_URL || `${apiUrl.replace(/\/api\/v3$/, '/api')}/graphql`),
    eventName: env.GITHUB_EVENT_NAME ?? '',
  };
}

/** The GitHubClient options that say which GitHub to talk to and link to. */
export function clientEndpoints(context: ActionContext): { baseUrl: string; graphqlUrl: string; serverUrl: string } {
  return { baseUrl: context.apiUrl, graphqlUrl: context.graphqlUrl, serverUrl: context.serverUrl };
}

/** The repository, or a one-line error for an action run outside a job. */
export function requireRepo(context: ActionContext, action: string, hint = ''): RepoRef {
  if (!context.repo) throw new ConfigurationError(`GITHUB_REPOSITORY is not set; ${action} runs inside a GitHub Actions job${hint}.`);
  return context.repo;
}

/** Web links on the job's GitHub. `serverUrl` is the context's; paths are the web UI's own. */
export const links = {
  repo: (serverUrl: string, repo: RepoRef) => `${trim(serverUrl)}/${repo.owner}/${repo.repo}`,
  run: (serverUrl: string, repo: RepoRef, runId: number) => `${links.repo(serverUrl, repo)}/actions/runs/${runId}`,
  commit: (serverUrl: string, repo: RepoRef, sha: string) => `${links.repo(serverUrl, repo)}/commit/${sha}`,
  issue: (serverUrl: string, repo: RepoRef, number: number) => `${links.repo(serverUrl, repo)}/issues/${number}`,
  pull: (serverUrl: string, repo: RepoRef, number: number) => `${links.repo(serverUrl, repo)}/pull/${number}`,
};

/** `owner/name` as a RepoRef ('' parts when it is not one). */
export function parseRepo(fullName: string): RepoRef {
  const [owner = '', repo = ''] = fullName.split('/');
  return { owner, repo };
}
