/**
 * The backend for one process: keyv over an in-memory Map (tests) or the embedded SQLite store.
 * Read-modify-write is atomic through a per-key mutex, which only covers this process: that is why
 * several bot instances must share Redis instead of a data directory (the embedded store takes a
 * lock to enforce it). Each write is one SQLite commit, so a crash between two ticks loses neither.
 */
import type { Keyv } from 'keyv';
import { z } from 'zod';
import type { KvBackend } from './backend.js';
import { KeyedMutex } from './mutex.js';
import { io } from './unavailable.js';

const counterSchema = z.object({ count: z.number().int().nonnegative(), resetAt: z.number() });

export function localBackend(keyv: Keyv, kind: 'memory' | 'file', release: () => Promise<void> = async () => undefined): KvBackend {
  const mutex = new KeyedMutex();
  const get = (key: string) => io(() => keyv.get(key));
  const set = (key: string, value: unknown, ttlMs?: number) =>
    io(async () => {
      await keyv.set(key, value, ttlMs);
    });

  return {
    kind,
    get,
    set: (key, value) => mutex.run(key, () => set(key, value)),
    update: (key, change) =>
      mutex.run(key, async () => {
        const next = change(await get(key));
        if (next === undefined) await io(() => keyv.delete(key));
        else await set(key, next);
        return next;
      }),
    increment: (key, windowMs) =>
      mutex.run(key, async () => {
        const now = Date.now();
        const current = counterSchema.safeParse(await get(key));
        const counter =
          current.success && current.data.resetAt > now ? { ...current.data, count: current.data.count + 1 } : { count: 1, resetAt: now + windowMs };
        // The TTL lets keyv drop finished windows instead of keeping one counter per user forever.
        await set(key, counter, counter.resetAt - now);
        return counter.count;
      }),
    close: async () => {
      await keyv.disconnect();
      await release();
    },
  };
}
