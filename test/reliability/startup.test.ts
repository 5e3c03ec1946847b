/**
 * Issue 20, failure 6: a start-up that failed kept the process running, holding `motpart.lock`
 * (port in use), or retried an unreachable Slack for half an hour. The real `motpart serve`,
 * compiled and spawned as an operator runs it: every failure must end the process with a non-zero
 * code and a message naming the cause, within 10 s (30 s of retries for Slack), leaving no lock.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import http from 'node:http';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../src/store/dataDirLock.js';
import { compiledWithTempDir, root } from './support/compile.js';

const fixture = path.join(root, 'test', 'fixtures', 'knowledge-basic');
const { script: main, dir: work } = compiledWithTempDir('startup', ['src/cli/main.ts'], 'motpart-startup-');
let dataDir: string;

let seq = 0;
beforeEach(async () => {
  dataDir = path.join(work(), `data-${seq++}`);
  await mkdir(dataDir);
});

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  stdout: string;
  ms: number;
}

/** `motpart serve` with the given environment; killed (and reported as such) if it outlives `limitMs`. */
function serve(env: NodeJS.ProcessEnv, limitMs: number): Promise<Exit> {
  const started = performance.now();
  const child = spawn(process.execPath, [main(), 'serve'], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, MOTPART_KNOWLEDGE_DIR: fixture, MOTPART_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
    cwd: work(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const limit = setTimeout(() => child.kill('SIGKILL'), limitMs);
  return new Promise((resolve) =>
    child.once('close', (code, signal) => {
      clearTimeout(limit);
      resolve({ code, signal, stderr, stdout, ms: performance.now() - started });
    }),
  );
}

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)));
}

/** A loopback port that nothing listens on: taken, then given back. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  const port = await listen(server);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const output = (r: Exit) => `${r.stderr}\n${r.stdout}`;

describe('motpart serve fails fast and cleanly', () => {
  it('exits non-zero within 10 s when the port is in use, naming the port, and frees the lock', async () => {
    const holder = net.createServer();
    const port = await listen(holder);
    try {
      const r = await serve({ PORT: String(port) }, 20_000);
      expect(r.signal, output(r)).toBeNull();
      expect(r.code).not.toBe(0);
      expect(r.ms).toBeLessThan(10_000);
      expect(output(r)).toMatch(new RegExp(`${port}.*används redan.*PORT`, 's'));
      expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
    } finally {
      holder.close();
    }
  });

  it('exits non-zero within 10 s when the knowledge cannot be read, naming the file', async () => {
    const knowledge = path.join(work(), `knowledge-${seq}`);
    await cp(fixture, knowledge, { recursive: true });
    await writeFile(path.join(knowledge, 'trasig.yaml'), 'functions:\n  - id: [oavslutad\n');
    const r = await serve({ PORT: '0', MOTPART_KNOWLEDGE_DIR: knowledge }, 20_000);
    expect(r.signal, output(r)).toBeNull();
    expect(r.code).not.toBe(0);
    expect(r.ms).toBeLessThan(10_000);
    expect(output(r)).toContain('trasig.yaml');
    expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
  });

  it('exits non-zero within 10 s when the store is held by another live process, naming it, and leaves that lock alone', async () => {
    // This test process stands in for the other Motpart: alive, and not the child.
    await writeFile(path.join(dataDir, LOCK_FILE), String(process.pid));
    const r = await serve({ PORT: '0' }, 20_000);
    expect(r.signal, output(r)).toBeNull();
    expect(r.code).not.toBe(0);
    expect(r.ms).toBeLessThan(10_000);
    expect(output(r)).toMatch(new RegExp(`pid ${process.pid}.*REDIS_URL`, 's'));
    expect(await readFile(path.join(dataDir, LOCK_FILE), 'utf8')).toBe(String(process.pid));
  });

  it('gives an unreachable Slack API at most 30 s, then exits non-zero naming Slack, and frees the lock', async () => {
    const slackPort = await closedPort();
    const r = await serve(
      { PORT: '0', SLACK_BOT_TOKEN: 'xoxb-fiktiv', SLACK_SIGNING_SECRET: 'fiktiv-hemlighet', SLACK_API_URL: `http://127.0.0.1:${slackPort}/api/` },
      60_000,
    );
    expect(r.signal, output(r)).toBeNull();
    expect(r.code).not.toBe(0);
    expect(r.ms).toBeLessThan(40_000);
    expect(output(r)).toMatch(/Slack.*SLACK_API_URL/s);
    expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
  }, 70_000);

  it('in Socket Mode, gives a WebSocket that cannot be opened at most 30 s too, then exits non-zero naming Slack, and frees the lock', async () => {
    // Slack confirms the bot token, then never answers apps.connections.open.
    const slack = http.createServer((req, res) => {
      if (!req.url?.endsWith('/auth.test')) return;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, team_id: 'TFIKTIV', user_id: 'UBOTMOTPART', bot_id: 'BBOTMOTPART' }));
    });
    const slackPort = await listen(slack);
    try {
      const r = await serve(
        { PORT: '0', SLACK_BOT_TOKEN: 'xoxb-fiktiv', SLACK_APP_TOKEN: 'xapp-fiktiv', SLACK_API_URL: `http://127.0.0.1:${slackPort}/api/` },
        60_000,
      );
      expect(r.signal, output(r)).toBeNull();
      expect(r.code).not.toBe(0);
      expect(r.ms).toBeLessThan(40_000);
      expect(output(r)).toMatch(/Slack svarade inte inom 30 s.*SLACK_API_URL/s);
      expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
    } finally {
      slack.closeAllConnections();
      slack.close();
    }
  }, 70_000);

  it('retries a Slack API that is down at start, answering /healthz with 503 "starting" meanwhile, and serves once it answers', async () => {
    const slackPort = await closedPort();
    const child = spawn(process.execPath, [main(), 'serve'], {
      env: {
        PATH: process.env.PATH,
        MOTPART_KNOWLEDGE_DIR: fixture,
        MOTPART_DATA_DIR: dataDir,
        LOG_LEVEL: 'info',
        PORT: '0',
        SLACK_BOT_TOKEN: 'xoxb-fiktiv',
        SLACK_SIGNING_SECRET: 'fiktiv-hemlighet',
        SLACK_API_URL: `http://127.0.0.1:${slackPort}/api/`,
      },
      cwd: work(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let logs = '';
    for (const stream of [child.stdout, child.stderr]) stream.on('data', (c: Buffer) => (logs += c.toString()));
    const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
    const started = performance.now();
    // While it waits for Slack, the port is taken and /healthz says so: starting, not ready (503).
    await expect.poll(() => /"url":"(http:\/\/127\.0\.0\.1:\d+)".*waiting for Slack/.exec(logs)?.[1], { timeout: 10_000, interval: 50 }).toBeDefined();
    const startingUrl = /"url":"(http:\/\/127\.0\.0\.1:\d+)".*waiting for Slack/.exec(logs)![1]!;
    const health = await fetch(`${startingUrl}/healthz`);
    expect(health.status).toBe(503);
    // Configured but not yet serving: the adapter's health says so until Slack has answered.
    expect(await health.json()).toMatchObject({ status: 'starting', slack: false });
    const early = await fetch(`${startingUrl}/slack/events`, { method: 'POST', body: '{}' });
    expect(early.status).toBe(503);
    expect(await early.text()).toBe('');
    // Slack comes back after 6 s, well past the client's own retries for replies (about 2.5 s):
    // start-up keeps asking within its 30 s deadline, and serves once Slack answers.
    await new Promise((r) => setTimeout(r, started + 6_000 - performance.now()));
    const slack = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, url: 'https://fiktiv.slack.com/', team: 'Fiktiv', user: 'motpart', team_id: 'TFIKTIV', user_id: 'UBOTMOTPART', bot_id: 'BBOTMOTPART' }));
    });
    await new Promise<void>((resolve) => slack.listen(slackPort, '127.0.0.1', () => resolve()));
    try {
      await expect.poll(() => /"url":"(http:\/\/127\.0\.0\.1:\d+)".*motpart server listening/.exec(logs)?.[1], { timeout: 30_000, interval: 100 }).toBeDefined();
      const url = /"url":"(http:\/\/127\.0\.0\.1:\d+)".*motpart server listening/.exec(logs)![1]!;
      const ms = performance.now() - started;
      expect(url).toBe(startingUrl);
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      expect(ms).toBeGreaterThan(6_000);
      expect(ms).toBeLessThan(30_000);
    } finally {
      child.kill('SIGTERM');
      await exited;
      slack.close();
    }
    expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
  }, 60_000);
});
