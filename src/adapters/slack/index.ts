/**
 * Slack on Bolt. HTTP mode mounts Bolt's HTTPReceiver on our one server (POST /slack/events) behind
 * request.ts, which checks Slack's signature and the body's shape before Bolt sees it; Socket Mode
 * is used when an app token is set, behind socketMode.ts, which checks each envelope the same way.
 * The only place in the code base that starts Bolt.
 */
import type { Config } from '../../config.js';
import type { Motpart } from '../../core/motpart.js';
import type { Store } from '../../core/ports.js';
import type { Reply } from '../../core/reply.js';
import { renderReply } from './blockKit.js';
import { safeError, type Logger } from '../../logger.js';
import type { ChatAdapter } from '../chatAdapter.js';
import { boltLogger } from './boltLogger.js';
import { requireCommonJs } from '../commonJs.js';
import { registerListeners } from './listeners.js';
import { eventIdOf, slackRoute } from './request.js';
import { guardSocketMode } from './socketMode.js';
import { keepAliveFetch } from './transport.js';

const { App, HTTPReceiver, SocketModeReceiver } = requireCommonJs('@slack/bolt') as typeof import('@slack/bolt');

export interface SlackAdapterOptions {
  slack: NonNullable<Config['slack']>;
  motpart: Motpart;
  logger: Logger;
  /** Remembers delivered event ids, so that Slack's retries are answered once across instances. */
  store: Pick<Store, 'rateLimit'>;
}

export interface SlackAdapter extends ChatAdapter {
  /** Posts a reply to a channel on the bot's own initiative (the weekly digest). */
  post(channel: string, reply: Reply): Promise<void>;
  /** Writes a reply to a user privately, in the app's direct messages with them; a bot can always reach a member that way. */
  notify(userId: string, reply: Reply): Promise<boolean>;
}

export const EVENTS_PATH = '/slack/events';
/**
 * How long a delivered event id is remembered. Slack retries a delivery up to three times, the last
 * about five minutes after the first; an hour leaves room for slow retries and clock drift.
 */
const EVENT_ID_TTL_MS = 60 * 60 * 1000;

/** At most three attempts of a Web API call, 0.5 and 1 s apart (plus jitter): about 17 s in all against a hanging Slack. */
const WEB_API_RETRIES = { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 1_000, randomize: true };

export class SlackConfigError extends Error {}

/** The Web API base must end with a slash: the client appends method names to it. */
const apiBase = (url: string) => (url.endsWith('/') ? url : `${url}/`);

/** How long the event-id check may hold an acknowledgement; Slack gives up (and retries) after 3 s. */
const EVENT_ID_CHECK_MS = 500;

/**
 * True when another delivery of the same event (Slack's retry, `x-slack-retry-num`) was already
 * taken, by this instance or another one sharing the store. The store's rate limit is an atomic
 * fixed-window counter on every backend (a per-key mutex locally, INCR in Redis): allowing one hit
 * per event id per window lets exactly the first delivery through. When the store cannot be
 * reached or does not answer in time, the event is answered: a rare double answer is better than
 * none, and better than a late acknowledgement that makes Slack send the event again.
 */
function duplicateEvents(store: Pick<Store, 'rateLimit'>, logger: Logger): (body: Record<string, unknown>) => Promise<boolean> {
  return async (body) => {
    const eventId = eventIdOf(body);
    if (!eventId) return false;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), EVENT_ID_CHECK_MS);
    });
    try {
      const first = await Promise.race([store.rateLimit.allow(`slack-event:${eventId}`, 1, EVENT_ID_TTL_MS), late]);
      if (first === 'late') {
        logger.warn({ eventId }, 'slack: the store did not record the event id in time; answering it anyway');
        return false;
      }
      if (first) return false;
      logger.info({ eventId }, 'slack: retried event already taken, acknowledged without answering');
      return true;
    } catch (err) {
      logger.warn({ err: safeError(err), eventId }, 'slack: could not record the event id; answering it anyway');
      return false;
    } finally {
      clearTimeout(timer);
    }
  };
}

/**
 * How long start-up waits for Slack to confirm the bot token (and, in Socket Mode, to open the
 * WebSocket). Until then a Slack that cannot be reached is asked again; after it the start fails
 * with a message instead of a process that looks started and serves nothing, and the process exits.
 */
const START_DEADLINE_MS = 30_000;
/** Pause between start-up attempts against a Slack that cannot be reached: 1 s, doubling, at most 5 s. */
const START_RETRY_MS = { first: 1_000, max: 5_000 };

class SlackStartTimeout extends Error {}

/**
 * Slack could not be reached or was busy (no answer, 5xx, rate limited): worth asking again. A
 * refused token (a platform error such as invalid_auth) is not: the operator must fix it.
 */
const TRANSIENT = new Set(['slack_webapi_request_error', 'slack_webapi_http_error', 'slack_webapi_rate_limited_error']);
const isTransient = (err: unknown) => TRANSIENT.has(String((err as { code?: unknown }).code));

/**
 * Checks the bot token, asking again while Slack cannot be reached. The client's own retries are
 * kept short for replies (WEB_API_RETRIES), which alone would give a Slack that is down for two
 * seconds at start no second chance; the start deadline bounds the whole.
 */
async function checkTokenUntilAnswered(init: () => Promise<void>, stopped: () => boolean): Promise<void> {
  for (let pause = START_RETRY_MS.first; ; pause = Math.min(pause * 2, START_RETRY_MS.max)) {
    try {
      return await init();
    } catch (err) {
      if (!isTransient(err) || stopped()) throw err;
    }
    // Unref'd: a start that has given up must not be held open by the next attempt's timer.
    await new Promise((resolve) => setTimeout(resolve, pause).unref());
    if (stopped()) throw new SlackStartTimeout();
  }
}

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

/** What the operator is told when start-up fails: the step, and what to check. */
function startError(err: unknown, step: 'token' | 'socket', apiUrl: string | undefined): SlackConfigError {
  if (err instanceof SlackStartTimeout) {
    return new SlackConfigError(
      `Slack svarade inte inom ${START_DEADLINE_MS / 1000} s (${apiUrl ?? 'https://slack.com/api/'}). Kontrollera nätet och en proxy, eller SLACK_API_URL om den är satt, och starta igen.`,
      { cause: err },
    );
  }
  const code = (err as { data?: { error?: unknown } }).data?.error;
  const detail = code ? ` (${String(code)})` : '';
  if (step === 'socket') {
    return new SlackConfigError(
      `Slack öppnade ingen Socket Mode-anslutning${detail}. Kontrollera SLACK_APP_TOKEN (Basic Information > App-Level Tokens, med connections:write) och att Socket Mode är på i appens inställningar.`,
      { cause: err },
    );
  }
  return new SlackConfigError(
    `Slack godkände inte SLACK_BOT_TOKEN${detail}. Kontrollera token under OAuth & Permissions > Bot User OAuth Token, eller att Slack (SLACK_API_URL) går att nå.`,
    { cause: err },
  );
}

export async function createSlackAdapter(opts: SlackAdapterOptions): Promise<SlackAdapter> {
  const { slack } = opts;
  const logger = opts.logger.child({ adapter: 'slack' });
  const boltLog = boltLogger(logger);
  const socketMode = Boolean(slack.appToken);
  if (!socketMode && !slack.signingSecret) {
    throw new SlackConfigError('Slack i HTTP-läge kräver SLACK_SIGNING_SECRET (Basic Information > App Credentials > Signing Secret). Sätt den, eller SLACK_APP_TOKEN för Socket Mode.');
  }
  const isDuplicate = duplicateEvents(opts.store, logger);
  // Web API calls and response_url posts over keep-alive sockets, without undici's stream machinery,
  // each bounded by the transport (SLACK_TIMEOUT_MS), to SLACK_API_URL when it is set.
  const transport = { fetch: keepAliveFetch, ...(slack.apiUrl ? { slackApiUrl: apiBase(slack.apiUrl) } : {}) };
  const httpReceiver = socketMode ? undefined : new HTTPReceiver({ signingSecret: slack.signingSecret!, endpoints: EVENTS_PATH, logger: boltLog });
  // The Socket Mode client asks for its WebSocket URL (apps.connections.open) with its own retries, which suit reconnecting.
  const socketReceiver = socketMode ? new SocketModeReceiver({ appToken: slack.appToken!, logger: boltLog, installerOptions: { clientOptions: transport } }) : undefined;
  if (socketReceiver) guardSocketMode(socketReceiver.client, isDuplicate, logger);
  const app = new App({
    token: slack.botToken,
    receiver: httpReceiver ?? socketReceiver!,
    logger: boltLog,
    // The bot token is checked (auth.test) in start(), where a failure can be reported instead of crashing the process.
    deferInitialization: true,
    // The client's default retries go on for 30 minutes; a reply that late is useless, so two
    // retries with back-off, then the listener logs that it gave up and tells the user.
    clientOptions: { ...transport, retryConfig: WEB_API_RETRIES },
    // Bolt's default conversation store costs a rejected promise with a stack trace per request; nothing here reads it.
    convoStore: false,
  });
  registerListeners(app, { motpart: opts.motpart, logger });

  const post = async (channel: string, reply: Reply) => {
    await app.client.chat.postMessage({ channel, ...renderReply(reply) });
  };
  let serving = false;
  return {
    platform: 'slack',
    path: EVENTS_PATH,
    // POST /slack/events in HTTP mode; in Socket Mode Slack's events come over the socket.
    ...(httpReceiver ? { route: slackRoute(httpReceiver.requestListener, slack.signingSecret!, isDuplicate) } : {}),
    async start() {
      // Both steps within the one deadline: Slack checks the bot token, then (Socket Mode) opens the
      // WebSocket, whose client otherwise retries for as long as it takes.
      let step: 'token' | 'socket' = 'token';
      let gaveUp = false;
      try {
        await withinStartDeadline(
          (async () => {
            await checkTokenUntilAnswered(() => app.init(), () => gaveUp);
            step = 'socket';
            if (socketMode) await app.start();
          })(),
        );
      } catch (err) {
        gaveUp = true;
        // Stops the Socket Mode client's reconnecting; the failed start is what gets reported.
        if (socketMode) void app.stop().catch(() => undefined);
        throw startError(err, step, slack.apiUrl);
      }
      serving = true;
      logger.info({ mode: socketMode ? 'socket' : 'http' }, 'slack adapter started');
    },
    async stop() {
      serving = false;
      if (socketMode) await app.stop();
    },
    health: () => serving,
    post,
    async notify(userId, reply) {
      // A post to a member id lands in the app's direct messages with them.
      await post(userId, reply);
      return true;
    },
  };
}
