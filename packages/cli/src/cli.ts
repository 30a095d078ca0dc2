import { parseArgs } from 'node:util';
import { asUserError, errorMessage, VERSION } from '@closed-loop/core';
import { EXIT, type CliIO, type Command } from './command.js';
import { commandHelp } from './help.js';

/** The root command's own settings; its subcommands are the caller's (all of them, or the one a fast path needs). */
export const ROOT_COMMAND: Omit<Command, 'subcommands'> = {
  name: 'closed-loop',
  summary: 'run closed-loop engines locally: hooks, scans, classification, replay.',
  options: { version: { type: 'boolean', short: 'v', description: 'Print the version.' } },
  details: "Run `closed-loop <command> --help` for a command's options.",
};

class UsageError extends Error {}

/** Parses argv, runs the command, and maps every failure to an exit code and one line on stderr. */
export async function runCli(root: Command, argv: string[], io: CliIO): Promise<number> {
  try {
    return await dispatch(root, argv, [], io);
  } catch (error) {
    // Only a failure needs the redactor (built from every token rule of the scanner): loaded then, so
    // `--version`, help and a clean run never parse it.
    const { errorLine } = await import('./printable.js');
    if (error instanceof UsageError) {
      io.stderr(`closed-loop: ${errorLine(error.message)}\n`);
      return EXIT.usage;
    }
    const user = asUserError(error);
    if (user) {
      io.stderr(`closed-loop: ${errorLine(user.message)}\n`);
      return EXIT.usage;
    }
    io.stderr(`closed-loop: internal error: ${errorLine(errorMessage(error))} (a bug in closed-loop: set CLOSED_LOOP_DEBUG=1 for the stack and report it)\n`);
    if (io.env.CLOSED_LOOP_DEBUG && error instanceof Error) io.stderr(`${error.stack ?? ''}\n`);
    return EXIT.internal;
  }
}

/** The command with its body, loading it if the table holds only its name and summary. */
export async function loaded(command: Command): Promise<Command> {
  if (!command.load) return command;
  const { name, summary, load } = command;
  return { name, summary, ...(await load()) };
}

async function dispatch(command: Command, argv: string[], path: string[], io: CliIO): Promise<number> {
  const [first, ...rest] = argv;
  const sub = first && !first.startsWith('-') ? command.subcommands?.find((c) => c.name === first) : undefined;
  if (sub) return dispatch(await loaded(sub), rest, [...path, sub.name], io);
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { ...(command.options ?? {}), help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(`${errorMessage(error).replace(/\. To specify.*$/, '')}. See \`closed-loop ${path.join(' ')} --help\`.`.replace('  ', ' '));
  }
  if (parsed.values.help) {
    io.stdout(commandHelp(command, path));
    return EXIT.ok;
  }
  if (path.length === 0 && (parsed.values as Record<string, unknown>).version) {
    io.stdout(`${VERSION}\n`);
    return EXIT.ok;
  }
  if (parsed.positionals.length && !command.positionals) {
    const hint = command.subcommands?.length ? `unknown command "${parsed.positionals[0]}"` : `unexpected argument "${parsed.positionals[0]}"`;
    throw new UsageError(`${hint}. See \`${['closed-loop', ...path].join(' ')} --help\`.`);
  }
  if (!command.run) {
    io.stderr(commandHelp(command, path));
    return EXIT.usage;
  }
  return command.run({ values: parsed.values, positionals: parsed.positionals }, io);
}
