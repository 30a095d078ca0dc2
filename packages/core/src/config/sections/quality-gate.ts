import type { JSONSchema } from '../json-schema.js';

const percent = (description: string, fallback: number): JSONSchema => ({ type: 'number', minimum: 0, maximum: 100, description, default: fallback });
const words = (description: string, fallback: string[]): JSONSchema => ({
  type: 'array',
  description,
  items: { type: 'string', pattern: '^[A-Za-z0-9_.-]+$' },
  default: fallback,
});

/** `quality_gate:` in .github/closed-loop.yml: coverage, benchmark regression and commit conventions (quality-gate action, `closed-loop gate`). */
export const qualityGateSchema: JSONSchema = {
  type: 'object',
  description: 'Settings of the quality gate: coverage, performance regression and commit conventions (the quality-gate action and closed-loop gate).',
  additionalProperties: false,
  properties: {
    coverage: {
      type: 'object',
      description: 'Coverage gate: total and patch coverage of the report the tests wrote.',
      additionalProperties: false,
      default: {},
      properties: {
        min_patch: percent('Minimum share (%) of the executable lines a change adds that the tests ran.', 80),
        min_total: percent('Minimum total coverage (%); 0 turns the check off.', 0),
        max_drop: percent('Largest allowed drop of total coverage against the base report, in percentage points.', 1),
      },
    },
    bench: {
      type: 'object',
      description: "Benchmark gate: the head results against the default branch's.",
      additionalProperties: false,
      default: {},
      properties: {
        tolerance: percent('Largest tolerated slowdown (%); a larger one fails when it is also outside the noise.', 5),
        confidence: {
          type: 'number',
          minimum: 0.5,
          maximum: 0.999,
          description: 'Confidence of the interval that separates a change from noise.',
          default: 0.95,
        },
        artifact: {
          type: 'string',
          minLength: 1,
          description: "Name of the artifact holding the default branch's results (uploaded by the quality-gate workflow).",
          default: 'quality-gate-bench',
        },
      },
    },
    commits: {
      type: 'object',
      description: 'Commit-convention gate: the PR title and every commit the PR adds.',
      additionalProperties: false,
      default: {},
      properties: {
        types: words('Allowed types.', ['feat', 'fix', 'docs', 'test', 'refactor', 'perf', 'ci', 'security', 'chore', 'build', 'style', 'revert']),
        scopes: words('Allowed scopes; empty allows any.', []),
        require_scope: { type: 'boolean', description: 'Every header must name a scope.', default: false },
        max_header_length: { type: 'integer', minimum: 20, maximum: 1000, description: 'Longest allowed first line.', default: 100 },
        merge_commits: {
          type: 'string',
          enum: ['skip', 'check'],
          description: 'skip: merge commits are not checked (git writes their message); check: they must follow the convention.',
          default: 'skip',
        },
        fixup_commits: {
          type: 'string',
          enum: ['fail', 'skip'],
          description: 'fail: fixup!/squash!/amend! commits must be squashed before merging; skip: allowed (for squash merges).',
          default: 'fail',
        },
        check_title: { type: 'boolean', description: "Check the pull request's title too (it becomes the commit of a squash merge).", default: true },
      },
    },
  },
};
