/**
 * Issue 20, failure 6: a start-up that failed kept the process running, holding `motpart.lock`
 * (port in use), or retried an unreachable Slack for half an hour. The real `motpart serve`,
 * compiled and spawned as an operator runs it: every failure must end the process with a non-zero
 * code and a message naming the cause, within 10 s (30 s of retries for Slack), leaving no lock.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../src/store/dataDirLock.js';
import { compile, root } from './support/compile.js';

const fixture = path.join(root, 'test', 'fixtures', 'knowledge-basic');
let main: string;
let work: string;
let dataDir: string;

beforeAll(async () => {
  [main] = (await compile('startup', ['src/cli/main.ts'])) as [string];
  work = await mkdtemp(path.join(os.tmpdir(), 'motpart-startup-'));
}, 120_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

let seq = 0;
beforeEach(async () => {
  dataDir = path.join(work, `data-${seq++}`);
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
  const child = spawn(process.execPath, [main, 'serve'], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, MOTPART_KNOWLEDGE_DIR: fixture, MOTPART_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
    cwd: work,
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
    const knowledge = path.join(work, `knowledge-${seq}`);
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
});
