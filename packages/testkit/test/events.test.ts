// Committed webhook fixtures and every derived variant validate against GitHub's webhook schemas.
import { describe, expect, it } from '@jest/globals';
import AjvModule from 'ajv';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  eventFixtures,
  issueCommentEvent,
  loadEvent,
  mergeGroupEvent,
  pullRequestEvent,
  pullRequestReviewEvent,
  pushEvent,
  reviewCommentEvent,
  webhookSchemaName,
  workflowRunEvent,
} from '../src/index.js';

const Ajv = ((AjvModule as unknown as { default?: unknown }).default ?? AjvModule) as typeof AjvModule.default;
const require = createRequire(import.meta.url);
const doc = JSON.parse(readFileSync(require.resolve('@octokit/openapi-webhooks/generated/api.github.com.json'), 'utf8')) as { components: unknown };
const ajv = new Ajv({
  strict: false,
  allErrors: true,
  validateFormats: false,
  logger: false,
});
ajv.addSchema({ components: doc.components }, 'webhooks');

function problems(schema: string, payload: unknown): string[] {
  const v = ajv.getSchema(`webhooks#/components/schemas/${schema}`);
  if (!v) return [`no schema ${schema}`];
  return v(payload) ? [] : (v.errors ?? []).slice(0, 5).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

describe('webhook fixtures', () => {
  it('commits the expected real examples', () => {
    expect(eventFixtures()).toEqual([
      'issue_comment.created',
      'merge_group.checks_requested',
      'pull_request.opened',
      'pull_request.synchronize',
      'pull_request_review.submitted',
      'pull_request_review_comment.created',
      'push',
      'workflow_run.completed',
    ]);
  });

  it.each(eventFixtures())('%s matches its webhook schema', (name) => {
    expect(problems(webhookSchemaName(name), loadEvent(name))).toEqual([]);
  });

  const variants: Array<[string, string, () => unknown]> = [
    ['workflow_run failure', 'webhook-workflow-run-completed', () => workflowRunEvent({ conclusion: 'failure' })],
    [
      'workflow_run success',
      'webhook-workflow-run-completed',
      () =>
        workflowRunEvent({
          conclusion: 'success',
          headSha: 'a'.repeat(40),
          runId: 77,
          runAttempt: 2,
        }),
    ],
    ['workflow_run timed_out', 'webhook-workflow-run-completed', () => workflowRunEvent({ conclusion: 'timed_out' })],
    ['workflow_run fork', 'webhook-workflow-run-completed', () => workflowRunEvent({ fork: true, repository: 'acme/widgets' })],
    ['pull_request opened fork', 'webhook-pull-request-opened', () => pullRequestEvent({ fork: true, number: 9, headRef: 'patch-1' })],
    ['pull_request synchronize', 'webhook-pull-request-synchronize', () => pullRequestEvent({ action: 'synchronize', headSha: 'b'.repeat(40) })],
    ['issue_comment on PR', 'webhook-issue-comment-created', () => issueCommentEvent({ body: '/retry', issueNumber: 3 })],
    ['issue_comment on issue', 'webhook-issue-comment-created', () => issueCommentEvent({ onPullRequest: false })],
    ['review comment', 'webhook-pull-request-review-comment-created', () => reviewCommentEvent({ body: 'nit', path: 'a.ts', line: 3 })],
    ['push', 'webhook-push', () => pushEvent({ ref: 'refs/heads/main', after: 'c'.repeat(40) })],
    [
      'pull_request_review approved',
      'webhook-pull-request-review-submitted',
      () => pullRequestReviewEvent({ reviewer: 'reviewer', author: 'contributor', number: 7, headSha: 'e'.repeat(40), baseSha: 'f'.repeat(40) }),
    ],
    ['merge_group', 'webhook-merge-group-checks-requested', () => mergeGroupEvent({ headSha: 'd'.repeat(40) })],
  ];
  it.each(variants)('%s variant matches %s', (_name, schema, make) => {
    expect(problems(schema, make())).toEqual([]);
  });

  it('derives variants from the real payloads', () => {
    const fork = workflowRunEvent({
      fork: true,
      conclusion: 'timed_out',
      repository: 'acme/widgets',
    });
    expect(fork.workflow_run.conclusion).toBe('timed_out');
    expect(fork.workflow_run.head_repository.fork).toBe(true);
    expect(fork.workflow_run.head_repository.full_name).toBe('contributor/widgets');
    expect(fork.repository.full_name).toBe('acme/widgets');
    expect(issueCommentEvent().issue.pull_request.url).toMatch(/\/pulls\/\d+$/);
  });
});
