import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { actionRuntime, clientEndpoints, clockFromEnv, readEventPayload, GitHubClient, runAction } from '@closed-loop/core';
import { readInputs } from './inputs.js';
import { run } from './run.js';

// The body of dist/notify/index.js, imported by main.ts once checkInputs passed: read inputs, config and the event, then hand over to run() (which tests call directly).
await runAction('notify', async () => {
  const runtime = actionRuntime();
  const inputs = readInputs(runtime.inputs);
  const workspace = runtime.env.GITHUB_WORKSPACE ?? process.cwd();
  const configFile = resolve(workspace, inputs.configPath);
  const payload = readEventPayload(runtime.env);
  const client = new GitHubClient({ token: inputs.githubToken, ...clientEndpoints(runtime.context), botLogin: inputs.botLogin, logger: runtime.logger });
  await run(inputs, {
    runtime,
    client,
    clock: clockFromEnv(runtime.env),
    event: { name: runtime.context.eventName, payload },
    configText: existsSync(configFile) ? readFileSync(configFile, 'utf8') : undefined,
    readFile: (path) => readFileSync(resolve(workspace, path), 'utf8'),
  });
});
