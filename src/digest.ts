/**
 * Posts the weekly digest (core/digest.ts) to each destination once per week, however many
 * instances run and however often they restart: the editors' digest to the configured channel and
 * conversation, and each owner function's overdue guidance to the channels its `reminders` name in
 * the knowledge (read at every look, so a reload counts). The first instance to claim the week's
 * lock for a destination in the store posts; the lock is kept once the post went out, so no restart
 * or other instance posts that week again. A post that fails gives the lock back, so the next look
 * (on any instance) tries again instead of losing the week for that destination.
 */
import { buildDigest, dueWeek, ownerDigests, type DigestSchedule } from './core/digest.js';
import { localTime } from './core/hours.js';
import { StoreUnavailableError, type Store } from './core/ports.js';
import type { Reply } from './core/reply.js';
import type { Knowledge } from './core/knowledge/knowledge.js';
import { safeError, type Logger } from './logger.js';

export type DigestPlatform = 'slack' | 'teams';

/** A Slack channel id, or a Teams conversation id. */
export interface DigestDestination {
  platform: DigestPlatform;
  address: string;
}

/** Posts a reply on the bot's own initiative to a channel or conversation of one platform. */
export type Poster = (address: string, reply: Reply) => Promise<void>;

export interface DigestOptions {
  schedule: DigestSchedule;
  timezone: string;
  store: Store;
  knowledge: () => Knowledge;
  /** Where the editors' digest goes (MOTPART_DIGEST_SLACK_CHANNEL, MOTPART_DIGEST_TEAMS_CONVERSATION). */
  editors: readonly DigestDestination[];
  /** How to post on each platform the bot can post to; a destination on another platform is skipped with a warning. */
  posters: Partial<Record<DigestPlatform, Poster>>;
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

/** One post due this week: where, under which lock, and what. */
interface Job {
  to: DigestDestination;
  lock: string;
  reply(): Promise<Reply>;
}

export function startDigest(opts: DigestOptions): DigestScheduler {
  const now = opts.now ?? (() => new Date());
  let running: Promise<void> | undefined;
  // Said once per process, not at every look of the week.
  const unreachable = new Set<string>();

  function jobs(at: Date, week: string): Job[] {
    const knowledge = opts.knowledge();
    const editors = opts.editors.map((to) => ({
      to,
      // The key of the first version of the digest, so an upgrade does not post this week's again.
      lock: `digest:${to.platform}:${to.address}:${week}`,
      reply: () => buildDigest(knowledge, opts.store, at, opts.timezone),
    }));
    const owners = ownerDigests(knowledge, localTime(at, opts.timezone).date).flatMap((owner) =>
      (['slack', 'teams'] as const).flatMap((platform) => {
        const address = owner.to[platform];
        return address ? [{ to: { platform, address }, lock: `digest:owner:${owner.functionId}:${platform}:${address}:${week}`, reply: async () => owner.reply }] : [];
      }),
    );
    return [...editors, ...owners];
  }

  async function postOne(job: Job, week: string): Promise<void> {
    const post = opts.posters[job.to.platform];
    const where = { platform: job.to.platform, address: job.to.address, week };
    if (!post) {
      if (!unreachable.has(job.lock)) opts.logger.warn(where, `digest: nowhere to post on ${job.to.platform} (not configured, or for Teams without MOTPART_DIGEST_TEAMS_SERVICE_URL); skipped`);
      unreachable.add(job.lock);
      return;
    }
    let claimed = false;
    try {
      claimed = await opts.store.locks.claim(job.lock);
      if (!claimed) return;
      await post(job.to.address, await job.reply());
      opts.logger.info(where, 'digest posted');
    } catch (err) {
      if (err instanceof StoreUnavailableError) opts.logger.warn(where, 'digest: store unavailable; trying again later');
      else opts.logger.error({ err: safeError(err), ...where }, 'digest could not be posted; trying again at the next look');
      // A post that may have reached the platform before failing (a timeout) can come twice; a lost week is worse.
      if (claimed) await opts.store.locks.release(job.lock).catch((releaseErr: unknown) => opts.logger.error({ err: safeError(releaseErr), ...where }, 'digest: could not give the claim back; this week is lost here'));
    }
  }

  async function postDue(): Promise<void> {
    const at = now();
    const week = dueWeek(localTime(at, opts.timezone), opts.schedule);
    if (!week) return;
    for (const job of jobs(at, week)) await postOne(job, week);
  }

  // One look at a time: a slow post must not let the next tick claim and post beside it.
  const tick = () => (running ??= postDue().finally(() => (running = undefined)));
  const timer = setInterval(() => void tick(), opts.intervalMs ?? 60_000);
  timer.unref();
  void tick();
  return { tick, stop: () => clearInterval(timer) };
}
