/**
 * Start-up and memory: the real `motpart serve` spawned with a corpus written as YAML, timed from
 * spawn until GET /healthz answers, and its resident memory read from /proc right after.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { KnowledgeData } from '../src/knowledge/schema.js';
import { writeCorpusYaml } from './corpus.js';
import { msSince, nowNs, round } from './measure.js';

export interface StartupFigures {
  corpus: string;
  functions: number;
  snippets: number;
  command: string;
  readyMs: number;
  rssMB: number;
  peakRssMB: number;
}

const READY_TIMEOUT_MS = 120_000;

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

export async function benchStartup(corpus: string, data: KnowledgeData, root: string): Promise<StartupFigures> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'motpart-bench-'));
  const knowledgeDir = path.join(work, 'knowledge');
  await writeCorpusYaml(data, knowledgeDir);
  const port = await freePort();
  const entry = path.join(root, 'dist', 'src', 'cli', 'main.js');
  const env = {
    PATH: process.env.PATH ?? '',
    PORT: String(port),
    MOTPART_KNOWLEDGE_DIR: knowledgeDir,
    MOTPART_DATA_DIR: path.join(work, 'data'),
    LOG_LEVEL: 'warn',
  };
  const started = nowNs();
  const child = spawn(process.execPath, [entry, 'serve'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  try {
    const url = `http://127.0.0.1:${port}/healthz`;
    while (!(await healthy(url))) {
      if (exitCode !== undefined) throw new Error(`motpart serve exited with ${exitCode} before it was ready:\n${stderr.slice(-2000)}`);
      if (msSince(started) > READY_TIMEOUT_MS) throw new Error(`motpart serve was not ready within ${READY_TIMEOUT_MS} ms`);
      await new Promise((r) => setTimeout(r, 5));
    }
    const readyMs = msSince(started);
    const memory = await memoryOf(child.pid!);
    return { corpus, functions: data.functions.length, snippets: data.guidance.length, command: 'node dist/src/cli/main.js serve', readyMs: round(readyMs, 0), rssMB: memory.rss, peakRssMB: memory.peak };
  } finally {
    child.kill('SIGTERM');
    await exited;
    await rm(work, { recursive: true, force: true });
  }
}
