/**
 * What the fake Slack and the fake Bot Connector share as HTTP servers: each request's body read
 * whole before it is answered, and a listening socket on a free loopback port.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A server that hands each request over once its body has arrived, as text, with the request's path. */
export function bodyReadingServer(onRequest: (req: http.IncomingMessage, res: http.ServerResponse, body: string, path: string) => void): http.Server {
  return http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => onRequest(req, res, Buffer.concat(chunks).toString('utf8'), new URL(req.url ?? '/', 'http://localhost').pathname));
  });
}

/** Listens on a free port on 127.0.0.1 and returns the port. */
export async function listenOnLoopback(server: http.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}
