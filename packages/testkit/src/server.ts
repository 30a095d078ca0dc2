// The HTTP front door: routing → faults → auth → validation → handler → response checks → recording.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import {
  allows,
  APP_LOGIN,
  APP_TOKEN,
  DEFAULT_LOGIN,
  DEFAULT_TOKEN,
  makeToken,
  parseAuthorization,
  scopeOf,
  type TokenInfo,
  type TokenOptions,
} from './auth.js';
import { seededRandom } from '@closed-loop/core';
import { Faults, type FaultDecision, type FaultRule } from './faults.js';
import { handleGraphql } from './graphql.js';
import { handlers, HttpError, type HandlerContext, type Reply } from './handlers/index.js';
import { Recorder, type RecordedRequest, type RequestFilter } from './record.js';
import { route } from './router.js';
import { FakeState, type LogSource } from './state/index.js';
import { validateRequest, validateResponse } from './validate.js';

export interface FakeGitHubOptions {
  /** Seed for fault probabilities and request ids (default 1). */
  seed?: number;
  /** Owner and name of the repository created up front (default acme/widgets). */
  owner?: string;
  repo?: string;
}

interface Blob {
  source: LogSource;
  contentType: string;
}

const DOCS = 'https://docs.github.com/rest';
const JSON_TYPE = 'application/json; charset=utf-8';

export class FakeGitHub {
  /** Base URL for octokit's `baseUrl` / GITHUB_API_URL, e.g. http://127.0.0.1:40123 */
  url = '';
  readonly owner: string;
  readonly repo: string;
  private readonly seed: number;
  private random: () => number;
  private faults: Faults;
  private recorder = new Recorder();
  private tokens = new Map<string, TokenInfo>();
  private blobs = new Map<string, Blob>();
  private rate = new Map<string, number>();
  private current: FakeState;
  private readonly server: Server;

  constructor(opts: FakeGitHubOptions = {}) {
    this.seed = opts.seed ?? 1;
    this.owner = opts.owner ?? 'acme';
    this.repo = opts.repo ?? 'widgets';
    this.random = seededRandom(this.seed);
    this.faults = new Faults(this.random);
    this.current = new FakeState(this.owner, this.repo);
    this.addDefaultToken();
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        this.recorder.violation(`fake GitHub crashed on ${req.method} ${req.url}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        if (!res.headersSent) this.sendJson(res, 500, { message: 'Server Error (fake crashed)' });
        else res.destroy();
      });
    });
  }

  /** Binds to 127.0.0.1 on a random free port. */
  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) =>
      this.server.close(() => {
        resolve();
      }),
    );
    this.assertNoPlantedLeaks();
  }

  /** The in-memory GitHub, one object per resource: `state.runs.add(…)`, `state.issues.list()`, … (see state/index.ts). */
  get state(): FakeState {
    return this.current;
  }

  /** Fresh state, tokens, faults and recordings; the server keeps listening on the same URL. */
  reset(): void {
    this.current = new FakeState(this.owner, this.repo);
    this.random = seededRandom(this.seed);
    this.faults = new Faults(this.random);
    this.recorder.reset();
    this.tokens.clear();
    this.blobs.clear();
    this.rate.clear();
    this.addDefaultToken();
    this.assertNoPlantedLeaks();
  }

  /** Registers a token. Without `permissions` it may write everything; with them, unlisted scopes are 'none'. */
  addToken(token: string, opts: TokenOptions): void {
    this.tokens.set(token, makeToken(opts, opts.permissions ? 'none' : 'write'));
    this.current.users.add(opts.login, opts.type);
  }

  addFault(rule: FaultRule): void {
    this.faults.add(rule);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /** Any request carrying `substring` (body or URL) becomes a violation: proves secrets are redacted. */
  forbid(substring: string): void {
    this.recorder.forbid(substring);
  }

  /**
   * Throws if a planted canary secret (canaries.ts, forbidden by default) reached any request since the
   * last check. reset() and close() call it, so a leak fails the suite even when the test never asserts.
   */
  assertNoPlantedLeaks(): void {
    this.recorder.assertNoPlantedLeaks();
  }

  get requests(): readonly RecordedRequest[] {
    return this.recorder.requests;
  }

  /** Requests that changed state (non-GET, successful, or dropped after the write). */
  get writes(): readonly RecordedRequest[] {
    return this.recorder.writes;
  }

  get violations(): readonly string[] {
    return this.recorder.violations;
  }

  countRequests(filter?: RequestFilter): number {
    return this.recorder.count(filter);
  }

  assertNoViolations(): void {
    const v = this.recorder.violations;
    if (v.length) throw new Error(`fake GitHub recorded ${v.length} violation(s):\n${v.map((x, i) => `  ${i + 1}. ${x}`).join('\n')}`);
  }

  private addDefaultToken(): void {
    this.tokens.set(DEFAULT_TOKEN, makeToken({ login: DEFAULT_LOGIN, type: 'Bot' }, 'write'));
    this.current.users.add(DEFAULT_LOGIN, 'Bot');
    this.tokens.set(APP_TOKEN, makeToken({ login: APP_LOGIN, type: 'Bot' }, 'write'));
    this.current.users.add(APP_LOGIN, 'Bot');
  }

  // ---- request pipeline ----

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const pathname = url.pathname.replace(/\/+$/, '') || '/';
    if (pathname.startsWith('/_blobs/')) {
      this.serveBlob(pathname, res);
      return;
    }

    const raw = await readBody(req);
    this.recorder.screen(method, req.url ?? '', raw);
    const token = parseAuthorization(req.headers.authorization);
    const info = token ? this.tokens.get(token) : undefined;
    let body: unknown = undefined;
    let badJson = false;
    if (raw.length) {
      try {
        body = JSON.parse(raw);
      } catch {
        badJson = true;
        body = raw;
      }
    }
    const entry: RecordedRequest = {
      method,
      path: pathname,
      query: Object.fromEntries(url.searchParams),
      operationId: undefined,
      status: 0,
      body,
      login: info?.login,
      timestamp: started,
    };
    const headers = this.baseHeaders(info?.login);
    const send = (status: number, payload: unknown, extra: Record<string, string> = {}, wrote = false): void => {
      entry.status = status;
      this.recorder.record(entry, wrote);
      this.sendJson(res, status, payload, { ...headers, ...extra });
    };

    const isGraphql = pathname === '/graphql' && method === 'POST';
    const routed = isGraphql ? undefined : route(method, pathname);
    if (routed && routed.kind !== 'match') {
      this.recorder.violation(
        `${method} ${pathname}: ${routed.kind === 'no-method' ? `method not in the spec for ${routed.template}` : 'path not in the OpenAPI subset'}`,
      );
      send(404, { message: 'Not Found', documentation_url: DOCS });
      return;
    }
    const match = routed?.kind === 'match' ? routed.match : undefined;
    entry.operationId = isGraphql ? 'graphql' : match?.operationId;

    const fault = this.faults.pick(method, entry.operationId, pathname);
    if (fault) return this.sendFault(fault, send);

    if (!token) {
      send(401, {
        message: 'Requires authentication',
        documentation_url: DOCS,
      });
      return;
    }
    if (!info) {
      send(401, { message: 'Bad credentials', documentation_url: DOCS });
      return;
    }
    if (!allows(info, match ? scopeOf(match.template) : 'contents', method)) {
      send(403, {
        message: 'Resource not accessible by integration',
        documentation_url: DOCS,
      });
      return;
    }
    if (badJson) {
      this.recorder.violation(`${method} ${pathname}: body is not valid JSON`);
      send(400, {
        message: 'Problems parsing JSON',
        documentation_url: DOCS,
      });
      return;
    }

    if (isGraphql) {
      const g = handleGraphql(this.current, body, info.login);
      g.violations.forEach((v) => {
        this.recorder.violation(v);
      });
      const drop = g.wrote ? this.faults.pick(method, 'graphql', pathname, true) : undefined;
      if (drop) return this.sendFault(drop, send, true);
      send(g.status, g.body, {}, g.wrote);
      return;
    }
    if (!match) {
      send(404, { message: 'Not Found' });
      return;
    }

    const checked = validateRequest(match, {
      query: url.searchParams,
      body,
      hasBody: raw.length > 0,
    });
    if (checked.errors.length) {
      this.recorder.violation(
        `${method} ${pathname} (${match.operationId}): request does not match the spec: ${checked.errors.map((e) => e.message).join('; ')}`,
      );
      send(422, {
        message: 'Validation Failed',
        errors: checked.errors,
        documentation_url: DOCS,
      });
      return;
    }
    const repo = this.current.repos.get({ owner: match.params.owner ?? '', repo: match.params.repo ?? '' });
    const handler = handlers[match.operationId];
    if (!repo || !handler) {
      if (!handler) this.recorder.violation(`${match.operationId}: no handler registered in the fake`);
      send(404, { message: 'Not Found', documentation_url: DOCS });
      return;
    }

    const ctx: HandlerContext = {
      state: this.current,
      repo,
      params: { ...match.params, ...checked.params },
      query: checked.query,
      body: (body ?? {}) as Record<string, unknown>,
      login: info.login,
      baseUrl: this.url,
      pathname,
      searchParams: url.searchParams,
      blob: (source, contentType = 'application/octet-stream') => this.addBlob(source, contentType),
    };
    let reply: Reply;
    try {
      reply = await handler(ctx);
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      reply = {
        status: err.status,
        body: { message: err.message, documentation_url: DOCS, ...err.extra },
      };
    }
    const wrote = reply.wrote ?? (method !== 'GET' && reply.status < 300);
    if (wrote) {
      const drop = this.faults.pick(method, match.operationId, pathname, true);
      if (drop) return this.sendFault(drop, send, true);
    }
    if (reply.body !== undefined) {
      const problems = validateResponse(match, reply.status, reply.body);
      if (problems.length)
        this.recorder.violation(
          `${method} ${pathname} (${match.operationId}): the fake's ${reply.status} response does not match the spec: ${problems.join('; ')}`,
        );
    }
    if (reply.status === 204 || reply.status === 302 || reply.body === undefined) {
      entry.status = reply.status;
      this.recorder.record(entry, wrote);
      res.writeHead(reply.status, { ...headers, ...reply.headers });
      res.end();
      return;
    }
    send(reply.status, reply.body, reply.headers, wrote);
  }

  private async sendFault(f: FaultDecision, send: (s: number, b: unknown, h?: Record<string, string>, w?: boolean) => void, wrote = false): Promise<void> {
    if (f.rule.delayMs) await new Promise((r) => setTimeout(r, f.rule.delayMs));
    send(f.status, f.body, f.headers, wrote);
  }

  private baseHeaders(login: string | undefined): Record<string, string> {
    const key = login ?? '';
    const used = (this.rate.get(key) ?? 0) + 1;
    this.rate.set(key, used);
    const id = Array.from({ length: 4 }, () =>
      Math.floor(this.random() * 0x10000)
        .toString(16)
        .toUpperCase()
        .padStart(4, '0'),
    ).join(':');
    return {
      'x-github-request-id': id,
      'x-github-api-version-selected': '2022-11-28',
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': String(Math.max(5000 - used, 0)),
      'x-ratelimit-used': String(used),
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
      'x-ratelimit-resource': 'core',
    };
  }

  private sendJson(res: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
    const text = JSON.stringify(payload);
    res.writeHead(status, {
      ...headers,
      'content-type': JSON_TYPE,
      'content-length': String(Buffer.byteLength(text)),
    });
    res.end(text);
  }

  private addBlob(source: LogSource, contentType: string): string {
    const id = Array.from({ length: 2 }, () =>
      Math.floor(this.random() * 2 ** 32)
        .toString(16)
        .padStart(8, '0'),
    ).join('');
    this.blobs.set(id, { source, contentType });
    return `${this.url}/_blobs/${id}`;
  }

  /** Blob URLs are pre-signed like GitHub's: no auth; generators stream with backpressure. */
  private serveBlob(pathname: string, res: ServerResponse): void {
    const id = pathname.slice('/_blobs/'.length);
    const blob = this.blobs.get(id);
    const entry: RecordedRequest = {
      method: 'GET',
      path: pathname,
      query: {},
      operationId: '_blob',
      status: blob ? 200 : 404,
      body: undefined,
      login: undefined,
      timestamp: Date.now(),
    };
    this.recorder.record(entry, false);
    if (!blob) {
      res.writeHead(404, { 'content-type': 'application/xml' });
      res.end('<Error><Code>BlobNotFound</Code></Error>');
      return;
    }
    if (typeof blob.source === 'string') {
      res.writeHead(200, {
        'content-type': blob.contentType,
        'content-length': String(Buffer.byteLength(blob.source)),
      });
      res.end(blob.source);
      return;
    }
    res.writeHead(200, { 'content-type': blob.contentType });
    const stream = Readable.from(blob.source(), { objectMode: false });
    res.on('close', () => stream.destroy());
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Starts a fake GitHub on 127.0.0.1 with a random port. */
export async function startFakeGitHub(opts?: FakeGitHubOptions): Promise<FakeGitHub> {
  return new FakeGitHub(opts).listen();
}
