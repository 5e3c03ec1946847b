/**
 * A local fake of Slack on loopback: the Web API (point SLACK_API_URL at `apiUrl`), the
 * response_url endpoints (any other path) and Socket Mode (apps.connections.open gives a WebSocket
 * URL on the same port, which speaks Slack's Socket Mode protocol). It records what the app sends
 * and answers as Slack does. Also: signing requests exactly as Slack does, and sending slash
 * commands, events and interactions to an app the way Slack sends them.
 */
import { createHmac } from 'node:crypto';
import type { Socket } from 'node:net';
import WebSocket from 'ws';
import { arrivals } from './arrivals.js';
import { bodyReadingServer, listenOnLoopback } from './loopback.js';

export const FAKE_BOT = { userId: 'UBOTMOTPART', botId: 'BBOTMOTPART', teamId: 'TFIKTIV' } as const;

export interface ApiCall {
  method: string;
  /** Arguments as the client sent them; JSON-encoded fields (blocks, view) decoded. */
  args: Record<string, any>;
  token?: string;
  /** What the fake answered (ts of a posted message, ...). */
  result: Record<string, any>;
}

export interface ResponseCall {
  /** The response_url path that was posted to. */
  path: string;
  body: Record<string, any>;
}

/** An acknowledgement the app sent over Socket Mode: `{ envelope_id, payload }`. */
export interface SocketAck {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

export interface FakeSocketMode {
  /** Apps connected now. */
  connections(): number;
  /** Sends a message to every connected app: an envelope, or any text (malformed ones too). */
  send(message: Record<string, unknown> | string): void;
  acks: SocketAck[];
  waitForConnection(timeoutMs?: number): Promise<void>;
  waitForAck(envelopeId: string, timeoutMs?: number): Promise<SocketAck>;
}

export interface FakeSlack {
  /** Base URL ending in a slash; paths outside api/ act as response_urls. */
  url: string;
  /** For SLACK_API_URL / the WebClient's slackApiUrl. */
  apiUrl: string;
  calls: ApiCall[];
  responses: ResponseCall[];
  /** A fresh response_url on this server. */
  responseUrl(): string;
  /** The next call of `method` answers `{ ok: false, error }`, as Slack answers a refused call. */
  failNext(method: string, error: string): void;
  waitForCall(method: string, match?: (c: ApiCall) => boolean, count?: number, timeoutMs?: number): Promise<ApiCall[]>;
  waitForResponse(match?: (r: ResponseCall) => boolean, count?: number, timeoutMs?: number): Promise<ResponseCall[]>;
  socketMode: FakeSocketMode;
  clear(): void;
  close(): Promise<void>;
}

function decodeFields(fields: Record<string, unknown>): Record<string, any> {
  const out: Record<string, any> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === 'string' && /^[[{]/.test(value)) {
      try {
        out[key] = JSON.parse(value);
        continue;
      } catch {
        // Text that merely starts with a bracket stays text.
      }
    }
    out[key] = value;
  }
  return out;
}

function parseBody(raw: string, contentType: string | undefined): Record<string, any> {
  if (raw === '') return {};
  if (contentType?.includes('application/json')) return JSON.parse(raw) as Record<string, any>;
  return decodeFields(Object.fromEntries(new URLSearchParams(raw)));
}

let messageClock = 1_764_000_000;

function answer(method: string, args: Record<string, any>, socketModeUrl: string): Record<string, any> {
  switch (method) {
    case 'apps.connections.open':
      return { ok: true, url: socketModeUrl };
    case 'auth.test':
      return { ok: true, url: 'https://fiktiv.slack.com/', team: 'Fiktiv', user: 'motpart', team_id: FAKE_BOT.teamId, user_id: FAKE_BOT.userId, bot_id: FAKE_BOT.botId };
    case 'chat.postMessage': {
      const ts = `${messageClock++}.000100`;
      return { ok: true, channel: args.channel, ts, message: { type: 'message', ts, text: args.text, blocks: args.blocks, bot_id: FAKE_BOT.botId } };
    }
    case 'chat.update':
      return { ok: true, channel: args.channel, ts: args.ts, text: args.text };
    case 'chat.postEphemeral':
      return { ok: true, message_ts: `${messageClock++}.000200` };
    case 'views.publish':
      return { ok: true, view: { id: 'VHOME', type: 'home', ...args.view } };
    default:
      return { ok: true };
  }
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: ApiCall[] = [];
  const responses: ResponseCall[] = [];
  const failures = new Map<string, string[]>();
  const arrival = arrivals();
  let nextResponse = 1;

  const server = bodyReadingServer((req, res, raw, path) => {
    let body: Record<string, any>;
    try {
      body = parseBody(raw, req.headers['content-type']);
    } catch {
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error: 'invalid_json' }));
      return;
    }
    const api = /^\/api\/([\w.]+)$/.exec(path);
    if (api) {
      const method = api[1]!;
      const token = req.headers.authorization?.replace(/^Bearer /, '') ?? (typeof body.token === 'string' ? body.token : undefined);
      const failure = failures.get(method)?.shift();
      const result = failure ? { ok: false, error: failure } : answer(method, body, socketModeUrl);
      calls.push({ method, args: body, ...(token ? { token } : {}), result });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
    } else {
      responses.push({ path, body });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    }
    arrival.arrived();
  });
  // Socket Mode: the app connects to the URL apps.connections.open gave, is greeted with `hello`,
  // gets envelopes and answers each with `{ envelope_id, payload }`. ws answers the app's pings.
  const sockets = new WebSocket.Server({ noServer: true });
  const acks: SocketAck[] = [];
  server.on('upgrade', (req, socket, head) => {
    sockets.handleUpgrade(req, socket as Socket, head, (ws) => {
      ws.on('message', (data) => {
        acks.push(JSON.parse(String(data)) as SocketAck);
        arrival.arrived();
      });
      ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'AMOTPART' }, debug_info: { host: 'fake' } }));
      arrival.arrived();
    });
  });
  const connected = () => [...sockets.clients].filter((ws) => ws.readyState === WebSocket.OPEN);

  const port = await listenOnLoopback(server);
  const url = `http://127.0.0.1:${port}/`;
  const socketModeUrl = `ws://127.0.0.1:${port}/link/?ticket=fiktiv`;

  const waitFor = <T>(list: T[], match: (x: T) => boolean, count: number, timeoutMs: number, what: string) =>
    arrival.waitFor(list, match, count, timeoutMs, (found) => `fake Slack: expected ${count} ${what} within ${timeoutMs} ms, got ${found} (all calls: ${calls.map((c) => c.method).join(', ') || 'none'}; responses: ${responses.length})`);

  return {
    url,
    apiUrl: `${url}api/`,
    calls,
    responses,
    responseUrl: () => `${url}commands/${FAKE_BOT.teamId}/${nextResponse++}/fiktiv`,
    failNext(method, error) {
      failures.set(method, [...(failures.get(method) ?? []), error]);
    },
    waitForCall: (method, match = () => true, count = 1, timeoutMs = 10_000) => waitFor(calls, (c) => c.method === method && match(c), count, timeoutMs, `${method} calls`),
    waitForResponse: (match = () => true, count = 1, timeoutMs = 10_000) => waitFor(responses, match, count, timeoutMs, 'response_url posts'),
    socketMode: {
      connections: () => connected().length,
      send(message) {
        for (const ws of connected()) ws.send(typeof message === 'string' ? message : JSON.stringify(message));
      },
      acks,
      waitForConnection: async (timeoutMs = 10_000) => {
        await waitFor([0], () => connected().length > 0, 1, timeoutMs, 'Socket Mode connections');
      },
      waitForAck: async (envelopeId, timeoutMs = 10_000) => (await waitFor(acks, (a) => a.envelope_id === envelopeId, 1, timeoutMs, `acks of ${envelopeId}`))[0]!,
    },
    clear() {
      calls.length = 0;
      responses.length = 0;
      acks.length = 0;
      failures.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const ws of sockets.clients) ws.terminate();
        sockets.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// ---- Sending to the app as Slack does ----

/** Slack's request signature: `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<raw body>` with the signing secret. */
export function slackSignature(signingSecret: string, timestamp: number | string, body: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export function signedHeaders(signingSecret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': slackSignature(signingSecret, timestamp, body) };
}

export interface SendOptions {
  /** Seconds since the epoch to sign with; default now. */
  timestamp?: number;
  /** Replaces the computed signature (forgeries). */
  signature?: string;
}

export interface SlackResponse {
  status: number;
  text: string;
  ms: number;
}

async function send(eventsUrl: string, signingSecret: string, body: string, contentType: string, options: SendOptions): Promise<SlackResponse> {
  const headers = signedHeaders(signingSecret, body, options.timestamp);
  if (options.signature) headers['x-slack-signature'] = options.signature;
  const started = performance.now();
  const res = await fetch(eventsUrl, { method: 'POST', headers: { 'content-type': contentType, ...headers }, body });
  const text = await res.text();
  return { status: res.status, text, ms: performance.now() - started };
}

/** A slash command: form-encoded, as Slack posts it. */
export function sendSlashCommand(eventsUrl: string, signingSecret: string, fields: Record<string, string>, options: SendOptions = {}): Promise<SlackResponse> {
  const body = new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: FAKE_BOT.teamId,
    team_domain: 'fiktiv',
    api_app_id: 'AMOTPART',
    trigger_id: '1.2.fiktiv',
    ...fields,
  }).toString();
  return send(eventsUrl, signingSecret, body, 'application/x-www-form-urlencoded', options);
}

/** An Events API callback (or url_verification): JSON. */
export function sendEvent(eventsUrl: string, signingSecret: string, payload: Record<string, unknown>, options: SendOptions = {}): Promise<SlackResponse> {
  return send(eventsUrl, signingSecret, JSON.stringify(payload), 'application/json', options);
}

/** An interaction (block_actions, ...): form-encoded with the JSON in `payload`. */
export function sendInteraction(eventsUrl: string, signingSecret: string, payload: Record<string, unknown>, options: SendOptions = {}): Promise<SlackResponse> {
  return send(eventsUrl, signingSecret, new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded', options);
}

/** The envelope Slack wraps every event in. */
export function eventCallback(event: Record<string, unknown>): Record<string, unknown> {
  return {
    token: 'deprecated-verification-token',
    team_id: FAKE_BOT.teamId,
    api_app_id: 'AMOTPART',
    event,
    type: 'event_callback',
    event_id: `Ev${Math.random().toString(36).slice(2, 12).toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: FAKE_BOT.teamId, user_id: FAKE_BOT.userId, is_bot: true, is_enterprise_install: false }],
  };
}
