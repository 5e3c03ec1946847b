/**
 * Posts the weekly digest (core/digest.ts) to each configured destination once per week, however
 * many instances run and however often they restart: the first instance to claim the week's lock
 * in the store posts; the lock is kept once the post went out, so no restart or other instance posts
 * that week again. A post that fails gives the lock back, so the next look (on any instance) tries
 * again instead of losing the week for that destination.
 */
import { buildDigest, dueWeek, type DigestSchedule } from './core/digest.js';
import { localTime } from './core/hours.js';
import { StoreUnavailableError, type Store } from './core/ports.js';
import type { Reply } from './core/reply.js';
import type { Knowledge } from './core/knowledge/knowledge.js';
import { safeError, type Logger } from './logger.js';

export interface DigestDestination {
  /** Stable name of the destination ("slack:C123"), part of the lock's key. */
  id: string;
  post(reply: Reply): Promise<void>;
}

export interface DigestOptions {
  schedule: DigestSchedule;
  timezone: string;
  store: Store;
  knowledge: () => Knowledge;
  destinations: readonly DigestDestination[];
  logger: Logger;
  now?: () => Date;
  /** How often to look whether a digest is due; a minute is exact enough for a weekly post. */
  intervalMs?: number;
}

export interface DigestScheduler {
  /** Looks once: posts every digest that is due and not yet posted. */
  tick(): Promise<void>;
  stop(): void;
}

export function startDigest(opts: DigestOptions): DigestScheduler {
  const now = opts.now ?? (() => new Date());
  let running: Promise<void> | undefined;

  async function postDue(): Promise<void> {
    const at = now();
    const week = dueWeek(localTime(at, opts.timezone), opts.schedule);
    if (!week) return;
    for (const destination of opts.destinations) {
      const lock = `digest:${destination.id}:${week}`;
      let claimed = false;
      try {
        claimed = await opts.store.locks.claim(lock);
        if (!claimed) continue;
        await destination.post(await buildDigest(opts.knowledge(), opts.store, at, opts.timezone));
        opts.logger.info({ destination: destination.id, week }, 'digest posted');
      } catch (err) {
        if (err instanceof StoreUnavailableError) opts.logger.warn({ destination: destination.id }, 'digest: store unavailable; trying again later');
        else opts.logger.error({ err: safeError(err), destination: destination.id, week }, 'digest could not be posted; trying again at the next look');
        // A post that may have reached the platform before failing (a timeout) can come twice; a lost week is worse.
        if (claimed) await opts.store.locks.release(lock).catch((releaseErr: unknown) => opts.logger.error({ err: safeError(releaseErr), destination: destination.id, week }, 'digest: could not give the claim back; this week is lost here'));
      }
    }
  }

  // One look at a time: a slow post must not let the next tick claim and post beside it.
  const tick = () => (running ??= postDue().finally(() => (running = undefined)));
  const timer = setInterval(() => void tick(), opts.intervalMs ?? 60_000);
  timer.unref();
  void tick();
  return { tick, stop: () => clearInterval(timer) };
}
