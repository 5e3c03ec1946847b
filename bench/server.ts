/**
 * One server under load for the HTTP benchmark, run as a child process so that each server has a
 * process (heap, event loop) of its own, as deployed, and none carries the corpora or the search
 * figures of the bench itself. Three kinds, all behind the same loopback server (startServer):
 *
 * - `motpart`: the real Slack and Teams adapters on createMotpart, with the settings a deployment
 *   has by default: the embedded SQLite store in a fresh data directory, and the per-user rate
 *   limit of loadConfig's defaults (MOTPART_RATE_LIMIT, 60 a minute).
 * - `bolt`: bare Bolt, as its documentation writes it: an App on an HTTPReceiver whose three slash
 *   commands ack and respond with fixed text. Bolt's own defaults otherwise.
 * - `botbuilder`: bare botbuilder: a CloudAdapter without credentials (what MOTPART_TEAMS_AUTH=off
 *   gives Motpart) and an ActivityHandler that replies with fixed text, through adapter.process.
 *
 * The parent sends one `start`, then `profile-start` / `profile-stop` and `stats` as it likes, then `close`.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type http from 'node:http';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { requireCommonJs } from '../src/adapters/commonJs.js';
import { loadConfig } from '../src/config.js';
import type { Store } from '../src/core/ports.js';
import { loadKnowledge } from '../src/knowledge/loader.js';
import { createLogger } from '../src/logger.js';
import { readBody, startServer, type RouteHandler, type RunningServer } from '../src/server.js';
import { generateCorpus } from './corpus.js';

export type ServerKind = 'motpart' | 'bolt' | 'botbuilder';

/** Parent → child. */
export type ServerRequest =
  | {
      type: 'start';
      kind: ServerKind;
      knowledgeDir: string;
      functions: number;
      snippets: number;
      signingSecret: string;
      slackApiUrl: string;
      /** Motpart's store: `sqlite` as deployed (the default); `memory` only to measure what the store costs. */
      store?: 'sqlite' | 'memory';
    }
  | { type: 'profile-start' }
  | { type: 'profile-stop'; file: string }
  | { type: 'stats' }
  | { type: 'close' };

/** Child → parent. */
export type ServerMessage =
  | { type: 'ready'; url: string; settings: string }
  | { type: 'profiled' }
  | { type: 'stats'; rateLimited: number; limitChecks: number }
  | { type: 'failed'; error: string };

export const FIXED_TEXT = 'Tack, frågan är mottagen.';

const send = (m: ServerMessage) => process.send?.(m);
const logger = createLogger('silent');

let server: RunningServer | undefined;
let cleanup: () => Promise<void> = async () => undefined;
let session: Session | undefined;
/** Motpart only: questions refused by the per-user rate limit, and rate-limit counter writes. */
let rateLimited = 0;
let limitChecks = 0;

async function startMotpart(m: Extract<ServerRequest, { type: 'start' }>): Promise<{ routes: Record<string, RouteHandler>; settings: string }> {
  const [{ createSlackAdapter }, { createTeamsAdapter }, { createMotpart }, { buildKnowledge }, { createStore }] = await Promise.all([
    import('../src/adapters/slack/index.js'),
    import('../src/adapters/teams/index.js'),
    import('../src/core/motpart.js'),
    import('../src/core/knowledge/knowledge.js'),
    import('../src/store/index.js'),
  ]);
  const { data: shipped } = await loadKnowledge(m.knowledgeDir);
  const knowledge = buildKnowledge(generateCorpus(shipped, { functions: m.functions, snippets: m.snippets }).data);
  // As deployed: no REDIS_URL, so the embedded SQLite store under a data directory; the rate limit
  // and time zone are what loadConfig gives an environment that does not set them.
  const deployed = loadConfig({ MOTPART_TEAMS_AUTH: 'off' });
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'motpart-bench-store-'));
  const inMemory = m.store === 'memory';
  const real = await createStore(inMemory ? { memory: true, logger } : { dataDir, logger });
  const store: Store = {
    ...real,
    rateLimit: {
      allow: async (key, max, windowMs) => {
        limitChecks++;
        const allowed = await real.rateLimit.allow(key, max, windowMs);
        if (!allowed && !key.startsWith('slack-event:')) rateLimited++;
        return allowed;
      },
    },
  };
  const motpart = createMotpart({
    knowledge: () => knowledge,
    store,
    timezone: deployed.timezone,
    ...(deployed.rateLimit ? { rateLimit: deployed.rateLimit } : {}),
    logger,
  });
  const slack = await createSlackAdapter({
    slack: { botToken: 'xoxb-bench', signingSecret: m.signingSecret, appToken: undefined, apiUrl: m.slackApiUrl },
    motpart,
    logger,
    store,
  });
  await slack.start();
  if (!slack.route) throw new Error('the Slack adapter gave no HTTP route although no app token is set');
  const teams = createTeamsAdapter({ teams: deployed.teams!, motpart, logger, store });
  cleanup = async () => {
    await slack.stop();
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  };
  const limit = deployed.rateLimit ? `${deployed.rateLimit.max} per user and ${deployed.rateLimit.windowMs / 1000} s` : 'off';
  return {
    routes: { '/slack/events': slack.route, '/api/messages': teams.route },
    settings: `${m.functions} functions; ${inMemory ? 'IN-MEMORY store (--store=memory, not as deployed)' : 'embedded SQLite store in a fresh data directory (WAL, synchronous=FULL)'}; rate limit ${limit}`,
  };
}

/** Bare Bolt: the three slash commands, ack() and respond() with fixed text. */
async function startBolt(m: Extract<ServerRequest, { type: 'start' }>): Promise<{ routes: Record<string, RouteHandler>; settings: string }> {
  const { App, HTTPReceiver, LogLevel } = requireCommonJs('@slack/bolt') as typeof import('@slack/bolt');
  const receiver = new HTTPReceiver({ signingSecret: m.signingSecret, endpoints: '/slack/events' });
  const app = new App({ token: 'xoxb-bench', receiver, logLevel: LogLevel.ERROR, deferInitialization: true, clientOptions: { slackApiUrl: m.slackApiUrl } });
  for (const name of ['/motpart', '/sekretess', '/checklista']) {
    app.command(name, async ({ ack, respond }) => {
      await ack();
      await respond({ response_type: 'ephemeral', text: FIXED_TEXT });
    });
  }
  await app.init();
  return { routes: { '/slack/events': receiver.requestListener }, settings: 'Bolt App + HTTPReceiver, defaults' };
}

/** Bare botbuilder: CloudAdapter.process with the body parsed as restify or express would, an ActivityHandler that replies. */
async function startBotbuilder(): Promise<{ routes: Record<string, RouteHandler>; settings: string }> {
  const { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } = requireCommonJs('botbuilder') as typeof import('botbuilder');
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const bot = new ActivityHandler();
  bot.onMessage(async (context, next) => {
    await context.sendActivity(FIXED_TEXT);
    await next();
  });
  const route: RouteHandler = async (req, res) => {
    const body = JSON.parse((await readBody(req, 256 * 1024)).toString('utf8')) as unknown;
    await adapter.process(Object.assign(req, { body }) as never, expressLike(res) as never, (context) => bot.run(context));
  };
  return { routes: { '/api/messages': route }, settings: 'CloudAdapter without credentials + ActivityHandler, defaults' };
}

/** The response methods botbuilder's process() calls (those of express and restify). */
function expressLike(res: http.ServerResponse) {
  let status = 200;
  const shim = {
    socket: res.socket,
    header: (name: string, value: unknown) => {
      res.setHeader(name, String(value));
      return shim;
    },
    status: (code: number) => {
      status = code;
      return shim;
    },
    send: (body?: unknown) => {
      res.statusCode = status;
      if (body === undefined) return;
      if (!res.hasHeader('content-type') && typeof body !== 'string') res.setHeader('content-type', 'application/json');
      res.write(typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body));
    },
    end: () => {
      res.statusCode = status;
      res.end();
    },
  };
  return shim;
}

process.on('message', (raw: unknown) => {
  const m = raw as ServerRequest;
  void (async () => {
    try {
      switch (m.type) {
        case 'start': {
          const started = m.kind === 'motpart' ? await startMotpart(m) : m.kind === 'bolt' ? await startBolt(m) : await startBotbuilder();
          server = await startServer({ port: 0, host: '127.0.0.1', routes: started.routes, health: () => ({}), logger });
          send({ type: 'ready', url: server.url, settings: started.settings });
          return;
        }
        case 'profile-start':
          session = new Session();
          session.connect();
          await session.post('Profiler.enable');
          await session.post('Profiler.setSamplingInterval', { interval: 200 });
          await session.post('Profiler.start');
          send({ type: 'profiled' });
          return;
        case 'profile-stop': {
          const { profile } = await session!.post('Profiler.stop');
          // --cpu-prof-dir may name a directory that does not exist yet.
          await mkdir(path.dirname(m.file), { recursive: true });
          await writeFile(m.file, JSON.stringify(profile));
          session!.disconnect();
          session = undefined;
          send({ type: 'profiled' });
          return;
        }
        case 'stats':
          send({ type: 'stats', rateLimited, limitChecks });
          return;
        case 'close':
          await server?.close();
          await cleanup();
          process.exit(0);
      }
    } catch (err) {
      send({ type: 'failed', error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    }
  })();
});
process.on('disconnect', () => process.exit(0));
