import { CONFIG_PATH, configSchema, loadConfig, resolveEnvironment } from '@closed-loop/core';
import { EXIT, jsonText, type Command, type CommandBody } from '../command.js';
import { readConfigText } from '../files.js';

const validate: Command = {
  name: 'validate',
  summary: `check ${CONFIG_PATH} against the schema and print the resolved settings.`,
  usage: '[--file PATH] [--environment NAME] [--json]',
  options: {
    file: { type: 'string', valueName: 'PATH', description: `Configuration file (default ${CONFIG_PATH}).` },
    environment: { type: 'string', valueName: 'NAME', description: 'Apply the overrides of environments.NAME.' },
    json: { type: 'boolean', description: 'Print the resolved settings as JSON.' },
  },
  async run({ values }, io) {
    const given = typeof values.file === 'string' ? values.file : undefined;
    const file = given ?? CONFIG_PATH;
    const text = await readConfigText(io, given, '--file');
    // The file is optional: without one every engine runs on its defaults, which is a valid configuration.
    if (text === undefined && !values.json) {
      io.stdout(`${CONFIG_PATH}: not present; every setting has its default (valid).\n`);
      return EXIT.ok;
    }
    const config = resolveEnvironment(loadConfig(text, file), typeof values.environment === 'string' ? values.environment : undefined);
    io.stdout(values.json ? jsonText(config) : `${file}: valid.\n`);
    return EXIT.ok;
  },
};

const schema: Command = {
  name: 'schema',
  summary: 'print the JSON Schema of the configuration file (for editor autocompletion).',
  run(_args, io) {
    io.stdout(jsonText(configSchema()));
    return Promise.resolve(EXIT.ok);
  },
};

export const configCommand: CommandBody = {
  subcommands: [validate, schema],
};
