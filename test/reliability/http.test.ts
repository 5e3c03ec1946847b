/**
 * Issue 20, the HTTP side, through the real stack: Bolt's HTTPReceiver with signed requests and
 * botbuilder's CloudAdapter on our one server, with fakes only for the remote side (Slack, the Bot
 * Connector, Microsoft's OpenID metadata). Each block reproduces one failure from the issue and
 * shows it fixed.
 */
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { keepAliveFetch, SLACK_TIMEOUT_MS } from '../../src/adapters/slack/transport.js';
import { AUTHENTICATION_DEADLINE_MS, CONNECTOR_TIMEOUT_MS, createTeamsAdapter, serviceUrlAllowed } from '../../src/adapters/teams/index.js';
import { boundedNetworkClient, TOKEN_TIMEOUT_MS } from '../../src/adapters/teams/credentials.js';
import { METADATA_TIMEOUT_MS } from '../../src/adapters/teams/openIdMetadata.js';
import { startApp } from '../../src/app.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import { createMotpart } from '../../src/core/motpart.js';
import type { Store } from '../../src/core/ports.js';
import type { Knowledge } from '../../src/core/knowledge/knowledge.js';
import { createLogger } from '../../src/logger.js';
import type { RunningServer } from '../../src/server.js';
import { createStore } from '../../src/store/index.js';
import { serveAdapters, startBothPlatformsOnFakes, startFakeSlackAdapter, type BothPlatformsOnFakes } from '../support/adapters.js';
import { annaPersonalMessage, type FakeConnector } from '../support/fakeConnector.js';
import { eventCallback, FAKE_BOT, sendEvent, sendInteraction, sendSlashCommand, signedHeaders, type FakeSlack } from '../support/fakeSlack.js';
import { redisServerInstalled, startRedis } from '../support/redis.js';

const SECRET = 'fiktiv-signing-secret-rel';
const NOW = new Date('2026-11-24T09:30:00.000Z');
const KNOWLEDGE_DIR = path.resolve('test/fixtures/knowledge-basic');
/** Planted in hostile requests: it must never show up in a log line or a response body. */
const MARKER = 'HEMLIG-MARKOR-4711';

type Json = Record<string, any>;

let stack: BothPlatformsOnFakes;
let knowledge: Knowledge;
let store: Store;
let slackFake: FakeSlack;
let connector: FakeConnector;
let server: RunningServer;
let eventsUrl: string;
let messagesUrl: string;
const logLines: string[] = [];
const logs = () => logLines.join('');

/** A loopback server that accepts connections and requests and never answers: the worst kind of remote. */
async function startHangingServer(answer?: (req: http.IncomingMessage, res: http.ServerResponse) => boolean) {
  const seen: string[] = [];
  let waiting = 0;
  const server = http.createServer((req, res) => {
    seen.push(req.url ?? '');
    req.resume();
    if (answer?.(req, res)) return;
    // Never answered; counted until the client gives up and closes the connection.
    waiting++;
    res.on('close', () => waiting--);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    seen,
    /** Requests never answered whose connection is still open: a client that gave up and closed it leaves none. */
    waiting: () => waiting,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function postRaw(url: string, body: string, headers: Record<string, string>) {
  const started = performance.now();
  const res = await fetch(url, { method: 'POST', headers, body });
  return { status: res.status, text: await res.text(), ms: performance.now() - started };
}

function signedPost(body: string, contentType: string, extra: Record<string, string> = {}) {
  return postRaw(eventsUrl, body, { 'content-type': contentType, ...signedHeaders(SECRET, body), ...extra });
}

function teamsActivity(fields: Json = {}): Json {
  return annaPersonalMessage(`rel-${Math.random().toString(36).slice(2)}`, connector.url, { text: 'hjälp', ...fields });
}

const postActivity = (activity: unknown, url = messagesUrl, headers: Record<string, string> = {}) =>
  postRaw(url, typeof activity === 'string' ? activity : JSON.stringify(activity), { 'content-type': 'application/json', ...headers });

async function alive(url = server.url) {
  const res = await fetch(`${url}/healthz`);
  return res.status === 200;
}

beforeAll(async () => {
  const logger = createLogger('info', { write: (line: string) => void logLines.push(line) });
  stack = await startBothPlatformsOnFakes({
    secret: SECRET,
    logger,
    store: { memory: true },
    motpart: { now: () => NOW, report: async () => ({ intent: 'report', headline: 'Hälsorapport', parts: [], suggestions: [], buttons: [], ephemeral: true, confidence: 1 }) },
  });
  ({ knowledge, store, slack: slackFake, connector, server, eventsUrl, messagesUrl } = stack);
});

afterAll(async () => {
  await stack?.close();
  await store?.close();
});

beforeEach(() => {
  slackFake.clear();
  connector.clear();
});

// ---- 2. One signed request must not take the process down ----

describe('never down from one request (issue 20, failure 2)', () => {
  it('answers 400 to signed bodies that parse to null, and keeps serving', async () => {
    for (const [body, type] of [
      ['payload=null', 'application/x-www-form-urlencoded'],
      ['null', 'application/json'],
      ['[]', 'application/json'],
      ['42', 'application/json'],
      ['"text"', 'application/json'],
      ['payload=%5B%5D', 'application/x-www-form-urlencoded'],
      ['{not json', 'application/json'],
    ] as const) {
      const res = await signedPost(body, type);
      expect(res.status, body).toBe(400);
      expect(await alive()).toBe(true);
    }
    const res = await sendEvent(eventsUrl, SECRET, eventCallback({ type: 'app_mention', user: 'UANNA', text: `<@${FAKE_BOT.userId}> hjälp`, ts: '1764000100.000100', channel: 'CSAM', event_ts: '1764000100.000100' }));
    expect(res.status).toBe(200);
    await slackFake.waitForCall('chat.postMessage');
  });

  it('answers 400, never 500, to signed payloads Bolt cannot route ("event": null, empty actions, ...)', async () => {
    const cases: Json[] = [
      { ...eventCallback({ type: 'app_mention' }), event: null },
      { ...eventCallback({ type: 'app_mention' }), event: [] },
      eventCallback({ type: 'app_mention', channel: null }),
      eventCallback({ type: 'reaction_added', item: null }),
      eventCallback({ type: 'subteam_created', subteam: null }),
      { type: 'block_actions', user: { id: 'UANNA' }, actions: [], container: { type: 'message' } },
      { type: 'block_actions', user: null, actions: [{ action_id: 'motpart.action.0' }], container: {} },
      { type: 'block_actions', user: { id: 'UANNA' }, actions: [{ action_id: 'motpart.action.0' }], channel: null, container: {} },
      { type: 'view_submission', user: { id: 'UANNA' } },
      { type: 'shortcut', user: { id: 'UANNA' }, team: { id: null } },
    ];
    for (const payload of cases) {
      const asJson = await sendEvent(eventsUrl, SECRET, payload);
      expect(asJson.status, JSON.stringify(payload)).toBe(400);
      const asForm = await sendInteraction(eventsUrl, SECRET, payload);
      expect(asForm.status, JSON.stringify(payload)).toBe(400);
    }
    const command = await sendSlashCommand(eventsUrl, SECRET, { command: '/motpart', text: 'x', user_id: '', channel_id: 'C1' });
    expect(command.status).toBe(400);
    expect(await alive()).toBe(true);
  });

  it('survives hostile values in every field of every kind of Slack request: never 5xx, never down', async () => {
    const hostile: unknown[] = [null, [], {}, 0, '', 'x', true, [null], { id: null }];
    const templates: Array<{ kind: string; body: Json; send: typeof sendEvent }> = [
      { kind: 'event', body: eventCallback({ type: 'app_mention', user: 'UANNA', text: `<@${FAKE_BOT.userId}> ${MARKER}`, ts: '1.1', channel: 'CSAM', event_ts: '1.1' }), send: sendEvent },
      {
        kind: 'interaction',
        body: {
          type: 'block_actions',
          user: { id: 'UANNA', name: 'anna' },
          team: { id: FAKE_BOT.teamId },
          container: { type: 'message', channel_id: 'CSAM', message_ts: '1.1', is_ephemeral: true },
          channel: { id: 'CSAM' },
          actions: [{ type: 'button', action_id: 'motpart.action.0', value: JSON.stringify({ type: 'ask', text: MARKER }) }],
          response_url: slackFake.responseUrl(),
        },
        send: sendInteraction,
      },
    ];
    let sent = 0;
    const statuses = new Map<number, number>();
    for (const { body, send } of templates) {
      const paths: string[][] = [...Object.keys(body).map((k) => [k]), ...Object.keys(body.event ?? {}).map((k) => ['event', k]), ...Object.keys(body.actions?.[0] ?? {}).map((k) => ['actions', '0', k])];
      for (const keyPath of paths) {
        for (const value of hostile) {
          const copy = structuredClone(body);
          let target: Json = copy;
          for (const key of keyPath.slice(0, -1)) target = target[key];
          target[keyPath.at(-1)!] = value;
          const res = await send(eventsUrl, SECRET, copy);
          sent++;
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          expect(res.status, `${keyPath.join('.')} = ${JSON.stringify(value)}`).toBeLessThan(500);
          expect(res.text).not.toContain(MARKER);
        }
      }
    }
    for (const field of ['command', 'text', 'user_id', 'channel_id', 'response_url']) {
      for (const value of ['', '%00', 'null', MARKER]) {
        const res = await sendSlashCommand(eventsUrl, SECRET, { command: '/motpart', text: 'hjälp', user_id: 'UANNA', channel_id: 'CSAM', response_url: slackFake.responseUrl(), [field]: value });
        sent++;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        expect(res.status).toBeLessThan(500);
      }
    }
    expect(sent).toBeGreaterThan(150);
    expect(await alive()).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(logs()).not.toContain(MARKER);
  }, 60_000);

  it('refuses unsigned and forged requests with 401 before looking at them', async () => {
    expect((await postRaw(eventsUrl, 'null', { 'content-type': 'application/json' })).status).toBe(401);
    expect((await signedPost('null', 'application/json', { 'x-slack-signature': 'v0=00' })).status).toBe(401);
    const future = Math.floor(Date.now() / 1000) + 3600;
    expect((await postRaw(eventsUrl, '{}', { 'content-type': 'application/json', ...signedHeaders(SECRET, '{}', future) })).status).toBe(401);
  });

  it('answers 400 to malformed Teams bodies and never 5xx with a message', async () => {
    for (const body of ['null', '[]', '42', '{', '{"type":""}', JSON.stringify({ type: 'message' })]) {
      const res = await postActivity(body);
      expect(res.status, body).toBe(400);
    }
    const hostile: unknown[] = [null, [], {}, 0, '', 'x', true];
    const template = teamsActivity({ text: MARKER });
    let sent = 0;
    for (const key of [...Object.keys(template), 'value', 'entities', 'attachments', 'membersAdded', 'timestamp']) {
      for (const value of hostile) {
        const res = await postActivity({ ...template, [key]: value });
        sent++;
        if (res.status >= 500) expect(res.text, `${key} = ${JSON.stringify(value)}`).toBe('');
        expect(res.text).not.toContain(MARKER);
      }
    }
    for (const type of ['invoke', 'conversationUpdate', 'messageReaction', 'installationUpdate', 'event']) {
      for (const value of hostile) {
        const res = await postActivity({ ...template, type, name: 'composeExtension/query', value });
        sent++;
        if (res.status >= 500) expect(res.text).toBe('');
      }
    }
    expect(sent).toBeGreaterThan(100);
    expect(await alive()).toBe(true);
  }, 60_000);
});

// ---- 3. Closed by default ----

describe('closed by default (issue 20, failure 3)', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'motpart-rel-http-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('configures Teams only with an app id or MOTPART_TEAMS_AUTH=off, and nothing in between', () => {
    expect(loadConfig({}).teams).toBeUndefined();
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }).teams).toBeUndefined();
    expect(loadConfig({ MOTPART_TEAMS_AUTH: 'off' })).toMatchObject({ teams: { auth: 'off' }, host: '127.0.0.1', hasPlatform: true });
    expect(loadConfig({ MICROSOFT_APP_ID: 'app', MICROSOFT_APP_PASSWORD: 'pw' })).toMatchObject({ teams: { auth: 'bot-framework', appId: 'app' }, host: '0.0.0.0' });
    expect(() => loadConfig({ MOTPART_TEAMS_AUTH: 'nej' })).toThrow(ConfigError);
    expect(() => loadConfig({ MOTPART_TEAMS_AUTH: 'off', MICROSOFT_APP_ID: 'app', MICROSOFT_APP_PASSWORD: 'pw' })).toThrow(/MOTPART_TEAMS_AUTH=off/);
  });

  it('a Slack-only server has no /api/messages and says teams: false', async () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-fiktiv', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: slackFake.apiUrl, PORT: '0', MOTPART_KNOWLEDGE_DIR: KNOWLEDGE_DIR, MOTPART_DATA_DIR: path.join(dataDir, 'slack-only') });
    const app = await startApp(config, createLogger('silent'));
    try {
      const res = await postActivity(teamsActivity(), `${app.server.url}/api/messages`);
      expect(res.status).toBe(404);
      expect(connector.sent).toEqual([]);
      const health = (await (await fetch(`${app.server.url}/healthz`)).json()) as Json;
      expect(health).toMatchObject({ slack: true, teams: false });
    } finally {
      await app.close();
    }
  });

  it('MOTPART_TEAMS_AUTH=off listens on loopback only and warns at start', async () => {
    const lines: string[] = [];
    const config = loadConfig({ MOTPART_TEAMS_AUTH: 'off', PORT: '0', MOTPART_KNOWLEDGE_DIR: KNOWLEDGE_DIR, MOTPART_DATA_DIR: path.join(dataDir, 'teams-off') });
    const app = await startApp(config, createLogger('info', { write: (l: string) => void lines.push(l) }));
    try {
      expect((app.server.server.address() as AddressInfo).address).toBe('127.0.0.1');
      const warning = lines.map((l) => JSON.parse(l) as Json).find((l) => l.level === 40 && /MOTPART_TEAMS_AUTH=off/.test(l.msg));
      expect(warning).toBeDefined();
      expect(((await (await fetch(`${app.server.url}/healthz`)).json()) as Json).teams).toBe(true);
    } finally {
      await app.close();
    }
  });

  it('without authentication, posts nothing to a service URL off loopback (a forged serviceUrl)', async () => {
    // The same kind of fake connector, reachable at 127.0.0.2: a post there would succeed, were it allowed.
    const elsewhere = await startHangingServer((_req, res) => (res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"x"}'), true));
    const port = new URL(elsewhere.url).port;
    try {
      for (const serviceUrl of [`http://127.0.0.2:${port}/`, 'http://169.254.169.254/latest/', 'https://smba.trafficmanager.net/emea/', `http://localhost.example:${port}/`]) {
        const res = await postActivity(teamsActivity({ serviceUrl }));
        expect(res.status, serviceUrl).toBe(403);
      }
      await new Promise((r) => setTimeout(r, 300));
      expect(elsewhere.seen).toEqual([]);
      expect(logs()).toContain('service URL its credentials do not vouch for');
    } finally {
      await elsewhere.close();
    }
  });

  it('answers rapport from Teams and Slack only to named admins; MOTPART_ADMINS empty means nobody', async () => {
    const res = await postActivity(teamsActivity({ text: 'rapport' }));
    expect(res.status).toBe(200);
    const [sent] = await connector.waitFor(() => true);
    expect(JSON.stringify(sent!.body)).toContain('bara för administratörer');
    await sendEvent(eventsUrl, SECRET, eventCallback({ type: 'message', channel_type: 'im', user: 'UANNA', text: '/rapport', ts: '1764000400.000100', channel: 'DANNA', event_ts: '1764000400.000100' }));
    const [answer] = await slackFake.waitForCall('chat.postEphemeral', (c) => c.args.channel === 'DANNA');
    expect(JSON.stringify(answer!.args)).toContain('bara för administratörer');
  });
});

// ---- With an app id: tokens, OpenID metadata and the serviceurl claim ----

const APP_ID = '0b9e6f3c-2f0d-4a43-9c1e-5d3f6a7b8c9d';

function base64url(value: unknown): string {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
}

function channelToken(privateKey: KeyObject, claims: Json): string {
  const now = Math.floor(Date.now() / 1000);
  const head = `${base64url({ alg: 'RS256', typ: 'JWT', kid: 'rel-key' })}.${base64url({ iss: 'https://api.botframework.com', aud: APP_ID, nbf: now - 60, exp: now + 600, ...claims })}`;
  return `${head}.${sign('RSA-SHA256', Buffer.from(head), privateKey).toString('base64url')}`;
}

/** A login URL where nothing listens (connections refused at once): replies in tests that are not about the bot's token never reach Microsoft. */
const REFUSING_LOGIN_URL = 'https://127.0.0.1:1/botframework.com';

async function securedServer(openIdMetadataUrl: string, loginUrl = REFUSING_LOGIN_URL, lines = logLines) {
  const logger = createLogger('info', { write: (line: string) => void lines.push(line) });
  const motpart = createMotpart({ knowledge: () => knowledge, store, now: () => NOW, logger });
  const teams = createTeamsAdapter({
    teams: { auth: 'bot-framework', appId: APP_ID, appPassword: 'not-a-real-secret', tenantId: undefined, appType: 'MultiTenant' },
    motpart,
    logger,
    store,
    openIdMetadataUrl,
    loginUrl,
  });
  return (await serveAdapters([teams], logger)).server;
}

/** Microsoft's OpenID metadata and signing keys on loopback, for a key pair of the test's own; while `down()` says so, it never answers. */
async function signingMetadata(down: () => boolean = () => false) {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = publicKey.export({ format: 'jwk' });
  const metadata = await startHangingServer((req, res) => {
    if (down()) return false;
    const body = req.url === '/keys' ? { keys: [{ ...jwk, kid: 'rel-key', use: 'sig', endorsements: ['msteams'] }] } : { issuer: 'https://api.botframework.com', jwks_uri: `http://${req.headers.host}/keys` };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    return true;
  });
  return { privateKey, metadata, openIdMetadataUrl: `${metadata.url}/.well-known/openidconfiguration` };
}

describe('with an app id: unverifiable tokens are 401 within a second (issue 20, failure 5)', () => {
  const jwtShaped = `Bearer ${base64url({ alg: 'RS256', kid: 'nope' })}.${base64url({ iss: 'https://api.botframework.com', aud: APP_ID })}.c2ln`;

  it('when the OpenID metadata hangs: 401 within a second, no body, ten at once, one fetch, then back-off', async () => {
    const hanging = await startHangingServer();
    const secured = await securedServer(`${hanging.url}/.well-known/openidconfiguration`);
    try {
      const started = Date.now();
      const results = await Promise.all(Array.from({ length: 10 }, () => postActivity(teamsActivity(), `${secured.url}/api/messages`, { authorization: jwtShaped })));
      for (const res of results) {
        expect(res.status).toBe(401);
        expect(res.ms).toBeLessThan(1_000 + 200);
        expect(res.text).not.toMatch(/openid|well-known|127\.0\.0\.1|ECONN|ENOTFOUND/i);
      }
      expect(AUTHENTICATION_DEADLINE_MS).toBeLessThan(1_000);
      expect(connector.sent).toEqual([]);
      // One fetch for all ten; after it gives up, the next try waits (back-off), and the give-up is logged.
      expect(hanging.seen).toHaveLength(1);
      await new Promise((r) => setTimeout(r, started + METADATA_TIMEOUT_MS + 300 - Date.now()));
      const again = await postActivity(teamsActivity(), `${secured.url}/api/messages`, { authorization: jwtShaped });
      expect(again.status).toBe(401);
      expect(again.ms).toBeLessThan(200);
      expect(hanging.seen).toHaveLength(1);
      expect(logs()).toContain('could not fetch the OpenID metadata or signing keys; gave up');
      // Giving up closed the connection: an outage leaves no sockets waiting behind it.
      expect(hanging.waiting()).toBe(0);
      // Past the back-off (1 s after the first failure), the next request tries again.
      await new Promise((r) => setTimeout(r, started + METADATA_TIMEOUT_MS + 1_200 - Date.now()));
      expect((await postActivity(teamsActivity(), `${secured.url}/api/messages`, { authorization: jwtShaped })).status).toBe(401);
      expect(hanging.seen).toHaveLength(2);
    } finally {
      await secured.close();
      await hanging.close();
    }
  });

  it('when the metadata host does not resolve: 401, never 500 with the URL or the DNS error', async () => {
    const secured = await securedServer('https://metadata.invalid/v1/.well-known/openidconfiguration');
    try {
      const res = await postActivity(teamsActivity(), `${secured.url}/api/messages`, { authorization: jwtShaped });
      expect(res.status).toBe(401);
      expect(res.ms).toBeLessThan(1_200);
      expect(res.text).not.toMatch(/metadata\.invalid|ENOTFOUND|EAI_AGAIN/);
    } finally {
      await secured.close();
    }
  });

  it('when the signing keys (JWKS) hang: 401 within a second', async () => {
    const hanging = await startHangingServer((req, res) => {
      if (!req.url?.startsWith('/.well-known')) return false;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ issuer: 'https://api.botframework.com', jwks_uri: `http://${req.headers.host}/keys` }));
      return true;
    });
    const secured = await securedServer(`${hanging.url}/.well-known/openidconfiguration`);
    try {
      const res = await postActivity(teamsActivity(), `${secured.url}/api/messages`, { authorization: jwtShaped });
      expect(res.status).toBe(401);
      expect(res.ms).toBeLessThan(1_200);
      expect(hanging.seen).toContain('/keys');
      await expect.poll(() => hanging.waiting(), { timeout: METADATA_TIMEOUT_MS + 1_000 }).toBe(0);
    } finally {
      await secured.close();
      await hanging.close();
    }
  });

  it('a valid token posts nothing to a serviceUrl its serviceurl claim does not name', async () => {
    const { privateKey, metadata, openIdMetadataUrl } = await signingMetadata();
    const secured = await securedServer(openIdMetadataUrl);
    try {
      const token = channelToken(privateKey, { serviceurl: 'https://smba.trafficmanager.net/emea/' });
      const res = await postActivity(teamsActivity({ serviceUrl: connector.url }), `${secured.url}/api/messages`, { authorization: `Bearer ${token}` });
      expect([401, 403]).toContain(res.status);
      await new Promise((r) => setTimeout(r, 300));
      expect(connector.sent).toEqual([]);
    } finally {
      await secured.close();
      await metadata.close();
    }
  });

  it('keeps verifying with the keys it holds when a refresh fails (24 h later, metadata down)', async () => {
    let down = false;
    const { privateKey, metadata, openIdMetadataUrl } = await signingMetadata(() => down);
    const secured = await securedServer(openIdMetadataUrl);
    const send = () => postActivity(teamsActivity({ serviceUrl: connector.url }), `${secured.url}/api/messages`, { authorization: `Bearer ${channelToken(privateKey, { serviceurl: connector.url })}` });
    try {
      expect((await send()).status).toBe(200);
      // A day later botbuilder refreshes its keys before every check; Microsoft does not answer.
      down = true;
      vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 25 * 3_600_000 });
      expect((await send()).status).toBe(401);
      await new Promise((r) => setTimeout(r, METADATA_TIMEOUT_MS + 200));
      // The refresh gave up; while it waits to try again, the keys it holds still verify.
      const res = await send();
      expect(res.status).toBe(200);
      expect(res.ms).toBeLessThan(500);
    } finally {
      vi.useRealTimers();
      await secured.close();
      await metadata.close();
    }
  }, 20_000);

  it("routes botbuilder's console output (an expired token) through the logger, without the details", async () => {
    const { privateKey, metadata, openIdMetadataUrl } = await signingMetadata();
    const secured = await securedServer(openIdMetadataUrl);
    const before = logLines.length;
    try {
      const expired = Math.floor(Date.now() / 1000) - 3_600;
      const token = channelToken(privateKey, { serviceurl: connector.url, nbf: expired - 600, exp: expired });
      const res = await postActivity(teamsActivity(), `${secured.url}/api/messages`, { authorization: `Bearer ${token}` });
      expect(res.status).toBe(401);
      expect(res.text).toBe('{"error":"not authenticated"}');
      const lines = logLines.slice(before).map((l) => JSON.parse(l) as Json);
      const fromConsole = lines.filter((l) => l.component === 'console');
      expect(fromConsole.length).toBeGreaterThan(0);
      expect(fromConsole.map((l) => l.msg).join(' ')).toContain('TokenExpiredError');
      expect(logLines.slice(before).join('')).not.toContain(token.slice(0, 20));
      // One line per console call, with no stack frames in it.
      expect(fromConsole.every((l) => !/\bat \S+ \(/.test(String(l.msg)))).toBe(true);
    } finally {
      await secured.close();
      await metadata.close();
    }
  });

  it('vouches only for the claimed service URL, and off loopback for nothing without authentication', () => {
    const claims = (serviceurl?: string) => ({ claims: serviceurl ? [{ type: 'serviceurl', value: serviceurl }] : [], isAuthenticated: true }) as never;
    const teams = { auth: 'bot-framework', appId: APP_ID, appPassword: 'x', tenantId: undefined, appType: 'MultiTenant' } as const;
    expect(serviceUrlAllowed(teams, claims('https://smba.trafficmanager.net/emea/'), 'https://smba.trafficmanager.net/emea')).toBe(true);
    expect(serviceUrlAllowed(teams, claims('https://smba.trafficmanager.net/emea/'), 'https://smba.trafficmanager.net/amer/')).toBe(false);
    expect(serviceUrlAllowed(teams, claims('https://smba.trafficmanager.net/emea/'), 'https://evil.example/emea/')).toBe(false);
    expect(serviceUrlAllowed(teams, claims(), 'https://smba.trafficmanager.net/emea/')).toBe(false);
    expect(serviceUrlAllowed({ auth: 'off' }, claims(), 'http://127.0.0.1:3000/')).toBe(true);
    expect(serviceUrlAllowed({ auth: 'off' }, claims(), 'http://localhost:3000/')).toBe(true);
    expect(serviceUrlAllowed({ auth: 'off' }, claims(), 'http://10.0.0.5:3000/')).toBe(false);
  });
});

// ---- 5. Timeouts on outgoing calls ----

describe('timeouts on outgoing calls (issue 20, failure 5)', () => {
  it('gives up a Slack call that is never answered, within the deadline', async () => {
    const hanging = await startHangingServer();
    try {
      const started = performance.now();
      await expect(keepAliveFetch(`${hanging.url}/api/chat.postMessage`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })).rejects.toThrow(/no answer/);
      const ms = performance.now() - started;
      expect(ms).toBeGreaterThanOrEqual(SLACK_TIMEOUT_MS - 50);
      expect(ms).toBeLessThan(SLACK_TIMEOUT_MS + 1_000);
    } finally {
      await hanging.close();
    }
  }, 15_000);

  it('keeps acknowledging slash commands at once while response_url hangs, and logs each given-up answer', async () => {
    const hanging = await startHangingServer();
    const before = logLines.length;
    try {
      const acks = await Promise.all(
        Array.from({ length: 20 }, (_, i) => sendSlashCommand(eventsUrl, SECRET, { command: '/motpart', text: 'hjälp', user_id: `U${i}`, channel_id: 'CSAM', response_url: `${hanging.url}/commands/${i}` })),
      );
      for (const ack of acks) {
        expect(ack.status).toBe(200);
        expect(ack.ms).toBeLessThan(1_000);
      }
      const deadline = Date.now() + 2 * SLACK_TIMEOUT_MS + 5_000;
      const givenUp = () => logLines.slice(before).filter((l) => l.includes('slack: could not answer')).length;
      while (givenUp() < 20 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      expect(givenUp()).toBe(20);
      expect(logLines.slice(before).join('')).toContain('SlackTimeoutError');
      // Meanwhile and afterwards, answers to a working Slack go out as before.
      const responseUrl = slackFake.responseUrl();
      await sendSlashCommand(eventsUrl, SECRET, { command: '/motpart', text: 'hjälp', user_id: 'UANNA', channel_id: 'CSAM', response_url: responseUrl });
      await slackFake.waitForResponse((r) => r.path === new URL(responseUrl).pathname, 1, 5_000);
    } finally {
      await hanging.close();
    }
  }, 40_000);

  it('gives up a Web API call to a Slack that never answers after bounded retries, and logs it', async () => {
    const hanging = await startHangingServer((req, res) => {
      if (!req.url?.endsWith('/auth.test')) return false;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, user_id: FAKE_BOT.userId, bot_id: FAKE_BOT.botId, team_id: FAKE_BOT.teamId }));
      return true;
    });
    const lines: string[] = [];
    const logger = createLogger('info', { write: (l: string) => void lines.push(l) });
    const motpart = createMotpart({ knowledge: () => knowledge, store, now: () => NOW, logger });
    const slack = await startFakeSlackAdapter({ apiUrl: `${hanging.url}/api/`, signingSecret: SECRET, motpart, logger, store });
    const { server: hangingServer } = await serveAdapters([slack], logger);
    try {
      const started = Date.now();
      const ack = await sendEvent(`${hangingServer.url}/slack/events`, SECRET, eventCallback({ type: 'app_mention', user: 'UANNA', text: `<@${FAKE_BOT.userId}> hjälp`, ts: '1.2', channel: 'CSAM', event_ts: '1.2' }));
      expect(ack.status).toBe(200);
      expect(ack.ms).toBeLessThan(1_000);
      while (!lines.some((l) => l.includes('slack: could not answer')) && Date.now() - started < 30_000) await new Promise((r) => setTimeout(r, 200));
      const gaveUpAfter = Date.now() - started;
      expect(lines.some((l) => l.includes('slack: could not answer'))).toBe(true);
      // Three attempts of at most SLACK_TIMEOUT_MS each, with about a second and a half of back-off.
      expect(gaveUpAfter).toBeLessThan(3 * SLACK_TIMEOUT_MS + 4_000);
      expect(hanging.seen.filter((u) => u.endsWith('chat.postMessage')).length).toBe(3);
    } finally {
      await hangingServer.close();
      await hanging.close();
    }
  }, 60_000);

  it('gives up a Bot Connector post that is never answered, logs it, and keeps acknowledging', async () => {
    const hanging = await startHangingServer();
    const before = logLines.length;
    try {
      const started = Date.now();
      const res = await postActivity(teamsActivity({ serviceUrl: `${hanging.url}/` }));
      expect(res.status).toBe(200);
      expect(res.ms).toBeLessThan(1_000);
      while (!logLines.slice(before).some((l) => l.includes('teams: turn failed')) && Date.now() - started < CONNECTOR_TIMEOUT_MS + 5_000) await new Promise((r) => setTimeout(r, 200));
      expect(logLines.slice(before).some((l) => l.includes('teams: turn failed'))).toBe(true);
      expect(Date.now() - started).toBeLessThan(CONNECTOR_TIMEOUT_MS + 3_000);
      expect(hanging.seen.some((u) => u.includes('/v3/conversations/'))).toBe(true);
      expect(await alive()).toBe(true);
    } finally {
      await hanging.close();
    }
  }, 30_000);
});

describe("the bot's own token: Microsoft's login service never answers (issue 20, failure 5)", () => {
  /** Accepts connections and never sends a byte: a login service behind a stalled proxy or firewall. MSAL allows only https, so the hang is in the TLS handshake. */
  async function startSilentServer() {
    const sockets = new Set<net.Socket>();
    let connections = 0;
    const server = net.createServer((socket) => {
      connections++;
      sockets.add(socket);
      // Read and drop what the client sends (its TLS hello), so that its closing the connection is seen.
      socket.resume();
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return {
      url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
      connections: () => connections,
      open: () => sockets.size,
      close: () =>
        new Promise<void>((resolve) => {
          for (const socket of sockets) socket.destroy();
          server.close(() => resolve());
        }),
    };
  }

  it('a reply fails within the deadline, logged without internals, nothing is sent, and the server keeps serving', async () => {
    const silent = await startSilentServer();
    const { privateKey, metadata, openIdMetadataUrl } = await signingMetadata();
    // This server's own log: other tests' turns may still be logging to the shared one.
    const own: string[] = [];
    const secured = await securedServer(openIdMetadataUrl, `${silent.url}/botframework.com`, own);
    const send = () => postActivity(teamsActivity({ serviceUrl: connector.url }), `${secured.url}/api/messages`, { authorization: `Bearer ${channelToken(privateKey, { serviceurl: connector.url })}` });
    const lines = () => own.map((l) => JSON.parse(l) as Json);
    try {
      const started = Date.now();
      const ack = await send();
      expect(ack.status).toBe(200);
      // The reply asks for the token (one request to the login service), gives up, and the error
      // handler's own message to the user asks again and gives up too.
      await expect.poll(() => lines().some((l) => l.msg === 'teams: could not tell the user about the failure'), { timeout: 3 * TOKEN_TIMEOUT_MS, interval: 100 }).toBe(true);
      expect(Date.now() - started).toBeLessThan(2 * TOKEN_TIMEOUT_MS + 2_000);
      const failed = lines().find((l) => l.msg === 'teams: turn failed');
      expect(failed).toBeDefined();
      expect(silent.connections()).toBeGreaterThanOrEqual(2);
      // Each request given up closed its connection: nothing is left waiting on the login service.
      await expect.poll(() => silent.open(), { timeout: 2_000 }).toBe(0);
      expect(own.join('')).not.toMatch(/127\.0\.0\.1|botframework\.com|not-a-real-secret/);
      expect(connector.sent).toEqual([]);
      // Meanwhile and afterwards: health answers, and a request is authenticated and acknowledged at once.
      expect(await alive(secured.url)).toBe(true);
      const again = await send();
      expect(again.status).toBe(200);
      expect(again.ms).toBeLessThan(1_000);
    } finally {
      await secured.close();
      await metadata.close();
      await silent.close();
    }
  }, 30_000);

  it('gives up a token request (POST) that is never answered', async () => {
    const hanging = await startHangingServer();
    try {
      await expect(boundedNetworkClient.sendPostRequestAsync(`${hanging.url}/botframework.com/oauth2/v2.0/token`, { body: 'grant_type=client_credentials' })).rejects.toThrow(/timeout|aborted/i);
      expect(hanging.seen).toEqual(['/botframework.com/oauth2/v2.0/token']);
    } finally {
      await hanging.close();
    }
  }, 3 * TOKEN_TIMEOUT_MS);
});

// ---- 8. Retried Slack events ----

describe('a retried Slack event is answered once (issue 20, failure 8)', () => {
  const mention = (eventId: string) => ({ ...eventCallback({ type: 'app_mention', user: 'UANNA', text: `<@${FAKE_BOT.userId}> hjälp`, ts: '1764000300.000100', channel: 'CSAM', event_ts: '1764000300.000100' }), event_id: eventId });

  it('four deliveries of one event (x-slack-retry-num 1..3) give one answer', async () => {
    const payload = mention('EvREL0000001');
    const body = JSON.stringify(payload);
    for (let retry = 0; retry < 4; retry++) {
      const res = await signedPost(body, 'application/json', retry ? { 'x-slack-retry-num': String(retry), 'x-slack-retry-reason': 'http_timeout' } : {});
      expect(res.status).toBe(200);
    }
    await slackFake.waitForCall('chat.postMessage');
    await new Promise((r) => setTimeout(r, 500));
    expect(slackFake.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(1);
  });

  it('acknowledges in time, and answers, when the store does not record the event id (down or hanging)', async () => {
    const logger = createLogger('silent');
    const motpart = createMotpart({ knowledge: () => knowledge, store, now: () => NOW, logger });
    for (const [i, rateLimit] of [{ allow: () => new Promise<boolean>(() => undefined) }, { allow: async () => Promise.reject(new Error('store down')) }].entries()) {
      const slack = await startFakeSlackAdapter({ apiUrl: slackFake.apiUrl, signingSecret: SECRET, motpart, logger, store: { rateLimit } });
      const { server: other } = await serveAdapters([slack], logger);
      try {
        slackFake.clear();
        const res = await sendEvent(`${other.url}/slack/events`, SECRET, mention(`EvRELSTORE${i}`));
        expect(res.status).toBe(200);
        expect(res.ms).toBeLessThan(1_000);
        await slackFake.waitForCall('chat.postMessage');
      } finally {
        await other.close();
      }
    }
  });

  it.runIf(redisServerInstalled())('across two instances sharing Redis, deliveries of one event give one answer', async () => {
    const redis = await startRedis();
    const logger = createLogger('silent');
    const instances: Array<{ server: RunningServer; store: Store }> = [];
    try {
      for (let i = 0; i < 2; i++) {
        const shared = await createStore({ redisUrl: redis.url, logger });
        const motpart = createMotpart({ knowledge: () => knowledge, store: shared, now: () => NOW, logger });
        const slack = await startFakeSlackAdapter({ apiUrl: slackFake.apiUrl, signingSecret: SECRET, motpart, logger, store: shared });
        instances.push({ server: (await serveAdapters([slack], logger)).server, store: shared });
      }
      slackFake.clear();
      const payload = mention('EvREL0000002');
      const results = await Promise.all(
        [0, 1, 2, 3].map((retry) => sendEvent(`${instances[retry % 2]!.server.url}/slack/events`, SECRET, payload, {}).then((r) => r.status)),
      );
      expect(results).toEqual([200, 200, 200, 200]);
      await slackFake.waitForCall('chat.postMessage');
      await new Promise((r) => setTimeout(r, 500));
      expect(slackFake.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(1);
    } finally {
      for (const { server: s, store: st } of instances) {
        await s.close();
        await st.close();
      }
      await redis.stop();
    }
  }, 30_000);
});
