import { existsSync, readFileSync } from 'node:fs';
import { ConfigurationError, errorMessage } from '../errors.js';

/**
 * The triggering event's payload, read and checked by us. `GITHUB_EVENT_PATH` unset or missing gives
 * `{}` (as `@actions/github` does); a file that is empty, not JSON or not an object is the caller's
 * mistake (a hand-written payload for a local runner), answered in one line.
 */
export function readEventPayload(env: NodeJS.ProcessEnv = process.env): Record<string, unknown> {
  const path = env.GITHUB_EVENT_PATH;
  if (!path || !existsSync(path)) return {};
  // The preflight read it at start-up already: the entry's own read gets the same object, not a re-parse.
  if (read?.path === path) return read.payload;
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigurationError(
      `the event payload GITHUB_EVENT_PATH=${path} is not valid JSON (${errorMessage(error)}); the runner writes it, so pass a complete webhook payload when you run the action yourself.`,
    );
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new ConfigurationError(
      `the event payload GITHUB_EVENT_PATH=${path} is not a JSON object; pass a webhook payload (an object with the event's fields).`,
    );
  read = { path, payload: value as Record<string, unknown> };
  return read.payload;
}

let read: { path: string; payload: Record<string, unknown> } | undefined;
