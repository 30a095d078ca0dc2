import { loadConfig } from '../config/index.js';
import {
  checkReview,
  findReviewRecord,
  objectFormatOf,
  parseRawDiff,
  resolvePolicy,
  reviewHashOfRaw,
  snapshotHash,
  type CheckResult,
  type PolicyOverrides,
  type ReviewCommit,
  type ReviewHashSection,
  type ReviewPolicy,
  type ReviewScope,
} from '../review-hash/index.js';
import { assertRev, GitError, type Git } from './git.js';

/**
 * Git plumbing for Review-Hash v1. Every call pins the options that config could otherwise change
 * (`diff.renames`, `diff.ignoreSubmodules`, `core.abbrev`, `color.*`, `log.showSignature`), so a hostile
 * or unusual local config cannot change the hash.
 */
const DIFF_TREE = ['diff-tree', '-r', '-z', '--raw', '--no-renames', '--no-abbrev', '--ignore-submodules=none', '--no-color', '--no-ext-diff', '--no-textconv'];

/** Tree id of `rev`; the word `index` writes the index as a tree (what the next commit will hold). */
export async function reviewTree(git: Git, rev: string): Promise<string> {
  return rev === 'index' ? git.text(['write-tree']) : git.resolve(rev, 'tree');
}

/** The one merge-base of base and head; undefined when there are several (criss-cross) or none. */
export async function uniqueMergeBase(git: Git, base: string, head: string): Promise<{ mergeBase?: string; count: number }> {
  const bases = await git.mergeBases(base, head);
  const [only] = bases;
  return only !== undefined && bases.length === 1 ? { mergeBase: only, count: 1 } : { count: bases.length };
}

/**
 * Review-Hash v1 of `tree` against `mergeBase` (scope changes), or of `tree` alone (scope snapshot).
 * `exclude` drops records by exact path: the audit log records the hash, so it cannot be part of it.
 */
export async function fingerprint(git: Git, mergeBase: string, tree: string, scope: ReviewScope = 'changes', exclude: readonly string[] = []): Promise<string> {
  if (scope === 'snapshot') return snapshotHash(tree);
  // diff-tree peels a commit to its tree itself, saving a rev-parse on the hot path.
  const { stdout } = await git.run([...DIFF_TREE, '--end-of-options', assertRev(mergeBase), tree]);
  return reviewHashOfRaw(
    objectFormatOf(tree),
    stdout,
    exclude.map((p) => Buffer.from(p.replace(/^\.?\//, ''))),
  );
}

/** The fingerprint a policy asks for (its scope, its audit log left out). */
export async function policyFingerprint(git: Git, mergeBase: string, tree: string, policy: Pick<ReviewPolicy, 'scope' | 'auditLog'>): Promise<string> {
  return fingerprint(git, mergeBase, tree, policy.scope, policy.auditLog ? [policy.auditLog] : []);
}

/** Paths whose content differs between two revisions (for the mismatch message). */
export async function changedPaths(git: Git, from: string, to: string): Promise<string[]> {
  const { stdout } = await git.run([...DIFF_TREE, '--end-of-options', await git.resolve(from, 'tree'), await git.resolve(to, 'tree')]);
  return parseRawDiff(stdout).map((r) => r.path.toString('utf8'));
}

/** A file's text at a revision, or undefined when the path does not exist there (an unknown revision throws). */
export async function readFileAt(git: Git, rev: string, path: string): Promise<string | undefined> {
  return git.readFile(await git.resolve(rev), path);
}

/**
 * Makes sure the given commits (and their trees) are present, fetching only the missing ones at depth 1
 * from `remote`: enough for the default `fetch-depth: 1` checkout, without pulling the history.
 */
export async function ensureCommits(git: Git, shas: readonly string[], remote = 'origin'): Promise<string[]> {
  const missing: string[] = [];
  for (const sha of new Set(shas)) if (!(await git.tryResolve(sha))) missing.push(sha);
  if (missing.length) {
    // Depth 1 keeps a shallow clone minimal; a full clone stays full (a depth would make it shallow).
    const depth = (await git.isShallow()) ? ['--depth=1'] : [];
    await git.run([
      '-c',
      'protocol.version=2',
      'fetch',
      '--no-tags',
      '--no-recurse-submodules',
      '--no-write-fetch-head',
      ...depth,
      '--end-of-options',
      remote,
      ...missing,
    ]);
    for (const sha of missing)
      if (!(await git.tryResolve(sha))) throw new GitError(['fetch', remote, sha], null, `commit ${sha} is still missing after fetching it from ${remote}`);
  }
  return missing;
}

/** Commits in `mergeBase..head`, oldest first, with their raw messages: the local equivalent of the compare API. */
export async function commitsSince(git: Git, mergeBase: string, head: string): Promise<ReviewCommit[]> {
  const args = [
    'log',
    '--no-show-signature',
    '--no-color',
    '--reverse',
    '--topo-order',
    '-z',
    '--format=%H %P%n%B',
    '--end-of-options',
    await git.resolve(head),
    `^${await git.resolve(mergeBase)}`,
  ];
  return (await git.fields(args)).map((record) => {
    const newline = record.indexOf('\n');
    const [sha = '', ...parents] = record.slice(0, newline).split(' ').filter(Boolean);
    return { sha, parents, message: record.slice(newline + 1) };
  });
}

export interface ReviewCheckRequest {
  mergeBase: string;
  /** The commit being merged (must be present locally, as must the review record's commit). */
  head: string;
  /** The pull request's commits, oldest first. */
  commits: readonly ReviewCommit[];
  policy: ReviewPolicy;
}

/** The whole check against local objects: the action (after its minimal fetch) and `verify` share it. */
export async function checkReviewAt(git: Git, request: ReviewCheckRequest): Promise<CheckResult> {
  const { mergeBase, head, commits, policy } = request;
  const record = findReviewRecord(commits);
  const hash = await policyFingerprint(git, mergeBase, await reviewTree(git, head), policy);
  const auditLogText = policy.auditLog ? await readFileAt(git, head, policy.auditLog) : undefined;
  const result = checkReview({ record, fingerprint: hash, policy, auditLogText });
  if (result.status === 'mismatch' && record) result.changedSinceReview = await changedPaths(git, record.commit, head);
  return result;
}

/**
 * What the Review-Hash flow does with the local repository. Flows run no git themselves: the action
 * injects `reviewGit(git)`, tests may inject their own.
 */
export interface ReviewGit {
  /** Fetches the commits that are missing (depth 1), so their trees can be hashed. */
  ensureCommits(shas: readonly string[]): Promise<unknown>;
  /** The fingerprint the policy asks for of `rev`'s tree against `mergeBase`. */
  fingerprint(mergeBase: string, rev: string, policy: Pick<ReviewPolicy, 'scope' | 'auditLog'>): Promise<string>;
  changedPaths(from: string, to: string): Promise<string[]>;
  checkReviewAt(request: ReviewCheckRequest): Promise<CheckResult>;
  /** How many merge-bases `base` and `head` have; undefined without the full history (a shallow clone, or `base` absent). */
  mergeBaseCount(base: string, head: string): Promise<number | undefined>;
}

export function reviewGit(git: Git): ReviewGit {
  return {
    ensureCommits: (shas) => ensureCommits(git, shas),
    fingerprint: async (mergeBase, rev, policy) => policyFingerprint(git, mergeBase, await reviewTree(git, rev), policy),
    changedPaths: (from, to) => changedPaths(git, from, to),
    checkReviewAt: (request) => checkReviewAt(git, request),
    mergeBaseCount: async (base, head) =>
      !(await git.isShallow()) && (await git.tryResolve(base)) ? (await uniqueMergeBase(git, base, head)).count : undefined,
  };
}

/** Policy from `.github/closed-loop.yml` as it is at `rev` (the merge-base: a PR cannot relax its own check). */
export async function loadReviewPolicy(git: Git, rev: string, configPath: string, overrides: PolicyOverrides, repository: string): Promise<ReviewPolicy> {
  const text = await readFileAt(git, rev, configPath);
  const config = loadConfig(text, configPath);
  return resolvePolicy(config.review_hash, overrides, repository);
}

/** The `review_hash:` section as it is at `rev` (for settings the check itself does not use, such as `local_gate`). */
export async function loadReviewSection(git: Git, rev: string, configPath: string): Promise<ReviewHashSection> {
  const config = loadConfig(await readFileAt(git, rev, configPath), configPath);
  return config.review_hash;
}

/** The base to compare against when none is given: the remote's default branch, else a local main/master. */
export async function defaultBase(git: Git): Promise<string | undefined> {
  const originHead = await git.run(['symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD'], { okExitCodes: [1, 128] });
  const candidates = [originHead.exitCode === 0 ? originHead.stdout.toString('utf8').trim() : '', 'origin/main', 'origin/master', 'main', 'master'];
  for (const candidate of candidates) if (candidate && (await git.tryResolve(candidate))) return candidate;
  return undefined;
}

/**
 * Records trailers on HEAD without touching its tree or the index: a new commit object with the same
 * tree (`commit-tree`), then HEAD moves to it. `amend` keeps the parents and the author of HEAD;
 * otherwise the new commit is an empty child of HEAD.
 */
export async function recordOnHead(git: Git, message: (old: string) => string, mode: 'amend' | 'new-commit'): Promise<string> {
  const head = await git.resolve('HEAD');
  const tree = await git.resolve('HEAD', 'tree');
  const old = await git.commitMessage(head);
  let parents = [head];
  let env: Record<string, string> = {};
  if (mode === 'amend') {
    const [meta = ''] = await git.fields([
      'log',
      '-1',
      '--no-show-signature',
      '-z',
      '--format=%P%x01%an%x01%ae%x01%ad',
      '--date=raw',
      '--end-of-options',
      head,
    ]);
    const [parentList = '', name = '', email = '', date = ''] = meta.split('\x01');
    parents = parentList.split(' ').filter(Boolean);
    env = { GIT_AUTHOR_NAME: name, GIT_AUTHOR_EMAIL: email, GIT_AUTHOR_DATE: date };
  }
  const created = await git.text(['commit-tree', ...parents.flatMap((p) => ['-p', p]), '-F', '-', '--end-of-options', tree], {
    input: message(mode === 'amend' ? old : ''),
    env,
  });
  await git.run(['update-ref', '-m', `closed-loop review-hash stamp (${mode})`, 'HEAD', created, head]);
  return created;
}
