import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { ConfigurationError } from '@closed-loop/core';
import { EXIT, jsonText, type CommandBody } from '../command.js';
import { readUserFile, readUserJson } from '../files.js';
import { replay } from '../replay/replay.js';
import { STORIES } from '../replay/catalog.js';

/** The repository the CLI runs from: the replay runs its dist/ bundles and reads its fixtures. */
function repositoryRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'actions', 'failure-classify', 'action.yml')) && existsSync(join(dir, 'dist'))) return dir;
    dir = dirname(dir);
  }
  throw new ConfigurationError('replay runs from a clone of the closed-loop repository (it needs dist/ and the fake GitHub); run `npm run demo` there.');
}

export const replayCommand: CommandBody = {
  failsWith: 'a story did not hold (or the fake saw a request outside the OpenAPI description)',
  usage: '[--story ID …] [--log FILE] [--event FILE] [--json]',
  options: {
    story: { type: 'string', multiple: true, valueName: 'ID', description: `Replay only this story (${STORIES.map((s) => s.id).join(', ')}).` },
    log: { type: 'string', valueName: 'FILE', description: "Your own job log (plain text or gzip) in place of the stories' logs." },
    event: { type: 'string', valueName: 'FILE', description: 'Your own workflow_run event payload (JSON), replayed as one story.' },
    json: { type: 'boolean', description: 'Print the account as JSON.' },
  },
  details:
    'Starts the fake GitHub on 127.0.0.1, seeds a failed workflow_run, runs dist/failure-classify, dist/recover and dist/notify in sequence with INPUT_*, GITHUB_EVENT_PATH, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and GITHUB_API_URL set, and prints every write. No network, no token.',
  async run({ values }, io) {
    const only = (values.story as string[] | undefined) ?? [];
    const unknown = only.filter((id) => !STORIES.some((s) => s.id === id));
    if (unknown.length) throw new ConfigurationError(`--story ${unknown.join(', ')}: unknown story; choose from ${STORIES.map((s) => s.id).join(', ')}.`);
    let log: { name: string; text: string } | undefined;
    if (typeof values.log === 'string') {
      const raw = await readUserFile(io, values.log, '--log');
      log = { name: basename(values.log), text: (raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw).toString('utf8') };
    }
    let event: Record<string, unknown> | undefined;
    if (typeof values.event === 'string') {
      const parsed = await readUserJson(io, values.event, '--event', 'a workflow_run event payload');
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
        throw new ConfigurationError(`--event ${values.event}: not a JSON object; pass a workflow_run event payload.`);
      event = parsed as Record<string, unknown>;
      if (!event.workflow_run || typeof event.workflow_run !== 'object' || Array.isArray(event.workflow_run))
        throw new ConfigurationError(`--event ${values.event}: no workflow_run object; pass a workflow_run event payload.`);
    }
    const json = values.json === true;
    const report = await replay({
      root: repositoryRoot(),
      only,
      ...(log ? { log } : {}),
      ...(event ? { event } : {}),
      print: json ? () => undefined : io.stdout,
    });
    if (json) io.stdout(jsonText(report));
    return report.ok ? EXIT.ok : EXIT.findings;
  },
};
