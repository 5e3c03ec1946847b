/**
 * Atomic operations on Redis for several bot instances. Read-modify-write uses optimistic
 * compare-and-swap: read the value, compute the change in JavaScript (the core's change functions
 * cannot run inside Redis), and write it with a Lua script only if the value is still the one that
 * was read; otherwise read again and retry. Unlike WATCH/MULTI this needs no connection of its own,
 * so it is safe on the one multiplexed client that every request shares.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { createClient } from '@keyv/redis';
import { StoreUnavailableError } from '../core/ports.js';
import { io } from './unavailable.js';

export type RedisClient = ReturnType<typeof createClient>;

// ARGV: 1 = '1' if a value was read, 2 = that value, 3 = '1' to write (else delete), 4 = new value.
const CAS_SCRIPT = `
local current = redis.call('GET', KEYS[1])
if ARGV[1] == '1' then
  if current ~= ARGV[2] then return 0 end
elseif current then
  return 0
end
if ARGV[3] == '1' then redis.call('SET', KEYS[1], ARGV[4]) else redis.call('DEL', KEYS[1]) end
return 1
`;

/** 50 ticks on one run from two instances settle in a handful of rounds; this bound only stops a livelock. */
const MAX_ATTEMPTS = 200;

/**
 * Applies `change` to the raw string at `key` (undefined: missing; returning undefined deletes).
 * Errors thrown by `change` pass through; Redis failures become StoreUnavailableError.
 */
export async function compareAndSwap(client: RedisClient, key: string, change: (raw: string | undefined) => string | undefined): Promise<void> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const raw = (await io(() => client.get(key))) ?? undefined;
    const next = change(raw);
    if (next === raw) return;
    const args = [raw === undefined ? '0' : '1', raw ?? '', next === undefined ? '0' : '1', next ?? ''];
    const swapped = await io(() => client.eval(CAS_SCRIPT, { keys: [key], arguments: args }));
    if (swapped === 1) return;
    // Jittered backoff so that two instances that collided do not collide again in lockstep.
    await sleep(Math.random() * Math.min(2 ** attempt, 50));
  }
  throw new StoreUnavailableError(new Error(`gave up after ${MAX_ATTEMPTS} conflicting writes`));
}

/**
 * Fixed-window counter with INCR semantics: the first hit creates the key with the window as its
 * expiry (SET NX PX), every hit increments it, and Redis drops it when the window ends.
 */
export async function incrementInWindow(client: RedisClient, key: string, windowMs: number): Promise<number> {
  const replies = await io(() =>
    client
      .multi()
      .set(key, '0', { expiration: { type: 'PX', value: windowMs }, condition: 'NX' })
      .incr(key)
      .exec(),
  );
  return Number(replies[1]);
}
