import type { FilePatch } from '../git-format/diff.js';
import { collaboratorRole } from '../github/api/collaborators.js';
import { listBranchCommits } from '../github/api/commits.js';
import { getFileText } from '../github/api/contents.js';
import { createCommitOnBranch } from '../github/api/graphql.js';
import { getPull, listPullCommits, pullDiffRanges } from '../github/api/pulls.js';
import { getBranch, getDefaultBranch } from '../github/api/repos.js';
import { createSuggestionReview } from '../github/api/reviews.js';
import { getRunSnapshot } from '../github/api/runs.js';
import { allowedPaths, reportedPaths } from '../recover/allowed-paths.js';
import { commitAuthorityRefusal, isBotActor, type RunActor } from '../recover/commit-authority.js';
import { guardOutcome, NO_HISTORY, planRecovery, toOutcome, type RecoverDecision } from '../recover/decide.js';
import { fixLoopRefusal, lastRollbackAt } from '../recover/loop-guards.js';
import type { RecoverOutcome } from '../recover/outcome.js';
import { applyFilePatch } from '../recover/patch.js';
import { pushRefusal } from '../recover/prohibited.js';
import { hasFixers } from '../recover/settings.js';
import { fixersFor } from '../recover/strategy.js';
import { suggestionsFromPatch } from '../recover/suggestions.js';
import { fixCommitMessage, FIX_TRAILER, type CommitInfo } from '../recover/trailers.js';
import { validatePatch } from '../recover/validate-patch.js';
import { codeBlock } from '../render/escape.js';
import { LIMITS } from '../render/limits.js';
import { marker } from '../render/markers.js';
import { truncate } from '../render/truncate.js';
import { requireClient, type PhaseContext } from './recover-context.js';

/**
 * Unprivileged half: runs the configured fixers on the checked-out code and writes their diff. It holds
 * no token; whatever it produces is untrusted and checked again by apply-fix.
 */
export async function proposeFixPhase(ctx: PhaseContext): Promise<RecoverOutcome> {
  const { deps, settings, audit, request } = ctx;
  const fixers = ctx.verdict ? fixersFor(ctx.verdict, settings.fixers) : [...new Set(Object.values(settings.fixers).flat())];
  if (!fixers.length) {
    deps.files.write(request.patchPath, '');
    return guardOutcome(settings.mode, 'no fixer is configured for this failure (recover.fixers in .github/closed-loop.yml)', 'report');
  }
  const { workspace } = deps;
  if (!workspace) throw new Error('propose-fix needs a command runner and git');
  // Uncommitted changes already in the workspace (an earlier step's) are not the fixers' work: the patch
  // is taken against the workspace as it was before they ran.
  const before = await workspace.snapshot();
  if (before.changed.length)
    audit.add(
      'workspace',
      `${before.changed.length} file(s) already changed before the fixers ran (${truncate(before.changed.slice(0, 5).join(', '), 300)}${before.changed.length > 5 ? ', …' : ''}); their changes are left out of the patch`,
    );
  for (const command of fixers) {
    const { exitCode } = await workspace.runCommand(command);
    // Linters exit non-zero when some problems are left; what they did fix still counts. Their output is
    // in the job log (streamed as they run), not the audit: it is repository output, and may be long.
    audit.add('fixer', `${command} exited ${exitCode}`);
  }
  let patch = await workspace.diff(before.tree);
  let check = await validatePatch(patch, { maxChangedLines: settings.maxChangedLines, prohibitedPaths: settings.prohibitedPaths });
  const overlap = check.ok ? await dirtyOverlap(check.files, before.changed, workspace.headFile) : undefined;
  if (overlap) {
    // The patch holds lines an earlier step changed (as context or as lines the fixers rewrote): apply-fix
    // would find other text at the run's head. No patch is better than one that cannot apply.
    patch = '';
    check = { ok: false, reason: overlap, problems: ['dirty-workspace'], changedLines: 0 };
  }
  deps.files.write(request.patchPath, patch);
  deps.runtime.setOutput('changed-lines', check.changedLines);
  deps.runtime.setOutput('has-changes', patch.trim() !== '');
  audit.add('patch', check.ok ? `${check.changedLines} changed lines, fingerprint ${check.fingerprint}` : check.reason);
  return guardOutcome(
    settings.mode,
    check.ok ? `fixers produced a ${check.changedLines}-line patch; the apply job validates and delivers it` : check.reason,
    check.ok ? 'fix' : 'report',
  );
}

/**
 * Why a patch taken against a workspace that an earlier step had already changed would not apply to HEAD
 * (exactly, as apply-fix applies it at the run's head), or undefined. Files the earlier step left alone
 * are HEAD's, so only the changed ones are tried.
 */
async function dirtyOverlap(files: FilePatch[], changed: string[], headFile: (path: string) => Promise<string | undefined>): Promise<string | undefined> {
  const dirty = new Set(changed);
  for (const f of files) {
    const path = f.oldPath ?? f.newPath;
    if (!path || !dirty.has(path)) continue;
    try {
      applyFilePatch((await headFile(path)) ?? '', f);
    } catch {
      return `the fixers changed lines of ${path} that an earlier step of this job had already changed, so their patch would not apply to the run's head; run the fixers before any step that changes files (or in a job of their own)`;
    }
  }
  return undefined;
}

interface Target {
  branch: string | null;
  expectedHead: string;
  pullNumber?: number;
  fork: boolean;
  runId: number;
  headline: string;
  /** Who caused the run (verdict path); the comment path checked its commenter in the comment phase. */
  actors?: RunActor[];
}

async function resolveTarget(ctx: PhaseContext): Promise<Target | string> {
  const client = requireClient(ctx);
  const { repo } = ctx.deps;
  if (ctx.verdict) {
    const v = ctx.verdict;
    const run = await getRunSnapshot(client, repo, v.run.id);
    ctx.audit.add('read run', `run ${run.id} on ${run.headBranch ?? '-'} at ${run.headSha.slice(0, 12)}`);
    if (run.headSha !== v.run.headSha) return `the run's head ${run.headSha.slice(0, 12)} is not the verdict's ${v.run.headSha.slice(0, 12)}`;
    const pullNumber = run.pullRequests[0] ?? v.run.pullRequests[0];
    return {
      branch: run.headBranch,
      expectedHead: v.run.headSha,
      fork: run.fork || v.run.fork,
      runId: run.id,
      actors: run.actors,
      headline: `style: apply closed-loop fixers (${v.subcategory})`,
      ...(pullNumber !== undefined ? { pullNumber } : {}),
    };
  }
  const { pullNumber = 0, headSha = '' } = ctx.request;
  const pull = await getPull(client, repo, pullNumber);
  ctx.audit.add('read pull request', `#${pull.number} ${pull.headRef} at ${pull.headSha.slice(0, 12)}${pull.fork ? ' (fork)' : ''}`);
  if (pull.headSha !== headSha) return `the pull request head moved from ${headSha.slice(0, 12)} to ${pull.headSha.slice(0, 12)} while the fixers ran`;
  return {
    branch: pull.headRef,
    expectedHead: pull.headSha,
    pullNumber: pull.number,
    fork: pull.fork,
    runId: 0,
    headline: 'style: apply closed-loop fixers (requested in a comment)',
  };
}

/** What to do with the patch: the policy's answer for a verdict, the comment's request otherwise. */
function chooseAction(ctx: PhaseContext, target: Target, commits: CommitInfo[]): RecoverDecision {
  const { settings } = ctx;
  if (ctx.verdict) {
    const forcedOpenAt = lastRollbackAt(commits);
    return planRecovery({
      verdict: ctx.verdict,
      settings,
      now: ctx.deps.clock.now(),
      random: ctx.deps.random,
      history: [],
      ...(forcedOpenAt ? { forcedOpenAt } : {}),
    });
  }
  if (!hasFixers(settings)) {
    return {
      action: 'report',
      mode: settings.mode,
      reason: 'no fixer is configured (recover.fixers in the default branch config)',
      strategy: 'fix',
      breaker: NO_HISTORY,
      execute: false,
    };
  }
  const wantCommit = ctx.request.fixMode === 'commit' && settings.mode === 'automatic' && !target.fork;
  return {
    action: wantCommit ? 'fix' : 'suggest',
    mode: settings.mode,
    reason: wantCommit ? 'fix requested in a comment' : 'fix requested in a comment; offered as suggestions',
    strategy: 'fix',
    breaker: NO_HISTORY,
    execute: settings.mode !== 'analysis_only',
  };
}

/**
 * Privileged half: runs no repository code. Validates the patch, applies it in memory to the files at the
 * expected head (read through the API), and commits with createCommitOnBranch + expectedHeadOid — or, for
 * forks and supervised mode, posts the same change as review suggestions.
 */
export async function applyFixPhase(ctx: PhaseContext): Promise<RecoverOutcome> {
  const { deps, settings, audit, request } = ctx;
  const client = requireClient(ctx);
  const { repo } = deps;
  const target = await resolveTarget(ctx);
  if (typeof target === 'string') return guardOutcome(settings.mode, `${target}; nothing done`);
  const commits =
    target.pullNumber !== undefined
      ? await listPullCommits(client, repo, target.pullNumber)
      : target.branch
        ? await listBranchCommits(client, repo, target.branch)
        : [];
  const decision = chooseAction(ctx, target, commits);
  audit.add('decide', `${decision.action}: ${decision.reason}`);
  if ((decision.action !== 'fix' && decision.action !== 'suggest') || !decision.execute) return toOutcome(decision, false);
  const done = (reason: string, action: RecoverOutcome['action'] = 'report'): RecoverOutcome => toOutcome({ ...decision, action, reason }, false);

  const text = deps.files.read(request.patchPath) ?? '';
  const check = await validatePatch(text, { maxChangedLines: settings.maxChangedLines, prohibitedPaths: settings.prohibitedPaths });
  audit.add('validate patch', check.ok ? `${check.changedLines} changed lines, fingerprint ${check.fingerprint}` : check.reason);
  if (!check.ok) return done(check.reason);
  const outside = await allowListRefusal(ctx, target, check.files);
  if (outside) return done(outside);
  const loop = fixLoopRefusal({ commits, fingerprint: check.fingerprint, maxFixes: settings.maxFixesPerPr });
  if (loop) return done(`loop guard: ${loop}`, 'none');

  const contents = await applyAtHead(ctx, check.files, target.expectedHead);
  if (typeof contents === 'string') return done(contents);

  if (decision.action === 'fix' && !target.fork) {
    const branchName = target.branch;
    if (!branchName) return done('the run has no branch to commit to');
    const { moved, refusal: pushRefused } = await pushCheck(ctx, target);
    if (moved) return done(moved, 'none');
    const refusal = pushRefused ?? tokenRefusal(ctx) ?? (await authorityCheck(ctx, target));
    if (refusal)
      return target.pullNumber !== undefined
        ? suggest(ctx, target, check.files, check.fingerprint, {
            ...decision,
            action: 'suggest',
            reason: `${decision.reason}; ${refusal}, so offered as suggestions`,
          })
        : done(refusal);
    const message = fixCommitMessage(target.headline, check.fingerprint, target.runId);
    const result = await createCommitOnBranch(client, repo, {
      branch: branchName,
      expectedHeadOid: target.expectedHead,
      ...message,
      additions: contents,
      proof: `${FIX_TRAILER}: ${check.fingerprint}`,
    });
    if (result.status !== 'committed')
      return done(result.status === 'stale' ? `the head moved before the commit (${result.reason}); nothing done` : `commit failed: ${result.reason}`, 'none');
    audit.add('commit', `${result.oid} on ${target.branch} (expected head ${target.expectedHead.slice(0, 12)})`);
    return toOutcome(decision, true, [{ label: `Fix commit ${result.oid.slice(0, 7)}`, url: result.url }]);
  }
  return suggest(ctx, target, check.files, check.fingerprint, decision);
}

async function suggest(ctx: PhaseContext, target: Target, files: FilePatch[], fingerprint: string, decision: RecoverDecision): Promise<RecoverOutcome> {
  const client = requireClient(ctx);
  if (target.pullNumber === undefined)
    return toOutcome({ ...decision, action: 'report', reason: `${decision.reason}; but there is no pull request to suggest on` }, false);
  const ranges = await pullDiffRanges(client, ctx.deps.repo, target.pullNumber);
  const plan = suggestionsFromPatch(files, ranges);
  // The hunks come from a job that ran repository code: fenced, redacted, and cut to GitHub's limit.
  const rest = plan.leftover.length
    ? `\n\nChanges outside this pull request's diff (apply them locally):\n\n${codeBlock(plan.leftover.join('\n'), 'diff')}`
    : '';
  const body = truncate(ctx.deps.runtime.redactor.redact(`closed-loop ran the configured fixers. ${decision.reason}.${rest}`), LIMITS.body - 200);
  const review = await createSuggestionReview(
    client,
    ctx.deps.repo,
    target.pullNumber,
    target.expectedHead,
    body,
    marker('fix-suggestion', `${fingerprint}@${target.expectedHead.slice(0, 12)}`),
    plan.suggestions,
  );
  ctx.audit.add('suggest', `review ${review.id} with ${plan.suggestions.length} suggestions, ${plan.leftover.length} hunks in the body`);
  return toOutcome({ ...decision, action: 'suggest' }, true, [{ label: `Suggested changes on #${target.pullNumber}`, url: review.url }]);
}

/** Applies the patch to each file as it is at the expected head; a string is why it does not apply. */
async function applyAtHead(ctx: PhaseContext, files: FilePatch[], head: string): Promise<{ path: string; contents: string }[] | string> {
  const out: { path: string; contents: string }[] = [];
  for (const f of files) {
    const path = f.newPath ?? '';
    const original = await getFileText(requireClient(ctx), ctx.deps.repo, path, head);
    if (original === undefined) return `the patch does not apply to ${head.slice(0, 12)}: ${path} does not exist there`;
    try {
      out.push({ path, contents: applyFilePatch(original, f) });
    } catch (error) {
      return `the patch does not apply to ${head.slice(0, 12)}: ${(error as Error).message}`;
    }
  }
  ctx.audit.add('apply', `${out.length} files apply cleanly to ${head.slice(0, 12)}`);
  return out;
}

/**
 * Why the patch touches a file outside the fix's allow-list (allowed-paths.ts), or undefined. The
 * default list is what the failing tool reported; for a comment-requested fix (no verdict), the pull
 * request's changed files.
 */
async function allowListRefusal(ctx: PhaseContext, target: Target, files: FilePatch[]): Promise<string | undefined> {
  const { settings } = ctx;
  let reported: Set<string> = new Set();
  let source = 'the failing tool reported';
  if (!settings.allowedPaths.length) {
    if (ctx.verdict) reported = reportedPaths(ctx.verdict);
    else {
      source = 'this pull request changes';
      if (target.pullNumber !== undefined) reported = new Set((await pullDiffRanges(requireClient(ctx), ctx.deps.repo, target.pullNumber)).keys());
    }
  }
  const list = allowedPaths(settings.allowedPaths, reported, source);
  const refusal = files.map((f) => (f.newPath ? list.refusal(f.newPath) : undefined)).find((r) => r !== undefined);
  ctx.audit.add('allowed paths', refusal ?? `every file is among ${list.describe}`);
  return refusal;
}

/**
 * A commit made with GITHUB_TOKEN starts no CI run (GitHub's rule against workflow loops): an automatic
 * fix committed with it would never be tested, and the rollback that watches the run after our fix could
 * never fire. So without an App token (`app-token`) the fix is delivered as suggestions, with this reason.
 */
function tokenRefusal(ctx: PhaseContext): string | undefined {
  if (ctx.request.asApp) return undefined;
  const reason =
    'there is no App token (app-token), and a commit made with GITHUB_TOKEN starts no CI run: the fix would never be tested and could never be rolled back';
  ctx.audit.add('commit token', reason);
  return reason;
}

/** Only a human with write permission may cause a commit: a bot's run (Dependabot's) gets suggestions. */
async function authorityCheck(ctx: PhaseContext, target: Target): Promise<string | undefined> {
  if (!target.actors) return undefined;
  const roles = new Map<string, string>();
  for (const actor of target.actors) if (!isBotActor(actor)) roles.set(actor.login, await collaboratorRole(requireClient(ctx), ctx.deps.repo, actor.login));
  const refusal = commitAuthorityRefusal(target.actors, roles);
  ctx.audit.add('who may commit', refusal ?? `${target.actors.map((a) => `${a.login} (${roles.get(a.login) ?? '?'})`).join(', ')} may cause a commit`);
  return refusal;
}

/** Pushing is refused to the default branch or a protected one; a moved head stops everything. */
async function pushCheck(ctx: PhaseContext, target: Target): Promise<{ moved?: string; refusal?: string }> {
  const client = requireClient(ctx);
  if (!target.branch) return { refusal: 'the run has no branch' };
  const defaultBranch = await getDefaultBranch(client, ctx.deps.repo);
  const branch = await getBranch(client, ctx.deps.repo, target.branch);
  if (!branch) return { moved: `branch ${target.branch} no longer exists; nothing done` };
  if (branch.sha !== target.expectedHead)
    return { moved: `the head moved from ${target.expectedHead.slice(0, 12)} to ${branch.sha.slice(0, 12)}; nothing done` };
  const refusal = pushRefusal({ branch: target.branch, defaultBranch, protected: branch.protected });
  return refusal ? { refusal } : {};
}
