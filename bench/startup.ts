/**
 * Start-up and memory: the real `motpart serve`, configured for Slack and Teams, spawned with a
 * corpus written as YAML, timed from spawn until GET /healthz answers, and its resident memory read
 * from /proc right after. Two kinds of start: the first after a knowledge change (no knowledge
 * cache: the YAML is read, validated and indexed), and a restart (the cache the first start wrote).
 * Each is run a few times; the median is the figure, as single starts on a shared machine vary by a
 * third. After the restarts, each part of a start is run on its own (bench/startupParts.ts), to say
 * what the time and memory go to.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { CACHE_FILE_NAME } from '../src/knowledge/cache.js';
import { loadAndBuild } from '../src/knowledge/knowledge.js';
import type { KnowledgeData } from '../src/core/knowledge/schema.js';
import { startFakeSlack } from '../test/support/fakeSlack.js';
import { writeCorpusYaml } from './corpus.js';
import { msSince, nowNs, round } from './measure.js';
import type { PartFigures } from './startupParts.js';

export type StartKind = 'first' | 'restart';

/** The middle value, or the mean of the two middle ones: the nearest-rank p50 of two starts is the faster one. */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface StartupFigures {
  corpus: string;
  functions: number;
  snippets: number;
  command: string;
  start: StartKind;
  runs: number;
  /** Median over the runs. */
  readyMs: number;
  minReadyMs: number;
  maxReadyMs: number;
  /** The highest over the runs, at ready. */
  rssMB: number;
  peakRssMB: number;
  /** First start only: the highest RSS once the knowledge cache is written (a second after ready). */
  rssAfterCacheMB?: number;
  /** First start only: the longest the event loop was held while the same files were loaded as a hot reload. */
  reloadPauseMs?: number;
  /** Median over the runs of the server's own "knowledge loaded" time: the knowledge's part of the start (from the files or the cache). */
  knowledgeMs?: number;
  /**
   * Restart only: each part of a start on its own, in a fresh process (bench/startupParts.ts):
   * Node.js itself, importing the chat adapters (both, Slack only, Teams only), and the knowledge
   * through the cache without them.
   */
  parts?: Record<StartupPart, PartFigures>;
}

export type StartupPart = 'node' | 'adapters' | 'slack' | 'teams' | 'knowledge';

const READY_TIMEOUT_MS = 120_000;
const COMMAND = 'node dist/src/cli/main.js serve';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** VmRSS and VmHWM of a process, in MB (Linux /proc). */
async function memoryOf(pid: number): Promise<{ rss: number; peak: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rss: round(kb('VmRSS') / 1024, 1), peak: round(kb('VmHWM') / 1024, 1) };
}

async function healthy(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}

interface Started {
  readyMs: number;
  rss: number;
  peak: number;
  rssAfterCache?: number;
  knowledgeMs?: number;
}

/** The `ms` of the server's "knowledge loaded" log line (JSON lines on stdout at LOG_LEVEL=info). */
function knowledgeLoadedMs(stdout: string): number | undefined {
  for (const line of stdout.split('\n')) {
    if (!line.includes('"knowledge loaded"')) continue;
    const ms = (JSON.parse(line) as { ms?: unknown }).ms;
    if (typeof ms === 'number') return ms;
  }
  return undefined;
}

/** One start of the server; for a first start, also waits for the knowledge cache and reads RSS again. */
async function startOnce(entry: string, env: NodeJS.ProcessEnv, cacheFile: string, kind: StartKind): Promise<Started> {
  const port = await freePort();
  const started = nowNs();
  const child = spawn(process.execPath, [entry, 'serve'], { env: { ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  const failIfGone = () => {
    if (exitCode !== undefined) throw new Error(`motpart serve exited with ${exitCode}:\n${stderr.slice(-2000)}`);
    if (msSince(started) > READY_TIMEOUT_MS) throw new Error(`motpart serve did not get there within ${READY_TIMEOUT_MS} ms`);
  };
  try {
    const url = `http://127.0.0.1:${port}/healthz`;
    while (!(await healthy(url))) {
      failIfGone();
      await new Promise((r) => setTimeout(r, 5));
    }
    const readyMs = msSince(started);
    const memory = await memoryOf(child.pid!);
    const knowledgeMs = knowledgeLoadedMs(stdout);
    const logged = knowledgeMs === undefined ? {} : { knowledgeMs };
    if (kind === 'restart') return { readyMs, rss: memory.rss, peak: memory.peak, ...logged };
    while (!existsSync(cacheFile)) {
      failIfGone();
      await new Promise((r) => setTimeout(r, 20));
    }
    const after = await memoryOf(child.pid!);
    return { readyMs, rss: memory.rss, peak: after.peak, rssAfterCache: after.rss, ...logged };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

/**
 * The longest time no other callback could run while the knowledge is loaded as a hot reload does
 * (in this process; requests arriving then would wait that long).
 */
async function longestReloadPause(dir: string): Promise<number> {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  try {
    await loadAndBuild(dir);
  } finally {
    clearInterval(timer);
  }
  return Math.max(longest, performance.now() - last);
}

/** One part of a start in a fresh process (bench/startupParts.ts). */
function startupPart(root: string, args: string[]): Promise<PartFigures> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'dist', 'bench', 'startupParts.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as PartFigures) : reject(new Error(`start-up part ${args.join(' ')} exited with ${code}:\n${err.slice(-2000)}`))));
  });
}

/** What a restart's time and memory go to: each part started on its own (the cache must be the one the restarts used). */
async function startupParts(root: string, knowledgeDir: string, cacheFile: string, log: (line: string) => void): Promise<Record<StartupPart, PartFigures>> {
  const parts: Record<StartupPart, string[]> = {
    node: ['node'],
    adapters: ['adapters', 'both'],
    slack: ['adapters', 'slack'],
    teams: ['adapters', 'teams'],
    knowledge: ['knowledge', knowledgeDir, cacheFile],
  };
  const figures = {} as Record<StartupPart, PartFigures>;
  for (const [part, args] of Object.entries(parts) as Array<[StartupPart, string[]]>) {
    figures[part] = await startupPart(root, args);
    log(`  part ${part}: ${figures[part].ms} ms, RSS ${figures[part].rssMB} MB, heap ${figures[part].heapMB} MB`);
  }
  return figures;
}

/** `repeats` starts of each kind; `log` hears of each start as it ends. */
export async function benchStartup(corpus: string, data: KnowledgeData, root: string, repeats: number, log: (line: string) => void = () => undefined): Promise<StartupFigures[]> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'motpart-bench-'));
  const knowledgeDir = path.join(work, 'knowledge');
  const dataDir = path.join(work, 'data');
  const cacheFile = path.join(dataDir, CACHE_FILE_NAME);
  await writeCorpusYaml(data, knowledgeDir);
  const entry = path.join(root, 'dist', 'src', 'cli', 'main.js');
  // Started as it is deployed, with both platforms: Slack over HTTP (its bot token is checked
  // against a fake Web API at start) and Teams with an app id, so Bolt is loaded as well as botbuilder.
  const fakeSlack = await startFakeSlack();
  const env = {
    PATH: process.env.PATH ?? '',
    MOTPART_KNOWLEDGE_DIR: knowledgeDir,
    MOTPART_DATA_DIR: dataDir,
    // Info, for the server's own "knowledge loaded" line; a deployment logs at info too.
    LOG_LEVEL: 'info',
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: 'bench-signing-secret',
    SLACK_API_URL: fakeSlack.apiUrl,
    MICROSOFT_APP_ID: '00000000-0000-4000-8000-000000000001',
    MICROSOFT_APP_PASSWORD: 'bench-app-password',
  };
  try {
    const figures: StartupFigures[] = [];
    for (const kind of ['first', 'restart'] as const) {
      const runs: Started[] = [];
      for (let i = 0; i < repeats; i++) {
        if (kind === 'first') await rm(cacheFile, { force: true });
        const run = await startOnce(entry, env, cacheFile, kind);
        log(`  ${corpus} ${kind} start ${i + 1}/${repeats}: ready in ${Math.round(run.readyMs)} ms (knowledge loaded in ${run.knowledgeMs ?? '–'} ms), RSS ${run.rss} MB`);
        runs.push(run);
      }
      const ready = runs.map((r) => r.readyMs);
      const after = runs.flatMap((r) => (r.rssAfterCache === undefined ? [] : [r.rssAfterCache]));
      const knowledge = runs.flatMap((r) => (r.knowledgeMs === undefined ? [] : [r.knowledgeMs]));
      figures.push({
        corpus,
        functions: data.functions.length,
        snippets: data.guidance.length,
        command: COMMAND,
        start: kind,
        runs: runs.length,
        readyMs: round(median(ready), 0),
        minReadyMs: round(Math.min(...ready), 0),
        maxReadyMs: round(Math.max(...ready), 0),
        rssMB: Math.max(...runs.map((r) => r.rss)),
        peakRssMB: Math.max(...runs.map((r) => r.peak)),
        ...(after.length > 0 ? { rssAfterCacheMB: Math.max(...after) } : {}),
        ...(knowledge.length > 0 ? { knowledgeMs: round(median(knowledge), 0) } : {}),
        ...(kind === 'first' ? { reloadPauseMs: round(await longestReloadPause(knowledgeDir), 0) } : { parts: await startupParts(root, knowledgeDir, cacheFile, log) }),
      });
    }
    return figures;
  } finally {
    await fakeSlack.close();
    await rm(work, { recursive: true, force: true });
  }
}
