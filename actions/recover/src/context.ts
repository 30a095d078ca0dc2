import {
  asVerdict,
  ConfigurationError,
  loadConfig,
  recoverSettings,
  resolveEnvironment,
  type ActionRuntime,
  type FileAccess,
  type FixerWorkspace,
  type RecoverDeps,
  type RecoverSettings,
  type Verdict,
} from '@closed-loop/core';
import type { ActionInputs } from './inputs.js';

/** What main.ts wires: the flow's deps, with the fixer workspace's parts given one by one. */
export interface RunDeps extends Omit<RecoverDeps, 'runtime' | 'workspace'>, Partial<FixerWorkspace> {
  runtime: ActionRuntime;
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
