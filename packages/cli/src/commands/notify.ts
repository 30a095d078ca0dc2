import {
  asRecoverOutcome,
  asVerdict,
  ConfigurationError,
  CONFIG_PATH,
  notifySettings,
  parseNotifySeverity,
  previewChannels,
  Redactor,
  type Preview,
} from '@closed-loop/core';
import { EXIT, jsonText, stringArg, type CliIO, type Command, type CommandBody } from '../command.js';
import { readUserJson } from '../files.js';
import { loadConfigOption } from '../load-config.js';

function readJson(io: CliIO, file: string, flag: string): Promise<unknown> {
  return readUserJson(io, file, `--${flag}`);
}

function asText(preview: Preview): string {
  const sections: string[] = [`# Channels: ${preview.channels.join(', ') || 'none'}`];
  if (preview.status)
    sections.push(
      `## Commit status (${preview.status.context})\n\n${preview.status.state}: ${preview.status.description}${preview.status.target_url ? `\n${preview.status.target_url}` : ''}`,
    );
  if (preview.issue) sections.push(`## Issue: ${preview.issue.title}\n\nLabels: ${preview.issue.labels.join(', ')}\n\n${preview.issue.body}`);
  if (preview.comment) sections.push(`## Sticky PR comment\n\n${preview.comment}`);
  if (preview.summary) sections.push(`## Job summary\n\n${preview.summary}`);
  if (preview.slack) sections.push(`## Slack payload\n\n${JSON.stringify(preview.slack, null, 2)}`);
  if (preview.teams) sections.push(`## Teams payload\n\n${JSON.stringify(preview.teams, null, 2)}`);
  return `${sections.join('\n\n---\n\n')}\n`;
}

const render: Command = {
  name: 'render',
  summary: 'print what each channel would get for a verdict (first occurrence), without touching GitHub.',
  usage: '--verdict FILE [--outcome FILE] [--severity LEVEL] [--config FILE] [--environment NAME] [--json]',
  options: {
    verdict: { type: 'string', valueName: 'FILE', description: 'The failure-classify verdict (JSON file).' },
    outcome: { type: 'string', valueName: 'FILE', description: 'The recover outcome (JSON file), shown as "what recover did".' },
    severity: { type: 'string', valueName: 'LEVEL', description: "Route as this severity instead of the verdict's: critical, high, medium, low." },
    config: { type: 'string', valueName: 'FILE', description: `Configuration file (default ${CONFIG_PATH} when present).` },
    environment: { type: 'string', valueName: 'NAME', description: 'Apply the overrides of environments.NAME.' },
    json: { type: 'boolean', description: 'Print the channels and their content as JSON.' },
  },
  details: 'Text is redacted and escaped exactly as notify writes it.',
  async run(args, io) {
    const { values } = args;
    if (typeof values.verdict !== 'string')
      throw new ConfigurationError('notify render needs --verdict FILE (the failure-classify result). See `closed-loop notify render --help`.');
    const verdict = asVerdict(await readJson(io, values.verdict, 'verdict'), `--verdict ${values.verdict}`);
    const outcome =
      typeof values.outcome === 'string' ? asRecoverOutcome(await readJson(io, values.outcome, 'outcome'), `--outcome ${values.outcome}`) : undefined;
    const severity = typeof values.severity === 'string' ? parseNotifySeverity(values.severity, '--severity') : verdict.severity;
    const config = await loadConfigOption(io, stringArg(args, 'config'), stringArg(args, 'environment'));
    const redactor = new Redactor();
    const preview = previewChannels({
      verdict: { ...verdict, severity },
      outcome,
      settings: notifySettings(config.notify),
      now: Date.now(),
      redact: (s) => redactor.redact(s),
    });
    io.stdout(values.json ? jsonText(preview) : asText(preview));
    return EXIT.ok;
  },
};

export const notifyCommand: CommandBody = {
  subcommands: [render],
};
