import { ConfigurationError, MAX_ATTEMPTS_CEILING, RECOVER_PHASES, type Inputs, type RecoverMode, type RecoverRequest } from '@closed-loop/core';

/** The phase's request (see RecoverRequest), and what only the action reads: tokens, config, verdict, audit file. */
export interface ActionInputs extends Omit<RecoverRequest, 'asApp'> {
  /** Token for API calls; absent in propose-fix, which must run without one. */
  githubToken?: string;
  /** GitHub App token used instead of github-token, so that fix commits start CI (pushes made with GITHUB_TOKEN do not). */
  appToken?: string;
  /** The App's slug: its commits and comments appear as `<slug>[bot]`. */
  appSlug?: string;
  configPath: string;
  verdict?: string;
  mode?: RecoverMode;
  environment?: string;
  maxAttempts?: number;
  auditPath: string;
}

export function readInputs(inputs: Inputs): ActionInputs {
  const phase = inputs.enum('phase', RECOVER_PHASES);
  const githubToken = phase === 'propose-fix' ? undefined : inputs.secret('github-token', true);
  const appToken = inputs.secret('app-token');
  const optionalInt = (name: string, min: number, max: number): number | undefined =>
    inputs.optional(name) === undefined ? undefined : inputs.int(name, { min, max });
  const parsed: ActionInputs = {
    phase,
    configPath: inputs.optional('config-path', '.github/closed-loop.yml'),
    maxWaitSeconds: inputs.int('max-wait', { min: 0, max: 3600, default: 300 }),
    patchPath: inputs.optional('patch-path', 'closed-loop-fix.patch'),
    auditPath: inputs.optional('audit-path', 'closed-loop-recover-audit.json'),
  };
  const verdict = inputs.optional('verdict');
  const mode = inputs.optional('mode') === undefined ? undefined : inputs.enum('mode', ['automatic', 'supervised', 'analysis_only'] as const);
  const maxAttempts = optionalInt('max-attempts', 1, MAX_ATTEMPTS_CEILING);
  const pullNumber = optionalInt('pull-number', 1, Number.MAX_SAFE_INTEGER);
  const commentId = optionalInt('comment-id', 1, Number.MAX_SAFE_INTEGER);
  const headSha = inputs.optional('head-sha');
  if (headSha !== undefined && !/^[0-9a-f]{40}$/.test(headSha))
    throw new ConfigurationError(`Input head-sha must be a full 40-character commit sha, got "${headSha.slice(0, 60)}".`);
  const environment = inputs.optional('environment');
  const appSlug = inputs.optional('app-slug');
  if (appToken && !appSlug)
    throw new ConfigurationError(
      'Input app-slug is required with app-token (e.g. the app-slug output of actions/create-github-app-token), so recover recognises its own commits.',
    );
  // Checked whether or not comment-id is set: a typo here must fail now, not be ignored until it matters.
  const commentKind = inputs.enum('comment-kind', ['issue', 'review'] as const, 'issue');
  Object.assign(parsed, {
    ...(githubToken ? { githubToken } : {}),
    ...(appToken ? { appToken, appSlug } : {}),
    ...(verdict ? { verdict } : {}),
    ...(mode ? { mode } : {}),
    ...(environment ? { environment } : {}),
    ...(maxAttempts !== undefined ? { maxAttempts } : {}),
    ...(pullNumber !== undefined ? { pullNumber } : {}),
    ...(commentId !== undefined ? { commentId, commentKind } : {}),
    ...(headSha ? { headSha } : {}),
    ...(inputs.optional('fix-mode') !== undefined ? { fixMode: inputs.enum('fix-mode', ['suggest', 'commit'] as const) } : {}),
  });
  if ((phase === 'rerun' || phase === 'rollback') && !parsed.verdict)
    throw new ConfigurationError(`Input verdict is required for phase ${phase}: pass the failure-classify result (JSON or its file).`);
  if (phase === 'apply-fix' && !parsed.verdict && !(parsed.pullNumber && parsed.headSha)) {
    throw new ConfigurationError('Input verdict (or pull-number and head-sha from the comment phase) is required for phase apply-fix.');
  }
  return parsed;
}
