/**
 * The store factory. No configuration: the embedded SQLite store under the data directory (built
 * with the package, nothing to install or run). REDIS_URL: Redis, shared by any number of bot instances. `memory`: an in-memory
 * store for tests. All three are the same repositories over a different KvBackend.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Store } from '../core/ports.js';
import { createLogger, type Logger } from '../logger.js';
import type { KvBackend } from './backend.js';
import { lockDataDir } from './dataDirLock.js';
import { openEmbeddedKeyv } from './embedded.js';
import { memoryKeyv } from './keyvFactory.js';
import { localBackend } from './localBackend.js';
import { createRepositories } from './repositories.js';

export interface StoreOptions {
  redisUrl?: string;
  /** The embedded store's directory; created if missing. Default `./data`. */
  dataDir?: string;
  memory?: boolean;
  logger?: Logger;
}

export async function createStore(opts: StoreOptions = {}): Promise<Store> {
  const logger = opts.logger ?? createLogger('silent');
  return createRepositories(await openBackend(opts, logger), logger);
}

async function openBackend(opts: StoreOptions, logger: Logger): Promise<KvBackend> {
  if (opts.memory) return localBackend(memoryKeyv(), 'memory');
  if (opts.redisUrl) {
    // Loaded only when used, so the default path does not pull in the Redis client.
    const { redisBackend } = await import('./redisBackend.js');
    return redisBackend(opts.redisUrl, logger);
  }
  const dataDir = path.resolve(opts.dataDir ?? 'data');
  fs.mkdirSync(dataDir, { recursive: true });
  const release = lockDataDir(dataDir);
  try {
    const keyv = openEmbeddedKeyv(dataDir, logger);
    logger.info({ dataDir }, 'embedded store (one process only; set REDIS_URL for several instances)');
    return localBackend(keyv, 'file', release);
  } catch (err) {
    // A store that did not open must not keep the directory locked for the next attempt.
    await release();
    throw err;
  }
}
