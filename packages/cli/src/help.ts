import type { Command } from './command.js';

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
  lines.push('', 'Exit codes: 0 ok, 1 findings or failure, 2 usage or configuration error.');
  return lines.join('\n') + '\n';
}
