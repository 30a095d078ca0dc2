import { resolvePolicy, type Inputs, type PolicyOverrides, type ReviewIdMode, type ReviewScope } from '@closed-loop/core';

export interface ActionInputs {
  githubToken: string;
  configPath: string;
  /** Settings that override `review_hash:` in the config file when set. */
  overrides: PolicyOverrides;
}

export function readInputs(inputs: Inputs): ActionInputs {
  const reviewId = inputs.optional('review-id');
  const scope = inputs.optional('scope');
  const overrides: PolicyOverrides = {
    reviewId: reviewId === undefined ? undefined : inputs.enum<ReviewIdMode>('review-id', ['required', 'optional', 'off']),
    scope: scope === undefined ? undefined : inputs.enum<ReviewScope>('scope', ['changes', 'snapshot']),
    reviewIdPattern: inputs.optional('review-id-pattern'),
    auditLog: inputs.optional('audit-log'),
    signingKey: inputs.secret('signing-key'),
  };
  // The inputs alone must make a policy (a pattern that compiles, no audit log with snapshot scope):
  // checked now, before any API call, not after the history is fetched. The config file is checked
  // where it is read, at the merge-base.
  resolvePolicy(undefined, overrides, '', 'Input review-id-pattern');
  return {
    githubToken: inputs.secret('github-token', true) as string,
    configPath: inputs.optional('config-path', '.github/closed-loop.yml'),
    overrides,
  };
}
