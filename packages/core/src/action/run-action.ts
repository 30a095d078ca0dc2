import * as core from '@actions/core';
import { asUserError, errorMessage, oneLine } from '../errors.js';
import { wrapApiConfigurationError } from '../github/api-errors.js';

/** The few runner calls the wrapper needs, so tests can watch them without a runner. */
export interface FailureReporter {
  error(message: string): void;
  debug(message: string): void;
  setExitCode(code: number): void;
}

const runnerReporter: FailureReporter = {
  error: (m) => {
    core.error(m);
  },
  debug: (m) => {
    core.debug(m);
  },
  setExitCode: (code) => {
    process.exitCode = code;
  },
};

/**
 * Runs an action's main and turns any failure into exactly one error line and exit code 1.
 * A ConfigurationError is the user's to fix: its message is the whole story. Anything else is our bug:
 * one line saying so, with the stack only in debug output (visible with ACTIONS_STEP_DEBUG).
 */
export async function runAction(name: string, main: () => Promise<void>, reporter: FailureReporter = runnerReporter): Promise<void> {
  try {
    await main();
  } catch (error) {
    // A token without a permission the job must grant, a missing file, an unreachable API: the user's to
    // fix, one line naming it; not an internal error.
    const user = asUserError(wrapApiConfigurationError(error));
    if (user) {
      reporter.error(oneLine(user.message));
    } else {
      reporter.error(oneLine(`${name} failed with an internal error: ${errorMessage(error)}. Re-run with debug logging for details and report it.`));
      if (error instanceof Error && error.stack) reporter.debug(error.stack);
    }
    reporter.setExitCode(1);
  }
}
