import { getExecOutput } from '@actions/exec';
import type { CommandResult } from '@closed-loop/core';

// Variables a fixer (repository code) must not see: they would let it write to caches, artifacts or the API.
const HIDDEN = /^(INPUT_|ACTIONS_RUNTIME_|ACTIONS_ID_TOKEN_|ACTIONS_CACHE_|ACTIONS_RESULTS_|GITHUB_TOKEN$)/;

/** The environment a fixer runs with: ours without tokens, cache or OIDC credentials. */
export function fixerEnvironment(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined && !HIDDEN.test(e[0])));
}

/**
 * Runs one fixer through @actions/exec: `bash -c <command>` as an argument array, output streamed to the
 * job log and captured, stdin at end of file (a prompt cannot hang the job), the exit code returned —
 * non-zero is an answer, not an error. A fixer is a shell line the repository's owner wrote in the config;
 * nothing untrusted is spliced in.
 */
export async function runFixer(command: string, options: { cwd: string; env: Record<string, string>; silent?: boolean }): Promise<CommandResult> {
  try {
    // stdin is /dev/null inside the shell rather than a pipe closed from here: ending a pipe (exec's `input`)
    // races a fixer that exits at once, and the EPIPE it then raises has no listener and kills the process.
    // The fixer line is the wrapper's argument ($1), never spliced into the wrapper's text.
    return await getExecOutput('bash', ['-c', 'exec </dev/null; eval "$1"', 'closed-loop-fixer', command], {
      cwd: options.cwd,
      env: options.env,
      ignoreReturnCode: true,
      silent: options.silent ?? false,
    });
  } catch (error) {
    // bash is missing or could not start: the shell's own code for "command not found".
    return { exitCode: 127, stdout: '', stderr: error instanceof Error ? error.message : String(error) };
  }
}
