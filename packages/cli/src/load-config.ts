// Its own module so an `import()` of it is a chunk holding the config loader and its schema validator only
// (an `import()` of '@closed-loop/core' would load every engine with it), and so files.ts, which the
// pre-commit hook's scan imports, stays free of the validator.
import { CONFIG_PATH, loadConfig, resolveEnvironment, type Config } from '@closed-loop/core';
import type { CliIO } from './command.js';
import { readConfigText } from './files.js';

export { loadConfig };

/**
 * The configuration a command runs on: the file `--config` names, else the repository's own, else every
 * default; with the overrides of environments.NAME applied when one is named.
 */
export async function loadConfigOption(io: CliIO, file: string | undefined, environment?: string): Promise<Config> {
  return resolveEnvironment(loadConfig(await readConfigText(io, file), file ?? CONFIG_PATH), environment);
}
