import {
  asVerdict,
  ConfigurationError,
  loadConfig,
  recoverSettings,
  resolveEnvironment,
  type ActionRuntime,
  type Clock,
  type GitHubClient,
  type Random,
  type RecoverSettings,
  type RepoRef,
  type Verdict,
  type WorkspaceSnapshot,
} from '@closed-loop/core';
import { Audit } from './audit.js';
import type { ActionInputs } from './inputs.js';

/** File access, injected so tests run without a workspace. */
export interface FileAccess {
  read(path: string): string | undefined;
  write(path: string, text: string): void;
}

/** Runs one fixer command (a shell line from the config) in the workspace; returns its exit code. */
/** What running a fixer gave: its exit code and its captured output (also streamed to the job log). */
export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export type CommandRunner = (command: string) => Promise<CommandResult>;

export interface RunDeps {
  runtime: ActionRuntime;
  repo: RepoRef;
  clock: Clock;
  random: Random;
  files: FileAccess;
  /** API client (app-token when given, else github-token); absent in propose-fix. */
  client?: GitHubClient;
  event?: { name: string; payload: Record<string, unknown> };
  /** propose-fix: runs fixers and reads the resulting diff. */
  runCommand?: CommandRunner;
  /** The workspace before the fixers run: its tree, and the files already changed (left out of the patch). */
  snapshot?: () => Promise<WorkspaceSnapshot>;
  /** The diff from the snapshot's tree to the workspace: only what the fixers changed. */
  diff?: (from: string) => Promise<string>;
  /** A tracked file's text at HEAD (what apply-fix will find at the run's head), undefined when absent. */
  headFile?: (path: string) => Promise<string | undefined>;
}

export interface PhaseContext {
  inputs: ActionInputs;
  deps: RunDeps;
  settings: RecoverSettings;
  audit: Audit;
  verdict?: Verdict;
}

export function requireClient(ctx: PhaseContext): GitHubClient {
  if (!ctx.deps.client) throw new ConfigurationError(`Input github-token is required for phase ${ctx.inputs.phase}.`);
  return ctx.deps.client;
}

export function requireVerdict(ctx: PhaseContext): Verdict {
  if (!ctx.verdict) throw new ConfigurationError(`Input verdict is required for phase ${ctx.inputs.phase}.`);
  return ctx.verdict;
}

/** The verdict input: inline JSON, or the path of failure-classify's result file. */
export function readVerdict(value: string, files: FileAccess): Verdict {
  const text = /^\s*[{[]/.test(value) ? value : files.read(value);
  if (text === undefined) throw new ConfigurationError(`Input verdict: no file at ${value}; pass failure-classify's result output or its file path.`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ConfigurationError('Input verdict is not valid JSON; pass failure-classify’s result output unchanged.');
  }
  return asVerdict(parsed, 'Input verdict');
}

export function loadSettings(inputs: ActionInputs, files: FileAccess): RecoverSettings {
  const config = resolveEnvironment(loadConfig(files.read(inputs.configPath), inputs.configPath), inputs.environment);
  return recoverSettings(config, { ...(inputs.mode ? { mode: inputs.mode } : {}), ...(inputs.maxAttempts ? { maxAttempts: inputs.maxAttempts } : {}) });
}
