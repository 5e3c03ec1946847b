/**
 * Bridge from node:http to CloudAdapter.process, which expects an express-like request with a
 * parsed body and a response with status/header/send/end. We have no framework, so the body is
 * read here, with a size limit, and checked before botbuilder sees it.
 */
import type http from 'node:http';
import type { CloudAdapter, Request, Response, TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { Logger } from '../../logger.js';
import { afterAcknowledgements, type RouteHandler } from '../../server.js';

/** The Bot Framework caps activities well below this; anything larger is not from a channel. */
export const MAX_ACTIVITY_BYTES = 256 * 1024;

class RequestRejected extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Only what we must know before handing over; CloudAdapter validates the full activity itself. */
const activityEnvelope = z.looseObject({ type: z.string().min(1, 'type får inte vara tom') });

async function readActivity(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_ACTIVITY_BYTES) {
    throw new RequestRejected(413, `activity larger than ${MAX_ACTIVITY_BYTES} bytes`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_ACTIVITY_BYTES) throw new RequestRejected(413, `activity larger than ${MAX_ACTIVITY_BYTES} bytes`);
    chunks.push(chunk);
  }
  let json: unknown;
  try {
    json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new RequestRejected(400, 'body is not valid JSON');
  }
  const parsed = activityEnvelope.safeParse(json);
  if (!parsed.success) {
    throw new RequestRejected(400, `body is not a Bot Framework activity: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

/** CloudAdapter's view of the response; once the early acknowledgement has gone out, what it writes is moot. */
function responseFor(res: http.ServerResponse): Response {
  return {
    socket: res.socket,
    status(code: unknown) {
      if (!res.headersSent) res.statusCode = Number(code);
    },
    header(name: unknown, value: unknown) {
      if (!res.headersSent) res.setHeader(String(name), String(value));
    },
    send(body: unknown) {
      if (body === undefined || body === null || res.writableEnded) return;
      if (typeof body === 'string' || Buffer.isBuffer(body)) {
        if (!res.hasHeader('content-type')) res.setHeader('content-type', 'text/plain; charset=utf-8');
        res.write(body);
        return;
      }
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.write(JSON.stringify(body));
    },
    end() {
      if (!res.writableEnded) res.end();
    },
  };
}

function reject(res: http.ServerResponse, status: number, message: string): void {
  // Unread request bytes would otherwise be taken as the next request on a kept-alive socket.
  const headers = { 'content-type': 'application/json', ...(status === 413 ? { connection: 'close' } : {}) };
  res.writeHead(status, headers).end(JSON.stringify({ error: message }));
}

export function botRoute(adapter: CloudAdapter, logic: (context: TurnContext) => Promise<void>, logger: Logger): RouteHandler {
  return async (req, res) => {
    let body: Record<string, unknown>;
    try {
      body = await readActivity(req);
    } catch (err) {
      if (!(err instanceof RequestRejected)) throw err;
      logger.warn({ status: err.status, reason: err.message }, 'teams: request rejected');
      reject(res, err.status, err.message);
      return;
    }
    const request: Request = { body, headers: req.headers, method: req.method };
    // The channel only needs to know the activity arrived; the answer goes out through the
    // connector. So once CloudAdapter has authenticated the request (it calls the logic only
    // then), acknowledge, and let the turn run. Invokes and expectReplies carry their answer in
    // the HTTP response, so they wait for the turn.
    const ackFirst = body.type !== 'invoke' && body.deliveryMode !== 'expectReplies';
    const turn = ackFirst
      ? async (context: TurnContext) => {
          if (!res.headersSent) res.writeHead(200).end();
          await afterAcknowledgements(() => logic(context));
        }
      : logic;
    try {
      await adapter.process(request, responseFor(res), turn);
    } catch (err) {
      // CloudAdapter parses the activity with zod before its own error handling starts.
      if (err instanceof Error && err.name === 'ZodError' && !res.headersSent) {
        logger.warn({ reason: 'invalid activity' }, 'teams: request rejected');
        reject(res, 400, 'body is not a valid Bot Framework activity');
        return;
      }
      throw err;
    }
  };
}
