/**
 * Shared by the store tests: captured log lines, fictional personal numbers with a valid check
 * digit, and bot processes built from the sources.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Input } from '../../../src/core/motpart.js';
import type { Asker } from '../../../src/core/ports.js';
import type { Reply } from '../../../src/core/reply.js';
import { createLogger, type Logger } from '../../../src/logger.js';
import { afterAll, beforeAll } from 'vitest';
import { luhnCheckDigit } from '../../support/luhn.js';
import { startRedis, type TestRedis } from '../../support/redis.js';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const fixtureKnowledge = path.join(root, 'test', 'fixtures', 'knowledge-basic');

export interface CapturedLogs {
  logger: Logger;
  lines: string[];
}

/** A pino logger at debug level whose every line is kept, to check what would reach a log file. */
export function captureLogs(): CapturedLogs {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      callback();
    },
  });
  return { logger: createLogger('debug', stream), lines };
}

/** A fictional personnummer with a valid check digit, `YYYYMMDD-NNNN`, different for each seed. */
export function personalNumber(seed: number): string {
  const year = 1950 + (seed % 60);
  const month = String(1 + (seed % 12)).padStart(2, '0');
  const day = String(1 + (seed % 28)).padStart(2, '0');
  const serial = String(100 + ((seed * 37) % 900));
  const nine = `${String(year).slice(2)}${month}${day}${serial}`;
  return `${year}${month}${day}-${serial}${luhnCheckDigit(nine)}`;
}

/** A fictional samordningsnummer (day + 60) with a valid check digit. */
export function coordinationNumber(seed: number): string {
  const pnr = personalNumber(seed);
  const day = String(Number(pnr.slice(6, 8)) + 60);
  const nine = `${pnr.slice(2, 6)}${day}${pnr.slice(9, 12)}`;
  return `${pnr.slice(0, 6)}${day}-${pnr.slice(9, 12)}${luhnCheckDigit(nine)}`;
}

/** The ways a personal number can appear in stored text, keys (URL-encoded) and logs, for leak checks. */
export function spellings(pnr: string): string[] {
  const [date, last] = pnr.split('-') as [string, string];
  const short = date.slice(2);
  return [`${short}${last}`, `${short}-${last}`, `${short}+${last}`, `${short} ${last}`, `${short}%20${last}`];
}

export interface BotProcess {
  /** `now`: the bot's clock from this request on (ISO time); unset: as before. */
  handle(input: Input, asker: Asker, now?: string): Promise<Reply>;
  close(): Promise<void>;
}

/**
 * Compiles the bot script and what it imports (the core and the store) once per test file, into a
 * directory of the file's own: two test files building into one directory at once (they run in
 * parallel) let a bot start on a half-written module ("does not provide an export named …").
 * Returns the directory and the compiled script.
 */
export async function buildBot(): Promise<{ dir: string; main: string }> {
  await mkdir(path.join(root, 'test-artifacts'), { recursive: true });
  const botBuild = await mkdtemp(path.join(root, 'test-artifacts', 'store-bot-'));
  const botMain = path.join(botBuild, 'test', 'store', 'support', 'bot.js');
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const args = ['--outDir', botBuild, '--rootDir', root, '--module', 'NodeNext', '--moduleResolution', 'NodeNext', '--target', 'ES2022'];
  args.push('--skipLibCheck', '--types', 'node', '--strict', path.join(root, 'test', 'store', 'support', 'bot.ts'));
  // Type errors elsewhere in a tree under construction must not stop the emit; the file check below decides.
  await promisify(execFile)(process.execPath, [tsc, ...args], { cwd: root }).catch(() => undefined);
  if (!existsSync(botMain)) throw new Error(`bot build failed: ${botMain} missing`);
  return { dir: botBuild, main: botMain };
}

export async function startBot(botMain: string, env: { REDIS_URL: string }): Promise<BotProcess> {
  const child = spawn(process.execPath, [botMain], {
    env: { PATH: process.env.PATH, MOTPART_KNOWLEDGE_DIR: fixtureKnowledge, ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const waiting = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  let markReady: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    const message = JSON.parse(line) as { ready?: true; id?: number; reply?: Reply; error?: string };
    if (message.ready) return markReady();
    const entry = waiting.get(message.id!);
    waiting.delete(message.id!);
    if (message.reply) entry?.resolve(message.reply);
    else entry?.reject(new Error(message.error));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await Promise.race([ready, exited.then(() => Promise.reject(new Error('bot process exited before it was ready')))]);
  return {
    handle: (input, asker, now) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        waiting.set(id, { resolve, reject });
        child.stdin!.write(`${JSON.stringify({ id, input, asker, ...(now ? { now } : {}) })}\n`);
      }),
    close: async () => {
      child.stdin!.end();
      await exited;
    },
  };
}

/** A Redis server of the test file's own and temporary data directories, all removed after the file. */
export function storeTestEnvironment(): { redis: () => TestRedis; tempDir: (prefix: string) => Promise<string> } {
  let redis: TestRedis | undefined;
  const dirs: string[] = [];
  beforeAll(async () => {
    redis = await startRedis();
  }, 60_000);
  afterAll(async () => {
    await redis?.stop();
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });
  return {
    redis: () => redis!,
    async tempDir(prefix) {
      const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
      dirs.push(dir);
      return dir;
    },
  };
}

/** A Redis server of the test file's own with two bot processes on it, all stopped after the file. */
export function twoBotsOnRedis(): { redis: () => TestRedis; botA: () => BotProcess; botB: () => BotProcess } {
  let redis: TestRedis | undefined;
  let botA: BotProcess | undefined;
  let botB: BotProcess | undefined;
  let build: { dir: string; main: string } | undefined;
  beforeAll(async () => {
    [redis, build] = await Promise.all([startRedis(), buildBot()]);
    [botA, botB] = await Promise.all([startBot(build.main, { REDIS_URL: redis.url }), startBot(build.main, { REDIS_URL: redis.url })]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([botA?.close(), botB?.close()]);
    await redis?.stop();
    if (build) await rm(build.dir, { recursive: true, force: true });
  });
  return { redis: () => redis!, botA: () => botA!, botB: () => botB! };
}
