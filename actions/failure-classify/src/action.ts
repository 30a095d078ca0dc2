import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { actionRuntime, clientEndpoints, checkOutputFile, readEventPayload, GitHubClient, requireRepo, runAction, systemClock } from '@closed-loop/core';
import { readInputs } from './inputs.js';
import { runLoopStep } from './run.js';

// The body of dist/failure-classify/index.js, imported by main.ts once checkInputs passed: read inputs and the event, then hand over to runLoopStep() (which tests call directly).
await runAction('failure-classify', async () => {
  const runtime = actionRuntime();
  const inputs = readInputs(runtime.inputs);
  const { context } = runtime;
  const repo = requireRepo(context, 'failure-classify');
  const payload = readEventPayload(runtime.env);
  const workspace = runtime.env.GITHUB_WORKSPACE ?? process.cwd();
  checkOutputFile(resolve(workspace, inputs.resultFile), 'Input result-file', inputs.resultFile);
  const client = new GitHubClient({ token: inputs.githubToken, ...clientEndpoints(context), logger: runtime.logger });
  await runLoopStep(inputs, {
    runtime,
    client,
    clock: systemClock,
    repo,
    event: { name: context.eventName, payload },
    readConfig: (path) =>
      readFile(resolve(workspace, path), 'utf8').catch((error: unknown) =>
        (error as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : Promise.reject(error as Error),
      ),
    writeResult: async (path, text) => {
      const target = resolve(workspace, path);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, text);
    },
  });
});
