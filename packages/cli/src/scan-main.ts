import type { CliIO } from './command.js';
import { ROOT_COMMAND, runCli } from './cli.js';
import { scanCommand } from './commands/scan.js';

/** `closed-loop scan …` with only the scan command loaded (the pre-commit hook's path); same parsing, help and exit codes. */
export function scanMain(argv: string[], io: CliIO): Promise<number> {
  return runCli({ ...ROOT_COMMAND, subcommands: [scanCommand] }, argv, io);
}
