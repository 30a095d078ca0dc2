// Imported FIRST by every action's entry (`import '@closed-loop/core/preflight'`), before anything that
// loads `@actions/github`: that package parses GITHUB_EVENT_PATH while it is being imported, so a
// malformed payload would otherwise crash the bundle with a raw SyntaxError stack and no `::error::`
// line, before any of our code runs. This module imports nothing that reaches `@actions/github`.
import { oneLine } from '../errors.js';
import { readEventPayload } from './event-file.js';

try {
  readEventPayload();
} catch (error) {
  // The runner's workflow command, written by hand: @actions/core would be fine, but the point of this
  // module is to depend on as little as possible. Escaping as @actions/core's `escapeData` does.
  const message = oneLine(error instanceof Error ? error.message : String(error));
  process.stdout.write(`::error::${message.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}\n`);
  process.exit(1);
}
