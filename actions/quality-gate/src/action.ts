import { actionRuntime, clientEndpoints, readEventPayload, ConfigurationError, Git, GitHubClient, runAction } from '@closed-loop/core';
import { readInputs } from './inputs.js';
import { run } from './run.js';

// The body of dist/quality-gate/index.js, imported by main.ts once checkInputs passed: read inputs and the event, then hand over to run() (which tests call directly).
await runAction('quality-gate', async () => {
  const runtime = actionRuntime();
  const inputs = readInputs(runtime.inputs);
  const eventPath = runtime.env.GITHUB_EVENT_PATH;
  const repository = runtime.context.repo && `${runtime.context.repo.owner}/${runtime.context.repo.repo}`;
  if (!eventPath || !repository)
    throw new ConfigurationError('GITHUB_EVENT_PATH/GITHUB_REPOSITORY are not set; quality-gate runs inside a GitHub Actions job.');
  const payload = readEventPayload(runtime.env);
  const client = new GitHubClient({ token: inputs.githubToken, ...clientEndpoints(runtime.context), logger: runtime.logger });
  const git = new Git(runtime.env.GITHUB_WORKSPACE ?? process.cwd());
  const { state } = await run(inputs, { runtime, client, git, event: { name: runtime.context.eventName, payload }, repository });
  // A failed gate is the check's verdict, not an error of the action: exit 1 after everything is written.
  if (state === 'failed') process.exitCode = 1;
});
