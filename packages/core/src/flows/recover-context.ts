import type { ActionEvent } from '../action/context.js';
import type { ActionRuntime } from '../action/runtime.js';
import type { Verdict } from '../classify/verdict.js';
import type { Clock, Random } from '../clock.js';
import { ConfigurationError } from '../errors.js';
import type { WorkspaceSnapshot } from '../git/workspace.js';
import type { GitHubClient, RepoRef } from '../github/github-client.js';
import type { RecoverSettings } from '../recover/settings.js';

/** recover's phases, in the order a loop goes through them. */
export const RECOVER_PHASES = ['rerun', 'propose-fix', 'apply-fix', 'rollback', 'comment', 'comment-request', 'reset-breaker'] as const;
export type RecoverPhase = (typeof RECOVER_PHASES)[number];

/** What a phase is asked to do: the recover action's inputs, without its tokens and file names for the audit. */
export interface RecoverRequest {
  phase: RecoverPhase;
  /** Longest backoff waited in the job; a longer one is a `defer`. */
  maxWaitSeconds: number;
  /** Where propose-fix writes the patch and apply-fix reads it (through `files`). */
  patchPath: string;
  /**
   * The client acts as a GitHub App: its commits start CI. Without an App a fix is never committed
   * (GITHUB_TOKEN's commits start no run), and the comment gate asks for the label by hand.
   */
  asApp: boolean;
  /** apply-fix for a comment trigger: where to deliver and whom to answer. */
  pullNumber?: number;
  headSha?: string;
  commentId?: number;
  commentKind?: 'issue' | 'review';
  fixMode?: 'suggest' | 'commit';
}

/** File access in the workspace, injected so tests run without one. */
export interface FileAccess {
  read(path: string): string | undefined;
  write(path: string, text: string): void;
}

/** What running a fixer gave: its exit code and its captured output (also streamed to the job log). */
export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs one fixer command (a shell line from the config) in the workspace. */
export type CommandRunner = (command: string) => Promise<CommandResult>;

/**
 * The checked-out code propose-fix runs the fixers in. Process running and git are the caller's (the
 * action runs the fixers through @actions/exec): the flow only sequences them.
 */
export interface FixerWorkspace {
  runCommand: CommandRunner;
  /** The workspace before the fixers run: its tree, and the files already changed (left out of the patch). */
  snapshot: () => Promise<WorkspaceSnapshot>;
  /** The diff from the snapshot's tree to the workspace: only what the fixers changed. */
  diff: (from: string) => Promise<string>;
  /** A tracked file's text at HEAD (what apply-fix will find at the run's head), undefined when absent. */
  headFile: (path: string) => Promise<string | undefined>;
}

/** The audit trail a phase writes each read, decision and write to (the action saves and shows it). */
export interface AuditLog {
  add(step: string, detail: string): void;
}

/** Everything outside the flow a phase uses, injected. */
export interface RecoverDeps {
  /** Outputs, log and redaction of the job. */
  runtime: Pick<ActionRuntime, 'setOutput' | 'logger' | 'redactor'>;
  repo: RepoRef;
  clock: Clock;
  random: Random;
  files: FileAccess;
  /** API client (the App's token when given, else github-token); absent in propose-fix. */
  client?: GitHubClient;
  event?: ActionEvent;
  /** propose-fix only. */
  workspace?: FixerWorkspace;
}

export interface PhaseContext {
  request: RecoverRequest;
  deps: RecoverDeps;
  /** `recover:` of the config (its mode, breaker, fixers, patch limits) with the inputs over it. */
  settings: RecoverSettings;
  audit: AuditLog;
  verdict?: Verdict;
}

export function requireClient(ctx: PhaseContext): GitHubClient {
  if (!ctx.deps.client) throw new ConfigurationError(`Input github-token is required for phase ${ctx.request.phase}.`);
  return ctx.deps.client;
}

export function requireVerdict(ctx: PhaseContext): Verdict {
  if (!ctx.verdict) throw new ConfigurationError(`Input verdict is required for phase ${ctx.request.phase}.`);
  return ctx.verdict;
}
