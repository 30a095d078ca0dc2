import { describe, expect, it } from '@jest/globals';
import { loadEvent } from '@closed-loop/testkit';
import { reviewTarget } from '../src/event.js';
import { readInputs } from '../src/inputs.js';
import { Inputs, mapInputs } from '@closed-loop/core';

describe('reviewTarget', () => {
  it('reads base, head and commit count from a real pull_request payload', () => {
    const payload = loadEvent('pull_request.synchronize');
    expect(reviewTarget('pull_request', payload)).toEqual({
      repo: { owner: 'Codertocat', repo: 'Hello-World' },
      base: payload.pull_request.base.sha,
      head: payload.pull_request.head.sha,
      baseRef: payload.pull_request.base.ref,
      pullNumber: payload.pull_request.number,
      expectedCommits: payload.pull_request.commits,
    });
  });

  it('reads base_sha and head_sha from a real merge_group payload', () => {
    const payload = loadEvent('merge_group.checks_requested');
    expect(reviewTarget('merge_group', payload)).toEqual({
      repo: { owner: 'octo-org', repo: 'octo-repo' },
      base: payload.merge_group.base_sha,
      head: payload.merge_group.head_sha,
      baseRef: 'main',
      pullNumber: 104,
    });
  });

  it('reads the pull request of a pull_request_review event, so approving re-runs the check', () => {
    const payload = loadEvent('pull_request.opened');
    expect(reviewTarget('pull_request_review', payload)).toMatchObject({ pullNumber: payload.pull_request.number, head: payload.pull_request.head.sha });
  });

  it('rejects other events and payloads without a repository with one actionable line', () => {
    expect(() => reviewTarget('push', loadEvent('push'))).toThrow(/runs on pull_request, pull_request_review and merge_group events, not push/);
    expect(() => reviewTarget('pull_request', {})).toThrow(/no repository.full_name/);
  });
});

describe('readInputs', () => {
  it('leaves unset settings to the config file and validates the enums', () => {
    const read = (v: Record<string, string>) => readInputs(new Inputs(mapInputs({ 'github-token': 't', ...v })));
    expect(read({}).overrides).toEqual({ reviewId: undefined, scope: undefined, reviewIdPattern: undefined, auditLog: undefined, signingKey: undefined });
    expect(read({ 'review-id': 'required', scope: 'snapshot' }).overrides).toMatchObject({ reviewId: 'required', scope: 'snapshot' });
    expect(() => read({ 'review-id': 'sometimes' })).toThrow(/Input review-id must be one of required, optional, off/);
  });

  it('rejects a pattern or a combination the inputs alone make invalid, before any API call', () => {
    const read = (v: Record<string, string>) => readInputs(new Inputs(mapInputs({ 'github-token': 't', ...v })));
    expect(() => read({ 'review-id-pattern': '(unclosed' })).toThrow(/^Input review-id-pattern is not a valid regular expression \(.*\); fix the pattern/);
    expect(() => read({ 'review-id-pattern': '^(a+)+$' })).toThrow(/^Input review-id-pattern can take exponential time/);
    expect(() => read({ scope: 'snapshot', 'audit-log': 'docs/reviews.log' })).toThrow(/^audit-log cannot be combined with scope snapshot/);
    expect(read({ 'review-id-pattern': '^R-\\d+$' }).overrides.reviewIdPattern).toBe('^R-\\d+$');
  });
});
