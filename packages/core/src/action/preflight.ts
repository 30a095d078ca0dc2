// Imported FIRST by every action's entry (`import '@closed-loop/core/preflight'`), before anything that
// loads `@actions/github`: that package parses GITHUB_EVENT_PATH while it is being imported, so a
// malformed payload would otherwise crash the bundle with a raw SyntaxError stack and no `::error::`
// line, before any of our code runs. This module imports nothing that reaches `@actions/github`.
import { errorMessage, oneLine } from '../errors.js';
import { readEventPayload } from './event-file.js';
import { writeErrorLine } from './workflow-command.js';

try {
  readEventPayload();
} catch (error) {
  writeErrorLine(oneLine(errorMessage(error)));
  process.exit(1);
}
