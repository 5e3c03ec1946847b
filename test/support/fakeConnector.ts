/**
 * A local fake of the Bot Connector service on loopback. The bot's replies go to the activity's
 * serviceUrl; pointing that here lets tests see exactly what the bot sent, as Teams would get it.
 */
import { loadConfig, type TeamsConfig } from '../../src/config.js';
import { arrivals } from './arrivals.js';
import { bodyReadingServer, listenOnLoopback } from './loopback.js';

/**
 * Teams as local clients and tests run it: MOTPART_TEAMS_AUTH=off, through the same validation as
 * the real environment. Without authentication the bot replies only to loopback, where this fake listens.
 */
export function unauthenticatedTeams(): TeamsConfig {
  const { teams } = loadConfig({ MOTPART_TEAMS_AUTH: 'off' });
  if (!teams) throw new Error('MOTPART_TEAMS_AUTH=off did not configure Teams');
  return teams;
}

/** A message from Anna in her personal chat with the bot, as Teams sends it, replies going to `serviceUrl`; `fields` added or replaced. */
export function annaPersonalMessage(id: string, serviceUrl: string, fields: Record<string, unknown> = {}): Record<string, any> {
  return {
    type: 'message',
    id,
    channelId: 'msteams',
    serviceUrl,
    from: { id: '29:anna', name: 'Anna Fiktiv', aadObjectId: 'aad-anna' },
    recipient: { id: '28:motpart', name: 'Motpart' },
    conversation: { id: 'a:personal-anna', conversationType: 'personal', tenantId: 'tenant-fiktiv' },
    channelData: { tenant: { id: 'tenant-fiktiv' } },
    ...fields,
  };
}

export interface SentActivity {
  method: 'POST' | 'PUT' | 'DELETE';
  /** Decoded conversation id from the path. */
  conversationId: string;
  /** The activity replied to (POST) or updated (PUT); undefined for a plain send to the conversation. */
  activityId?: string;
  /** Id the fake connector gave the activity (POST) or the id updated (PUT). */
  id: string;
  authorization?: string;
  body: Record<string, unknown>;
}

export interface FakeConnector {
  url: string;
  sent: SentActivity[];
  /** Waits until `count` activities matching `match` have arrived, and returns them. */
  waitFor(match: (a: SentActivity) => boolean, count?: number, timeoutMs?: number): Promise<SentActivity[]>;
  clear(): void;
  close(): Promise<void>;
}

const ACTIVITIES = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?\/?$/;

export async function startFakeConnector(): Promise<FakeConnector> {
  const sent: SentActivity[] = [];
  const arrival = arrivals();
  let next = 1;

  const server = bodyReadingServer((req, res, raw, path) => {
    const match = ACTIVITIES.exec(path);
    const method = req.method as SentActivity['method'];
    if (!match || !['POST', 'PUT', 'DELETE'].includes(method)) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'NotFound', message: `${req.method} ${path}` } }));
      return;
    }
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    const activityId = match[2] ? decodeURIComponent(match[2]) : undefined;
    const id = method === 'POST' ? `sent-${next++}` : (activityId ?? '');
    sent.push({ method, conversationId: decodeURIComponent(match[1]!), activityId, id, authorization: req.headers.authorization, body });
    arrival.arrived();
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id }));
  });
  const port = await listenOnLoopback(server);

  return {
    url: `http://127.0.0.1:${port}/`,
    sent,
    waitFor: (match, count = 1, timeoutMs = 10_000) =>
      arrival.waitFor(sent, match, count, timeoutMs, (found) => `fake connector: expected ${count} matching activities within ${timeoutMs} ms, got ${found} of ${sent.length}`),
    clear() {
      sent.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
