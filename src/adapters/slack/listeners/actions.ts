/** Buttons and checklist ticks: the core acts, and the answer goes where the press happened (reply.ts). */
import type { App, BlockAction, ButtonAction, CheckboxesAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { THANKS, updatesInPlace } from '../../../core/feedback.js';
import type { Action, Reply } from '../../../core/reply.js';
import { ACTION_ID_PATTERN, decodeAction, itemIdSchema, parseChecklistBlockId, TICK_ACTION_ID_PATTERN } from '../actions.js';
import { checklistOf, renderReply } from '../blockKit.js';
import { publishHome } from './home.js';
import { inPlace, placeAsker, placeOf, privately, publicly, type Place } from './reply.js';
import { BAD_BUTTON_TEXT, shareAction, STALE_CHECKLIST_TEXT, type Listening } from './shared.js';

export function registerActions(app: App, { deps, logger, guarded }: Listening): void {
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
        return inPlace(client, place, renderReply(reply, share ? { share } : {}), logger);
      }
      case 'checklist.toggle':
      case 'checklist.set':
      case 'checklist.reset':
      case 'checklist.close':
        return checklistOf(reply) ? inPlace(client, place, renderReply(reply), logger) : privately(client, place, renderReply(reply));
      case 'checklist.start': {
        // Pressed on a private answer, the checklist stays private until "Visa för kanalen".
        const checklist = checklistOf(reply);
        if (!checklist || !place.ephemeral) return checklist ? publicly(client, place, renderReply(reply)) : privately(client, place, renderReply(reply));
        const share = shareAction(`/checklista ${checklist.title}`);
        return privately(client, place, renderReply(reply, share ? { share } : {}));
      }
      case 'directory.decide':
        // Pressed on the message that told an editor of the change (a DM, not ephemeral): the decision replaces it, so its buttons go.
        if (place.isDm && !place.ephemeral) return inPlace(client, place, renderReply(reply), logger);
        return privately(client, place, renderReply(reply));
      case 'directory.propose':
      case 'directory.undo':
        return privately(client, place, renderReply(reply));
      case 'profile.set':
        await privately(client, place, renderReply(reply));
        return publishHome(deps, client, place.userId, action.functionId);
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
      await (checklistOf(latest) ? inPlace(client, place, renderReply(latest), logger) : privately(client, place, renderReply(latest)));
    });
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
