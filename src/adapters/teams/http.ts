/**
 * Bridge from node:http to CloudAdapter. The body is read here, with a size limit, and validated
 * with zod before botbuilder sees it; then the activity goes straight to `processActivity`, which
 * authenticates it and runs the turn. CloudAdapter.process is not used: it answers failures with
 * the error's message as the body (Microsoft's metadata URL, a DNS error) and prints raw stack
 * traces with console.error. Here an authentication failure is a bare 401, anything else goes to
 * the server's handler (logged through pino, 500 without a body).
 */
import type http from 'node:http';
import type { Activity, InvokeResponse, TurnContext } from 'botbuilder';
import { z } from 'zod';
import { withoutPersonalNumbers } from '../../core/text/pii.js';
import { safeError, type Logger } from '../../logger.js';
import { afterAcknowledgements } from '../acknowledgements.js';
import { readBody, RequestRejected, type RouteHandler } from '../../server.js';
import { requireCommonJs } from '../commonJs.js';

const { AuthenticationError } = requireCommonJs('botframework-connector') as typeof import('botframework-connector');

/** The Bot Framework caps activities well below this; anything larger is not from a channel. */
export const MAX_ACTIVITY_BYTES = 256 * 1024;

/**
 * A display name is the client's text, not ours: a personal number typed into it is redacted here,
 * before botbuilder copies it into the reply's recipient, the turn state and our logs.
 */
const account = z.looseObject({ id: z.string().min(1).max(1_024), name: z.string().max(1_024).transform(withoutPersonalNumbers).optional(), aadObjectId: z.string().max(256).optional() });
const timestamp = z.string().max(64).optional();

/**
 * What botbuilder and our bot read from an activity. Everything a channel sends is kept (loose
 * objects); fields we dereference must have the shape a channel gives them.
 */
const activitySchema = z.looseObject({
  type: z.string().min(1, 'type får inte vara tom').max(64),
  id: z.string().max(1_024).optional(),
  name: z.string().max(256).optional(),
  channelId: z.string().min(1).max(64),
  serviceUrl: z.url({ protocol: /^https?$/, error: 'serviceUrl ska vara en http(s)-URL' }).max(2_048),
  from: account,
  recipient: account,
  conversation: z.looseObject({ id: z.string().min(1).max(2_048), conversationType: z.string().max(64).optional(), tenantId: z.string().max(256).optional() }),
  text: z.string().max(MAX_ACTIVITY_BYTES).optional(),
  replyToId: z.string().max(1_024).optional(),
  deliveryMode: z.string().max(64).optional(),
  value: z.unknown().optional(),
  entities: z.array(z.looseObject({ type: z.string().max(256) })).max(100).optional(),
  attachments: z.array(z.looseObject({ contentType: z.string().max(256) })).max(100).optional(),
  membersAdded: z.array(account).max(1_000).optional(),
  membersRemoved: z.array(account).max(1_000).optional(),
  channelData: z.looseObject({}).optional(),
  timestamp,
  localTimestamp: timestamp,
  expiration: timestamp,
});

/**
 * The activity as CloudAdapter.process would hand it on (its validateAndFixActivity): date fields as
 * Dates, the strings kept as `raw*`.
 */
function withDates(activity: Record<string, unknown>): Record<string, unknown> {
  const fixed = { ...activity };
  for (const [field, raw] of [['timestamp', 'rawTimestamp'], ['localTimestamp', 'rawLocalTimestamp'], ['expiration', 'rawExpiration']] as const) {
    const value = fixed[field];
    if (typeof value === 'string') {
      fixed[raw] = value;
      fixed[field] = new Date(value);
    }
  }
  return fixed;
}

function parseActivity(raw: Buffer): Record<string, unknown> {
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new RequestRejected(400, 'body is not valid JSON');
  }
  const parsed = activitySchema.safeParse(json);
  // Field paths only: values could be what a user typed.
  if (!parsed.success) throw new RequestRejected(400, `body is not a Bot Framework activity: ${[...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(body)'))].join(', ')}`);
  return withDates(parsed.data);
}

/** CloudAdapter's `processActivity` (authenticate, then run the turn), which the adapter makes reachable. */
export interface ActivityReceiver {
  receive(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined>;
}

const authorizationOf = (req: http.IncomingMessage) => (typeof req.headers.authorization === 'string' ? req.headers.authorization : '');

export function botRoute(adapter: ActivityReceiver, logic: (context: TurnContext) => Promise<void>, logger: Logger): RouteHandler {
  return async (req, res) => {
    const activity = parseActivity(await readBody(req, MAX_ACTIVITY_BYTES));
    // The channel only needs to know the activity arrived; the answer goes out through the
    // connector. So once CloudAdapter has authenticated the request (it calls the logic only
    // then), acknowledge, and let the turn run. Invokes and expectReplies carry their answer in
    // the HTTP response, so they wait for the turn.
    const ackFirst = activity.type !== 'invoke' && activity.deliveryMode !== 'expectReplies';
    const turn = ackFirst
      ? async (context: TurnContext) => {
          if (!res.headersSent) res.writeHead(200).end();
          await afterAcknowledgements(() => logic(context));
        }
      : logic;
    let invokeResponse: InvokeResponse | undefined;
    try {
      invokeResponse = await adapter.receive(authorizationOf(req), activity as unknown as Activity, turn);
    } catch (err) {
      if (!(err instanceof AuthenticationError)) throw err;
      logger.warn({ err: safeError(err) }, 'teams: request not authenticated');
      throw new RequestRejected(401, 'not authenticated');
    }
    if (res.headersSent) return;
    const status = invokeResponse?.status ?? 200;
    if (invokeResponse?.body === undefined || status >= 500) {
      res.writeHead(status).end();
      return;
    }
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(invokeResponse.body));
  };
}
