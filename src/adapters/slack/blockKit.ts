/**
 * The Block Kit renderer: a Reply as a Slack message. Slack rejects a whole message when one limit
 * is broken, so every text is fitted to its field, buttons and options are grouped within their
 * limits, and a reply that does not fit is cut between blocks with a note saying so.
 */
import type { types } from '@slack/bolt';
import { buttonLabel, closedNowLead, ELLIPSIS, formatDateTime, holderText, LABEL, openLabel, shorten, soleGuidance, summaryText, VERDICT_LABEL } from '../../core/render/kit.js';
import type { Action, Button as ReplyButton, ChecklistItemView, ChecklistView, ContactCard, GuidanceView, Reply, ReplyPart, Verdict } from '../../core/render/kit.js';
import { ACTION_ID_PREFIX, checklistBlockId, encodeAction, itemIdSchema, TICK_ACTION_ID_PREFIX } from './actions.js';

export type KnownBlock = types.KnownBlock;
type Button = types.Button;
type PlainText = types.PlainTextElement;
type MrkdwnText = types.MrkdwnElement;
type PlainOption = types.PlainTextOption;

/** Documented Block Kit limits, plus the undocumented total that makes chat.postMessage answer msg_blocks_too_long. */
export const LIMITS = {
  blocksPerMessage: 50,
  blocksPerView: 100,
  sectionText: 3_000,
  contextElements: 10,
  headerText: 150,
  buttonText: 75,
  buttonsPerActions: 10,
  optionText: 75,
  optionDescription: 75,
  optionsPerCheckboxes: 10,
  optionsPerSelect: 100,
  fallbackText: 3_000,
  /** Measured as JSON; Slack's own count (about 12,000–13,000 characters of block text) is not published. */
  blocksJson: 12_000,
} as const;

/** Buttons per row: fewer than Slack's 10 so rows stay readable on a phone. */
const BUTTONS_PER_ROW = 5;
/** Rows of suggestions and of other buttons; more than this is noise in a chat message. */
const MAX_BUTTON_ROWS = 2;
/** A note or a list item longer than this is cut so one line cannot crowd out the rest of a card. */
const MAX_LINE = 600;

export const SHARE_LABEL = 'Visa för kanalen';
export const TRUNCATED_NOTE = ':scissors: Svaret är förkortat. Fråga mer precist, t.ex. om ett område eller en paragraf, för att se resten.';

const VERDICT_EMOJI: Partial<Record<Verdict, string>> = {
  far: ':white_check_mark:',
  far_inte: ':no_entry:',
  beror_pa: ':scales:',
  information: ':information_source:',
  ska: ':bell:',
};

const CONFIRM: Partial<Record<Action['type'], { title: string; text: string; confirm: string }>> = {
  'checklist.reset': { title: 'Börja om?', text: 'Alla bockar tas bort, för alla i kanalen.', confirm: 'Börja om' },
  'checklist.close': { title: 'Avsluta checklistan?', text: 'Checklistan avslutas för alla i kanalen och kan inte bockas av mer.', confirm: 'Avsluta' },
};

/** Cuts to at most `max` UTF-16 units with an ellipsis, between graphemes: the shared shortening. */
export const cut = (text: string, max: number): string => shorten(text, max);

/** Text from the knowledge or the user is data, not markup: only &, < and > are special in mrkdwn. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escaped and cut so the escaped text holds at most `max` characters. */
export function mrkdwnText(raw: string, max: number): string {
  let out = escapeMrkdwn(raw);
  let keep = raw.length;
  // Escaping can grow a character to five, so the cut shrinks in proportion until the escaped text fits.
  while (out.length > max) {
    keep = Math.max(1, Math.min(keep - 1, Math.floor((keep * max) / out.length)));
    out = escapeMrkdwn(cut(raw, keep));
  }
  return out;
}

/** Cuts formatted mrkdwn, backing off so no link (`<…>`) or entity (`&…;`) is left open. */
function cutFormatted(text: string, max: number): string {
  if (text.length <= max) return text;
  let head = cut(text, max).slice(0, -ELLIPSIS.length);
  const openLink = head.lastIndexOf('<');
  if (openLink > head.lastIndexOf('>')) head = head.slice(0, openLink);
  const openEntity = head.lastIndexOf('&');
  if (openEntity > head.lastIndexOf(';')) head = head.slice(0, openEntity);
  return `${head.trimEnd()}${ELLIPSIS}`;
}

/** A link in mrkdwn; characters that end the link syntax are percent-encoded, other schemes are shown as text. */
function link(url: string, title: string): string {
  if (!/^https?:\/\//i.test(url)) return escapeMrkdwn(title);
  const safe = url.replace(/\|/g, '%7C').replace(/</g, '%3C').replace(/>/g, '%3E');
  return `<${safe}|${mrkdwnText(title, 200)}>`;
}

const plain = (text: string, max: number): PlainText => ({ type: 'plain_text', text: cut(text, max), emoji: true });
const md = (text: string): MrkdwnText => ({ type: 'mrkdwn', text });

interface RenderState {
  truncated: boolean;
  /** The reply has one guidance part, whose title the header already says. */
  soleGuidance: boolean;
  headline: string;
  actionScope: string;
  nextActionId: number;
}

/** Joins already formatted lines up to `max` characters, dropping whole lines so no markup is cut. */
function fitLines(lines: readonly string[], max: number, state: RenderState): string {
  let out = '';
  for (const line of lines) {
    const next = out === '' ? line : `${out}\n${line}`;
    if (next.length > max - 2) {
      state.truncated = true;
      return out === '' ? cutFormatted(line, max) : `${out}\n${ELLIPSIS}`;
    }
    out = next;
  }
  return out;
}

function section(lines: readonly string[], state: RenderState): KnownBlock {
  return { type: 'section', text: md(fitLines(lines, LIMITS.sectionText, state)) };
}

function context(elements: readonly string[], state: RenderState): KnownBlock {
  return { type: 'context', elements: elements.slice(0, LIMITS.contextElements).map((e) => md(fitLines([e], LIMITS.sectionText, state))) };
}

/** Long free text is split over several sections at spaces; escaping happens first so no entity is split. */
function textSections(raw: string, title: string | undefined): KnownBlock[] {
  let rest = `${title ? `*${mrkdwnText(title, 150)}*\n` : ''}${escapeMrkdwn(raw)}`;
  const blocks: KnownBlock[] = [];
  while (rest.length > 0) {
    if (rest.length <= LIMITS.sectionText) {
      blocks.push({ type: 'section', text: md(rest) });
      break;
    }
    let at = rest.lastIndexOf(' ', LIMITS.sectionText);
    if (at <= 0) {
      at = LIMITS.sectionText;
      const amp = rest.lastIndexOf('&', at);
      if (amp > at - 6 && !rest.slice(amp, at).includes(';')) at = amp;
      const code = rest.charCodeAt(at - 1);
      if (code >= 0xd800 && code <= 0xdbff) at -= 1;
    }
    blocks.push({ type: 'section', text: md(rest.slice(0, at)) });
    rest = rest.slice(at).trimStart();
  }
  return blocks;
}

function contactLines(c: Omit<ContactCard, 'fallback'>): string[] {
  const areas = c.areas.length > 0 ? ` · ${c.areas.join(', ')}` : '';
  const lines = [`*${mrkdwnText(c.name, 200)}*`, mrkdwnText(`${c.organisation}${areas}`, 400)];
  if (c.description) lines.push(`_${mrkdwnText(c.description, 500)}_`);
  const channels = [
    c.contact.email ? `:email: ${mrkdwnText(c.contact.email, 200)}` : '',
    c.contact.phone ? `:telephone_receiver: ${mrkdwnText(c.contact.phone, 100)}` : '',
    c.contact.chat ? `:speech_balloon: ${mrkdwnText(c.contact.chat, 200)}` : '',
    c.contact.url ? `:link: ${link(c.contact.url, 'Webb')}` : '',
  ].filter(Boolean);
  if (channels.length > 0) lines.push(channels.join('   '));
  const label = openLabel(c);
  const open = label ? ` – *${label}*` : '';
  lines.push(`:clock3: ${mrkdwnText(c.hours, 300)}${open}`);
  for (const [icon, label, h] of [[':bust_in_silhouette:', LABEL.holder, c.holder], [':busts_in_silhouette:', LABEL.deputy, c.deputy]] as const) {
    if (h) lines.push(`${icon} ${label}: ${mrkdwnText(holderText(h), 300)}`);
  }
  for (const note of c.notes) lines.push(`:warning: ${mrkdwnText(note, MAX_LINE)}`);
  return lines;
}

function contactBlocks(c: ContactCard, state: RenderState): KnownBlock[] {
  // Closed now: what to do now is the first line, in normal bold text, before the closed unit.
  const lead = closedNowLead(c);
  const blocks = lead ? [section([`:rotating_light: *${mrkdwnText(lead, 500)}*`], state)] : [];
  blocks.push(section(contactLines(c), state));
  if (c.fallback) {
    const [name = '', ...rest] = contactLines(c.fallback);
    // A section, not small grey context text: the fallback is what a person calls.
    blocks.push(section([`:leftwards_arrow_with_hook: *${LABEL.fallback}:* ${name}`, ...rest], state));
  }
  return blocks;
}

function guidanceBlocks(g: GuidanceView, state: RenderState): KnownBlock[] {
  // The verdict on a line of its own, first; the title only when the header does not say it already.
  const emoji = VERDICT_EMOJI[g.verdict];
  const lines = [`${emoji ? `${emoji} ` : ''}*${VERDICT_LABEL[g.verdict]}*`];
  if (!state.soleGuidance) lines.push(`*${mrkdwnText(g.title, 300)}*`);
  lines.push(mrkdwnText(g.answer, 2_000));
  const blocks = [section(lines, state)];
  if (g.conditions.length > 0) blocks.push(section([`*${LABEL.conditions}*`, ...g.conditions.map((c) => `• ${mrkdwnText(c, MAX_LINE)}`)], state));
  if (g.uncertainty) blocks.push(section([`:grey_question: *${LABEL.uncertain}:* ${mrkdwnText(g.uncertainty, 1_000)}`], state));
  const facts: string[] = [];
  if (g.references.length > 0) facts.push(`*${LABEL.references}:* ${mrkdwnText(g.references.map((r) => r.display).join(', '), 500)}`);
  if (g.sources.length > 0) facts.push(`*${LABEL.sources}:* ${g.sources.map((s) => link(s.url, s.title)).join(' · ')}`);
  const overdue = g.reviewOverdue ? ' · :warning: *granskningen är försenad*' : '';
  const owner = g.owner ? ` · ${LABEL.owner}: ${mrkdwnText(g.owner.name, 200)}` : '';
  facts.push(`${LABEL.reviewed} ${mrkdwnText(g.reviewed, 20)}${overdue}${owner}`);
  blocks.push(context(facts, state));
  return blocks;
}

/** "✓ Anna, 24 nov. 14:05": who ticked the item and when, in Swedish local time. */
export function tickedBy(item: ChecklistItemView): string | undefined {
  if (!item.done || !item.doneBy) return undefined;
  return `✓ ${item.doneBy}${item.doneAt ? `, ${formatDateTime(item.doneAt)}` : ''}`;
}

function itemOption(item: ChecklistItemView, index: number): PlainOption {
  const reference = item.reference ? ` · ${item.reference.display}` : '';
  const who = tickedBy(item);
  // The responsible role stays beside who ticked it and when.
  return {
    text: plain(`${index + 1}. ${item.text}`, LIMITS.optionText),
    description: plain(who ? `${item.responsible} · ${who}` : `${item.responsible}${reference}`, LIMITS.optionDescription),
    value: item.id,
  };
}

function checklistBlocks(c: ChecklistView, state: RenderState): KnownBlock[] {
  const status = c.status === 'closed' ? ' · avslutad' : '';
  const title = state.headline.endsWith(c.title) ? '' : `*${mrkdwnText(c.title, 300)}* – `;
  const headLines = [`:ballot_box_with_check: ${title}${c.done} av ${c.total} klara${status}`];
  if (c.description) headLines.push(mrkdwnText(c.description, 1_000));
  const blocks = [section(headLines, state)];
  // A closed run, or an item id too long for an option value, is shown as text without checkboxes.
  const interactive = c.status === 'open' && c.items.every((i) => itemIdSchema.safeParse(i.id).success);
  if (!interactive) {
    const lines = c.items.map((item, i) => {
      const who = tickedBy(item);
      return `${item.done ? ':ballot_box_with_check:' : ':white_large_square:'} ${i + 1}. ${mrkdwnText(item.text, MAX_LINE)} – ${mrkdwnText(item.responsible, 100)}${who ? ` (${mrkdwnText(who, 200)})` : ''}`;
    });
    blocks.push(section(lines, state));
    return blocks;
  }
  for (let start = 0, group = 0; start < c.items.length; start += LIMITS.optionsPerCheckboxes, group++) {
    const items = c.items.slice(start, start + LIMITS.optionsPerCheckboxes);
    const options = items.map((item, i) => itemOption(item, start + i));
    const initial = options.filter((_, i) => items[i]!.done);
    blocks.push({
      type: 'actions',
      block_id: checklistBlockId(c.runId, group),
      elements: [{ type: 'checkboxes', action_id: `${TICK_ACTION_ID_PREFIX}${group}`, options, ...(initial.length > 0 ? { initial_options: initial } : {}) }],
    });
  }
  // Option texts hold 75 characters; longer steps and their legal references are written out below.
  const long = c.items.flatMap((item, i) => (`${i + 1}. ${item.text}`.length > LIMITS.optionText ? [`${i + 1}. ${mrkdwnText(item.text, MAX_LINE)}`] : []));
  if (long.length > 0) blocks.push(context([long.join('\n')], state));
  return blocks;
}

function partBlocks(p: ReplyPart, state: RenderState): KnownBlock[] {
  switch (p.type) {
    case 'text':
      return textSections(p.text, p.title);
    case 'notice':
      return p.level === 'warning'
        ? [section([`:warning: ${mrkdwnText(p.text, 2_000)}`], state)]
        : [context([`:information_source: ${mrkdwnText(p.text, 2_000)}`], state)];
    case 'contact':
      return contactBlocks(p.contact, state);
    case 'guidance':
      return guidanceBlocks(p.guidance, state);
    case 'checklist':
      return checklistBlocks(p.checklist, state);
    case 'list':
      return [section([...(p.title ? [`*${mrkdwnText(p.title, 200)}*`] : []), ...p.items.map((i) => `• ${mrkdwnText(i, MAX_LINE)}`)], state)];
  }
}

function button(b: ReplyButton, state: RenderState): Button | undefined {
  const value = encodeAction(b.action);
  if (value === undefined) return undefined;
  const confirm = CONFIRM[b.action.type];
  return {
    type: 'button',
    action_id: `${ACTION_ID_PREFIX}${state.actionScope}${state.nextActionId++}`,
    text: plain(buttonLabel(b.label), LIMITS.buttonText),
    value,
    ...(b.style ? { style: b.style } : {}),
    ...(confirm
      ? { confirm: { title: plain(confirm.title, 100), text: plain(confirm.text, 300), confirm: plain(confirm.confirm, 30), deny: plain('Avbryt', 30), style: 'danger' as const } }
      : {}),
  };
}

/** Buttons in rows; what does not fit in the allowed rows is left out and the reply marked as cut. */
function buttonRows(buttons: readonly ReplyButton[], state: RenderState): KnownBlock[] {
  const elements = buttons.map((b) => button(b, state)).filter((b): b is Button => b !== undefined);
  if (elements.length > BUTTONS_PER_ROW * MAX_BUTTON_ROWS) state.truncated = true;
  const rows: KnownBlock[] = [];
  for (let i = 0; i < Math.min(elements.length, BUTTONS_PER_ROW * MAX_BUTTON_ROWS); i += BUTTONS_PER_ROW) {
    rows.push({ type: 'actions', elements: elements.slice(i, i + BUTTONS_PER_ROW) });
  }
  return rows;
}

export interface RenderOptions {
  /** Adds "Visa för kanalen", which posts the same answer for everyone. */
  share?: Extract<Action, { type: 'share' }>;
  /** Leave out the headline (the App Home has its own). */
  headline?: boolean;
  /** 50 for messages, 100 for the App Home. */
  maxBlocks?: number;
  /** Keeps action ids unique when several replies share one surface (the App Home). */
  actionScope?: string;
  /** Extra context under the answer, already formatted as mrkdwn (e.g. who shared it). */
  footer?: string;
}

export interface SlackMessage {
  /** Notification and screen-reader text; Slack shows it where blocks cannot be shown. */
  text: string;
  blocks: KnownBlock[];
}

/** The closed-now lead first, else the headline (with a guidance reply's verdict and answer). */
export function fallbackText(reply: Reply): string {
  return mrkdwnText(summaryText(reply), LIMITS.fallbackText);
}

const jsonSize = (blocks: readonly KnownBlock[]) => JSON.stringify(blocks).length;

export function renderReply(reply: Reply, options: RenderOptions = {}): SlackMessage {
  const state: RenderState = { truncated: false, soleGuidance: soleGuidance(reply) !== undefined && options.headline !== false, headline: options.headline === false ? '' : reply.headline, actionScope: options.actionScope ? `${options.actionScope}.` : '', nextActionId: 0 };
  const maxBlocks = options.maxBlocks ?? LIMITS.blocksPerMessage;
  const head: KnownBlock[] = options.headline === false ? [] : [{ type: 'header', text: plain(reply.headline, LIMITS.headerText) }];
  const body = reply.parts.flatMap((p) => partBlocks(p, state));
  const footer = options.footer ? [context([options.footer], state)] : [];
  const tail = [
    ...buttonRows(reply.suggestions, state),
    ...buttonRows([...reply.buttons, ...(options.share ? [{ label: SHARE_LABEL, action: options.share }] : [])], state),
  ];
  const note: KnownBlock = { type: 'context', elements: [md(TRUNCATED_NOTE)] };

  // The note's place is reserved up front, so the body is cut where both the note and the buttons still fit.
  const room = maxBlocks - head.length - footer.length - tail.length - 1;
  let size = jsonSize([...head, ...footer, ...tail, note]);
  const kept: KnownBlock[] = [];
  for (const block of body) {
    const blockSize = JSON.stringify(block).length + 1;
    if (kept.length >= room || size + blockSize > LIMITS.blocksJson) {
      state.truncated = true;
      break;
    }
    kept.push(block);
    size += blockSize;
  }
  return { text: fallbackText(reply), blocks: [...head, ...kept, ...(state.truncated ? [note] : []), ...footer, ...tail] };
}

/** The checklist a reply shows, if any: such replies are posted for everyone and updated in place. */
export function checklistOf(reply: Reply): ChecklistView | undefined {
  for (const part of reply.parts) if (part.type === 'checklist') return part.checklist;
  return undefined;
}
