import { describe, expect, it } from '@jest/globals';
import { checkReview, type ReviewPolicy } from '../../src/review-hash/check.js';
import { explain } from '../../src/review-hash/explain.js';
import { DEFAULT_REVIEW_ID_PATTERN, EMPTY_SHA256, placeholderKind } from '../../src/review-hash/placeholders.js';
import { boundedBy, resolvePolicy } from '../../src/review-hash/policy.js';
import { reviewSignature, signatureMessage } from '../../src/review-hash/proof.js';
import { findReviewRecord, newestFirst, type ReviewCommit, type ReviewRecord } from '../../src/review-hash/record.js';
import { reviewCommitMessage, withReviewTrailers } from '../../src/review-hash/stamp.js';
import { parseTrailers } from '../../src/git-format/trailers.js';

const HASH = '0123456789abcdef'.repeat(4);
const OTHER = 'fedcba9876543210'.repeat(4);
const ID = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';
const policy = (p: Partial<ReviewPolicy> = {}): ReviewPolicy => ({
  scope: 'changes',
  reviewId: 'optional',
  reviewIdPattern: DEFAULT_REVIEW_ID_PATTERN,
  repository: 'acme/widgets',
  ...p,
});
const record = (r: Partial<ReviewRecord> = {}): ReviewRecord => ({ commit: 'c1', hashes: [HASH], ids: [], signatures: [], ...r });
const commit = (sha: string, message: string, parents: string[] = ['p']): ReviewCommit => ({ sha, message, parents });

describe('placeholders', () => {
  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['all-same', 'aaaaaaaaaaaaaaaa'],
    ['all-same digits', '0'.repeat(64)],
    ['test', 'test'],
    ['fake', 'FAKE'],
    ['todo', 'todo'],
    ['tbd', 'TBD'],
    ['n/a', 'n/a'],
    ['none', 'None'],
    ['null', 'null'],
    ['placeholder', 'placeholder'],
    ['example', 'example'],
    ['xxx', 'XXX'],
    ['<…>', '<review-hash>'],
    ['${…}', '${REVIEW_HASH}'],
    ['{{…}}', '{{ review_id }}'],
    ['sha256 of empty', EMPTY_SHA256],
  ])('%s is a placeholder', (_kind, value) => {
    expect(placeholderKind(value === 'empty' ? '' : value)).toBeDefined();
  });

  it.each([HASH, ID, '01ARZ3NDEKTSV4RRFFQ69G5FAV', '123e4567-e89b-12d3-a456-426614174000'])('%s is not a placeholder', (value) => {
    expect(placeholderKind(value)).toBeUndefined();
  });

  it('the default Review-Id pattern accepts UUID, ULID and 16+ hex, rejects the rest', () => {
    const re = new RegExp(DEFAULT_REVIEW_ID_PATTERN);
    for (const ok of ['123e4567-e89b-12d3-a456-426614174000', '01ARZ3NDEKTSV4RRFFQ69G5FAV', 'deadbeefdeadbeef']) expect(re.test(ok)).toBe(true);
    for (const bad of ['deadbeef', 'PR-123', 'review 1', '01ARZ3NDEKTSV4RRFFQ69G5FAVX']) expect(re.test(bad)).toBe(false);
  });
});

describe('review record selection', () => {
  it('takes the newest non-merge commit with a Review-Hash; a forged trailer in a merge commit is ignored', () => {
    const commits = [
      commit('a', `one\n\nReview-Hash: ${HASH}\n`, ['base']),
      commit('b', 'two', ['a']),
      commit('m', `Merge main\n\nReview-Hash: ${OTHER}\n`, ['b', 'main2']),
    ];
    expect(findReviewRecord(commits)).toEqual({ commit: 'a', hashes: [HASH], ids: [], signatures: [] });
  });

  it('orders by topology, not by list position', () => {
    const commits = [commit('c', 'three', ['b']), commit('a', 'one', ['base']), commit('b', 'two', ['a'])];
    expect(newestFirst(commits).map((c) => c.sha)).toEqual(['c', 'b', 'a']);
  });

  it('a trailer-lookalike in prose is not a record', () => {
    expect(findReviewRecord([commit('a', `Add docs\n\nExplain that Review-Hash: ${HASH} goes in the last paragraph.\n`)])).toBeUndefined();
  });
});

describe('checkReview decisions', () => {
  it('passes when the recorded hash equals the fingerprint', () => {
    expect(checkReview({ record: record(), fingerprint: HASH, policy: policy() })).toMatchObject({ status: 'pass', reviewedCommit: 'c1', recordedHash: HASH });
  });
  it('accepts upper-case hex', () => {
    expect(checkReview({ record: record({ hashes: [HASH.toUpperCase()] }), fingerprint: HASH, policy: policy() }).status).toBe('pass');
  });
  it.each([
    ['missing', undefined, HASH],
    ['malformed', record({ hashes: ['abc123'] }), HASH],
    ['conflicting', record({ hashes: [HASH, OTHER] }), HASH],
    ['mismatch', record({ hashes: [OTHER] }), HASH],
    ['placeholder', record({ hashes: ['<review-hash>'] }), HASH],
    ['placeholder', record({ hashes: [EMPTY_SHA256] }), EMPTY_SHA256],
  ] as const)('%s', (status, rec, fp) => {
    expect(checkReview({ record: rec, fingerprint: fp, policy: policy() }).status).toBe(status);
  });
  it('duplicate identical hashes are not conflicting', () => {
    expect(checkReview({ record: record({ hashes: [HASH, HASH] }), fingerprint: HASH, policy: policy() }).status).toBe('pass');
  });

  it('Review-Id: required, pattern, placeholder, conflicting, off', () => {
    expect(checkReview({ record: record(), fingerprint: HASH, policy: policy({ reviewId: 'required' }) }).status).toBe('review-id');
    expect(checkReview({ record: record({ ids: ['PR-12'] }), fingerprint: HASH, policy: policy() }).status).toBe('review-id');
    expect(checkReview({ record: record({ ids: ['todo'] }), fingerprint: HASH, policy: policy() }).status).toBe('placeholder');
    expect(checkReview({ record: record({ ids: [ID, 'deadbeefdeadbeef'] }), fingerprint: HASH, policy: policy() }).status).toBe('conflicting');
    expect(checkReview({ record: record({ ids: ['todo'] }), fingerprint: HASH, policy: policy({ reviewId: 'off' }) }).status).toBe('pass');
    expect(checkReview({ record: record({ ids: [ID] }), fingerprint: HASH, policy: policy({ reviewId: 'required' }) })).toMatchObject({
      status: 'pass',
      reviewId: ID,
    });
  });

  it('audit log: approving entry for id and hash passes; the last entry wins; other problems fail', () => {
    const p = policy({ auditLog: 'reviews.jsonl' });
    const rec = record({ ids: [ID] });
    const entry = (hash: string, status: string) => JSON.stringify({ review_id: ID, review_hash: hash, status });
    const run = (text: string | undefined) => checkReview({ record: rec, fingerprint: HASH, policy: p, auditLogText: text });
    expect(run(`${entry(HASH, 'approved')}\n`).status).toBe('pass');
    expect(run(`${entry(HASH, 'approved')}\n${entry(HASH, 'changes_requested')}\n`).detail).toMatch(/changes_requested/);
    expect(run(entry(OTHER, 'approved')).detail).toMatch(/records review_hash/);
    expect(run('{"review_id":"other","review_hash":"x","status":"approved"}').detail).toMatch(/no entry/);
    expect(run('not json').detail).toMatch(/reviews.jsonl:1 is not valid JSON/);
    expect(run(undefined).detail).toMatch(/does not exist/);
    expect(checkReview({ record: record(), fingerprint: HASH, policy: p, auditLogText: '' }).status).toBe('audit-log');
  });

  it('signature: HMAC over repository, hash and id', () => {
    const key = 'k3y';
    const sig = reviewSignature(key, 'acme/widgets', HASH, ID);
    expect(signatureMessage('acme/widgets', HASH, ID)).toBe(`acme/widgets\n${HASH}\n${ID}`);
    const p = policy({ signingKey: key });
    expect(checkReview({ record: record({ ids: [ID], signatures: [sig] }), fingerprint: HASH, policy: p }).status).toBe('pass');
    expect(checkReview({ record: record({ ids: [ID], signatures: [] }), fingerprint: HASH, policy: p }).status).toBe('signature');
    expect(
      checkReview({ record: record({ ids: [ID], signatures: [reviewSignature(key, 'acme/other', HASH, ID)] }), fingerprint: HASH, policy: p }).status,
    ).toBe('signature');
    expect(checkReview({ record: record({ ids: [ID], signatures: ['00'] }), fingerprint: HASH, policy: p }).status).toBe('signature');
  });
});

describe('explanations', () => {
  it('gives a message and a fix command for every failure, and the changed files on mismatch', () => {
    const ctx = { baseRef: 'origin/main', scope: 'changes' as const };
    for (const status of [
      'missing',
      'malformed',
      'conflicting',
      'mismatch',
      'placeholder',
      'review-id',
      'audit-log',
      'signature',
      'incomplete',
      'merge-base',
    ] as const) {
      const e = explain({ status, reviewHash: HASH, detail: 'x', changedSinceReview: ['src/a.ts'] }, ctx);
      expect(e.title).not.toBe('');
      expect(e.fix.length).toBeGreaterThan(0);
    }
    const mismatch = explain({ status: 'mismatch', reviewHash: HASH, reviewedCommit: 'abc', detail: 'differs', changedSinceReview: ['src/a.ts'] }, ctx);
    expect(mismatch.message).toContain('src/a.ts');
    expect(mismatch.fix[0]).toBe('git diff abc HEAD');
    expect(explain({ status: 'pass', reviewHash: HASH, detail: '' }, ctx).fix).toEqual([]);
  });
});

describe('policy', () => {
  it('inputs only tighten the config section (a PR edits its caller workflow); a bad pattern is a configuration error', () => {
    expect(resolvePolicy({ review_id: 'required', audit_log: 'a.jsonl' }, { reviewId: 'off', auditLog: '' }, 'o/r')).toMatchObject({
      reviewId: 'required',
      auditLog: 'a.jsonl',
      scope: 'changes',
      proof: ['review'],
    });
    expect(resolvePolicy({ review_id: 'optional' }, { reviewId: 'required', auditLog: 'b.jsonl' }, 'o/r')).toMatchObject({
      reviewId: 'required',
      auditLog: 'b.jsonl',
    });
    expect(resolvePolicy({ scope: 'snapshot', review_id_pattern: '^R-' }, { scope: 'changes', reviewIdPattern: '.*' }, 'o/r')).toMatchObject({
      scope: 'snapshot',
      reviewIdPattern: '^R-',
    });
    expect(resolvePolicy(undefined, {}, 'o/r').reviewIdPattern).toBe(DEFAULT_REVIEW_ID_PATTERN);
    expect(() => resolvePolicy({ review_id_pattern: '(' }, {}, 'o/r')).toThrow(/not a valid regular expression/);
  });
});

describe('a config file named by an input is bounded by the repository config', () => {
  it('adds proofs, a signature or a Review-Id, never removes what the repository config asks', () => {
    const floor = resolvePolicy({ review_id: 'required', audit_log: 'a.jsonl' }, {}, 'o/r');
    const lax = resolvePolicy({ review_id: 'off', proof: ['trailer'], scope: 'snapshot' }, {}, 'o/r');
    expect(boundedBy(floor, lax)).toMatchObject({ reviewId: 'required', auditLog: 'a.jsonl', scope: 'changes', proof: ['review', 'trailer'] });
    const strict = resolvePolicy({ require_signature: true, review_id_pattern: '^R-' }, {}, 'o/r');
    expect(boundedBy(resolvePolicy(undefined, {}, 'o/r'), strict)).toMatchObject({ requireSignature: true, reviewIdPattern: '^R-', proof: ['review'] });
  });
});

describe('require_signature', () => {
  it('fails closed with signature when no key is available (fork and Dependabot runs get no secrets)', () => {
    const policy = resolvePolicy({ require_signature: true, proof: ['trailer'] }, {}, 'o/r');
    const result = checkReview({ record: { commit: 'c1', hashes: [HASH], ids: [ID], signatures: [] }, fingerprint: HASH, policy });
    expect(result.status).toBe('signature');
    expect(result.detail).toMatch(/no signing key/);
  });
});

describe('stamp messages', () => {
  const ours = [
    { key: 'Review-Hash', value: HASH },
    { key: 'Review-Id', value: ID },
  ];
  it.each([
    ['no trailers yet', 'Fix it\n\nBody text.\n', 'Fix it\n\nBody text.\n\nReview-Hash: H\nReview-Id: I\n'],
    ['title only', 'Fix it', 'Fix it\n\nReview-Hash: H\nReview-Id: I\n'],
    ['joins an existing block', 'Fix it\n\nSigned-off-by: A <a@b>\n', 'Fix it\n\nSigned-off-by: A <a@b>\nReview-Hash: H\nReview-Id: I\n'],
    [
      'replaces earlier Review-* trailers',
      'Fix it\n\nSigned-off-by: A <a@b>\nreview-hash: old\nReview-Signature: old\n',
      'Fix it\n\nSigned-off-by: A <a@b>\nReview-Hash: H\nReview-Id: I\n',
    ],
    ['block of only ours is replaced whole', `Fix it\n\nReview-Hash: old\n`, 'Fix it\n\nReview-Hash: H\nReview-Id: I\n'],
  ])('%s', (_name, message, expected) => {
    const out = withReviewTrailers(message, ours);
    expect(out).toBe(expected.replace(': H\n', `: ${HASH}\n`).replace(': I\n', `: ${ID}\n`));
    expect(parseTrailers(out).filter((t) => t.key.startsWith('Review'))).toEqual(ours);
  });
  it('the --new-commit message names the review', () => {
    expect(reviewCommitMessage(ID, ours)).toBe(`Record review ${ID}\n\nReview-Hash: ${HASH}\nReview-Id: ${ID}\n`);
  });
});
