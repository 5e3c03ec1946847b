/**
 * Slack events into core calls, Replies back out. Every listener acknowledges first and works
 * after, so Slack's 3-second deadline holds however slow the store or the search is. No business
 * rules here: what to answer is the core's decision, how it looks is blockKit.ts's.
 */
import type { App, BlockAction, ButtonAction, CheckboxesAction, RespondArguments, RespondFn, StaticSelectAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { THANKS, updatesInPlace } from '../../core/feedback.js';
import { SLACK_SLASH_COMMANDS } from '../../core/commands.js';
import type { Input, Motpart } from '../../core/motpart.js';
import type { Asker } from '../../core/ports.js';
import type { Action, Reply } from '../../core/reply.js';
import type { Knowledge } from '../../knowledge/knowledge.js';
import { safeError, type Logger } from '../../logger.js';
import { afterAcknowledgements } from '../../server.js';
import {
  ACTION_ID_PATTERN,
  decodeAction,
  encodeAction,
  functionIdSchema,
  itemIdSchema,
  parseChecklistBlockId,
  parseHomeMetadata,
  ROLE_ACTION_ID_PATTERN,
  TICK_ACTION_ID_PATTERN,
} from './actions.js';
import { checklistOf, renderReply, type SlackMessage } from './blockKit.js';
import { homeView } from './home.js';

export interface ListenerDeps {
  motpart: Motpart;
  logger: Logger;
  directory: () => Knowledge;
}

/** "/motpart" to its command, from the command registry; manifest.json declares the same. */
export const SLASH_COMMANDS = SLACK_SLASH_COMMANDS;

export const FAILURE_TEXT = 'Något gick fel hos Motpart. Försök igen om en stund. Fortsätter felet: kontakta den som förvaltar Motpart i er kommun.';
export const NOT_IN_CHANNEL_TEXT = 'Motpart är inte med i den här kanalen. Bjud in appen med `/invite @Motpart` och försök igen.';
export const BAD_BUTTON_TEXT = 'Knappen gick inte att läsa. Ställ frågan igen, t.ex. med `/sekretess` eller `/motpart`.';
export const STALE_CHECKLIST_TEXT = 'Checklistan gick inte att läsa. Skriv `/checklista` och namnet igen för att fortsätta där ni var.';
export const DELETE_HINT = 'Ditt meddelande syns för alla i kanalen. Ta bort det: håll på meddelandet (eller … ) > Ta bort meddelande.';

/** Slack's own markup in message text: mentions, channel links, links and entities. The core wants words. */
export function plainText(raw: string): string {
  return raw
    .replace(/<[@!][^>]*>/g, ' ')
    .replace(/<#[A-Z0-9]+\|([^>]*)>/g, '#$1')
    .replace(/<[^>|]+\|([^>]*)>/g, '$1')
    .replace(/<([^>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

const asker = (userId: string, conversationId: string, displayName?: string): Asker => ({
  platform: 'slack',
  userId,
  conversationId,
  ...(displayName ? { displayName } : {}),
});

const slackError = (err: unknown): unknown => (err as { data?: { error?: unknown } } | undefined)?.data?.error;
const NOT_IN_CHANNEL = new Set(['not_in_channel', 'channel_not_found']);

function failureText(err: unknown): string {
  return NOT_IN_CHANNEL.has(String(slackError(err))) ? NOT_IN_CHANNEL_TEXT : FAILURE_TEXT;
}

const shareAction = (text: string): Extract<Action, { type: 'share' }> | undefined => {
  const action = { type: 'share' as const, text };
  return encodeAction(action) === undefined ? undefined : action;
};

const withNotice = (reply: Reply, text: string): Reply => ({ ...reply, parts: [...reply.parts, { type: 'notice', level: 'info', text }] });

/** Where a button was pressed, and the ways to answer there. */
interface Place {
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

export function registerListeners(app: App, deps: ListenerDeps): void {
  const logger = deps.logger;

  /** Runs the work once queued acknowledgements are out (see afterAcknowledgements); a failure is logged without user text and the user gets a short Swedish note. */
  async function guarded(kind: string, tell: (text: string) => Promise<unknown>, work: () => Promise<void>): Promise<void> {
    try {
      await afterAcknowledgements(work);
    } catch (err) {
      logger.error({ err: safeError(err), kind }, 'slack: could not answer');
      try {
        await tell(failureText(err));
      } catch (tellErr) {
        logger.error({ err: safeError(tellErr), kind }, 'slack: could not tell the user about the failure');
      }
    }
  }

  /** Posts for everyone in the channel; where the app is no member, the response_url can still post. */
  async function postPublic(client: WebClient, channel: string, message: SlackMessage, threadTs?: string, respond?: RespondFn): Promise<void> {
    try {
      await client.chat.postMessage({ channel, ...message, ...(threadTs ? { thread_ts: threadTs } : {}) });
    } catch (err) {
      if (!respond || !NOT_IN_CHANNEL.has(String(slackError(err)))) throw err;
      await respond({ response_type: 'in_channel', replace_original: false, ...message });
    }
  }

  // ---- Slash commands: answered privately, with a button to show the answer to the channel. ----
  for (const [name, command] of Object.entries(SLASH_COMMANDS)) {
    app.command(name, async ({ command: cmd, ack, respond, client }) => {
      await ack();
      const ephemeral = (message: SlackMessage | { text: string }): RespondArguments => ({ response_type: 'ephemeral', ...message });
      await guarded(`command ${name}`, (text) => respond(ephemeral({ text })), async () => {
        const text = plainText(cmd.text ?? '');
        // An empty /checklista lists the checklists, which is that command's help.
        const input: Input = text === '' && command !== 'checklista' ? { text: '', command: 'hjalp' } : { text, command };
        const reply = await deps.motpart.handle(input, asker(cmd.user_id, cmd.channel_id, cmd.user_name));
        if (reply.ephemeral) {
          await respond(ephemeral(renderReply(reply)));
        } else if (checklistOf(reply)) {
          await postPublic(client, cmd.channel_id, renderReply(reply), undefined, respond);
        } else {
          const share = text === '' ? undefined : shareAction(`/${command} ${text}`);
          await respond(ephemeral(renderReply(reply, share ? { share } : {})));
        }
      });
    });
  }

  // ---- Mentions and direct messages: the same answers as the console, threaded in channels. ----
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

  // ---- Buttons ----
  function placeOf(body: BlockAction, respond: RespondFn | undefined): Place {
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

  const placeAsker = (place: Place) => asker(place.userId, place.conversationId, place.displayName);

  /** Only the presser sees it: ephemeral in a channel, the app's DM from the App Home. */
  async function privately(client: WebClient, place: Place, message: SlackMessage | { text: string }): Promise<void> {
    if (place.respond) await place.respond({ response_type: 'ephemeral', replace_original: false, ...message });
    else await client.chat.postMessage({ channel: place.userId, ...message });
  }

  async function publicly(client: WebClient, place: Place, message: SlackMessage): Promise<void> {
    if (place.isHome) await client.chat.postMessage({ channel: place.userId, ...message });
    else await postPublic(client, place.conversationId, message, place.threadTs, place.respond);
  }

  /** Replaces the pressed message for everyone; ephemeral messages only through their response_url. */
  async function inPlace(client: WebClient, place: Place, message: SlackMessage): Promise<void> {
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

  async function publishHome(client: WebClient, userId: string, functionId: string | undefined, notice?: Reply): Promise<void> {
    const knowledge = deps.directory();
    const help = await deps.motpart.handle({ text: '', command: 'hjalp' }, asker(userId, userId));
    // One saved role: the profile (also set by "jag är polis" in a message) wins over what the tab showed last.
    const profile = await deps.motpart.profile?.(asker(userId, userId));
    const chosen = profile ? profile.functionId : functionId;
    const known = chosen && knowledge.functions.get(chosen) ? chosen : undefined;
    const kind = !known && profile?.organisationKind ? profile.organisationKind : undefined;
    await client.views.publish({ user_id: userId, view: homeView({ knowledge, help, ...(known ? { functionId: known } : {}), ...(kind ? { organisationKind: kind } : {}), ...(notice ? { notice } : {}) }) });
  }

  async function perform(client: WebClient, place: Place, action: Action): Promise<void> {
    const reply = await deps.motpart.handle({ action }, placeAsker(place));
    switch (action.type) {
      case 'share':
        if (reply.ephemeral) return privately(client, place, renderReply(reply));
        await publicly(client, place, renderReply(reply, { footer: `Delat av <@${place.userId}>` }));
        if (place.ephemeral && place.respond) await place.respond({ delete_original: true });
        return;
      case 'feedback': {
        // The answer is shown again with the thanks where the buttons were; in a channel only the voter is thanked.
        if (!updatesInPlace(action) || !(place.ephemeral || place.isDm)) return privately(client, place, updatesInPlace(action) ? { text: THANKS } : renderReply(reply));
        const share = place.ephemeral && action.question ? shareAction(action.question) : undefined;
        return inPlace(client, place, renderReply(reply, share ? { share } : {}));
      }
      case 'checklist.toggle':
      case 'checklist.set':
      case 'checklist.reset':
      case 'checklist.close':
        return checklistOf(reply) ? inPlace(client, place, renderReply(reply)) : privately(client, place, renderReply(reply));
      case 'checklist.start': {
        // Pressed on a private answer, the checklist stays private until "Visa för kanalen".
        const checklist = checklistOf(reply);
        if (!checklist || !place.ephemeral) return checklist ? publicly(client, place, renderReply(reply)) : privately(client, place, renderReply(reply));
        const share = shareAction(`/checklista ${checklist.title}`);
        return privately(client, place, renderReply(reply, share ? { share } : {}));
      }
      case 'profile.set':
        await privately(client, place, renderReply(reply));
        return publishHome(client, place.userId, action.functionId);
      case 'ask': {
        if (reply.ephemeral) return privately(client, place, renderReply(reply));
        if ((checklistOf(reply) && !place.ephemeral) || place.isDm || place.isHome) return publicly(client, place, renderReply(reply));
        const share = shareAction(action.text);
        return privately(client, place, renderReply(reply, share ? { share } : {}));
      }
    }
  }

  app.action<BlockAction<ButtonAction>>(ACTION_ID_PATTERN, async ({ body, action, ack, respond, client }) => {
    await ack();
    const place = placeOf(body, respond);
    await guarded('button', (text) => privately(client, place, { text }), async () => {
      const decoded = decodeAction(action.value);
      if (!decoded.ok) {
        logger.warn({ problem: decoded.problem }, 'slack: button value refused');
        return privately(client, place, { text: BAD_BUTTON_TEXT });
      }
      await perform(client, place, decoded.value);
    });
  });

  // ---- Checklist ticks ----
  app.action<BlockAction<CheckboxesAction>>(TICK_ACTION_ID_PATTERN, async ({ body, action, ack, respond, client }) => {
    await ack();
    const place = placeOf(body, respond);
    await guarded('checklist tick', (text) => privately(client, place, { text }), async () => {
      const block = parseChecklistBlockId(action.block_id);
      const shown = shownOptions(body.message?.blocks, action.block_id);
      const selected = z.array(z.object({ value: itemIdSchema })).safeParse(action.selected_options);
      if (!block.ok || !shown || !selected.success) {
        logger.warn({ problem: block.ok ? 'checkbox state unreadable' : block.problem }, 'slack: checklist tick refused');
        return privately(client, place, { text: STALE_CHECKLIST_TEXT });
      }
      const wanted = new Set(selected.data.map((o) => o.value));
      const changed = shown.items.filter((itemId) => wanted.has(itemId) !== shown.done.has(itemId));
      let latest: Reply | undefined;
      for (const itemId of changed) {
        latest = await deps.motpart.handle({ action: { type: 'checklist.set', runId: block.value.runId, itemId, done: wanted.has(itemId) } }, placeAsker(place));
        if (checklistOf(latest)?.status !== 'open') break;
      }
      if (!latest) return;
      await (checklistOf(latest) ? inPlace(client, place, renderReply(latest)) : privately(client, place, renderReply(latest)));
    });
  });

  // ---- App Home ----
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    await guarded('app home', async () => undefined, () => publishHome(client, event.user, parseHomeMetadata(event.view?.private_metadata).functionId));
  });

  app.action<BlockAction<StaticSelectAction>>(ROLE_ACTION_ID_PATTERN, async ({ body, action, ack, client }) => {
    await ack();
    const userId = body.user.id;
    await guarded('role choice', (text) => client.chat.postMessage({ channel: userId, text }), async () => {
      const functionId = functionIdSchema.safeParse(action.selected_option?.value);
      const current = parseHomeMetadata(body.view?.private_metadata).functionId;
      if (!functionId.success) {
        logger.warn({ problem: 'role option value refused' }, 'slack: role choice refused');
        return publishHome(client, userId, current);
      }
      const reply = await deps.motpart.handle({ action: { type: 'profile.set', functionId: functionId.data } }, asker(userId, userId, body.user.name ?? body.user.username));
      const saved = reply.intent === 'profile' && reply.confidence > 0;
      await publishHome(client, userId, saved ? functionId.data : current, reply);
    });
  });

  app.error(async (error) => {
    logger.error({ err: safeError(error) }, 'slack: unhandled error in Bolt');
  });
}

/** The checkbox group as the pressed message showed it: every item id in it and which were ticked. */
const shownBlockSchema = z.object({
  block_id: z.string(),
  elements: z.array(z.object({ options: z.array(z.object({ value: itemIdSchema })), initial_options: z.array(z.object({ value: itemIdSchema })).optional() }).passthrough()).min(1),
});

function shownOptions(blocks: unknown, blockId: string): { items: string[]; done: Set<string> } | undefined {
  if (!Array.isArray(blocks)) return undefined;
  const raw = blocks.find((b: unknown) => (b as { block_id?: unknown } | null)?.block_id === blockId);
  const parsed = shownBlockSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const element = parsed.data.elements[0]!;
  return { items: element.options.map((o) => o.value), done: new Set((element.initial_options ?? []).map((o) => o.value)) };
}
