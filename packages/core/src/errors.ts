/**
 * An error the user can fix: bad input, bad config, a repository state we refuse to guess about.
 * It is reported as one `::error::` line (no stack trace). Anything else is an internal error:
 * reported as a failure, with the stack only in debug output.
 */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}

export function isConfigurationError(error: unknown): error is ConfigurationError {
  return error instanceof ConfigurationError;
}

/** Message of anything thrown, for places that must not rethrow. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** For an action whose engine has not shipped: fail loudly rather than report a fake success. */
export function notImplemented(action: string): ConfigurationError {
  return new ConfigurationError(`${action} is not implemented yet in closed-loop; remove this step or pin a release that ships it.`);
}
