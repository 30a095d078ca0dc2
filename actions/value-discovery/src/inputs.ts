import type { Inputs } from '@closed-loop/core';

export interface ActionInputs {
  githubToken: string;
  configPath: string;
}

export function readInputs(inputs: Inputs): ActionInputs {
  return {
    githubToken: inputs.secret('github-token', true) as string,
    configPath: inputs.optional('config-path', '.github/closed-loop.yml'),
  };
}
