/**
 * The backend for several instances: plain reads and writes through keyv's Redis adapter, atomic
 * ones through redisAtomic.ts, on one node-redis client that this module owns and configures for
 * an outage: short connect timeout, no offline queue (a command fails at once while Redis is down
 * instead of waiting), endless reconnects with backoff, and an 'error' listener so a lost
 * connection is logged, never an unhandled event that ends the process.
 */
import KeyvRedis, { createClient } from '@keyv/redis';
import type { Logger } from '../logger.js';
import type { KvBackend } from './backend.js';
import { deserialize, serialize } from './codec.js';
import { keyvOver } from './keyvFactory.js';
import { compareAndSwap, incrementInWindow, type RedisClient } from './redisAtomic.js';
import { io, OPERATION_TIMEOUT_MS } from './unavailable.js';

const MAX_RECONNECT_DELAY_MS = 2_000;

export async function redisBackend(url: string, logger: Logger): Promise<KvBackend> {
  const client: RedisClient = createClient({
    url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: OPERATION_TIMEOUT_MS,
      reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, MAX_RECONNECT_DELAY_MS),
    },
  });
  watchConnection(client, logger);

  // connect() keeps retrying until Redis answers, so it is not awaited to the end: the bot starts
  // either way and state actions say "cannot save right now" until the connection is up.
  const connected = client.connect();
  connected.catch(() => undefined);
  const ready = await Promise.race([connected.then(() => true), new Promise<boolean>((r) => setTimeout(r, OPERATION_TIMEOUT_MS, false).unref())]);
  if (!ready) logger.warn({ redis: safeUrl(url) }, 'Redis not reachable at start; retrying in the background');

  const adapter = new KeyvRedis(client, { throwOnErrors: true, throwOnConnectError: true });
  // Already logged by the client listener; an adapter 'error' must not go unhandled.
  adapter.on('error', () => undefined);
  const keyv = keyvOver(adapter);

  return {
    kind: 'redis',
    get: (key) => io(() => keyv.get(key)),
    set: (key, value) =>
      io(async () => {
        await keyv.set(key, value);
      }),
    async update(key, change) {
      let next: unknown;
      await compareAndSwap(client, key, (raw) => {
        next = change(deserialize(raw)?.value);
        return next === undefined ? undefined : serialize({ value: next });
      });
      return next;
    },
    increment: (key, windowMs) => incrementInWindow(client, key, windowMs),
    close: async () => {
      // Let commands in flight finish when Redis is there; when it is not, there is nothing to wait for.
      if (client.isReady) await client.close();
      else if (client.isOpen) client.destroy();
    },
  };
}

/** Logs the first error of an outage and the recovery, not one line per reconnect attempt. */
function watchConnection(client: RedisClient, logger: Logger): void {
  let down = false;
  client.on('error', (err: unknown) => {
    if (down) return;
    down = true;
    logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'Redis connection lost; reconnecting');
  });
  client.on('ready', () => {
    if (down) logger.info('Redis connection restored');
    down = false;
  });
}

/** The URL without its password, for logs. */
function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'redis://(ogiltig URL)';
  }
}
