import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import {
  actionRuntime,
  checkOutputFile,
  clientEndpoints,
  parseRepo,
  readEventPayload,
  Git,
  GitHubClient,
  runAction,
  systemClock,
  workspaceDiff,
  workspaceSnapshot,
} from '@closed-loop/core';
import { fixerEnvironment, runFixer } from './fixer-runner.js';
import { readInputs } from './inputs.js';
import { run } from './run.js';

// The body of dist/recover/index.js, imported by main.ts once checkInputs passed: read inputs, wire real I/O, then hand over to run() (which tests call directly).
await runAction('recover', async () => {
  const runtime = actionRuntime();
  const inputs = readInputs(runtime.inputs);
  const env = runtime.env;
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
  const at = (p: string) => (isAbsolute(p) ? p : join(workspace, p));
  // What recover writes is checked before any API call or fixer: not found unwritable at the end.
  checkOutputFile(at(inputs.auditPath), 'Input audit-path', inputs.auditPath);
  if (inputs.phase === 'propose-fix') checkOutputFile(at(inputs.patchPath), 'Input patch-path', inputs.patchPath);
  const { context } = runtime;
  // With an App token everything is done as the App, so its commits start CI and it recognises its own work.
  const token = inputs.appToken ?? inputs.githubToken;
  const client = token
    ? new GitHubClient({ token, ...clientEndpoints(context), logger: runtime.logger, ...(inputs.appSlug ? { botLogin: `${inputs.appSlug}[bot]` } : {}) })
    : undefined;
  const git = new Git(workspace);
  const fixerEnv = fixerEnvironment(process.env);
  await run(inputs, {
    runtime,
    repo: context.repo ?? parseRepo(''),
    clock: systemClock,
    random: Math.random,
    files: {
      read: (p) => (existsSync(at(p)) ? readFileSync(at(p), 'utf8') : undefined),
      write: (p, text) => {
        writeFileSync(at(p), text);
      },
    },
    ...(client ? { client } : {}),
    ...(env.GITHUB_EVENT_PATH && existsSync(env.GITHUB_EVENT_PATH) ? { event: { name: context.eventName, payload: readEventPayload(env) } } : {}),
    runCommand: (command) => runFixer(command, { cwd: workspace, env: fixerEnv }),
    snapshot: () => workspaceSnapshot(git),
    diff: (from) => workspaceDiff(git, from),
    headFile: (path) => git.readFile('HEAD', path),
  });
});
