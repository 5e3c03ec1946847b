/**
 * Teams lets a bot write first only into a conversation it knows: the personal chat's id and the
 * service URL it is reached at. Those of the people the bot has answered in personal chat are kept
 * in the store (so every instance can write there, also after a restart), which is how an editor is
 * told at once of a change waiting for them. Someone who has never had a personal chat with the bot
 * cannot be reached this way, and sees the change in `katalog` and the weekly digest instead.
 */
import type { Activity } from 'botbuilder';
import type { ChatAddress, Store } from '../../core/ports.js';
import { safeError, type Logger } from '../../logger.js';

/** Addresses this instance has already stored, so a chat is written to the store once, not on every message. */
const MAX_KNOWN = 10_000;

export interface PersonalChats {
  /** Keeps the address of the activity's personal chat; call it only once the bot has replied there, so the service URL is one the channel vouched for. */
  remember(activity: Activity): Promise<void>;
  find(aadObjectId: string): Promise<ChatAddress | undefined>;
}

export function personalChats(store: Pick<Store, 'chats'>, logger: Logger): PersonalChats {
  const known = new Map<string, string>();
  return {
    async remember(activity) {
      const userId = activity.from?.aadObjectId;
      const conversation = activity.conversation;
      if (!userId || !conversation?.id || !activity.serviceUrl || (conversation.conversationType ?? 'personal') !== 'personal') return;
      const address: ChatAddress = { serviceUrl: activity.serviceUrl, conversationId: conversation.id, ...(conversation.tenantId ? { tenantId: conversation.tenantId } : {}) };
      const key = JSON.stringify(address);
      if (known.get(userId) === key) return;
      try {
        await store.chats.set('teams', userId, address);
        if (known.size >= MAX_KNOWN) known.clear();
        known.set(userId, key);
      } catch (err) {
        // The reply has gone out; without the address the user is only not told first next time.
        logger.warn({ err: safeError(err) }, 'teams: could not keep the personal chat address');
      }
    },
    find: (aadObjectId) => store.chats.get('teams', aadObjectId),
  };
}
