/** Mentions and direct messages: the same answers as the console, threaded in channels. */
import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { renderReply } from '../blockKit.js';
import { asker, DELETE_HINT, plainText, withNotice, type Listening } from './shared.js';

export function registerEvents(app: App, { deps, guarded }: Listening): void {
  async function answerMessage(client: WebClient, m: { channel: string; user: string; text: string; threadTs?: string; isDm: boolean; inThread?: boolean }): Promise<void> {
    const tell = (text: string) =>
      m.isDm
        ? client.chat.postMessage({ channel: m.channel, text, ...(m.threadTs ? { thread_ts: m.threadTs } : {}) })
        : client.chat.postEphemeral({ channel: m.channel, user: m.user, text, ...(m.threadTs ? { thread_ts: m.threadTs } : {}) });
    await guarded(m.isDm ? 'direct message' : 'mention', tell, async () => {
      const text = plainText(m.text);
      const reply = await deps.motpart.handle(text === '' ? { text: '', command: 'hjalp' } : { text }, asker(m.user, m.channel));
      const thread = m.threadTs ? { thread_ts: m.threadTs } : {};
      if (reply.ephemeral) {
        const shown = m.isDm ? reply : withNotice(reply, DELETE_HINT);
        // Slack shows an ephemeral message in a thread only when the thread exists: a top-level mention has none.
        await client.chat.postEphemeral({ channel: m.channel, user: m.user, ...renderReply(shown), ...(m.isDm || m.inThread ? thread : {}) });
      } else {
        await client.chat.postMessage({ channel: m.channel, ...renderReply(reply), ...thread });
      }
    });
  }

  app.event('app_mention', async ({ event, client }) => {
    // A mention in the app's own DM also arrives as message.im; that listener answers it.
    if (event.bot_id || event.subtype || !event.user || event.channel.startsWith('D')) return;
    await answerMessage(client, { channel: event.channel, user: event.user, text: event.text, threadTs: event.thread_ts ?? event.ts, isDm: false, inThread: event.thread_ts !== undefined });
  });

  app.event('message', async ({ event, client }) => {
    // Edits, joins, deletions and other bots' messages are not questions.
    if (event.channel_type !== 'im' || event.subtype !== undefined || event.bot_id) return;
    await answerMessage(client, { channel: event.channel, user: event.user, text: event.text ?? '', ...(event.thread_ts ? { threadTs: event.thread_ts } : {}), isDm: true });
  });
}
