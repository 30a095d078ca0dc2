import { isConfigurationError, oneLine } from '../errors.js';
import { envInputs, Inputs } from '../inputs/index.js';
import type { FailureReporter } from './run-action.js';
import { writeErrorLine } from './workflow-command.js';

const startReporter: Pick<FailureReporter, 'error' | 'setExitCode'> = {
  error: writeErrorLine,
  setExitCode: (code) => {
    process.exitCode = code;
  },
};

/**
 * The first step of every action's entry (main.ts): its inputs read and checked with next to nothing
 * loaded. The action's body (its wiring and run(): Octokit, undici, the engines, nearly all of the
 * bundle) is imported only when this says go on, so a step with a missing or mistyped input gets its
 * one error line in about the time node takes to start (tests/bench/bundles).
 *
 * Only a ConfigurationError is answered here, as runAction answers it (one line, exit code 1). Anything
 * else goes on: the body reads the inputs again through the real runtime, which registers secrets for
 * masking, and reports whatever that throws like any other failure.
 */
export function checkInputs(
  read: (inputs: Inputs) => unknown,
  env: NodeJS.ProcessEnv = process.env,
  reporter: Pick<FailureReporter, 'error' | 'setExitCode'> = startReporter,
): boolean {
  try {
    read(new Inputs(envInputs(env)));
    return true;
  } catch (error) {
    if (!isConfigurationError(error)) return true;
    reporter.error(oneLine(error.message));
    reporter.setExitCode(1);
    return false;
  }
}
