import type { CliIO, Command } from './command.js';
import { loaded, ROOT_COMMAND, runCli } from './cli.js';
import { COMMANDS } from './commands/index.js';

export const ROOT: Command = { ...ROOT_COMMAND, subcommands: COMMANDS };

/** Parses argv, runs the command, and maps every failure to an exit code and one line on stderr. */
export function main(argv: string[], io: CliIO): Promise<number> {
  return runCli(ROOT, argv, io);
}

/** The whole command tree with every command's body loaded (tests and docs walk it; a run loads one). */
export async function fullRoot(): Promise<Command> {
  // One at a time: jest's ESM loader fails concurrent imports of a shared module ("not in cache").
  const subcommands: Command[] = [];
  for (const command of COMMANDS) subcommands.push(await loaded(command));
  return { ...ROOT, subcommands };
}
