import type { CliIO, Command } from './command.js';
import { ROOT_COMMAND, runCli } from './cli.js';
import { COMMANDS } from './commands/index.js';

export const ROOT: Command = { ...ROOT_COMMAND, subcommands: COMMANDS };

/** Parses argv, runs the command, and maps every failure to an exit code and one line on stderr. */
export function main(argv: string[], io: CliIO): Promise<number> {
  return runCli(ROOT, argv, io);
}
