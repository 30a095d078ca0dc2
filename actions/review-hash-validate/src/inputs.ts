import type { Inputs, PolicyOverrides, ReviewIdMode, ReviewScope } from '@closed-loop/core';

export interface ActionInputs {
  githubToken: string;
  configPath: string;
  /** Settings that override `review_hash:` in the config file when set. */
  overrides: PolicyOverrides;
}

export function readInputs(inputs: Inputs): ActionInputs {
  const reviewId = inputs.optional('review-id');
  const scope = inputs.optional('scope');
  return {
    githubToken: inputs.secret('github-token', true) as string,
    configPath: inputs.optional('config-path', '.github/closed-loop.yml'),
    overrides: {
      reviewId: reviewId === undefined ? undefined : inputs.enum<ReviewIdMode>('review-id', ['required', 'optional', 'off']),
      scope: scope === undefined ? undefined : inputs.enum<ReviewScope>('scope', ['changes', 'snapshot']),
      reviewIdPattern: inputs.optional('review-id-pattern'),
      auditLog: inputs.optional('audit-log'),
      signingKey: inputs.secret('signing-key'),
    },
  };
}
