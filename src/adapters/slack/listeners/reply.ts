/**
 * Where a reply goes. A button or tick happens in a Place (a channel, a DM, an ephemeral message,
 * the App Home); these say how to answer there: only to the presser, to everyone, or in place of
 * the pressed message. Slash commands and messages use `postPublic` for their public answers.
 */
import type { BlockAction, RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { safeError, type Logger } from '../../../logger.js';
import type { SlackMessage } from '../blockKit.js';
import { asker, NOT_IN_CHANNEL, slackError } from './shared.js';

/** Where a button was pressed, and the ways to answer there. */
export interface Place {
  userId: string;
  displayName?: string;
  /** The channel, or the user for the App Home (whose answers go to the app's DM). */
  conversationId: string;
  isDm: boolean;
  isHome: boolean;
  messageTs?: string;
  threadTs?: string;
  ephemeral: boolean;
  respond?: RespondFn;
}

export function placeOf(body: BlockAction, respond: RespondFn | undefined): Place {
  const isHome = body.view?.type === 'home';
  const conversationId = body.channel?.id ?? (body.container.channel_id as string | undefined) ?? body.user.id;
  const displayName = body.user.name ?? body.user.username;
  const threadTs = (body.container.thread_ts as string | undefined) ?? (body.message?.thread_ts as string | undefined);
  return {
    userId: body.user.id,
    ...(displayName ? { displayName } : {}),
    conversationId: isHome ? body.user.id : conversationId,
    isDm: conversationId.startsWith('D'),
    isHome,
    ...(body.message?.ts ? { messageTs: body.message.ts } : {}),
    ...(threadTs ? { threadTs } : {}),
    ephemeral: body.container.is_ephemeral === true,
    ...(body.response_url && respond ? { respond } : {}),
  };
}

export const placeAsker = (place: Place) => asker(place.userId, place.conversationId, place.displayName);

/** Posts for everyone in the channel; where the app is no member, the response_url can still post. */
export async function postPublic(client: WebClient, channel: string, message: SlackMessage, threadTs?: string, respond?: RespondFn): Promise<void> {
  try {
    await client.chat.postMessage({ channel, ...message, ...(threadTs ? { thread_ts: threadTs } : {}) });
  } catch (err) {
    if (!respond || !NOT_IN_CHANNEL.has(String(slackError(err)))) throw err;
    await respond({ response_type: 'in_channel', replace_original: false, ...message });
  }
}

/** Only the presser sees it: ephemeral in a channel, the app's DM from the App Home. */
export async function privately(client: WebClient, place: Place, message: SlackMessage | { text: string }): Promise<void> {
  if (place.respond) await place.respond({ response_type: 'ephemeral', replace_original: false, ...message });
  else await client.chat.postMessage({ channel: place.userId, ...message });
}

export async function publicly(client: WebClient, place: Place, message: SlackMessage): Promise<void> {
  if (place.isHome) await client.chat.postMessage({ channel: place.userId, ...message });
  else await postPublic(client, place.conversationId, message, place.threadTs, place.respond);
}

/** Replaces the pressed message for everyone; ephemeral messages only through their response_url. */
export async function inPlace(client: WebClient, place: Place, message: SlackMessage, logger: Logger): Promise<void> {
  if (!place.ephemeral && place.messageTs && !place.isHome) {
    try {
      await client.chat.update({ channel: place.conversationId, ts: place.messageTs, ...message });
      return;
    } catch (err) {
      if (!place.respond) throw err;
      logger.warn({ err: safeError(err) }, 'slack: chat.update failed, replacing through response_url');
    }
  }
  if (!place.respond) throw new Error('no way to update the message');
  await place.respond({ replace_original: true, ...message });
}
