// Wiring for notify's scenario tests: a GitHubClient on the fake GitHub and a local chat webhook.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeGitHub } from '@closed-loop/testkit';
import { ManualClock } from '../../src/clock.js';
import { GitHubClient } from '../../src/github/github-client.js';
import type { ChatTargets, NotifyDeps } from '../../src/flows/notify.js';
import { RecordingLogger } from '../../src/logger.js';
import { DEFAULT_NOTIFY_SETTINGS, type NotifySettings } from '../../src/notify/index.js';
import { Redactor } from '../../src/redact/index.js';

export const T0 = Date.UTC(2026, 0, 1, 12);

export function notifyDeps(
  fake: FakeGitHub,
  opts: { clock?: ManualClock; settings?: Partial<NotifySettings>; chat?: ChatTargets; logger?: RecordingLogger } = {},
): NotifyDeps & { clock: ManualClock; logger: RecordingLogger } {
  const clock = opts.clock ?? new ManualClock(T0);
  const logger = opts.logger ?? new RecordingLogger();
  const client = new GitHubClient({ baseUrl: fake.url, token: 'test-token', timeScaleMs: 1, writeSpacingMs: 0, logger }, clock);
  const redactor = new Redactor();
  return {
    client,
    repo: { owner: fake.owner, repo: fake.repo },
    settings: { ...DEFAULT_NOTIFY_SETTINGS, ...opts.settings },
    clock,
    redact: (s) => redactor.redact(s),
    logger,
    ...(opts.chat ? { chat: opts.chat } : {}),
  };
}

/** A tiny chat webhook: records JSON bodies, answers with `status` (settable per test). */
export class ChatServer {
  readonly received: { path: string; body: unknown }[] = [];
  status = 200;
  url = '';
  private readonly server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      this.received.push({ path: req.url ?? '', body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown });
      res.writeHead(this.status, { 'content-type': 'text/plain' });
      res.end(this.status < 300 ? 'ok' : 'invalid_payload');
    });
  });

  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  get targets(): ChatTargets {
    return { slackWebhookUrl: `${this.url}/slack`, teamsWebhookUrl: `${this.url}/teams` };
  }

  reset(): void {
    this.received.length = 0;
    this.status = 200;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Every body our code sent to the fake, as text: for "no write contains X" assertions. */
export function writtenText(fake: FakeGitHub): string {
  return fake.requests
    .filter((r) => r.method !== 'GET')
    .map((r) => JSON.stringify(r.body ?? ''))
    .join('\n');
}
