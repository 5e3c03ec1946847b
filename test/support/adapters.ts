/**
 * The real adapters as the end-to-end tests run them: a Bolt app against the fake Slack (a fictional
 * bot token, the API pointed at the fake), Teams with authentication off against the fake connector,
 * and our one HTTP server on a free loopback port with each adapter's route mounted where
 * src/app.ts mounts it.
 */
import path from 'node:path';
import { createSlackAdapter, type SlackAdapter, type SlackAdapterOptions } from '../../src/adapters/slack/index.js';
import { createTeamsAdapter, type TeamsAdapter, type TeamsAdapterOptions } from '../../src/adapters/teams/index.js';
import type { ChatAdapter } from '../../src/adapters/chatAdapter.js';
import type { Knowledge } from '../../src/core/knowledge/knowledge.js';
import { createMotpart, type MotpartDeps } from '../../src/core/motpart.js';
import type { Store } from '../../src/core/ports.js';
import { loadAndBuild } from '../../src/knowledge/knowledge.js';
import type { Logger } from '../../src/logger.js';
import { startServer, type RouteHandler, type RunningServer } from '../../src/server.js';
import { createStore, type StoreOptions } from '../../src/store/index.js';
import { startFakeConnector, unauthenticatedTeams, type FakeConnector } from './fakeConnector.js';
import { startFakeSlack, type FakeSlack } from './fakeSlack.js';

export interface FakeSlackAdapterOptions extends Omit<SlackAdapterOptions, 'slack'> {
  /** The fake Slack's Web API URL (FakeSlack.apiUrl). */
  apiUrl: string;
  /** Signed HTTP requests; leave out (and give `appToken`) for Socket Mode. */
  signingSecret?: string;
  appToken?: string;
  botToken?: string;
}

/** The real Slack adapter against the fake Slack, started (Bolt checks the token with auth.test). */
export async function startFakeSlackAdapter({ apiUrl, signingSecret, appToken, botToken = 'xoxb-fiktiv', ...deps }: FakeSlackAdapterOptions): Promise<SlackAdapter> {
  const slack = await createSlackAdapter({ slack: { botToken, signingSecret, appToken, apiUrl }, ...deps });
  await slack.start();
  return slack;
}

/** The real Teams adapter with MOTPART_TEAMS_AUTH=off: it replies only to loopback, where the fake connector listens. */
export function localTeamsAdapter(deps: Omit<TeamsAdapterOptions, 'teams'>): TeamsAdapter {
  return createTeamsAdapter({ teams: unauthenticatedTeams(), ...deps });
}

export interface ServedAdapters {
  server: RunningServer;
  /** Slack's events URL on the server (`/slack/events`). */
  eventsUrl: string;
  /** Teams' messaging endpoint on the server (`/api/messages`). */
  messagesUrl: string;
}

/** Our HTTP server on a free loopback port, each adapter's route at its path (as src/app.ts mounts them), health empty. */
export async function serveAdapters(adapters: ChatAdapter[], logger: Logger): Promise<ServedAdapters> {
  const routes: Record<string, RouteHandler> = {};
  for (const adapter of adapters) if (adapter.route) routes[adapter.path] = adapter.route;
  const server = await startServer({ port: 0, host: '127.0.0.1', routes, health: () => ({}), logger });
  return { server, eventsUrl: `${server.url}/slack/events`, messagesUrl: `${server.url}/api/messages` };
}

export interface BothPlatformsOnFakes extends ServedAdapters {
  knowledge: Knowledge;
  store: Store;
  slack: FakeSlack;
  connector: FakeConnector;
  /** Closes the server and both fakes; the store is the caller's to close (or to read afterwards). */
  close(): Promise<void>;
}

export interface BothPlatformsOptions {
  /** Slack's signing secret, as the test signs its requests. */
  secret: string;
  logger: Logger;
  /** How the store is made (in memory, or in a directory the test reads); the logger is added. */
  store: Omit<StoreOptions, 'logger'>;
  /** The core's other dependencies (clock, time zone, report). */
  motpart?: Omit<MotpartDeps, 'knowledge' | 'store' | 'logger'>;
}

/**
 * The whole stack as the reliability tests run it: the fixture knowledge, a real store, the fake
 * Slack and the fake Bot Connector, the real core, and both adapters on our one server.
 */
export async function startBothPlatformsOnFakes(opts: BothPlatformsOptions): Promise<BothPlatformsOnFakes> {
  const { logger } = opts;
  const knowledge = await loadAndBuild(path.resolve('test/fixtures/knowledge-basic'), { today: '2026-11-24' });
  const store = await createStore({ ...opts.store, logger });
  const slack = await startFakeSlack();
  const connector = await startFakeConnector();
  const motpart = createMotpart({ knowledge: () => knowledge, store, logger, ...opts.motpart });
  const slackAdapter = await startFakeSlackAdapter({ apiUrl: slack.apiUrl, signingSecret: opts.secret, motpart, logger, store });
  const served = await serveAdapters([slackAdapter, localTeamsAdapter({ motpart, logger, store })], logger);
  return {
    ...served,
    knowledge,
    store,
    slack,
    connector,
    async close() {
      await served.server.close();
      await slack.close();
      await connector.close();
    },
  };
}
