import { EXIT, type Command } from './command.js';

type OptionSpecOf<C extends Command> = NonNullable<C['options']>[string];

export function commandHelp(command: Command, path: string[]): string {
  const name = ['closed-loop', ...path].join(' ');
  const lines = [
    `${name} — ${command.summary}`,
    '',
    `Usage: ${name}${command.subcommands?.length ? ' <command>' : ''}${command.usage ? ` ${command.usage}` : ''}`,
  ];
  if (command.subcommands?.length) {
    lines.push('', 'Commands:');
    const width = Math.max(...command.subcommands.map((c) => c.name.length));
    for (const sub of command.subcommands) lines.push(`  ${sub.name.padEnd(width)}  ${sub.summary}`);
  }
  const help: OptionSpecOf<Command> = { type: 'boolean', short: 'h', description: 'Show this help.' };
  const options = Object.entries({ ...(command.options ?? {}), help });
  lines.push('', 'Options:');
  const label = ([key, spec]: (typeof options)[number]) =>
    `${spec.short ? `-${spec.short}, ` : '    '}--${key}${spec.type === 'string' ? ` ${'valueName' in spec && spec.valueName ? spec.valueName : 'VALUE'}` : ''}`;
  const width = Math.max(...options.map((o) => label(o).length));
  for (const option of options) lines.push(`  ${label(option).padEnd(width)}  ${option[1].description}`);
  if (command.details) lines.push('', command.details.trim());
  if (command.run) lines.push('', exitLine(command));
  else if (path.length === 0) lines.push('', exitLine({ failsWith: "findings (what exactly: each command's --help)" }));
  return lines.join('\n') + '\n';
}

/** The one "Exit codes:" line of a command's help, from EXIT and the command's own meaning of exit 1. */
export function exitLine(command: Pick<Command, 'failsWith'>): string {
  const codes = [
    `${EXIT.ok} ok`,
    ...(command.failsWith ? [`${EXIT.findings} ${command.failsWith}`] : []),
    `${EXIT.usage} usage or configuration error`,
    `${EXIT.internal} internal error`,
  ];
  return `Exit codes: ${codes.join(', ')}.`;
}
