/**
 * The gate in front of Bolt in Socket Mode, as request.ts is in HTTP mode. Slack's Socket Mode
 * client trusts every envelope: `"payload": null` in an `events_api` envelope throws where nobody
 * catches it (`payload.event.type`), before Bolt sees anything, and an event type that names one
 * of the client's own events (`slack_event`, `ws_message`, `error`) is emitted as that event.
 * So each message from the WebSocket is read here first: envelopes Bolt would get are checked with
 * the same rules as HTTP bodies (checkSlackBody), a retried event another delivery has taken is
 * acknowledged and dropped, and only what passes reaches the client's own handler.
 */
import type { SocketModeReceiver } from '@slack/bolt';
import { z } from 'zod';
import { safeError, type Logger } from '../../logger.js';
import { RequestRejected } from '../../server.js';
import { checkSlackBody } from './request.js';

/** The envelope kinds that carry a request for Bolt. */
const REQUEST_ENVELOPES = new Set(['events_api', 'slash_commands', 'interactive']);
/** Connection control: handled by the client itself. */
const CONTROL_ENVELOPES = new Set(['hello', 'disconnect']);

const envelopeSchema = z.looseObject({
  type: z.string().min(1).max(64),
  envelope_id: z.string().min(1).max(255).optional(),
  payload: z.unknown().optional(),
  retry_attempt: z.number().optional(),
  retry_reason: z.string().optional(),
  accepts_response_payload: z.boolean().optional(),
});

type Envelope = z.infer<typeof envelopeSchema>;
type SocketModeClient = SocketModeReceiver['client'];
type MessageHandler = (data: unknown, isBinary: boolean) => Promise<void> | void;

/**
 * Acknowledges an envelope without handing it on, so that Slack does not send it again. The
 * client's `send` is private (its public acks are made inside its own handler); the Socket Mode
 * test in test/reliability/socketMode.test.ts fails if an upgrade renames it.
 */
function acknowledge(client: SocketModeClient, envelopeId: string): Promise<void> {
  return (client as unknown as { send(id: string): Promise<void> }).send(envelopeId);
}

/** Why an envelope may not reach Bolt, or undefined when it may. Reasons name fields, never values. */
function refusal(client: SocketModeClient, envelope: Envelope): string | undefined {
  if (!envelope.envelope_id) return 'envelope without envelope_id';
  let body: Record<string, unknown>;
  try {
    body = checkSlackBody(envelope.payload);
  } catch (err) {
    if (err instanceof RequestRejected) return err.message;
    throw err;
  }
  if (envelope.type === 'events_api') {
    if (body.type !== 'event_callback') return 'events_api envelope without an event callback';
    // The client emits an event under its own type name: one of the client's own events would run its handler.
    const eventType = (body.event as { type: string }).type;
    if (client.listenerCount(eventType) > 0) return 'event type is the name of a Socket Mode client event';
  }
  return undefined;
}

/**
 * Puts the gate in front of `client`'s message handler. `alreadyAnswered` sees every valid body,
 * as in HTTP mode. Throws when the client does not have exactly one message handler (an upgrade
 * changed how messages arrive; the gate would not be in front of it).
 */
export function guardSocketMode(client: SocketModeClient, alreadyAnswered: (body: Record<string, unknown>) => Promise<boolean>, logger: Logger): void {
  const handlers = client.listeners('ws_message') as MessageHandler[];
  if (handlers.length !== 1) throw new Error(`@slack/socket-mode: expected one ws_message handler to guard, found ${handlers.length}; check src/adapters/slack/socketMode.ts against this version`);
  const deliver = handlers[0]!;
  client.removeAllListeners('ws_message');

  const handle = async (data: unknown, isBinary: boolean): Promise<void> => {
    if (isBinary || typeof data !== 'string') return deliver(data, isBinary);
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch {
      logger.warn('slack: Socket Mode message is not JSON; ignored');
      return;
    }
    const envelope = envelopeSchema.safeParse(parsed);
    if (!envelope.success) {
      logger.warn({ fields: [...new Set(envelope.error.issues.map((i) => i.path.join('.') || '(message)'))] }, 'slack: Socket Mode message is not an envelope; ignored');
      return;
    }
    const { type, envelope_id: envelopeId } = envelope.data;
    if (CONTROL_ENVELOPES.has(type)) return deliver(data, isBinary);
    const reason = REQUEST_ENVELOPES.has(type) ? refusal(client, envelope.data) : 'unknown envelope type';
    if (reason) {
      logger.warn({ envelopeType: type, reason }, 'slack: Socket Mode envelope refused; acknowledged, not handled');
      if (envelopeId) await acknowledge(client, envelopeId);
      return;
    }
    if (await alreadyAnswered(envelope.data.payload as Record<string, unknown>)) {
      await acknowledge(client, envelopeId!);
      return;
    }
    return deliver(data, isBinary);
  };

  // The client's emitter ignores what a handler returns: a failure here is logged, never left unhandled.
  client.on('ws_message', (data: unknown, isBinary: boolean) => {
    handle(data, isBinary).catch((err: unknown) => logger.error({ err: safeError(err) }, 'slack: Socket Mode message failed'));
  });
}
