import '@closed-loop/core/preflight'; // first: checks the event file before @actions/github parses it
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { getExecOutput } from '@actions/exec';
import { actionRuntime, readEventPayload, Git, GitHubClient, runAction, systemClock } from '@closed-loop/core';
import { readInputs } from './inputs.js';
import { run } from './run.js';

// Variables a fixer (repository code) must not see: they would let it write to caches, artifacts or the API.
const HIDDEN = /^(INPUT_|ACTIONS_RUNTIME_|ACTIONS_ID_TOKEN_|ACTIONS_CACHE_|ACTIONS_RESULTS_|GITHUB_TOKEN$)/;

// Entry of dist/recover/index.js: read inputs, wire real I/O, then hand over to run() (which tests call directly).
await runAction('recover', async () => {
  const runtime = actionRuntime();
  const inputs = readInputs(runtime.inputs);
  const env = runtime.env;
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
  const at = (p: string) => (isAbsolute(p) ? p : join(workspace, p));
  const [owner = '', repo = ''] = (env.GITHUB_REPOSITORY ?? '').split('/');
  // With an App token everything is done as the App, so its commits start CI and it recognises its own work.
  const token = inputs.appToken ?? inputs.githubToken;
  const client = token
    ? new GitHubClient({ token, baseUrl: env.GITHUB_API_URL, logger: runtime.logger, ...(inputs.appSlug ? { botLogin: `${inputs.appSlug}[bot]` } : {}) })
    : undefined;
  const git = new Git(workspace);
  const fixerEnv = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined && !HIDDEN.test(e[0])));
  await run(inputs, {
    runtime,
    repo: { owner, repo },
    clock: systemClock,
    random: Math.random,
    files: {
      read: (p) => (existsSync(at(p)) ? readFileSync(at(p), 'utf8') : undefined),
      write: (p, text) => {
        writeFileSync(at(p), text);
      },
    },
    ...(client ? { client } : {}),
    ...(env.GITHUB_EVENT_PATH && existsSync(env.GITHUB_EVENT_PATH) ? { event: { name: env.GITHUB_EVENT_NAME ?? '', payload: readEventPayload(env) } } : {}),
    runCommand: async (command) => {
      try {
        // A fixer is a shell line the repository's owner wrote in the config; nothing untrusted is spliced in.
        // Its output streams to the job log and is captured; stdin is closed at once (a prompt cannot hang
        // the job); the environment is the filtered one (no token, no cache or OIDC credentials).
        return await getExecOutput('bash', ['-c', command], { cwd: workspace, env: fixerEnv, ignoreReturnCode: true, input: Buffer.alloc(0) });
      } catch (error) {
        // bash is missing or could not start: the shell's own code for "command not found".
        return { exitCode: 127, stdout: '', stderr: error instanceof Error ? error.message : String(error) };
      }
    },
    diff: async () => (await git.run(['diff', '--no-color', '--no-ext-diff', '--end-of-options', 'HEAD'])).stdout.toString('utf8'),
  });
});
