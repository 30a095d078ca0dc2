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

/** Error text as one line: an error is reported as one line, whatever its message carried. */
export function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, ' ').trim();
}

/** Message of anything thrown, for places that must not rethrow. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** For an action whose engine has not shipped: fail loudly rather than report a fake success. */
export function notImplemented(action: string): ConfigurationError {
  return new ConfigurationError(`${action} is not implemented yet in closed-loop; remove this step or pin a release that ships it.`);
}

/**
 * The one map from errors a user can cause — a path that is missing or a directory, a truncated gzip,
 * bad JSON, git run outside a repository, an API host that cannot be reached — to a ConfigurationError
 * whose single line names the thing and the fix. Anything it does not recognise stays an internal error.
 * The CLI and every action go through it, so a user's mistake never reads as our bug.
 */
export function asUserError(error: unknown): ConfigurationError | undefined {
  if (isConfigurationError(error)) return error;
  // Duck-typed, not `instanceof Error`: errors from Node's own modules may come from another realm (a vm
  // context, as under jest), and they still are the user's fs/zlib/network errors.
  if (!error || typeof error !== 'object' || typeof (error as { message?: unknown }).message !== 'string') return undefined;
  const e = error as Error & { code?: unknown; path?: unknown; syscall?: unknown; dest?: unknown; cause?: unknown; stderr?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  const path = typeof e.path === 'string' ? e.path : typeof e.dest === 'string' ? e.dest : '';
  const fs = fileErrorPhrase(error);
  if (fs && path) return new ConfigurationError(`${path}: ${fs}.`);
  // Node leaves the path out of some (EISDIR from a read): still the user's, said as well as it can be.
  if (fs && e.syscall) return new ConfigurationError(`a path given ${fs} (${e.message}).`);
  if (code.startsWith('Z_') || /^(unexpected end of file|incorrect header check|invalid (block type|distance|stored block))/i.test(e.message))
    return new ConfigurationError(`the gzip data is truncated or corrupt (${e.message}); pass the complete .gz file, or the plain text.`);
  if (e.name === 'GitError') return gitUserError(e.message, typeof e.stderr === 'string' ? e.stderr : '');
  const network = networkUserError(e);
  if (network) return network;
  return undefined;
}

/** What a filesystem error means for the path the user gave, and what to do about it; undefined if it is none. */
export function fileErrorPhrase(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? FILE_ERRORS[code] : undefined;
}

/** What each filesystem error means for the path the user gave, and what to do about it. */
const FILE_ERRORS: Record<string, string> = {
  ENOENT: 'no such file or directory; check the path',
  EISDIR: 'is a directory, not a file; give the path of a file',
  ENOTDIR: 'a part of this path is a file, not a directory; check the path',
  EACCES: 'permission denied; make it readable (or writable) by this user',
  EPERM: 'operation not permitted; check its permissions',
  EEXIST: 'already exists; remove it or choose another path',
  ENOSPC: 'no space left on the device',
  EROFS: 'is on a read-only file system; choose a writable path',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many symbolic links (a link loop?)',
};

function gitUserError(message: string, stderr: string): ConfigurationError | undefined {
  if (/not a git repository/i.test(stderr))
    return new ConfigurationError('not inside a git repository: check the repository out first (actions/checkout in a workflow; locally, run it in a clone).');
  if (/unknown revision|bad revision|ambiguous argument|invalid object name|not a valid object name|bad object/i.test(stderr))
    return new ConfigurationError(`${message.replace(/^git \S+ failed \(exit \d+\): /, '')}: no such revision in this repository; fetch it or check the name.`);
  if (/Please tell me who you are|unable to auto-detect email address/i.test(stderr))
    return new ConfigurationError(
      'git does not know who you are (no user.name / user.email); set them with `git config --global user.name "Your Name"` and `git config --global user.email you@example.com`.',
    );
  if (/dubious ownership/i.test(stderr))
    return new ConfigurationError(
      `${stderr.trim().split('\n')[0] ?? 'dubious ownership'}; add the directory with \`git config --global --add safe.directory DIR\`.`,
    );
  return undefined;
}

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ECONNRESET: 'connection reset',
  ETIMEDOUT: 'timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  UND_ERR_SOCKET: 'connection closed',
  CERT_HAS_EXPIRED: 'its TLS certificate has expired',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate cannot be verified',
  SELF_SIGNED_CERT_IN_CHAIN: 'its TLS certificate chain is self-signed',
};

/** The network error code of a fetch failure, wherever undici or octokit put it. */
export function networkErrorCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code in NETWORK_CODES) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function networkUserError(error: Error): ConfigurationError | undefined {
  const code = networkErrorCode(error);
  if (!code) return undefined;
  const url = /https?:\/\/[^\s/'"]+/.exec(error.message)?.[0];
  return new ConfigurationError(
    `cannot reach the GitHub API${url ? ` at ${url}` : ''}: ${NETWORK_CODES[code] ?? code} (${code}); check the network and GITHUB_API_URL (on GitHub Enterprise Server, the api/v3 URL).`,
  );
}
