import type { JSONSchema } from '../json-schema.js';

const weight = (description: string, value: number): JSONSchema => ({ type: 'number', minimum: 0, maximum: 1, description, default: value });
const count = (description: string, value: number, minimum = 0): JSONSchema => ({ type: 'integer', minimum, description, default: value });

/** `value_discovery:` in .github/closed-loop.yml: what the harvesters look at and how items are ranked. */
export const valueDiscoverySchema: JSONSchema = {
  type: 'object',
  description: 'Settings for value-discovery: the harvested signals and how work items are scored.',
  additionalProperties: false,
  properties: {
    scoring_weights: {
      type: 'object',
      description: 'Weight of each score in the composite (each score is first normalised to 0–100; the composite divides by the sum of weights).',
      additionalProperties: false,
      default: {},
      properties: {
        wsjf: weight('Weighted shortest job first: (business value + time criticality + risk reduction) / job size.', 0.5),
        ice: weight('Impact × confidence × ease.', 0.1),
        technical_debt: weight('SQALE-style remediation minutes (capped at one working day).', 0.3),
        security: weight('Security boost from vulnerability severity.', 0.1),
      },
    },
    markers: {
      type: 'array',
      description: 'Debt markers searched for in comments of tracked files (case-sensitive, whole words).',
      items: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_-]*$' },
      default: ['TODO', 'FIXME', 'HACK', 'XXX'],
    },
    exclude: {
      type: 'array',
      description: 'Glob patterns of paths no harvester reports (`**` any depth, `*` within a segment).',
      items: { type: 'string', minLength: 1 },
      default: ['dist/**', '**/node_modules/**', 'vendor/**', '**/*.min.js', '**/package-lock.json', '**/*.lock', '**/fixtures/**'],
    },
    history_days: count('How far back the history walk for churn goes (0: the whole history).', 365),
    max_commits: count('Most commits the history walk reads (newest first).', 20000, 1),
    hotspot_min_commits: count('A file needs at least this many commits in the window to be a hotspot.', 3, 1),
    test_gap_min_commits: count('A source file changed at least this often with no test touching it is a test gap.', 5, 1),
    large_file_lines: count('A code file (not data or docs) with more lines than this is reported as large.', 1000, 1),
    blame_max_files: count('Debt-marker ages come from `git blame` only when at most this many files hold markers (blame is slow).', 50),
    ci_window_days: count('Workflow runs from this many days are read for CI health and loop health.', 30, 1),
    failure_rate_threshold: {
      type: 'number',
      minimum: 0,
      maximum: 1,
      description: 'A workflow failing at least this share of its runs is reported as failing.',
      default: 0.2,
    },
    loop_issue_label: {
      type: 'string',
      minLength: 1,
      description: 'Label of the failure issues closed-loop opens (read for CI health and loop health).',
      default: 'closed-loop',
    },
    override_labels: {
      type: 'array',
      description: 'Labels a maintainer puts on a closed-loop issue whose verdict was wrong (counted as false positives).',
      items: { type: 'string', minLength: 1 },
      default: ['false-positive'],
    },
    resolved_retention_days: count('How long items that disappeared stay listed as resolved on the dashboard.', 14),
  },
};
