import type { JSONSchema } from '../json-schema.js';

const int = (description: string, def: number, minimum: number, maximum: number): JSONSchema => ({
  type: 'integer',
  description,
  default: def,
  minimum,
  maximum,
});
const num = (description: string, def: number, minimum: number, maximum: number): JSONSchema => ({
  type: 'number',
  description,
  default: def,
  minimum,
  maximum,
});
const cooldown = (category: string, def: number): JSONSchema => int(`Minutes the breaker stays open after a ${category} failure trips it (5–30).`, def, 5, 30);

/** `recover:` in .github/closed-loop.yml: the policy the recover engine applies to a verdict. */
export const recoverSchema: JSONSchema = {
  type: 'object',
  description: 'Settings for recover: when to re-run, fix, roll back or escalate.',
  additionalProperties: false,
  properties: {
    mode: {
      description: 'automatic acts; supervised only proposes (suggestions, no push, no re-run); analysis_only reports what it would do.',
      enum: ['automatic', 'supervised', 'analysis_only'],
      default: 'automatic',
    },
    force_supervised: {
      type: 'boolean',
      description: 'Downgrade automatic to supervised whatever the mode input says; set it under environments.production.',
      default: false,
    },
    max_attempts: int('Most re-runs of one failed run (hard ceiling 10, far below GitHub’s 50).', 3, 1, 10),
    backoff: {
      type: 'object',
      description: 'Exponential backoff before each re-run: base × multiplier^(attempt-1), capped, then jittered.',
      additionalProperties: false,
      default: {},
      properties: {
        base_seconds: int('Delay before the first re-run.', 30, 1, 3600),
        multiplier: num('Growth factor per attempt.', 2, 1, 10),
        max_seconds: int('Cap on the delay before jitter.', 1800, 1, 21600),
        jitter: num('Random spread as a fraction of the delay (0.1 = ±10 %).', 0.1, 0, 0.5),
      },
    },
    breaker: {
      type: 'object',
      description: 'Circuit breaker per workflow and branch, derived from the run history.',
      additionalProperties: false,
      default: {},
      properties: {
        consecutive_failures: int('Consecutive failed attempts that open the breaker.', 5, 2, 100),
        failure_rate: num('Failure rate in the window that opens the breaker (with at least min_runs attempts).', 0.6, 0.1, 1),
        min_runs: int('Attempts the window must hold before failure_rate counts.', 5, 1, 1000),
        window_hours: int('Length of the history window.', 24, 1, 720),
        cooldown_minutes: {
          type: 'object',
          description: 'How long the breaker stays open, by verdict category; then one trial re-run (half-open).',
          additionalProperties: false,
          default: {},
          properties: {
            infrastructure: cooldown('infrastructure', 5),
            dependencies: cooldown('dependencies', 10),
            testing: cooldown('testing', 15),
            quality: cooldown('quality', 30),
            build: cooldown('build', 30),
            performance: cooldown('performance', 30),
            security: cooldown('security', 30),
            unknown: cooldown('unknown', 15),
          },
        },
      },
    },
    fixers: {
      type: 'object',
      description:
        'Fixer commands by subcategory (e.g. lint, format) or category (quality), run in the unprivileged job. Example: `lint: ["npx eslint --fix ."]`.',
      additionalProperties: { type: 'array', items: { type: 'string', minLength: 1 }, maxItems: 10 },
      default: {},
    },
    patch: {
      type: 'object',
      description: 'Limits a fixer patch must meet before it is committed.',
      additionalProperties: false,
      default: {},
      properties: {
        max_changed_lines: int('Most added + removed lines in one fix.', 500, 1, 5000),
        prohibited_paths: {
          type: 'array',
          description:
            'Extra globs (picomatch: `**`, `{a,b}`, `[ab]`; case-insensitive) a fix may not touch, on top of the built-in list (.github/, .env, keys, *.pem, manifests, lockfiles, …) which cannot be removed; a leading `!` narrows only this list.',
          items: { type: 'string', minLength: 1 },
          default: [],
        },
        allowed_paths: {
          type: 'array',
          description:
            "Globs of the only files a fix may touch. Empty (the default): the files the failing tool reported in its log (for a comment-requested fix, the pull request's changed files). The built-in refusals (secrets, .github/, manifests, lockfiles, CI/build scripts, executable configs) apply either way.",
          items: { type: 'string', minLength: 1 },
          default: [],
        },
      },
    },
    max_fixes_per_pr: int('Most fix commits closed-loop makes on one pull request or branch.', 3, 1, 20),
    rollback: {
      type: 'boolean',
      description: 'Revert our fix commit (with a new commit) when the run after it fails and it is the only change since the last green run.',
      default: true,
    },
    comment_trigger: {
      type: 'object',
      description: 'The "fix this" loop: a comment with the phrase on a pull request runs the fixers for it.',
      additionalProperties: false,
      default: {},
      properties: {
        enabled: { type: 'boolean', description: 'Listen for the trigger phrase.', default: true },
        phrase: { type: 'string', description: 'Text a comment must contain.', default: '/closed-loop fix', minLength: 3 },
        commit: { type: 'boolean', description: 'Commit the fix to the PR branch instead of posting suggestions (never for forks).', default: false },
        max_attempts_per_comment: int('Most fix attempts one comment can start.', 3, 1, 3),
        max_fixes_per_hour: int('Most comment-triggered fixes on one pull request per hour.', 5, 1, 5),
      },
    },
  },
};
