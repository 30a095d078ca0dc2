import { open, readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CONFIG_PATH, ConfigurationError, errorMessage, fileErrorPhrase } from '@closed-loop/core';
import type { CliIO } from './command.js';

/**
 * The one way a command reads a file the user named: relative to the working directory (absolute
 * paths as given), and every failure answered in one line that names the option, the path and the fix.
 * `label` is how the user gave it: `--config`, `--log`, `MESSAGE-FILE`.
 */
export async function readUserFile(io: CliIO, path: string, label: string): Promise<Buffer> {
  const full = resolve(io.cwd, path);
  try {
    await assertFile(full, label, path);
    return await readFile(full);
  } catch (error) {
    throw asFileError(error, label, path);
  }
}

export async function readUserText(io: CliIO, path: string, label: string): Promise<string> {
  return (await readUserFile(io, path, label)).toString('utf8');
}

/** The file, or undefined when it does not exist (an optional file such as the default config). */
export async function readOptionalText(io: CliIO, path: string, label: string): Promise<string | undefined> {
  try {
    return await readUserText(io, path, label);
  } catch (error) {
    if ((error as { missing?: boolean }).missing) return undefined;
    throw error;
  }
}

/** The text of the configuration file `label` names, else the repository's own (CONFIG_PATH) when it exists. */
export function readConfigText(io: CliIO, file: string | undefined, label = '--config'): Promise<string | undefined> {
  return file ? readUserText(io, file, label) : readOptionalText(io, CONFIG_PATH, 'config');
}

export async function readUserJson(io: CliIO, path: string, label: string, expected = 'a JSON document'): Promise<unknown> {
  const text = await readUserText(io, path, label);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ConfigurationError(`${label} ${path}: not valid JSON (${errorMessage(error)}); pass ${expected}.`);
  }
}

/** A stream of the file's bytes, for inputs too large to hold (logs). */
export async function openUserFile(io: CliIO, path: string, label: string): Promise<AsyncIterable<Buffer>> {
  const full = resolve(io.cwd, path);
  try {
    await assertFile(full, label, path);
    return (await open(full)).createReadStream();
  } catch (error) {
    throw asFileError(error, label, path);
  }
}

async function assertFile(full: string, label: string, path: string): Promise<void> {
  if ((await stat(full)).isDirectory()) throw new ConfigurationError(`${label} ${path}: is a directory, not a file; give the path of a file.`);
}

function asFileError(error: unknown, label: string, path: string): Error {
  if (error instanceof ConfigurationError) return error;
  const phrase = fileErrorPhrase(error);
  if (!phrase) return error as Error;
  const answer = new ConfigurationError(`${label} ${path}: ${phrase}.`);
  if ((error as { code?: string }).code === 'ENOENT') Object.assign(answer, { missing: true });
  return answer;
}
