/**
 * The backend for one process: keyv over an in-memory Map (tests) or the embedded SQLite store.
 * Read-modify-write is atomic through a per-key mutex, which only covers this process: that is why
 * several bot instances must share Redis instead of a data directory (the embedded store takes a
 * lock to enforce it). Each write is one SQLite commit, so a crash between two ticks loses neither.
 * Counters are the exception: see `increment`.
 */
import type { Keyv } from 'keyv';
import type { KvBackend } from './backend.js';
import { KeyedMutex } from './mutex.js';
import { io } from './unavailable.js';

/** Fixed-window counters in memory, swept of finished windows as they grow. */
class WindowCounters {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();
  private sweepAt = SWEEP_AT;

  increment(key: string, windowMs: number): number {
    const now = Date.now();
    const current = this.windows.get(key);
    const counter = current && current.resetAt > now ? { count: current.count + 1, resetAt: current.resetAt } : { count: 1, resetAt: now + windowMs };
    this.windows.set(key, counter);
    if (this.windows.size >= this.sweepAt) this.sweep(now);
    return counter.count;
  }

  private sweep(now: number): void {
    for (const [key, w] of this.windows) if (w.resetAt <= now) this.windows.delete(key);
    this.sweepAt = Math.max(SWEEP_AT, this.windows.size * 2);
  }
}
/** Counters held before finished windows are dropped: a few thousand users' minute windows. */
const SWEEP_AT = 10_000;

export function localBackend(keyv: Keyv, kind: 'memory' | 'file', release: () => Promise<void> = async () => undefined): KvBackend {
  const mutex = new KeyedMutex();
  const counters = new WindowCounters();
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
    // Counters (rate limits, seen event ids) live a minute or an hour and need not survive a
    // restart; this backend serves one process (the data directory is locked), so they are kept in
    // memory. Written to SQLite they were one synced commit per question, a quarter of the server's
    // CPU under load (BENCHMARKS.md).
    increment: async (key, windowMs) => counters.increment(key, windowMs),
    close: async () => {
      await keyv.disconnect();
      await release();
    },
  };
}
