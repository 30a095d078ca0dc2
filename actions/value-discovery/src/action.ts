import { actionRuntime, clientEndpoints, Git, GitHubClient, requireRepo, runAction, systemClock } from '@closed-loop/core';
import { readInputs } from './inputs.js';
import { run } from './run.js';

// The body of dist/value-discovery/index.js, imported by main.ts once checkInputs passed: read inputs, then hand over to run() (which tests call directly).
await runAction('value-discovery', async () => {
  const runtime = actionRuntime();
  const inputs = readInputs(runtime.inputs);
  const repo = requireRepo(runtime.context, 'value-discovery', ' (after actions/checkout with fetch-depth: 0)');
  const client = new GitHubClient({ token: inputs.githubToken, ...clientEndpoints(runtime.context), logger: runtime.logger });
  const git = new Git(runtime.env.GITHUB_WORKSPACE ?? process.cwd());
  await run(inputs, { runtime, client, git, clock: systemClock, repo });
});
