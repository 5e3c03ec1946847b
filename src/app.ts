/**
 * Composition root: configuration → knowledge (hot-reloaded) → store → core → adapters → one
 * HTTP server. The only module that knows every part.
 */
import path from 'node:path';
import type { ChatAdapter } from './adapters/chatAdapter.js';
import type { Config } from './config.js';
import { parseSchedule } from './core/digest.js';
import { createMotpart, type Motpart } from './core/motpart.js';
import { startDigest, type DigestDestination, type DigestOptions } from './digest.js';
import { chatNotifier, type Senders } from './notify.js';
import { buildHealthReport } from './core/report.js';
import { CACHE_FILE_NAME } from './knowledge/cache.js';
import { watchKnowledge, type KnowledgeWatcher } from './knowledge/watcher.js';
import type { Logger } from './logger.js';
import type { Notify, Store } from './core/ports.js';
import { createStore } from './store/index.js';
import { unavailableStore } from './store/unavailableStore.js';
import { startServer, type RouteHandler, type RunningServer } from './server.js';

export interface Core {
  motpart: Motpart;
  store: Store;
  knowledge: KnowledgeWatcher;
  close(): Promise<void>;
}

export interface CoreOptions {
  /**
   * Called instead of failing when the store cannot start (the console next to a running server
   * finds the data directory locked): questions are answered, nothing is saved. The server has
   * no such fallback, because a bot that silently forgets checklists is worse than one that
   * refuses to start with a clear message.
   */
  onStoreUnavailable?: (message: string) => void;
  /** Writes to people on the bot's own initiative (the server's chat platforms); the console has none. */
  notify?: Notify;
}

async function openStore(config: Config, logger: Logger, options: CoreOptions): Promise<Store> {
  try {
    return await createStore({ redisUrl: config.redisUrl, dataDir: config.dataDir, logger });
  } catch (err) {
    if (!options.onStoreUnavailable) throw err;
    options.onStoreUnavailable(
      `Lagringen kunde inte startas (${err instanceof Error ? err.message : String(err)}). Frågor besvaras, men checklistor och profil sparas inte.`,
    );
    return unavailableStore;
  }
}

/** Everything but the chat platforms: what the console, the CLI and the server share. */
export async function createCore(config: Config, logger: Logger, options: CoreOptions = {}): Promise<Core> {
  const knowledge = await watchKnowledge(config.knowledgeDir, { logger, cacheFile: path.join(config.dataDir, CACHE_FILE_NAME), maxBytes: config.knowledgeMaxBytes });
  const store = await openStore(config, logger, options).catch(async (err: unknown) => {
    await knowledge.close();
    throw err;
  });
  const motpart = createMotpart({
    knowledge: () => knowledge.current(),
    store,
    timezone: config.timezone,
    admins: config.admins,
    editors: config.editors,
    ...(options.notify ? { notify: options.notify } : {}),
    ...(config.rateLimit ? { rateLimit: config.rateLimit } : {}),
    logger,
    report: () => buildHealthReport(knowledge.current(), store, new Date(), { timezone: config.timezone }),
  });
  return {
    motpart,
    store,
    knowledge,
    close: async () => {
      await knowledge.close();
      await store.close();
    },
  };
}

export interface App {
  server: RunningServer;
  close(): Promise<void>;
}

/** The HTTP server with Slack (when configured) and Teams on it. */
export async function startApp(config: Config, logger: Logger): Promise<App> {
  // Imported while the knowledge loads (its files are parsed in worker threads): Bolt and
  // botbuilder take about half a second to import, which would otherwise come on top.
  const slackModule = config.slack ? import('./adapters/slack/index.js') : undefined;
  const teamsModule = config.teams ? import('./adapters/teams/index.js') : undefined;
  // Awaited below; if the core fails first, that error is the one to report.
  for (const pending of [slackModule, teamsModule]) pending?.catch(() => undefined);
  // The adapters are built with the core, and the core's notifier needs the adapters: it reads
  // `senders` when it sends, and they are filled in below.
  const senders: Senders = {};
  const core = await createCore(config, logger, { notify: chatNotifier(senders, logger) });
  const adapters: ChatAdapter[] = [];
  // Only those whose start succeeded are stopped: stopping one that never started can throw, and
  // the store would then stay locked.
  const started: ChatAdapter[] = [];
  let stopDigest: (() => void) | undefined;
  let server: RunningServer | undefined;
  const stopAll = async () => {
    stopDigest?.();
    for (const adapter of started) await adapter.stop();
  };
  try {
    const directory = () => core.knowledge.current();
    const editorsDigest: DigestDestination[] = [];
    const posters: DigestOptions['posters'] = {};
    if (config.slack) {
      const { createSlackAdapter } = await slackModule!;
      const slack = await createSlackAdapter({ slack: config.slack, motpart: core.motpart, logger, store: core.store });
      adapters.push(slack);
      senders.slack = (userId, reply) => slack.notify(userId, reply);
      posters.slack = (channel, reply) => slack.post(channel, reply);
      if (config.digest.slackChannel) editorsDigest.push({ platform: 'slack', address: config.digest.slackChannel });
    }
    if (config.teams) {
      const { createTeamsAdapter } = await teamsModule!;
      const teams = createTeamsAdapter({ teams: config.teams, motpart: core.motpart, logger, store: core.store });
      adapters.push(teams);
      senders.teams = (userId, reply) => teams.notify(userId, reply);
      const serviceUrl = config.digest.teamsServiceUrl;
      if (serviceUrl) posters.teams = (conversationId, reply) => teams.post({ serviceUrl, conversationId }, reply);
      if (config.digest.teamsConversation) editorsDigest.push({ platform: 'teams', address: config.digest.teamsConversation });
      if (config.teams.auth === 'off') {
        logger.warn({ host: config.host }, 'teams: MOTPART_TEAMS_AUTH=off: /api/messages without authentication, listening on loopback only, replies only to loopback service URLs');
      }
    }
    const routes: Record<string, RouteHandler> = {};
    for (const adapter of adapters) if (adapter.route) routes[adapter.path] = adapter.route;

    // Listening before Slack is asked (a port in use fails at once), answering "starting" meanwhile.
    server = await startServer({
      port: config.port,
      host: config.host,
      routes,
      logger,
      starting: true,
      health: () => ({ knowledge: core.knowledge.current().stats, ...adapterHealth(adapters) }),
    });
    if (config.slack) logger.info({ url: server.url }, 'motpart server starting: waiting for Slack; /healthz answers 503 until then');
    for (const adapter of adapters) {
      await adapter.start();
      started.push(adapter);
    }
    server.ready();

    // Also without an editors' channel: functions may name their own in the knowledge (reminders).
    if (posters.slack || posters.teams) {
      const digest = startDigest({ schedule: parseSchedule(config.digest.at), timezone: config.timezone, store: core.store, knowledge: directory, editors: editorsDigest, posters, logger });
      stopDigest = () => digest.stop();
    }
    logger.info({ url: server.url, routes: Object.keys(routes) }, 'motpart server listening');
    const running = server;
    return {
      server: running,
      close: async () => {
        await running.close();
        await stopAll();
        await core.close();
      },
    };
  } catch (err) {
    // A start that fails half-way must not leave the port taken, the watcher running or the data
    // directory locked: the process could not exit, and the next attempt would find them taken.
    await closeWithin(STARTUP_CLEANUP_MS, async () => {
      await server?.close();
      await stopAll();
      await core.close();
    });
    throw err;
  }
}

/** Each platform's health under its name, and false for a platform that is not configured. */
function adapterHealth(adapters: readonly ChatAdapter[]): Record<ChatAdapter['platform'], boolean> {
  const of = (platform: ChatAdapter['platform']) => adapters.find((a) => a.platform === platform)?.health() ?? false;
  return { slack: of('slack'), teams: of('teams') };
}

/** Long enough for a clean close; a close that hangs (say, on a lost connection) must not keep a failed start alive. */
const STARTUP_CLEANUP_MS = 5_000;

async function closeWithin(ms: number, close: () => Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  try {
    // The failed start's error is the one to report; one from cleaning up after it would hide it.
    await Promise.race([close().catch(() => undefined), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
