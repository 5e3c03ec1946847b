/**
 * The real adapters as the end-to-end tests run them: a Bolt app against the fake Slack (a fictional
 * bot token, the API pointed at the fake), Teams with authentication off against the fake connector,
 * and our one HTTP server on a free loopback port with each adapter's route mounted where
 * src/app.ts mounts it.
 */
import { createSlackAdapter, type SlackAdapter, type SlackAdapterOptions } from '../../src/adapters/slack/index.js';
import { createTeamsAdapter, type TeamsAdapter, type TeamsAdapterOptions } from '../../src/adapters/teams/index.js';
import type { ChatAdapter } from '../../src/adapters/chatAdapter.js';
import type { Logger } from '../../src/logger.js';
import { startServer, type RouteHandler, type RunningServer } from '../../src/server.js';
import { unauthenticatedTeams } from './fakeConnector.js';

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
