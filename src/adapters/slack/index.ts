/**
 * Slack on Bolt. HTTP mode mounts Bolt's HTTPReceiver on our one server (POST /slack/events), which
 * verifies Slack's request signature before anything runs; Socket Mode is used when an app token
 * is set. The only place in the code base that starts Bolt.
 */
import type http from 'node:http';
import type { Config } from '../../config.js';
import type { Motpart } from '../../core/motpart.js';
import type { Knowledge } from '../../knowledge/knowledge.js';
import type { Logger } from '../../logger.js';
import type { RouteHandler } from '../../server.js';
import { boltLogger } from './boltLogger.js';
import { requireCommonJs } from '../commonJs.js';
import { registerListeners } from './listeners.js';
import { keepAliveFetch } from './transport.js';

const { App, HTTPReceiver, SocketModeReceiver } = requireCommonJs('@slack/bolt') as typeof import('@slack/bolt');

export interface SlackAdapterOptions {
  slack: NonNullable<Config['slack']>;
  motpart: Motpart;
  logger: Logger;
  directory: () => Knowledge;
}

export interface SlackAdapter {
  /** POST /slack/events in HTTP mode; absent in Socket Mode. */
  route?: RouteHandler;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export const EVENTS_PATH = '/slack/events';
/** Slack's replay window: a request signed more than five minutes from now, either way, is refused. */
const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

export class SlackConfigError extends Error {}

/** The Web API base must end with a slash: the client appends method names to it. */
const apiBase = (url: string) => (url.endsWith('/') ? url : `${url}/`);

/**
 * Bolt refuses stale timestamps but not ones from the future, which a replayed request with a
 * forged clock would carry. Those are refused here; the signature itself is Bolt's to check.
 */
function refuseFutureRequests(listener: http.RequestListener, logger: Logger): RouteHandler {
  return async (req, res) => {
    const timestamp = Number(req.headers['x-slack-request-timestamp']);
    if (Number.isFinite(timestamp) && timestamp - Date.now() / 1000 > MAX_CLOCK_SKEW_SECONDS) {
      logger.warn({ skewSeconds: Math.round(timestamp - Date.now() / 1000) }, 'slack: request timestamp is in the future, refused');
      res.writeHead(401).end();
      return;
    }
    listener(req, res);
  };
}

/**
 * How long start-up waits for Slack to confirm the bot token. The Web API client retries a
 * connection failure for about half an hour, during which the process looked started but served
 * nothing; after this the start fails with a message instead, and the process exits.
 */
const START_DEADLINE_MS = 30_000;

class SlackStartTimeout extends Error {}

async function withinStartDeadline<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SlackStartTimeout()), START_DEADLINE_MS);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

export async function createSlackAdapter(opts: SlackAdapterOptions): Promise<SlackAdapter> {
  const { slack } = opts;
  const logger = opts.logger.child({ adapter: 'slack' });
  const boltLog = boltLogger(logger);
  const socketMode = Boolean(slack.appToken);
  if (!socketMode && !slack.signingSecret) {
    throw new SlackConfigError('Slack i HTTP-läge kräver SLACK_SIGNING_SECRET (Basic Information > App Credentials > Signing Secret). Sätt den, eller SLACK_APP_TOKEN för Socket Mode.');
  }
  const httpReceiver = socketMode ? undefined : new HTTPReceiver({ signingSecret: slack.signingSecret!, endpoints: EVENTS_PATH, logger: boltLog });
  const receiver = httpReceiver ?? new SocketModeReceiver({ appToken: slack.appToken!, logger: boltLog });
  const app = new App({
    token: slack.botToken,
    receiver,
    logger: boltLog,
    // The bot token is checked (auth.test) in start(), where a failure can be reported instead of crashing the process.
    deferInitialization: true,
    // Web API calls and response_url posts over keep-alive sockets, without undici's stream machinery.
    clientOptions: { fetch: keepAliveFetch, ...(slack.apiUrl ? { slackApiUrl: apiBase(slack.apiUrl) } : {}) },
    // Bolt's default conversation store costs a rejected promise with a stack trace per request; nothing here reads it.
    convoStore: false,
  });
  registerListeners(app, { motpart: opts.motpart, logger, directory: opts.directory });

  return {
    ...(httpReceiver ? { route: refuseFutureRequests(httpReceiver.requestListener, logger) } : {}),
    async start() {
      try {
        await withinStartDeadline(app.init());
      } catch (err) {
        if (err instanceof SlackStartTimeout) {
          throw new SlackConfigError(
            `Slack svarade inte inom ${START_DEADLINE_MS / 1000} s (${slack.apiUrl ?? 'https://slack.com/api/'}). Kontrollera nätet och en proxy, eller SLACK_API_URL om den är satt, och starta igen.`,
            { cause: err },
          );
        }
        const code = (err as { data?: { error?: unknown } }).data?.error;
        throw new SlackConfigError(
          `Slack godkände inte SLACK_BOT_TOKEN${code ? ` (${String(code)})` : ''}. Kontrollera token under OAuth & Permissions > Bot User OAuth Token, eller att Slack (SLACK_API_URL) går att nå.`,
          { cause: err },
        );
      }
      if (socketMode) await app.start();
      logger.info({ mode: socketMode ? 'socket' : 'http' }, 'slack adapter started');
    },
    async stop() {
      if (socketMode) await app.stop();
    },
  };
}
