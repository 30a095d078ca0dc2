import type { ParseArgsConfig } from 'node:util';

/** Exit codes, documented in `closed-loop --help` and the README (a test keeps the three in step). */
export const EXIT = { ok: 0, findings: 1, usage: 2, internal: 3 } as const;

/** What each exit code means, for help and the README; exit 1's meaning is each command's own (`failsWith`). */
export const EXIT_MEANING = {
  ok: 'ok',
  findings: 'findings: the command found what it looks for (what exactly: its `--help`)',
  usage: 'usage or configuration error: the one line on stderr names the input, file or setting and the fix',
  internal: 'internal error: a bug in closed-loop; set CLOSED_LOOP_DEBUG=1 for the stack and report it',
} as const;

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Standard input, for `-`; the CLI passes process.stdin. */
  stdin?: NodeJS.ReadableStream;
  /** Absolute path of the running CLI script when run as a program; `hooks install` records it as a fallback. */
  entry?: string;
}

type OptionSpec = NonNullable<ParseArgsConfig['options']>[string] & { description: string; valueName?: string };

export interface Command {
  name: string;
  summary: string;
  /** Usage line after `closed-loop <name>`, e.g. `--log FILE [--json]`. */
  usage?: string;
  options?: Record<string, OptionSpec>;
  /** Whether positional arguments are accepted (e.g. file lists). */
  positionals?: boolean;
  subcommands?: Command[];
  /** Extra help text (examples, notes) printed after the options. */
  details?: string;
  /** What exit 1 means for this command ("a finding at or above --fail-on"); absent: it never exits 1. */
  failsWith?: string;
  run?: (args: ParsedArgs, io: CliIO) => Promise<number>;
  /**
   * The rest of the command (usage, options, subcommands, run), loaded only when this command is named: the
   * root's table holds names and summaries, so a start evaluates one command's modules (and the bundle
   * loads one command's chunk), not every engine's.
   */
  load?: () => Promise<CommandBody>;
}

/** What a command's own module defines; its name and summary are the root table's (commands/index.ts). */
export type CommandBody = Omit<Command, 'name' | 'summary' | 'load'>;

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/** What `--json` prints (and the JSON files commands write): indented by two, ending in a newline. */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** A string option's value; undefined when absent or empty. */
export function stringArg(args: ParsedArgs, name: string): string | undefined {
  const v = args.values[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
}
