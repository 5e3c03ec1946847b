/**
 * The gate in front of Bolt's HTTPReceiver. Bolt trusts the shape of any signed body: one that
 * parses to `null` throws inside the receiver where nobody catches it (the process used to exit),
 * and `"event": null` or `"actions": []` throw in its routing (500). So the route reads the body
 * itself, checks Slack's signature, parses it exactly as Bolt will, and validates what Bolt and our
 * listeners read before Bolt sees a byte. Bolt then gets the same bytes: it reuses a request whose
 * `rawBody` has already been read, and verifies the signature again.
 */
import type http from 'node:http';
import { z } from 'zod';
import { readBody, RequestRejected, type RouteHandler } from '../../server.js';
import { requireCommonJs } from '../commonJs.js';

const { HTTPModuleFunctions, verifySlackRequest, defaultBodyLimit } = requireCommonJs('@slack/bolt') as typeof import('@slack/bolt');

/** Slack's replay window: a request signed more than five minutes from now, either way, is refused. */
const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

const FORM = 'application/x-www-form-urlencoded';

// ---- What Bolt's routing (getTypeAndConversation, buildSource) and our listeners dereference ----

const text = z.string().max(40_000);
const idString = z.string().min(1).max(255);
/** `{ id }` references: Bolt reads `.id` whenever the field is there, so `null` is not allowed where Slack never sends it. */
const ref = z.looseObject({ id: idString });
/** Org-wide installs send `team: null` and `enterprise: null`; Bolt checks for null there. */
const nullableRef = z.looseObject({ id: idString, enterprise_id: z.string().optional() }).nullable().optional();

const event = z.looseObject({
  type: idString,
  user: z.union([z.string(), ref]).optional(),
  channel: z.union([z.string(), ref]).optional(),
  channel_id: z.string().optional(),
  item: z.looseObject({}).optional(),
  subteam: z.looseObject({}).optional(),
  text: text.optional(),
  ts: z.string().optional(),
  thread_ts: z.string().optional(),
  event_ts: z.string().optional(),
  subtype: z.string().optional(),
  bot_id: z.string().optional(),
  channel_type: z.string().optional(),
  tab: z.string().optional(),
  view: z.looseObject({ private_metadata: z.string().optional() }).optional(),
});

const eventCallbackSchema = z.looseObject({
  type: z.literal('event_callback'),
  event_id: idString,
  team_id: z.string().optional(),
  enterprise_id: z.string().nullable().optional(),
  event,
  authorizations: z
    .array(z.looseObject({ team_id: z.string().nullable().optional(), enterprise_id: z.string().nullable().optional(), is_enterprise_install: z.boolean().optional() }))
    .optional(),
});

const urlVerification = z.looseObject({ type: z.literal('url_verification'), challenge: z.string().max(1_000) });
const appRateLimited = z.looseObject({ type: z.literal('app_rate_limited') });

/** Form fields; a repeated field would arrive as an array, which no listener expects. */
const slashCommand = z.looseObject({
  command: z.string().regex(/^\/[^\s/]{1,64}$/),
  text: text.optional(),
  user_id: idString,
  user_name: z.string().optional(),
  channel_id: idString,
  team_id: z.string().optional(),
  enterprise_id: z.string().optional(),
  response_url: z.url().optional(),
  is_enterprise_install: z.string().optional(),
});

const option = z.looseObject({ value: z.string() });
const interaction = z
  .looseObject({
    type: z.enum(['block_actions', 'block_suggestion', 'interactive_message', 'view_submission', 'view_closed', 'shortcut', 'message_action', 'dialog_submission', 'dialog_cancellation', 'dialog_suggestion']),
    user: z.looseObject({ id: idString, name: z.string().optional(), username: z.string().optional(), team_id: z.string().optional() }),
    team: nullableRef,
    enterprise: nullableRef,
    channel: ref.optional(),
    name: z.string().optional(),
    // Bolt hands `actions[0]` to the listener and matches on it, so an empty list is refused too.
    actions: z
      .array(
        z.looseObject({
          action_id: z.string().optional(),
          block_id: z.string().optional(),
          type: z.string().optional(),
          value: z.string().optional(),
          selected_option: option.nullable().optional(),
          selected_options: z.array(option).optional(),
        }),
      )
      .min(1)
      .optional(),
    container: z
      .looseObject({ type: z.string().optional(), channel_id: z.string().optional(), message_ts: z.string().optional(), thread_ts: z.string().optional(), is_ephemeral: z.boolean().optional() })
      .optional(),
    message: z.looseObject({ ts: z.string().optional(), thread_ts: z.string().optional(), blocks: z.array(z.unknown()).optional() }).optional(),
    view: z.looseObject({ id: z.string().optional(), type: z.string().optional(), private_metadata: z.string().optional(), app_installed_team_id: z.string().optional() }).optional(),
    response_url: z.url().optional(),
  })
  .refine((b) => b.type !== 'block_actions' || (b.actions !== undefined && (b.container !== undefined || b.view !== undefined)), 'block_actions needs actions and a container or view')
  .refine((b) => !(b.type === 'view_submission' || b.type === 'view_closed') || b.view !== undefined, 'view payloads need a view');

const bodyObject = z.record(z.string(), z.unknown());

/** The schema for a parsed body, picked by the same fields Bolt routes on and in the same order. */
function schemaFor(body: Record<string, unknown>): z.ZodType {
  if (body.type === 'url_verification') return urlVerification;
  if (body.event !== undefined) return eventCallbackSchema;
  if (body.command !== undefined) return slashCommand;
  if (body.type === 'app_rate_limited') return appRateLimited;
  return interaction;
}

/** Slack's `ssl_check=1` probe carries no signature; Bolt answers it and drops anything smuggled with it. */
function isSslCheck(raw: Buffer, contentType: string | undefined): boolean {
  return contentType === FORM && new URLSearchParams(raw.toString('utf8')).get('ssl_check') === '1';
}

function verifySignature(req: http.IncomingMessage, raw: Buffer, signingSecret: string): void {
  const signature = req.headers['x-slack-signature'];
  const timestamp = Number(req.headers['x-slack-request-timestamp']);
  // Bolt refuses stale timestamps but not ones from the future, which a replayed request with a forged clock would carry.
  if (Number.isFinite(timestamp) && timestamp - Date.now() / 1000 > MAX_CLOCK_SKEW_SECONDS) {
    throw new RequestRejected(401, 'request timestamp is in the future');
  }
  if (typeof signature !== 'string' || !Number.isFinite(timestamp)) throw new RequestRejected(401, 'request is not signed');
  try {
    verifySlackRequest({ signingSecret, body: raw.toString('utf8'), headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp } });
  } catch {
    throw new RequestRejected(401, 'request signature does not verify');
  }
}

/** The body as Bolt will see it, validated; RequestRejected(400) when Bolt could not handle it. */
function parseSlackBody(raw: Buffer, contentType: string | undefined): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = HTTPModuleFunctions.parseHTTPRequestBody({ rawBody: raw, headers: { 'content-type': contentType } } as never);
  } catch {
    throw new RequestRejected(400, 'body is not JSON or form data');
  }
  return checkSlackBody(parsed);
}

/**
 * A parsed body (an HTTP request's, or a Socket Mode envelope's payload) checked for what Bolt's
 * routing and our listeners read; RequestRejected(400) naming the fields (never their values) when
 * Bolt could not handle it.
 */
export function checkSlackBody(parsed: unknown): Record<string, unknown> {
  const object = bodyObject.safeParse(parsed);
  if (!object.success) throw new RequestRejected(400, 'body is not an object');
  const checked = schemaFor(object.data).safeParse(object.data);
  // Field paths only: values could be what a user typed.
  if (!checked.success) throw new RequestRejected(400, `not a Slack request: ${[...new Set(checked.error.issues.map((i) => i.path.join('.') || '(body)'))].join(', ')}`);
  return object.data;
}

/** The id of an Events API delivery; Slack sends a retry with the same id. */
export function eventIdOf(body: Record<string, unknown>): string | undefined {
  return body.type === 'event_callback' && typeof body.event_id === 'string' ? body.event_id : undefined;
}

/**
 * The route for POST /slack/events. `alreadyAnswered` sees every signed, valid body; when it says
 * yes (a retried event another delivery has taken), the request is acknowledged and Bolt never sees it.
 */
export function slackRoute(listener: http.RequestListener, signingSecret: string, alreadyAnswered: (body: Record<string, unknown>) => Promise<boolean>): RouteHandler {
  return async (req, res) => {
    const raw = await readBody(req, defaultBodyLimit);
    const contentType = req.headers['content-type'];
    if (!isSslCheck(raw, contentType)) {
      verifySignature(req, raw, signingSecret);
      if (await alreadyAnswered(parseSlackBody(raw, contentType))) {
        res.writeHead(200).end();
        return;
      }
    }
    Object.assign(req, { rawBody: raw });
    listener(req, res);
  };
}
