/**
 * The core's Notify port (src/core/ports.ts) over the chat adapters: each `platform:userId` goes to
 * that platform's sender. Composed in src/app.ts, beside the digest, because a change made in Slack
 * may have to reach an editor in Teams.
 */
import type { Notify, Platform } from './core/ports.js';
import type { Reply } from './core/reply.js';
import { safeError, type Logger } from './logger.js';

/** Writes a reply privately to one user of a platform; false when the platform cannot reach them (Teams: no known personal chat). */
export type PrivateSender = (userId: string, reply: Reply) => Promise<boolean>;

export type Senders = Partial<Record<Exclude<Platform, 'cli'>, PrivateSender>>;

/**
 * `senders` is read at each call, so the composition root can fill it in once the adapters exist
 * (they are built with the core, whose notifier this is). A failed post is logged and counts as not
 * reached; it never fails the change that caused it.
 */
export function chatNotifier(senders: Senders, logger: Logger): Notify {
  return async (to, reply) => {
    const outcomes = await Promise.all(
      to.map(async (identity) => {
        const [platform, userId] = [identity.slice(0, identity.indexOf(':')), identity.slice(identity.indexOf(':') + 1)];
        const send = platform === 'slack' || platform === 'teams' ? senders[platform] : undefined;
        if (!send) return false;
        try {
          if (await send(userId, reply)) return true;
          logger.info({ platform }, 'notify: no known chat with this user; they see it in the digest');
        } catch (err) {
          logger.warn({ err: safeError(err), platform }, 'notify: could not write to the user');
        }
        return false;
      }),
    );
    return to.filter((_, i) => outcomes[i]);
  };
}
