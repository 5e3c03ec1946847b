/**
 * The Slack adapter's keep-alive fetch: what Bolt and the WebClient send must arrive as sent, the
 * answer must read like any fetch Response, sockets are reused, and TLS certificates are checked.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keepAliveFetch } from '../../src/adapters/slack/transport.js';

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const seen: Seen[] = [];
const sockets = new Set<unknown>();
const handler: http.RequestListener = (req, res) => {
  sockets.add(req.socket);
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    seen.push({ method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
    if (req.url === '/empty') return void res.writeHead(204).end();
    res.writeHead(req.url === '/missing' ? 404 : 200, { 'content-type': 'application/json', 'set-cookie': ['a=1', 'b=2'] });
    res.end(JSON.stringify({ ok: req.url !== '/missing', echo: Buffer.concat(chunks).toString('utf8') }));
  });
};
const server = http.createServer(handler);
let base: string;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('keepAliveFetch', () => {
  it('sends method, headers and a JSON body as given, and reads the answer like fetch', async () => {
    const res = await keepAliveFetch(`${base}/api/chat.postMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', authorization: 'Bearer xoxb-fiktiv' },
      body: JSON.stringify({ text: 'Får soc lämna uppgifter? åäö' }),
    });
    expect(res.status).toBe(200);
    expect(res.ok).toBe(true);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('set-cookie')).toBe('a=1, b=2');
    expect(await res.json()).toEqual({ ok: true, echo: '{"text":"Får soc lämna uppgifter? åäö"}' });
    const last = seen.at(-1)!;
    expect(last).toMatchObject({ method: 'POST', url: '/api/chat.postMessage', body: '{"text":"Får soc lämna uppgifter? åäö"}' });
    expect(last.headers.authorization).toBe('Bearer xoxb-fiktiv');
    expect(last.headers['content-length']).toBe(String(Buffer.byteLength('{"text":"Får soc lämna uppgifter? åäö"}')));
  });

  it('sends a form body and passes an error status through', async () => {
    const res = await keepAliveFetch(new URL(`${base}/missing`), { method: 'POST', body: new URLSearchParams({ token: 'x', channel: 'C1' }) });
    expect(res.status).toBe(404);
    expect(res.ok).toBe(false);
    expect(seen.at(-1)!.body).toBe('token=x&channel=C1');
  });

  it('gives a 204 without a body', async () => {
    const res = await keepAliveFetch(`${base}/empty`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(204);
    expect(res.body).toBeNull();
  });

  it('reuses one socket for requests one after another', async () => {
    sockets.clear();
    for (let i = 0; i < 5; i++) await (await keepAliveFetch(`${base}/again`, { method: 'POST', body: String(i) })).text();
    expect(sockets.size).toBe(1);
  });

  it('hands a FormData body (file uploads) to the global fetch', async () => {
    const form = new FormData();
    form.set('channel', 'C1');
    const res = await keepAliveFetch(`${base}/api/files.upload`, { method: 'POST', body: form });
    expect(res.status).toBe(200);
    expect(seen.at(-1)!.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
  });

  it('refuses a server whose TLS certificate nobody vouches for', async () => {
    const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'tls');
    const tls = https.createServer({ key: readFileSync(path.join(dir, 'localhost-key.pem')), cert: readFileSync(path.join(dir, 'localhost-cert.pem')) }, handler);
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
    try {
      const before = seen.length;
      await expect(keepAliveFetch(`https://127.0.0.1:${(tls.address() as AddressInfo).port}/api/auth.test`, { method: 'POST', body: '{}' })).rejects.toThrow(/self[- ]signed|certificate/i);
      expect(seen.length).toBe(before);
    } finally {
      await new Promise<void>((resolve) => tls.close(() => resolve()));
    }
  });
});
