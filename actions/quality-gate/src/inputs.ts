import type { Inputs } from '@closed-loop/core';

export interface ActionInputs {
  githubToken: string;
  configPath: string;
  coverageReport: string | undefined;
  coverageBaseReport: string | undefined;
  /** Undefined: take the config file's value. */
  minPatch: number | undefined;
  benchResults: string | undefined;
  benchBase: string | undefined;
  tolerance: number | undefined;
  commits: boolean;
  comment: boolean;
  seed: number;
}

export function readInputs(inputs: Inputs): ActionInputs {
  const percent = (name: string) => (inputs.optional(name) === undefined ? undefined : inputs.int(name, { min: 0, max: 100 }));
  return {
    githubToken: inputs.secret('github-token', true) as string,
    configPath: inputs.optional('config-path', '.github/closed-loop.yml'),
    coverageReport: inputs.optional('coverage-report'),
    coverageBaseReport: inputs.optional('coverage-base-report'),
    minPatch: percent('min-patch'),
    benchResults: inputs.optional('bench-results'),
    benchBase: inputs.optional('bench-base'),
    tolerance: percent('tolerance'),
    commits: inputs.boolean('commits', true),
    comment: inputs.boolean('comment', true),
    seed: inputs.optional('seed') === undefined ? 1 : inputs.int('seed', { min: 0 }),
  };
}
