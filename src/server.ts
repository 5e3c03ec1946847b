/**
 * The one HTTP server: POST /slack/events (Bolt), POST /api/messages (botbuilder), GET /healthz.
 * Adapters contribute route handlers; the server knows no platform.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { frameworkText, safeError, type Logger } from './logger.js';

export type RouteHandler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void> | void;

export interface ServerOptions {
  port: number;
  host?: string;
  routes: Record<string, RouteHandler>;
  health: () => Record<string, unknown>;
  logger: Logger;
  /**
   * Listen before the app is ready: /healthz answers 503 `starting` and the routes 503, until
   * `ready()`. For a start that waits on a remote service (Slack's token check, up to 30 s), so
   * that the port is taken at once and a health check sees the process starting, not nothing.
   */
  starting?: boolean;
}

export interface RunningServer {
  server: http.Server;
  url: string;
  /** Ends the `starting` phase: health and routes answer from now on. */
  ready(): void;
  close(): Promise<void>;
}

/** What a route answers while the app starts; the platforms send again later. */
const STARTING_RETRY_AFTER_SECONDS = '5';

/**
 * A request refused for what it is (too large, not JSON, not the shape a platform sends). Routes
 * throw it; the server answers with its status and a short reason. The reason is ours, never
 * framework text or a value from the request.
 */
export class RequestRejected extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 413,
    message: string,
  ) {
    super(message);
    this.name = 'RequestRejected';
  }
}

/** Reads a request body, refusing it as soon as it passes `limit` bytes. */
export async function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw new RequestRejected(413, `body larger than ${limit} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new RequestRejected(413, `body larger than ${limit} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function refuse(res: http.ServerResponse, err: RequestRejected): void {
  // Unread request bytes would otherwise be taken as the next request on a kept-alive socket.
  const headers = { 'content-type': 'application/json', ...(err.status === 413 ? { connection: 'close' } : {}) };
  res.writeHead(err.status, headers).end(JSON.stringify({ error: err.message }));
}

/**
 * One request must never take the process down. Bolt and botbuilder start work that nobody awaits;
 * if such work rejects, Node would exit and every other user would lose the bot. The rejection is
 * logged (kind and stack only) and the server keeps serving.
 */
function guardProcess(logger: Logger): () => void {
  const onRejection = (reason: unknown) => logger.error({ err: safeError(reason) }, 'unhandled rejection from a request; still serving');
  process.on('unhandledRejection', onRejection);
  return () => process.off('unhandledRejection', onRejection);
}

/**
 * botbuilder writes to the console (console.error with whole stack traces when a token has expired
 * or does not verify): multi-line text on stderr that no log collector can parse. While a server
 * runs, console.error and console.warn become JSON lines through its logger, framework text
 * removed. With several servers in one process (tests), the latest started one's logger is used,
 * and the console is given back when the last one closes.
 */
const consoleLoggers: Logger[] = [];
const originalConsole = { error: console.error, warn: console.warn };

function routeConsole(logger: Logger): () => void {
  const log = logger.child({ component: 'console' });
  consoleLoggers.push(log);
  console.error = (...args: unknown[]) => consoleLoggers.at(-1)?.error(frameworkText(args));
  console.warn = (...args: unknown[]) => consoleLoggers.at(-1)?.warn(frameworkText(args));
  return () => {
    consoleLoggers.splice(consoleLoggers.indexOf(log), 1);
    if (consoleLoggers.length === 0) Object.assign(console, originalConsole);
  };
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  let starting = opts.starting ?? false;
  const server = http.createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (pathname === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
      res.writeHead(starting ? 503 : 200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: starting ? 'starting' : 'ok', ...opts.health() }));
      return;
    }
    const route = opts.routes[pathname];
    if (!route) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'not found' }));
      return;
    }
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST' }).end();
      return;
    }
    if (starting) {
      res.writeHead(503, { 'retry-after': STARTING_RETRY_AFTER_SECONDS }).end();
      return;
    }
    Promise.resolve()
      .then(() => route(req, res))
      .catch((err: unknown) => {
        if (err instanceof RequestRejected) {
          opts.logger.warn({ route: pathname, status: err.status, reason: err.message }, 'request refused');
          if (!res.headersSent) refuse(res, err);
          return;
        }
        opts.logger.error({ err: safeError(err), route: pathname }, 'route failed');
        // No body: whatever went wrong is for the log, not for whoever sent the request.
        if (!res.headersSent) res.writeHead(500).end();
        else if (!res.writableEnded) res.end();
      });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err) => reject(listenError(err, opts.port)));
    server.listen(opts.port, opts.host ?? '0.0.0.0', () => resolve());
  });
  const unguard = guardProcess(opts.logger);
  const unroute = routeConsole(opts.logger);
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    ready: () => {
      starting = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        unguard();
        unroute();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The operator's two usual listen failures, said so that they know what to change. */
function listenError(err: NodeJS.ErrnoException, port: number): Error {
  if (err.code === 'EADDRINUSE') {
    return new Error(`porten ${port} används redan av ett annat program (EADDRINUSE). Stoppa det, eller sätt PORT till en ledig port.`, { cause: err });
  }
  if (err.code === 'EACCES') {
    return new Error(`porten ${port} kräver behörighet som Motpart inte har (EACCES). Sätt PORT till en port över 1023.`, { cause: err });
  }
  return err;
}
