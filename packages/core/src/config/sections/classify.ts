import { CATEGORIES, SEVERITIES } from '../../classify/verdict.js';
import type { JSONSchema } from '../json-schema.js';

/** `classify:` in .github/closed-loop.yml: how failure-classify reads logs and which rules it adds. */
export const classifySchema: JSONSchema = {
  type: 'object',
  description: 'Settings for failure-classify.',
  additionalProperties: false,
  properties: {
    confidence_threshold: {
      description: 'Verdicts below this confidence (0 to 1) keep their best category but are never called transient.',
      type: 'number',
      minimum: 0,
      maximum: 1,
      default: 0.5,
    },
    history_window_hours: {
      description: 'Rolling window, in hours, for the workflow failure rate and consecutive failures.',
      type: 'integer',
      minimum: 1,
      maximum: 720,
      default: 24,
    },
    failure_rate: {
      description:
        'Failure-rate tiers: the workflow failure rate over history_window_hours raises a failure to at least this severity, once the window holds min_runs runs.',
      type: 'object',
      additionalProperties: false,
      properties: {
        min_runs: { description: 'Fewest runs in the window before the rate counts.', type: 'integer', minimum: 1, default: 4 },
        critical: { description: 'Rate (0 to 1) from which a failure is critical.', type: 'number', minimum: 0, maximum: 1, default: 0.5 },
        high: { description: 'Rate (0 to 1) from which a failure is at least high.', type: 'number', minimum: 0, maximum: 1, default: 0.3 },
        medium: { description: 'Rate (0 to 1) from which a failure is at least medium.', type: 'number', minimum: 0, maximum: 1, default: 0.15 },
      },
      default: {},
    },
    max_log_bytes: {
      description: 'Most bytes read from each failed job log; the log is streamed and the rest is not downloaded.',
      type: 'integer',
      minimum: 1024,
      default: 67108864,
    },
    disable_rules: {
      description: 'Ids of built-in rules to switch off (see docs/failure-classify.md for the list).',
      type: 'array',
      items: { type: 'string' },
      default: [],
    },
    rules: {
      description: 'Your own rules, tested before the built-in ones and winning over them when they match. A rule with the id of a built-in rule replaces it.',
      type: 'array',
      default: [],
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['pattern', 'category'],
        properties: {
          id: { description: 'Name shown in the verdict as ruleId; defaults to user/<position>.', type: 'string' },
          pattern: { description: 'JavaScript regular expression tested against each log line (timestamps and colours removed).', type: 'string' },
          flags: { description: 'Regular-expression flags.', type: 'string', pattern: '^[imsu]*$', default: 'i' },
          category: { description: 'Category of a failure this line explains.', enum: CATEGORIES },
          subcategory: { description: 'Finer name, e.g. flaky-service.', type: 'string', default: 'custom' },
          transient: { description: 'A plain re-run would likely pass.', type: 'boolean', default: false },
          severity: { description: 'Severity before history adjusts it.', enum: SEVERITIES },
        },
      },
    },
  },
};
