import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import {
  appendAuditLine,
  auditEntryLine,
  ConfigurationError,
  loadReviewPolicy,
  policyFingerprint,
  reviewTree,
  validateAuditRecord,
  CONFIG_PATH,
  type AuditStatus,
} from '@closed-loop/core';
import { EXIT, stringArg, type Command } from '../command.js';
import { resolveTarget } from './review-hash.js';

/**
 * `review-hash record`: appends the reviewer's decision to the audit log that review-hash-validate reads
 * (`review_hash.audit_log`). The hash is always computed here, never taken on trust: `--review-hash`
 * only asserts which hash the reviewer saw, and a different (stale) one is refused.
 */
export const recordCommand: Command = {
  name: 'record',
  summary: 'append a review decision (Review-Id, Review-Hash, reviewer, status, time) to the audit log and commit it.',
  usage: '--review-id ID --reviewer LOGIN --status approved|changes_requested [--audit-log FILE] [--base REV] [--index] [--review-hash HASH]',
  options: {
    base: { type: 'string', valueName: 'REV', description: 'Base branch or commit (default: origin/HEAD, origin/main, main…).' },
    'review-id': { type: 'string', valueName: 'ID', description: 'Id of the review (UUID, ULID or 16+ hex by default).' },
    reviewer: { type: 'string', valueName: 'LOGIN', description: 'GitHub login of the reviewer.' },
    status: { type: 'string', valueName: 'STATUS', description: 'approved or changes_requested (a later entry for the same id wins).' },
    'audit-log': { type: 'string', valueName: 'FILE', description: 'Audit log path in the repository (default: review_hash.audit_log).' },
    'review-hash': { type: 'string', valueName: 'HASH', description: 'The hash the reviewer saw; refused unless it is the current one.' },
    index: {
      type: 'boolean',
      description: 'Record the staged code and only stage the log (it goes into your next commit) instead of committing it on HEAD.',
    },
    json: { type: 'boolean', description: 'Print JSON instead of text.' },
  },
  details:
    'The audit log is left out of the Review-Hash, so committing it does not change the hash. Then record the trailers with `review-hash stamp --review-id ID`.',
  run: async (args, io) => {
    const reviewId = stringArg(args, 'review-id');
    const reviewer = stringArg(args, 'reviewer');
    const status = stringArg(args, 'status');
    if (!reviewId || !reviewer || !status) throw new ConfigurationError('--review-id, --reviewer and --status are all required.');
    const staged = !!args.values.index;
    const t = await resolveTarget(io, args, staged ? 'index' : 'HEAD');
    if ('ambiguous' in t) throw new ConfigurationError(`${t.base} and HEAD have ${t.ambiguous} merge-bases; merge ${t.base} so there is exactly one.`);
    const policy = await loadReviewPolicy(t.git, t.mergeBase, CONFIG_PATH, { auditLog: stringArg(args, 'audit-log') }, '');
    if (!policy.auditLog) throw new ConfigurationError(`no audit log configured; set review_hash.audit_log in ${CONFIG_PATH} or pass --audit-log FILE.`);
    const top = await t.git.text(['rev-parse', '--show-toplevel']);
    const file = resolve(top, policy.auditLog);
    const inRepo = relative(top, file);
    if (inRepo.startsWith('..') || isAbsolute(inRepo)) throw new ConfigurationError(`--audit-log ${policy.auditLog} is outside the repository.`);
    const reviewHash = await policyFingerprint(t.git, t.mergeBase, await reviewTree(t.git, staged ? 'index' : 'HEAD'), { ...policy, auditLog: inRepo });
    const seen = stringArg(args, 'review-hash')?.trim().toLowerCase();
    if (seen !== undefined && seen !== reviewHash)
      throw new ConfigurationError(
        `--review-hash ${seen} is not the current Review-Hash (${reviewHash}); the code changed since that review, review it again.`,
      );
    const record = { reviewId, reviewHash, reviewer, status: status as AuditStatus, time: Date.now() };
    validateAuditRecord(record, policy.reviewIdPattern);
    const existing = existsSync(file) ? await readFile(file, 'utf8') : '';
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, appendAuditLine(existing, auditEntryLine(record)));
    await t.git.run(['add', '--', inRepo]);
    let commit: string | undefined;
    if (!staged) {
      // Only the log is committed (--only), whatever else is staged; the log is outside the hash, and
      // hooks are skipped because this commit adds no code for them to judge.
      await t.git.run(['commit', '--quiet', '--no-verify', '--only', '-m', `Record review ${reviewId}: ${status} by ${reviewer}`, '--', inRepo]);
      commit = await t.git.resolve('HEAD');
    }
    io.stdout(
      args.values.json
        ? `${JSON.stringify({ reviewId, reviewHash, reviewer, status, auditLog: inRepo, commit: commit ?? null })}\n`
        : `Recorded ${status} of ${reviewHash} (review ${reviewId} by ${reviewer}) in ${inRepo}${commit ? ` (commit ${commit.slice(0, 12)})` : ' (staged)'}.\n`,
    );
    return EXIT.ok;
  },
};
