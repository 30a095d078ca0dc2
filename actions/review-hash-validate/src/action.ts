import { actionRuntime, clientEndpoints, readEventPayload, ConfigurationError, Git, GitHubClient, runAction } from '@closed-loop/core';
import { readInputs } from './inputs.js';
import { run } from './run.js';
import type { ReviewEventPayload } from './event.js';

// The body of dist/review-hash-validate/index.js, imported by main.ts once checkInputs passed: read inputs and the event, then hand over to run() (which tests call directly).
await runAction('review-hash-validate', async () => {
  const runtime = actionRuntime();
  const inputs = readInputs(runtime.inputs);
  const eventPath = runtime.env.GITHUB_EVENT_PATH;
  if (!eventPath) throw new ConfigurationError('GITHUB_EVENT_PATH is not set; review-hash-validate runs inside a GitHub Actions job.');
  const payload = readEventPayload(runtime.env) as ReviewEventPayload;
  const client = new GitHubClient({ token: inputs.githubToken, ...clientEndpoints(runtime.context), logger: runtime.logger });
  const git = new Git(runtime.env.GITHUB_WORKSPACE ?? process.cwd());
  const result = await run(inputs, { runtime, client, git, event: { name: runtime.context.eventName, payload } });
  // A failed check is the job's verdict, not an error of the action: exit 1 after the summary is written.
  if (result.status !== 'pass') process.exitCode = 1;
});
