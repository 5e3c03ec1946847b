/**
 * Adaptive Card renderer (schema 1.5, what Teams renders) for the platform-neutral Reply. Pure:
 * no botbuilder here, so the renderer is testable on its own and reusable by the message extension.
 */
import type {
  CardElementArray,
  Action as CardAction,
  IActionSet,
  IAdaptiveCard,
  IContainer,
  IFact,
  IShowCardAction,
  ISubmitAction,
  ITextBlock,
  IToggleInput,
} from '@microsoft/teams.cards';
import { buttonLabel, closedNowLead, formatDateTime, holderText, LABEL, openLabel, shorten, soleGuidance, summaryText, VERDICT_LABEL, verdictTone } from '../../core/render/kit.js';
import type { Action, Button, ChecklistView, ContactCard, GuidanceView, Reply, ReplyPart, Verdict, VerdictTone } from '../../core/render/kit.js';

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/**
 * Teams refuses messages over about 28 KB, activity envelope included. The card gets what is left
 * after a generous allowance for the envelope (ids, service URL, channel data).
 */
export const MAX_CARD_BYTES = 24_000;
/** Long texts are cut per block so one huge note cannot crowd out every other part. */
const MAX_TEXT_CHARS = 1_500;
const MAX_HEADLINE_CHARS = 200;
const MAX_LABEL_CHARS = 80;
/** The JS renderer's default host config allows five actions per action set. */
const MAX_ACTIONS = 5;

export const TRUNCATED_NOTE = 'Svaret är förkortat. Ställ en mer precis fråga för att se resten.';

/** Key under which a card button carries the core Action back to the bot. */
export const ACTION_DATA_KEY = 'motpart';
/** Key under which the checklist's save button says which run, and what state the card showed. */
export const CHECKLIST_DATA_KEY = 'motpartChecklist';

/** Input.Toggle id for a checklist item; the run id keeps two checklists in one card apart. */
export function toggleId(runId: string, itemId: string): string {
  return `toggle:${runId}:${itemId}`;
}

export interface CardOptions {
  /**
   * False for cards inserted by the message extension: buttons in a compose-box card do nothing
   * until sent, and then act for whoever presses them, so such cards carry information only.
   */
  interactive?: boolean;
}

/** Container styles behind the verdict: a tinted band with default (high-contrast) text on it. */
const TONE_STYLE: Record<VerdictTone, IContainer['style']> = { good: 'good', attention: 'attention', warning: 'warning', accent: 'accent' };
const VERDICT_ICON: Record<Verdict, string> = { far: '✅', far_inte: '⛔', beror_pa: '⚖️', information: 'ℹ️', ska: '❗' };

/** The Avsluta button asks first: it closes the checklist for everyone in the conversation. */
export const CLOSE_CONFIRM = {
  text: 'Checklistan avslutas för alla i chatten och kan inte bockas av mer.',
  confirm: 'Ja, avsluta',
};

interface RenderState {
  truncated: boolean;
  /** The headline shown on top, so a part that would repeat it leaves its own title out. */
  headline: string;
  /** The reply has one guidance part: the headline is made from its title, so it is not shown twice. */
  soleGuidance: boolean;
}

/** The shared grapheme-safe shortening; the card says it was shortened. */
function fit(state: RenderState, text: string, max = MAX_TEXT_CHARS): string {
  const out = shorten(text, max);
  if (out !== text) state.truncated = true;
  return out;
}

function textBlock(state: RenderState, text: string, extra: Omit<ITextBlock, 'type' | 'text'> = {}): ITextBlock {
  return { type: 'TextBlock', text: fit(state, text), wrap: true, ...extra };
}

/** Markdown link text may not contain brackets; a URL may not contain a closing parenthesis. */
function link(label: string, url: string): string {
  return `[${label.replace(/[[\]]/g, '')}](${url.replace(/\)/g, '%29').replace(/ /g, '%20')})`;
}

/**
 * Dates are formatted here, in Swedish, not with Teams' {{DATE}}: that follows the client's
 * locale, which shows "Wed, Dec 2, 2026 7:44 AM" to a Swedish user with an English Teams.
 */
const when = formatDateTime;

function contactFacts(contact: Omit<ContactCard, 'fallback'>): IFact[] {
  const facts: IFact[] = [];
  if (contact.areas.length > 0) facts.push({ title: 'Områden', value: contact.areas.join(', ') });
  if (contact.contact.email) facts.push({ title: 'E-post', value: link(contact.contact.email, `mailto:${contact.contact.email}`) });
  if (contact.contact.phone) {
    const dial = contact.contact.phone.replace(/\(.*?\)/g, '').replace(/[^\d+]/g, '');
    facts.push({ title: 'Telefon', value: dial ? link(contact.contact.phone, `tel:${dial}`) : contact.contact.phone });
  }
  if (contact.contact.chat) facts.push({ title: 'Chatt', value: contact.contact.chat });
  if (contact.contact.url) facts.push({ title: 'Webb', value: link(contact.contact.url, contact.contact.url) });
  const label = openLabel(contact);
  const openNow = label ? ` · ${label}` : '';
  facts.push({ title: LABEL.hours, value: `${contact.hours}${openNow}` });
  if (contact.holder) facts.push({ title: LABEL.holder, value: holderText(contact.holder) });
  if (contact.deputy) facts.push({ title: LABEL.deputy, value: holderText(contact.deputy) });
  return facts;
}

function contactItems(state: RenderState, contact: Omit<ContactCard, 'fallback'>): CardElementArray {
  return [
    textBlock(state, contact.name, { weight: 'Bolder', size: 'Medium' }),
    textBlock(state, contact.organisation, { isSubtle: true, spacing: 'None' }),
    ...(contact.description ? [textBlock(state, contact.description)] : []),
    { type: 'FactSet', facts: contactFacts(contact).map((f) => ({ title: f.title, value: fit(state, f.value) })) },
    // Notes are read, not skimmed: default colour (pale yellow text is unreadable on white).
    ...contact.notes.map((note) => textBlock(state, `⚠️ ${note}`)),
  ];
}

function renderContact(state: RenderState, contact: ContactCard): IContainer {
  // Closed now: what to do now comes first, in normal-size default-colour bold text.
  const lead = closedNowLead(contact);
  const items: CardElementArray = lead ? [textBlock(state, lead, { weight: 'Bolder', size: 'Default', color: 'Default' })] : [];
  items.push(...contactItems(state, contact));
  if (contact.fallback) {
    const heading = contact.openNow === false ? LABEL.fallback : `${LABEL.fallback} – om ingen svarar`;
    items.push({
      type: 'Container',
      style: 'emphasis',
      spacing: 'Medium',
      items: [textBlock(state, heading, { weight: 'Bolder' }), ...contactItems(state, contact.fallback)],
    });
  }
  return { type: 'Container', separator: true, spacing: 'Medium', items };
}

function renderGuidance(state: RenderState, g: GuidanceView): IContainer {
  const items: CardElementArray = [];
  // The headline already names a reply's only guidance; a second title would only repeat it.
  if (!state.soleGuidance) items.push(textBlock(state, g.title, { weight: 'Bolder', size: 'Medium' }));
  // The verdict is the answer at a glance: a tinted band with large default-colour text.
  const icon = VERDICT_ICON[g.verdict];
  items.push({
    type: 'Container',
    style: TONE_STYLE[verdictTone(g.verdict)],
    spacing: 'Small',
    items: [textBlock(state, `${icon ? `${icon} ` : ''}${VERDICT_LABEL[g.verdict]}`, { weight: 'Bolder', size: 'Large', color: 'Default' })],
  });
  items.push(textBlock(state, g.answer));
  if (g.conditions.length > 0) {
    items.push(textBlock(state, LABEL.conditions, { weight: 'Bolder', spacing: 'Medium' }));
    items.push(textBlock(state, g.conditions.map((c) => `- ${c}`).join('\n'), { spacing: 'Small' }));
  }
  if (g.references.length > 0) items.push(textBlock(state, `**${LABEL.references}:** ${g.references.map((r) => r.display).join(', ')}`));
  if (g.sources.length > 0) {
    items.push(textBlock(state, `**${LABEL.sources}:**\n${g.sources.map((s) => `- ${link(s.title, s.url)}`).join('\n')}`));
  }
  if (g.uncertainty) {
    items.push({ type: 'Container', style: 'warning', items: [textBlock(state, `**${LABEL.uncertain}:** ${g.uncertainty}`)] });
  }
  const reviewed = `${LABEL.reviewed} ${g.reviewed}${g.reviewOverdue ? ' – ⚠️ granskningen är försenad, kontrollera mot källorna' : ''}`;
  items.push(textBlock(state, reviewed, { size: 'Small', isSubtle: !g.reviewOverdue }));
  if (g.owner) items.push(textBlock(state, `${LABEL.owner}: ${g.owner.name}`, { size: 'Small', isSubtle: true, spacing: 'None' }));
  return { type: 'Container', separator: true, spacing: 'Medium', items };
}

function checklistMeta(item: ChecklistView['items'][number]): string {
  const bits = [`${LABEL.responsible}: ${item.responsible}`];
  if (item.done && item.doneBy) bits.push(`${LABEL.ticked}: ${item.doneBy}${item.doneAt ? ` ${when(item.doneAt)}` : ''}`);
  if (item.reference) bits.push(item.reference.display);
  return bits.join(' · ');
}

function renderChecklist(state: RenderState, c: ChecklistView, interactive: boolean): IContainer {
  const open = c.status === 'open';
  // "Checklista: SIG" on top already names it.
  const items: CardElementArray = state.headline.endsWith(c.title) ? [] : [textBlock(state, c.title, { weight: 'Bolder', size: 'Medium' })];
  if (c.description) items.push(textBlock(state, c.description));
  items.push(textBlock(state, `${c.done} av ${c.total} klara${open ? '' : ' · avslutad'}`, { isSubtle: true, spacing: 'Small' }));
  for (const item of c.items) {
    if (open && interactive) {
      const toggle: IToggleInput = {
        type: 'Input.Toggle',
        id: toggleId(c.runId, item.id),
        title: fit(state, item.text),
        value: item.done ? 'true' : 'false',
        valueOn: 'true',
        valueOff: 'false',
        wrap: true,
        spacing: 'Medium',
      };
      items.push(toggle);
    } else {
      items.push(textBlock(state, `${item.done ? '✅' : '⬜'} ${item.text}`, { spacing: 'Medium' }));
    }
    items.push(textBlock(state, checklistMeta(item), { size: 'Small', isSubtle: true, spacing: 'None' }));
  }
  if (open && interactive) {
    const rendered = Object.fromEntries(c.items.map((i) => [i.id, i.done]));
    const save: ISubmitAction = {
      type: 'Action.Submit',
      title: 'Spara',
      style: 'positive',
      data: { [CHECKLIST_DATA_KEY]: { runId: c.runId, rendered } },
    };
    items.push({ type: 'ActionSet', actions: [save] });
  }
  return { type: 'Container', separator: true, spacing: 'Medium', items };
}

function renderPart(state: RenderState, part: ReplyPart, interactive: boolean): CardElementArray {
  switch (part.type) {
    case 'text':
      return [
        ...(part.title ? [textBlock(state, part.title, { weight: 'Bolder', spacing: 'Medium' })] : []),
        textBlock(state, part.text, part.title ? { spacing: 'Small' } : {}),
      ];
    case 'notice':
      return [
        {
          type: 'Container',
          style: part.level === 'warning' ? 'warning' : 'emphasis',
          spacing: 'Medium',
          items: [textBlock(state, `${part.level === 'warning' ? '⚠️' : 'ℹ️'} ${part.text}`)],
        },
      ];
    case 'contact':
      return [renderContact(state, part.contact)];
    case 'guidance':
      return [renderGuidance(state, part.guidance)];
    case 'checklist':
      return [renderChecklist(state, part.checklist, interactive)];
    case 'list':
      return [
        ...(part.title ? [textBlock(state, part.title, { weight: 'Bolder', spacing: 'Medium' })] : []),
        textBlock(state, part.items.map((i) => `- ${i}`).join('\n'), { spacing: 'Small' }),
      ];
  }
}

/** What a pressed button sends back; `ask` shows the question in the chat as if the user typed it. */
function submitAction(button: Button): ISubmitAction {
  // Short enough to fit on a phone-width card, cut with an ellipsis: never clipped at the card edge.
  const title = shorten(buttonLabel(button.label), MAX_LABEL_CHARS);
  const action: ISubmitAction = { type: 'Action.Submit', title, data: actionData(button.action) };
  if (button.style === 'primary') action.style = 'positive';
  if (button.style === 'danger') action.style = 'destructive';
  return action;
}

/**
 * Adaptive Cards have no confirmation dialog, so a button that changes something for everyone
 * (closing a shared checklist) opens a small card under it that asks first.
 */
function cardAction(button: Button): CardAction {
  const submit = submitAction(button);
  if (button.action.type !== 'checklist.close') return submit;
  const show: IShowCardAction = {
    type: 'Action.ShowCard',
    title: submit.title,
    card: {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [{ type: 'TextBlock', text: CLOSE_CONFIRM.text, wrap: true, weight: 'Bolder' }],
      actions: [{ ...submit, title: CLOSE_CONFIRM.confirm }],
    },
  };
  if (button.style === 'danger') show.style = 'destructive';
  return show;
}

function actionData(action: Action): Record<string, unknown> {
  if (action.type === 'ask') {
    return { msteams: { type: 'messageBack', text: action.text, displayText: action.text, value: { [ACTION_DATA_KEY]: action } } };
  }
  return { [ACTION_DATA_KEY]: action };
}

/** Teams messages are public already, so "share" (make an ephemeral answer public) has no meaning here. */
function teamsButtons(buttons: Button[]): Button[] {
  return buttons.filter((b) => b.action.type !== 'share').slice(0, MAX_ACTIONS);
}

const bytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value), 'utf8');

export function renderCard(reply: Reply, options: CardOptions = {}): IAdaptiveCard {
  const interactive = options.interactive ?? true;
  const state: RenderState = { truncated: false, headline: reply.headline, soleGuidance: soleGuidance(reply) !== undefined };
  const headline = textBlock(state, fit(state, reply.headline, MAX_HEADLINE_CHARS), { weight: 'Bolder', size: 'Large' });
  const tail: CardElementArray = [];
  if (interactive && reply.suggestions.length > 0) {
    const suggestions = reply.suggestions.slice(0, MAX_ACTIONS);
    if (suggestions.length < reply.suggestions.length) state.truncated = true;
    tail.push(textBlock(state, 'Du kanske också vill', { weight: 'Bolder', spacing: 'Medium', size: 'Small' }));
    const set: IActionSet = { type: 'ActionSet', actions: suggestions.map((s) => submitAction(s)) };
    tail.push(set);
  }
  const actions = interactive ? teamsButtons(reply.buttons).map((b) => cardAction(b)) : [];
  const note: IContainer = { type: 'Container', style: 'warning', spacing: 'Medium', items: [textBlock(state, TRUNCATED_NOTE)] };

  const card: IAdaptiveCard = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    fallbackText: shorten(summaryText(reply), MAX_TEXT_CHARS),
    msteams: { width: 'full' },
    body: [headline],
    ...(actions.length > 0 ? { actions } : {}),
  };

  // Parts are added whole and in order while they fit, so a cut answer never shows half a contact.
  let budget = MAX_CARD_BYTES - bytes({ ...card, body: [headline, ...tail, note] });
  for (const part of reply.parts) {
    const elements = renderPart(state, part, interactive);
    const size = bytes(elements);
    if (size > budget) {
      state.truncated = true;
      break;
    }
    card.body.push(...elements);
    budget -= size;
  }
  if (state.truncated) card.body.push(note);
  card.body.push(...tail);
  return card;
}
