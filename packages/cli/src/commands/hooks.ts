import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { existsSync, lstatSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  approvedInLog,
  commitsSince,
  ConfigurationError,
  defaultBase,
  errorMessage,
  findReviewRecord,
  policyFingerprint,
  Git,
  loadReviewPolicy,
  loadReviewSection,
  parseTrailers,
  reviewTree,
  trailerValues,
  TRAILER,
  uniqueMergeBase,
  CONFIG_PATH,
  type LocalGate,
} from '@closed-loop/core';
import { EXIT, type CliIO, type Command, type CommandBody } from '../command.js';
import { readUserText } from '../files.js';
import { CHAINED_SUFFIX, EDITED_SUFFIX, HOOKS, hookScript, isOurHook, isUneditedHook, PACKAGE_NAME } from './hook-script.js';

export { CHAINED_SUFFIX, EDITED_SUFFIX, HOOK_MARKER } from './hook-script.js';

/** The hooks directory git uses here: honours core.hooksPath and worktrees. */
async function hooksDir(io: CliIO): Promise<string> {
  const git = new Git(io.cwd);
  const dir = await git.text(['rev-parse', '--git-path', 'hooks']).catch(() => undefined);
  if (dir === undefined) throw new ConfigurationError(`${io.cwd} is not inside a git repository; run closed-loop hooks from your clone.`);
  const hooksPath = await git.text(['config', '--get', 'core.hooksPath']).catch(() => '');
  if (/(^|[\\/])\.husky([\\/]|$)/.test(hooksPath))
    throw new ConfigurationError(
      `husky manages this repository's hooks (core.hooksPath=${hooksPath.trim()}); add \`${PACKAGE_NAME} scan --staged\` to .husky/pre-commit instead (docs/hooks.md).`,
    );
  return resolve(io.cwd, dir);
}

/**
 * A hook file's text, undefined when there is none. A symbolic link counts as a hook even when its target
 * is gone ('' — not ours): install moves it aside instead of writing through it, uninstall puts it back.
 */
async function readIfExists(path: string): Promise<string | undefined> {
  const entry = lstatSync(path, { throwIfNoEntry: false });
  if (!entry) return undefined;
  return entry.isSymbolicLink() && !existsSync(path) ? '' : readFile(path, 'utf8');
}
const present = (path: string): boolean => lstatSync(path, { throwIfNoEntry: false }) !== undefined;

const install: Command = {
  name: 'install',
  summary: 'install the pre-commit (secret scan) and commit-msg (review warning) hooks, keeping existing hooks.',
  run: async (_args, io) => {
    const dir = await hooksDir(io);
    await mkdir(dir, { recursive: true });
    const recorded = io.entry ? { node: process.execPath, entry: io.entry } : undefined;
    for (const name of Object.keys(HOOKS)) {
      const path = join(dir, name);
      const existing = await readIfExists(path);
      if (existing !== undefined && isOurHook(existing) && !isUneditedHook(existing))
        throw new ConfigurationError(
          `${path} is a closed-loop hook you edited; move your lines to ${path}${CHAINED_SUFFIX} (it runs first), then install again.`,
        );
      if (existing !== undefined && !isOurHook(existing)) {
        if (present(path + CHAINED_SUFFIX))
          throw new ConfigurationError(`${path}${CHAINED_SUFFIX} already exists; move one of the two hooks away, then install again.`);
        await rename(path, path + CHAINED_SUFFIX);
        io.stdout(`Kept your ${name} hook: it now runs first, from ${path}${CHAINED_SUFFIX}.\n`);
      }
      await writeFile(path, hookScript(name, recorded));
      await chmod(path, 0o755);
    }
    io.stdout(`Installed pre-commit and commit-msg hooks in ${dir}.\n`);
    return EXIT.ok;
  },
};

/** Puts back exactly what install found; a hook of ours the user edited is kept aside, never deleted. */
const uninstall: Command = {
  name: 'uninstall',
  summary: 'remove the closed-loop hooks and put back the hooks they chained to.',
  run: async (_args, io) => {
    const dir = await hooksDir(io);
    let changed = false;
    for (const name of Object.keys(HOOKS)) {
      const path = join(dir, name);
      const chained = path + CHAINED_SUFFIX;
      const existing = await readIfExists(path);
      if (existing !== undefined && !isOurHook(existing)) {
        if (present(chained)) io.stdout(`Left ${path} alone (not ours); the hook it replaced is still at ${chained}.\n`);
        continue;
      }
      if (existing !== undefined && isUneditedHook(existing)) await rm(path);
      else if (existing !== undefined) {
        if (present(path + EDITED_SUFFIX)) throw new ConfigurationError(`${path}${EDITED_SUFFIX} already exists; move it away, then uninstall again.`);
        await rename(path, path + EDITED_SUFFIX);
        io.stdout(`Kept your edited ${name} hook at ${path}${EDITED_SUFFIX}.\n`);
      }
      if (present(chained)) {
        await rename(chained, path);
        io.stdout(`Restored your ${name} hook at ${path}.\n`);
      } else if (existing !== undefined) io.stdout(`Removed the closed-loop ${name} hook from ${dir}.\n`);
      changed ||= existing !== undefined || present(path);
    }
    if (!changed) io.stdout(`No closed-loop hooks in ${dir}; nothing to remove.\n`);
    return EXIT.ok;
  },
};

/**
 * Run by the commit-msg hook. `review_hash.local_gate` (read at the merge-base) says what it does: `warn`
 * (default) prints when the staged tree no longer matches the last review; `block` refuses the commit
 * unless the staged audit log approves the staged Review-Hash; `off` does nothing.
 */
const commitMsg: Command = {
  name: 'commit-msg',
  summary: '(run by the hook) warn — or with local_gate: block, refuse — when this commit holds code without an approved review.',
  usage: 'MESSAGE-FILE',
  positionals: true,
  failsWith: 'the commit is refused (review_hash.local_gate: block and no approved review of the staged code)',
  run: async (args, io) => {
    // git always passes the message file: without one, or with one that cannot be read, this is a manual
    // call gone wrong, answered as a usage error rather than a silent pass.
    const file = args.positionals[0];
    if (!file)
      throw new ConfigurationError(
        'hooks commit-msg needs MESSAGE-FILE, as git passes it to the hook: e.g. `closed-loop hooks commit-msg .git/COMMIT_EDITMSG`.',
      );
    const message = await readUserText(io, file, 'MESSAGE-FILE');
    let gate: LocalGate = 'warn';
    try {
      const git = new Git(io.cwd);
      const base = await defaultBase(git);
      if (!base || !(await git.tryResolve('HEAD'))) return EXIT.ok;
      const { mergeBase } = await uniqueMergeBase(git, base, 'HEAD');
      if (!mergeBase) return EXIT.ok;
      gate = (await loadReviewSection(git, mergeBase, CONFIG_PATH)).local_gate;
      if (gate === 'off') return EXIT.ok;
      if (gate === 'block') return await blockUnapproved(git, mergeBase, base, io);
      const record = findReviewRecord(await commitsSince(git, mergeBase, 'HEAD'));
      if (!record || trailerValues(parseTrailers(message), TRAILER.hash).length) return EXIT.ok;
      const policy = await loadReviewPolicy(git, mergeBase, CONFIG_PATH, {}, '');
      const staged = await policyFingerprint(git, mergeBase, await reviewTree(git, 'index'), policy);
      if (record.hashes.some((h) => h.trim().toLowerCase() === staged)) return EXIT.ok;
      io.stderr(
        `closed-loop: warning: this commit changes code that was reviewed in ${record.commit.slice(0, 12)}. ` +
          `The review gate will report "mismatch" until the change is reviewed and recorded again:\n` +
          `  npx closed-loop review-hash stamp --base ${base} --review-id <REVIEW-ID> --new-commit\n`,
      );
    } catch (error) {
      // A gate that blocks fails closed: an unreadable config must not let unreviewed code through.
      io.stderr(`closed-loop: review check ${gate === 'block' ? 'failed' : 'skipped'}: ${errorMessage(error)}\n`);
      if (gate === 'block') return EXIT.findings;
    }
    return EXIT.ok;
  },
};

/** `local_gate: block`: the staged audit log must approve the staged Review-Hash. */
async function blockUnapproved(git: Git, mergeBase: string, base: string, io: CliIO): Promise<number> {
  const policy = await loadReviewPolicy(git, mergeBase, CONFIG_PATH, {}, '');
  if (!policy.auditLog)
    throw new ConfigurationError(`review_hash.local_gate is block but review_hash.audit_log is not set in ${CONFIG_PATH}; set both or neither.`);
  const staged = await policyFingerprint(git, mergeBase, await reviewTree(git, 'index'), policy);
  const log = await git.text(['show', `:${policy.auditLog}`]).catch(() => '');
  if (approvedInLog(log, policy.auditLog, staged)) return EXIT.ok;
  io.stderr(
    `closed-loop: commit refused (review_hash.local_gate: block): no approved review of the staged code (Review-Hash ${staged}) in ${policy.auditLog}.\n` +
      `  After the review: npx closed-loop review-hash record --base ${base} --index --review-id <REVIEW-ID> --reviewer <LOGIN> --status approved\n`,
  );
  return EXIT.findings;
}

export const hooksCommand: CommandBody = {
  subcommands: [install, uninstall, commitMsg],
};
