import '@closed-loop/core/preflight'; // first: checks the event file before @actions/github parses it
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { actionRuntime, checkOutputFile, readEventPayload, ConfigurationError, GitHubClient, runAction, systemClock } from '@closed-loop/core';
import { readInputs } from './inputs.js';
import { runLoopStep } from './run.js';

// Entry of dist/failure-classify/index.js: read inputs and the event, then hand over to runLoopStep() (which tests call directly).
await runAction('failure-classify', async () => {
  const runtime = actionRuntime();
  const inputs = readInputs(runtime.inputs);
  const [owner, repo] = (runtime.env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo) throw new ConfigurationError('GITHUB_REPOSITORY is not set; failure-classify runs inside a GitHub Actions job.');
  const payload = readEventPayload(runtime.env);
  const workspace = runtime.env.GITHUB_WORKSPACE ?? process.cwd();
  checkOutputFile(resolve(workspace, inputs.resultFile), 'Input result-file', inputs.resultFile);
  const client = new GitHubClient({ token: inputs.githubToken, baseUrl: runtime.env.GITHUB_API_URL, logger: runtime.logger });
  await runLoopStep(inputs, {
    runtime,
    client,
    clock: systemClock,
    repo: { owner, repo },
    event: { name: runtime.env.GITHUB_EVENT_NAME ?? '', payload },
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
