/**
 * The Slack adapter's keep-alive fetch: what Bolt and the WebClient send must arrive as sent, the
 * answer must read like any fetch Response, sockets are reused, and TLS certificates are checked.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import ts from 'typescript';
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

  describe('over TLS, as to slack.com', () => {
    const here = path.dirname(fileURLToPath(import.meta.url));
    const certFile = path.join(here, '..', 'fixtures', 'tls', 'localhost-cert.pem');
    const tls = https.createServer({ key: readFileSync(path.join(here, '..', 'fixtures', 'tls', 'localhost-key.pem')), cert: readFileSync(certFile) }, handler);
    let tlsBase: string;
    beforeAll(async () => {
      await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
      tlsBase = `https://127.0.0.1:${(tls.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => tls.close(() => resolve())));

    it('refuses a server whose TLS certificate nobody vouches for', async () => {
      const before = seen.length;
      await expect(keepAliveFetch(`${tlsBase}/api/auth.test`, { method: 'POST', body: '{}' })).rejects.toThrow(/self[- ]signed|certificate/i);
      expect(seen.length).toBe(before);
    });

    it('posts to a server it trusts, and keeps the connection for the next post', async () => {
      // A process trusts extra certificates only from NODE_EXTRA_CA_CERTS at start, so the
      // transport runs in a child process that trusts the test certificate, as one would trust a
      // company proxy's; the module is transpiled as it is, without a build.
      const work = await mkdtemp(path.join(os.tmpdir(), 'motpart-tls-'));
      try {
        const source = await readFile(path.join(here, '..', '..', 'src', 'adapters', 'slack', 'transport.ts'), 'utf8');
        const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
        await writeFile(path.join(work, 'transport.mjs'), js);
        await writeFile(
          path.join(work, 'post.mjs'),
          `import { keepAliveFetch } from './transport.mjs';
const answers = [];
for (const text of ['Får soc lämna uppgifter? åäö', 'igen']) {
  const res = await keepAliveFetch(process.argv[2], { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) });
  answers.push({ status: res.status, json: await res.json() });
}
console.log(JSON.stringify(answers));
process.exit(0);`,
        );
        sockets.clear();
        const { stdout } = await promisify(execFile)(process.execPath, [path.join(work, 'post.mjs'), `${tlsBase}/api/chat.postMessage`], {
          env: { PATH: process.env.PATH, NODE_EXTRA_CA_CERTS: certFile },
        });
        expect(JSON.parse(stdout)).toEqual([
          { status: 200, json: { ok: true, echo: '{"text":"Får soc lämna uppgifter? åäö"}' } },
          { status: 200, json: { ok: true, echo: '{"text":"igen"}' } },
        ]);
        expect(sockets.size).toBe(1);
      } finally {
        await rm(work, { recursive: true, force: true });
      }
    });
  });
});
