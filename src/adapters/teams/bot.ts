/**
 * The Teams bot: turns activities into core calls and Replies into Adaptive Cards. No business
 * rules here; what to answer is the core's decision, how it looks in Teams is the renderer's.
 */
import type {
  Activity,
  AdaptiveCardInvokeResponse,
  AdaptiveCardInvokeValue,
  MessagingExtensionAttachment,
  MessagingExtensionQuery,
  MessagingExtensionResponse,
  TurnContext,
} from 'botbuilder';
import type { Motpart } from '../../core/motpart.js';
import type { Asker } from '../../core/ports.js';
import { updatesInPlace } from '../../core/feedback.js';
import { summaryText, type Action, type ChecklistView, type Reply, type ReplyPart } from '../../core/reply.js';
import { shorten } from '../../core/render/shorten.js';
import type { Logger } from '../../logger.js';
import { requireCommonJs } from '../commonJs.js';
import { ADAPTIVE_CARD_CONTENT_TYPE, renderCard } from './adaptiveCard.js';
import { parseCardSubmission, type CardSubmission } from './cardData.js';
import { plainText, toInput } from './commands.js';
import type { PersonalChats } from './personalChats.js';

const botbuilder = requireCommonJs('botbuilder') as typeof import('botbuilder');
const { CardFactory, MessageFactory, TeamsActivityHandler } = botbuilder;

export interface TeamsBotDeps {
  motpart: Motpart;
  logger: Logger;
  chats: PersonalChats;
}

/** What a card press led to: a reply, and whether it replaces the card that was pressed. */
interface Outcome {
  reply: Reply;
  inPlace: boolean;
}

export const WELCOME_HEADLINE = 'Hej! Jag är Motpart';
export const WELCOME_TEXT =
  'Jag hjälper polis, socialtjänst, skola och andra i kommunen att hitta rätt motpart i ett område, ' +
  'svarar på vad som får delas enligt offentlighets- och sekretesslagen (med lagrum och källor) ' +
  'och håller ihop checklistor som ni bockar av tillsammans.';

export const NOT_PRIVATE_NOTICE =
  'Teams kan inte visa ett svar bara för dig i en kanal eller gruppchatt. Ta gärna bort ditt meddelande (… > Ta bort).';

/** Results shown by the message extension; Teams lists at most a few at a time anyway. */
const MAX_SEARCH_RESULTS = 10;
const MIN_SEARCH_CHARS = 3;
export const SEARCH_HINT = 'Skriv ett område, en funktion eller en fråga om sekretess.';

export function askerOf(activity: Activity): Asker {
  return {
    platform: 'teams',
    // The AAD object id is the same person across bots and tenants' chats; the 29: id is per bot.
    userId: activity.from?.aadObjectId ?? activity.from?.id ?? 'unknown',
    displayName: activity.from?.name,
    conversationId: activity.conversation?.id ?? 'unknown',
  };
}

const isPersonal = (activity: Activity) => (activity.conversation?.conversationType ?? 'personal') === 'personal';

function mentionsBot(activity: Activity): boolean {
  return (activity.entities ?? []).some(
    (e) => e.type === 'mention' && (e as { mentioned?: { id?: string } }).mentioned?.id === activity.recipient?.id,
  );
}

export function cardMessage(reply: Reply, activity: Activity): Partial<Activity> {
  const shown =
    reply.ephemeral && !isPersonal(activity)
      ? { ...reply, parts: [...reply.parts, { type: 'notice' as const, level: 'info' as const, text: NOT_PRIVATE_NOTICE }] }
      : reply;
  const message = MessageFactory.attachment(CardFactory.adaptiveCard(renderCard(shown)));
  // The chat list and notifications show the summary, not "Send a card".
  message.summary = shorten(summaryText(shown), SUMMARY_CHARS);
  return message;
}

/** Notifications show a line or two; the rest is in the card. */
const SUMMARY_CHARS = 250;

function checklistOf(reply: Reply, runId: string): ChecklistView | undefined {
  for (const part of reply.parts) if (part.type === 'checklist' && part.checklist.runId === runId) return part.checklist;
  return undefined;
}

/** Checklist controls change the run the card shows, so their answer replaces that card. */
function changesRun(action: Action): action is Extract<Action, { type: 'checklist.toggle' | 'checklist.set' | 'checklist.reset' | 'checklist.close' }> {
  return action.type === 'checklist.toggle' || action.type === 'checklist.set' || action.type === 'checklist.reset' || action.type === 'checklist.close';
}

export class MotpartTeamsBot extends TeamsActivityHandler {
  constructor(private readonly deps: TeamsBotDeps) {
    super();
    this.onMessage(async (context, next) => {
      await this.answer(context);
      if (context.responded) await deps.chats.remember(context.activity);
      await next();
    });
    // onMembersAdded (not onTeamsMembersAdded): the Teams variant looks every member up at the connector first.
    this.onMembersAdded(async (context, next) => {
      const { membersAdded, recipient } = context.activity;
      if (membersAdded?.some((m) => m.id === recipient.id)) {
        await this.welcome(context);
        // Installed in personal scope: the bot may need to write here first (an editor told of a change).
        await deps.chats.remember(context.activity);
      }
      await next();
    });
  }

  private async answer(context: TurnContext): Promise<void> {
    const { activity } = context;
    const submission = parseCardSubmission(activity.value);
    if (submission.kind === 'invalid') {
      this.deps.logger.warn({ problem: submission.problem }, 'teams: card data refused');
      return;
    }
    if (submission.kind !== 'none') {
      const outcome = await this.perform(submission, askerOf(activity));
      if (!outcome) return;
      if (outcome.inPlace && activity.replyToId) {
        await context.updateActivity({ ...cardMessage(outcome.reply, activity), id: activity.replyToId });
      } else {
        await context.sendActivity(cardMessage(outcome.reply, activity));
      }
      return;
    }
    if (typeof activity.text !== 'string') return;
    // In channels and group chats the bot speaks only when spoken to.
    const mentioned = mentionsBot(activity);
    if (!isPersonal(activity) && !mentioned) return;
    const text = plainText(mentioned ? botbuilder.TurnContext.removeRecipientMention(activity) : activity.text);
    const input = text === '' ? { text: '', command: 'hjalp' as const } : toInput(text);
    const reply = await this.deps.motpart.handle(input, askerOf(activity));
    await context.sendActivity(cardMessage(reply, activity));
  }

  private async welcome(context: TurnContext): Promise<void> {
    const help = await this.deps.motpart.handle({ text: '', command: 'hjalp' }, askerOf(context.activity));
    const parts: ReplyPart[] = [{ type: 'text', text: WELCOME_TEXT }, ...help.parts];
    await context.sendActivity(cardMessage({ ...help, headline: WELCOME_HEADLINE, parts }, context.activity));
  }

  private async perform(submission: CardSubmission, asker: Asker): Promise<Outcome | undefined> {
    if (submission.kind === 'action') {
      const { action } = submission;
      const reply = await this.deps.motpart.handle({ action }, asker);
      // A vote shows the same answer again with the thanks in place of the buttons.
      return { reply, inPlace: (changesRun(action) && checklistOf(reply, action.runId) !== undefined) || updatesInPlace(action) };
    }
    return this.saveChecklist(submission, asker);
  }

  /**
   * Turns the submitted toggles into the core's checklist.set actions: only items whose toggle
   * differs from what the card showed, so a stale card does not undo a colleague's tick.
   */
  private async saveChecklist(save: Extract<CardSubmission, { kind: 'checklist' }>, asker: Asker): Promise<Outcome | undefined> {
    let latest: Reply | undefined;
    for (const [itemId, done] of Object.entries(save.submitted)) {
      if (save.rendered[itemId] === done) continue;
      latest = await this.deps.motpart.handle({ action: { type: 'checklist.set', runId: save.runId, itemId, done } }, asker);
      const checklist = checklistOf(latest, save.runId);
      if (!checklist) return { reply: latest, inPlace: false };
      // A closed run refuses every change; its reply already says so.
      if (checklist.status === 'closed') return { reply: latest, inPlace: true };
    }
    return latest ? { reply: latest, inPlace: true } : undefined;
  }

  /**
   * Action.Execute (Universal Actions): a returned card replaces the pressed one for everyone; any
   * other answer goes to the conversation as a new message and the pressed card stays as it was.
   */
  protected override async onAdaptiveCardInvoke(context: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const submission = parseCardSubmission(invokeValue.action?.data);
    if (submission.kind === 'none' || submission.kind === 'invalid') {
      return { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: 'Okänd knapp' } };
    }
    const outcome = await this.perform(submission, askerOf(context.activity));
    if (outcome?.inPlace) {
      return { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: { ...renderCard(outcome.reply) } };
    }
    if (outcome) await context.sendActivity(cardMessage(outcome.reply, context.activity));
    // The message response carries a plain string, which botbuilder's type (a record) does not allow for.
    return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Klart.' as unknown as Record<string, unknown> };
  }

  /** Search-based message extension: the compose box asks the core and offers its answer as cards. */
  protected override async handleTeamsMessagingExtensionQuery(context: TurnContext, query: MessagingExtensionQuery): Promise<MessagingExtensionResponse> {
    const text = plainText(String(query.parameters?.find((p) => p.name === 'query')?.value ?? ''));
    const initialRun = query.parameters?.some((p) => p.name === 'initialRun' && String(p.value) === 'true');
    // Teams queries on every pause in typing; one or two letters match nothing and would only fill the gap log.
    if (initialRun || text.length < MIN_SEARCH_CHARS) return { composeExtension: { type: 'message', text: SEARCH_HINT } };
    const reply = await this.deps.motpart.handle({ text }, askerOf(context.activity));
    if (reply.ephemeral) {
      const notice = reply.parts.find((p) => p.type === 'notice');
      return { composeExtension: { type: 'message', text: notice?.type === 'notice' ? notice.text : reply.headline } };
    }
    if (reply.intent === 'unknown') return { composeExtension: { type: 'message', text: `Ingen träff. ${SEARCH_HINT}` } };
    return { composeExtension: { type: 'result', attachmentLayout: 'list', attachments: searchResults(reply) } };
  }
}

/** One result per contact, guidance or checklist in the answer; the whole answer when it has none. */
function searchResults(reply: Reply): MessagingExtensionAttachment[] {
  const results: MessagingExtensionAttachment[] = [];
  for (const part of reply.parts) {
    const preview = previewOf(part);
    if (!preview) continue;
    const single: Reply = { ...reply, headline: preview.title, parts: [part], suggestions: [], buttons: [] };
    results.push(resultFor(single, preview.title, preview.subtitle));
    if (results.length === MAX_SEARCH_RESULTS) break;
  }
  if (results.length === 0) results.push(resultFor(reply, reply.headline, ''));
  return results;
}

function previewOf(part: ReplyPart): { title: string; subtitle: string } | undefined {
  switch (part.type) {
    case 'contact':
      return { title: part.contact.name, subtitle: part.contact.organisation };
    case 'guidance':
      return { title: part.guidance.title, subtitle: part.guidance.answer };
    case 'checklist':
      return { title: part.checklist.title, subtitle: `Checklista, ${part.checklist.total} steg` };
    default:
      return undefined;
  }
}

function resultFor(reply: Reply, title: string, subtitle: string): MessagingExtensionAttachment {
  return {
    ...CardFactory.adaptiveCard(renderCard(reply, { interactive: false })),
    preview: CardFactory.thumbnailCard(title, shorten(subtitle, 140)),
  };
}
