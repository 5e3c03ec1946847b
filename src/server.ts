/**
 * The one HTTP server: POST /slack/events (Bolt), POST /api/messages (botbuilder), GET /healthz.
 * Adapters contribute route handlers; the server knows no platform.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from './logger.js';

export type RouteHandler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void> | void;

export interface ServerOptions {
  port: number;
  host?: string;
  routes: Record<string, RouteHandler>;
  health: () => Record<string, unknown>;
  logger: Logger;
}

export interface RunningServer {
  server: http.Server;
  url: string;
  close(): Promise<void>;
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const server = http.createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (pathname === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok', ...opts.health() }));
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
    Promise.resolve(route(req, res)).catch((err: unknown) => {
      opts.logger.error({ err, route: pathname }, 'route failed');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'internal error' }));
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err) => reject(listenError(err, opts.port)));
    server.listen(opts.port, opts.host ?? '0.0.0.0', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
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

/**
 * Reply work that waits for acknowledgements. Slack and Teams only need the HTTP response to know a
 * request arrived (Slack gives up after 3 s); the answer goes out by a separate post. So after a
 * listener has acknowledged, its reply work queues here and runs one job per turn of the event loop:
 * requests already waiting on their sockets are read, checked and acknowledged between two jobs,
 * instead of after every answer queued before them. Jobs start in arrival order, so one user's
 * replies keep their order. The queue is bounded: past MAX_WAITING jobs, each turn starts as many
 * as it takes to get back under it, so under overload replies are late by at most that many answers
 * and acknowledgements slow down instead, which is the signal a load balancer needs.
 */
const MAX_WAITING = 64;
const waiting: Array<() => void> = [];
let draining = false;

function drainReplies(): void {
  let started = 0;
  while (waiting.length > 0 && (started === 0 || waiting.length > MAX_WAITING)) {
    waiting.shift()!();
    started++;
  }
  if (waiting.length > 0) setImmediate(drainReplies);
  else draining = false;
}

export function afterAcknowledgements<T>(work: () => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    waiting.push(() => {
      work().then(resolve, reject);
    });
    if (!draining) {
      draining = true;
      setImmediate(drainReplies);
    }
  });
}
