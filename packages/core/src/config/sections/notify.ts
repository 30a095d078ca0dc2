import type { JSONSchema } from '../json-schema.js';

/** Where notify can send a failure (the engine's Channel type is derived from this list). */
export const CHANNELS = ['issue', 'comment', 'status', 'summary', 'chat'] as const;

function channelList(severity: string, fallback: string[]): JSONSchema {
  return {
    type: 'array',
    description: `Channels for ${severity} failures. \`comment\` is the sticky PR comment (an issue when the run has no pull request).`,
    items: { type: 'string', enum: CHANNELS },
    default: fallback,
  };
}

/** `notify:` in .github/closed-loop.yml. */
export const notifySchema: JSONSchema = {
  type: 'object',
  description: 'Settings for notify: who hears about a failure, where, and when.',
  additionalProperties: false,
  properties: {
    status_context: {
      type: 'string',
      description: 'Context of the commit status set on the head SHA (keep it stable: branch protection can require it).',
      minLength: 1,
      maxLength: 100,
      default: 'closed-loop',
    },
    routing: {
      type: 'object',
      description: 'Channels per severity.',
      additionalProperties: false,
      default: {},
      properties: {
        critical: channelList('critical', ['issue', 'status', 'summary', 'chat']),
        high: channelList('high', ['comment', 'status', 'summary']),
        medium: channelList('medium', ['status', 'summary']),
        low: channelList('low', ['status']),
      },
    },
    labels: {
      type: 'object',
      description: 'Labels on failure issues.',
      additionalProperties: false,
      default: {},
      properties: {
        base: {
          type: 'string',
          description: 'Label on every failure issue; notify finds its issues by it.',
          minLength: 1,
          maxLength: 50,
          default: 'closed-loop',
        },
        by_category: { type: 'boolean', description: 'Add `category:<category>`.', default: true },
        by_severity: { type: 'boolean', description: 'Add `severity:<severity>`.', default: true },
      },
    },
    escalate_after: {
      type: 'string',
      description: 'How long a critical failure may stay unacknowledged before the scheduled sweep escalates it (once per episode), e.g. "15m".',
      pattern: '^\\d+\\s*[smhd]$',
      default: '15m',
    },
    acknowledge_label: {
      type: 'string',
      description: 'Label that acknowledges a failure issue (so does any reaction on it); the sweep does not escalate an acknowledged issue.',
      default: 'acknowledged',
    },
    digests: {
      type: 'object',
      description:
        'Medium and low failures gathered by the scheduled sweep (notify `phase: sweep`) into one comment per period on the digest issue (and one chat message with `chat: true`).',
      additionalProperties: false,
      default: {},
      properties: {
        medium: { type: 'string', enum: ['hourly', 'daily', 'off'], description: 'Digest period for medium failures.', default: 'hourly' },
        low: { type: 'string', enum: ['hourly', 'daily', 'off'], description: 'Digest period for low failures.', default: 'daily' },
        chat: {
          type: 'boolean',
          description: 'Also send one Slack/Teams message per digest (needs a webhook input); the comment is the record that makes the sweep idempotent.',
          default: false,
        },
      },
    },
    escalation: {
      type: 'object',
      description: 'Who is pulled in when a failure is critical (first failure, regression or escalation only).',
      additionalProperties: false,
      default: {},
      properties: {
        mentions: {
          type: 'array',
          description: 'Users or teams to mention, e.g. `@acme/oncall`.',
          items: { type: 'string', pattern: '^@[A-Za-z0-9][A-Za-z0-9-]*(/[A-Za-z0-9][A-Za-z0-9_.-]*)?$' },
          default: [],
        },
        assignees: {
          type: 'array',
          description: 'Logins to assign to the issue.',
          items: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9-]*(\\[bot\\])?$' },
          default: [],
        },
      },
    },
    recent_runs: { type: 'integer', description: "Rows in the issue's table of recent runs.", minimum: 1, maximum: 50, default: 10 },
    chat_timeout_seconds: {
      type: 'integer',
      description: 'Timeout of a Slack or Teams webhook call; a failed call is a warning.',
      minimum: 1,
      maximum: 60,
      default: 10,
    },
  },
};
