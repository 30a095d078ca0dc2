import {
  checkReviewAt,
  commitsSince,
  ConfigurationError,
  defaultBase,
  earlyFailure,
  explain,
  policyFingerprint,
  Git,
  loadReviewPolicy,
  placeholderKind,
  recordOnHead,
  reviewCommitMessage,
  reviewSignature,
  reviewTree,
  TRAILER,
  uniqueMergeBase,
  withReviewTrailers,
  type CheckResult,
  type ReviewScope,
  type Trailer,
  CONFIG_PATH,
} from '@closed-loop/core';
import { EXIT, stringArg, type CliIO, type Command, type ParsedArgs, type CommandBody } from '../command.js';

const common = {
  base: { type: 'string', valueName: 'REV', description: 'Base branch or commit (default: origin/HEAD, origin/main, main…).' },
  scope: {
    type: 'string',
    valueName: 'SCOPE',
    description: 'changes (diff against the merge-base) or snapshot (whole tree); default from .github/closed-loop.yml.',
  },
  json: { type: 'boolean', description: 'Print JSON instead of text.' },
} as const;

function scopeOf(args: ParsedArgs): ReviewScope | undefined {
  const scope = stringArg(args, 'scope');
  if (scope !== undefined && scope !== 'changes' && scope !== 'snapshot') throw new ConfigurationError(`--scope must be changes or snapshot, got "${scope}".`);
  return scope;
}

/** `owner/repo` from --repository, else from the origin remote's GitHub URL. */
async function repositoryOf(git: Git, args: ParsedArgs): Promise<string> {
  const given = stringArg(args, 'repository');
  if (given) return given;
  const url = await git.text(['remote', 'get-url', 'origin']).catch(() => '');
  const match = /[:/]([^/:]+\/[^/]+?)(?:\.git)?\/?$/.exec(url);
  const slug = match?.[1];
  if (!slug) throw new ConfigurationError('cannot tell the repository from the origin remote; pass --repository OWNER/REPO.');
  return slug;
}

interface Target {
  git: Git;
  base: string;
  mergeBase: string;
}

/** Base and its single merge-base with `head`; several merge-bases are refused, never guessed. */
export async function resolveTarget(io: CliIO, args: ParsedArgs, head: string): Promise<Target | { ambiguous: number; base: string; git: Git }> {
  const git = new Git(io.cwd);
  const base = stringArg(args, 'base') ?? (await defaultBase(git));
  if (!base) throw new ConfigurationError('no base branch found (origin/HEAD, origin/main, main, master); pass --base REV.');
  if (!(await git.tryResolve(base))) throw new ConfigurationError(`--base ${base} is not a commit in this repository; fetch it first (git fetch origin).`);
  const { mergeBase, count } = await uniqueMergeBase(git, base, head === 'index' ? 'HEAD' : head);
  if (!mergeBase) {
    if (count === 0) throw new ConfigurationError(`${base} and ${head} have no common history.`);
    return { ambiguous: count, base, git };
  }
  return { git, base, mergeBase };
}

function ambiguity(n: number, base: string): ConfigurationError {
  return new ConfigurationError(`${base} and HEAD have ${n} merge-bases; rebase or merge the base branch (git merge ${base}) so there is exactly one.`);
}

const hashCommand: CommandBody = {
  usage: '[--base REV] [--head REV | --index] [--scope changes|snapshot] [--json]',
  options: {
    ...common,
    head: { type: 'string', valueName: 'REV', description: 'Revision to hash (default HEAD).' },
    index: { type: 'boolean', description: 'Hash the staged index instead of a commit (what the next commit will hold).' },
  },
  details: 'Spec: docs/review-hash-v1.md. The value equals what review-hash-validate computes in CI.',
  run: async (args, io) => {
    if (args.values.index && stringArg(args, 'head')) throw new ConfigurationError('use either --head or --index, not both.');
    const head = args.values.index ? 'index' : (stringArg(args, 'head') ?? 'HEAD');
    const t = await resolveTarget(io, args, head);
    if ('ambiguous' in t) throw ambiguity(t.ambiguous, t.base);
    const policy = await loadReviewPolicy(t.git, t.mergeBase, CONFIG_PATH, { scope: scopeOf(args) }, '');
    const hash = await policyFingerprint(t.git, t.mergeBase, await reviewTree(t.git, head), policy);
    io.stdout(args.values.json ? `${JSON.stringify({ reviewHash: hash, mergeBase: t.mergeBase, base: t.base, scope: policy.scope })}\n` : `${hash}\n`);
    return EXIT.ok;
  },
};

const stamp: Command = {
  name: 'stamp',
  summary: 'record Review-Hash (and Review-Id, Review-Signature) trailers on HEAD without changing its tree.',
  usage: '[--review-id ID] [--sign-key-env VAR] [--new-commit] [--base REV] [--scope SCOPE]',
  options: {
    ...common,
    'review-id': { type: 'string', valueName: 'ID', description: 'Id of the review (UUID, ULID or 16+ hex by default).' },
    'sign-key-env': { type: 'string', valueName: 'VAR', description: 'Environment variable holding the signing key; adds Review-Signature.' },
    'new-commit': { type: 'boolean', description: 'Record in a new empty commit instead of amending the message of HEAD.' },
    repository: { type: 'string', valueName: 'OWNER/REPO', description: 'Repository named in the signature (default: from the origin remote).' },
  },
  run: async (args, io) => {
    const t = await resolveTarget(io, args, 'HEAD');
    if ('ambiguous' in t) throw ambiguity(t.ambiguous, t.base);
    const signEnv = stringArg(args, 'sign-key-env');
    const repository = signEnv ? await repositoryOf(t.git, args) : '';
    const policy = await loadReviewPolicy(t.git, t.mergeBase, CONFIG_PATH, { scope: scopeOf(args) }, repository);
    const reviewId = stringArg(args, 'review-id');
    if (reviewId !== undefined) {
      const kind = placeholderKind(reviewId);
      if (kind) throw new ConfigurationError(`--review-id is a placeholder (${kind}); pass the id of the actual review.`);
      if (!new RegExp(policy.reviewIdPattern).test(reviewId)) throw new ConfigurationError(`--review-id ${reviewId} does not match ${policy.reviewIdPattern}.`);
    } else if (policy.reviewId === 'required') throw new ConfigurationError('--review-id is required (review_hash.review_id: required).');
    const hash = await policyFingerprint(t.git, t.mergeBase, await reviewTree(t.git, 'HEAD'), policy);
    // The hash of no change at all vouches for nothing: recording it would pass any later empty diff.
    if (policy.scope === 'changes' && hash === (await policyFingerprint(t.git, t.mergeBase, await reviewTree(t.git, t.mergeBase), policy)))
      throw new ConfigurationError(
        `nothing to review: HEAD changes nothing against its merge-base with ${t.base} (${t.mergeBase.slice(0, 12)}); commit the reviewed change first, or pass --base for the branch it merges into.`,
      );
    const trailers: Trailer[] = [{ key: TRAILER.hash, value: hash }];
    if (reviewId) trailers.push({ key: TRAILER.id, value: reviewId });
    if (signEnv) {
      const key = io.env[signEnv];
      if (!key) throw new ConfigurationError(`--sign-key-env ${signEnv}: that environment variable is empty or unset.`);
      trailers.push({ key: TRAILER.signature, value: reviewSignature(key, repository, hash, reviewId ?? '') });
    }
    const newCommit = !!args.values['new-commit'];
    const sha = await recordOnHead(
      t.git,
      (old) => (newCommit ? reviewCommitMessage(reviewId, trailers) : withReviewTrailers(old, trailers)),
      newCommit ? 'new-commit' : 'amend',
    );
    io.stdout(
      args.values.json ? `${JSON.stringify({ commit: sha, reviewHash: hash, reviewId: reviewId ?? null })}\n` : `Recorded Review-Hash ${hash} on ${sha}.\n`,
    );
    return EXIT.ok;
  },
};

const verify: Command = {
  name: 'verify',
  summary: 'run the review-hash-validate check offline against a base.',
  failsWith: 'the check fails (the line says why and how to fix it)',
  usage: '--base REV [--head REV] [--sign-key-env VAR] [--json]',
  options: {
    ...common,
    head: { type: 'string', valueName: 'REV', description: 'Revision being merged (default HEAD).' },
    'sign-key-env': { type: 'string', valueName: 'VAR', description: 'Environment variable holding the signing key, to verify Review-Signature.' },
    repository: { type: 'string', valueName: 'OWNER/REPO', description: 'Repository named in the signature (default: from the origin remote).' },
  },
  run: async (args, io) => {
    const head = stringArg(args, 'head') ?? 'HEAD';
    const t = await resolveTarget(io, args, head);
    let result: CheckResult;
    let scope: ReviewScope = scopeOf(args) ?? 'changes';
    if ('ambiguous' in t) result = earlyFailure('merge-base', '', `${t.base} and ${head} have ${t.ambiguous} merge-bases`);
    else {
      const signEnv = stringArg(args, 'sign-key-env');
      // Named but unset is a mistake in the call, not a failed check: said as such, before any work.
      if (signEnv && !io.env[signEnv]) throw new ConfigurationError(`--sign-key-env ${signEnv}: that environment variable is empty or unset.`);
      const repository = signEnv ? await repositoryOf(t.git, args) : '';
      const policy = await loadReviewPolicy(
        t.git,
        t.mergeBase,
        CONFIG_PATH,
        { scope: scopeOf(args), signingKey: signEnv ? io.env[signEnv] : undefined },
        repository,
      );
      scope = policy.scope;
      result = await checkReviewAt(t.git, { mergeBase: t.mergeBase, head, commits: await commitsSince(t.git, t.mergeBase, head), policy });
    }
    const e = explain(result, { baseRef: t.base, scope });
    if (args.values.json) io.stdout(`${JSON.stringify({ ...result, title: e.title, message: e.message, fix: e.fix })}\n`);
    else io.stdout(`${result.status === 'pass' ? 'PASS' : 'FAIL'} (${result.status}): ${e.title}\n${e.message}\n${e.fix.map((f) => `  ${f}\n`).join('')}`);
    return result.status === 'pass' ? EXIT.ok : EXIT.findings;
  },
};

export const reviewHashCommand: CommandBody = { ...hashCommand, subcommands: [stamp, verify] };
