import { createRequire } from 'node:module';
import type * as AdaptiveCardsModule from 'adaptivecards';
import { describe, expect, it } from 'vitest';
import {
  ACTION_DATA_KEY,
  CHECKLIST_DATA_KEY,
  CLOSE_CONFIRM,
  MAX_CARD_BYTES,
  TRUNCATED_NOTE,
  renderCard,
  toggleId,
} from '../../src/adapters/teams/adaptiveCard.js';
import { reply } from '../../src/core/reply.js';
import { allReplies, checklistReply, directoryReply, guidanceReply, longButtonsReply, oversizedReply, piiWarningReply } from '../fixtures/replies.js';

/** The texts a person reads, top to bottom (TextBlocks, facts, toggles), as they appear. */
function readingOrder(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(readingOrder);
  if (!node || typeof node !== 'object') return [];
  const r = node as Record<string, unknown>;
  if (r.type === 'TextBlock') return [String(r.text)];
  if (r.type === 'Input.Toggle') return [String(r.title)];
  if (r.type === 'FactSet') return (r.facts as Array<{ title: string; value: string }>).map((f) => `${f.title}: ${f.value}`);
  if (r.type === 'AdaptiveCard') return readingOrder(r.body);
  if (r.type === 'ActionSet' || String(r.type).startsWith('Action.')) return [];
  return readingOrder(r.items ?? r.columns ?? []);
}

// The package's ESM build imports extensionless paths that Node cannot resolve; its UMD bundle
// loads fine and parses and validates cards without a DOM.
const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCardsModule;

function parseWithAdaptiveCards(json: unknown) {
  const context = new AC.SerializationContext(new AC.Version(1, 5));
  const card = new AC.AdaptiveCard();
  card.parse(json, context);
  const parseEvents = Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i));
  const validation = card.validateProperties();
  return { card, parseEvents, validationEvents: validation.validationEvents };
}

const json = (value: unknown) => JSON.stringify(value);

function elementsOfType(node: unknown, type: string): Array<Record<string, unknown>> {
  if (Array.isArray(node)) return node.flatMap((n) => elementsOfType(n, type));
  if (!node || typeof node !== 'object') return [];
  const record = node as Record<string, unknown>;
  const own = record.type === type ? [record] : [];
  return [...own, ...Object.values(record).flatMap((v) => elementsOfType(v, type))];
}

describe('Adaptive Card renderer', () => {
  it('is checked by a parser that does report unknown elements and too many actions', () => {
    const submit = { type: 'Action.Submit', title: 'x' };
    const bad = parseWithAdaptiveCards({
      type: 'AdaptiveCard',
      version: '1.5',
      body: [{ type: 'Badge', text: 'x' }],
      actions: Array.from({ length: 6 }, () => submit),
    });
    expect(bad.parseEvents.map((e) => e.event)).toContain(AC.ValidationEvent.UnknownElementType);
    expect(bad.validationEvents.map((e) => e.event)).toContain(AC.ValidationEvent.TooManyActions);
  });

  it.each(Object.entries(allReplies))('%s renders a schema 1.5 card that adaptivecards parses without events', (_name, fixture) => {
    const card = renderCard(fixture);
    expect(card.version).toBe('1.5');
    const { card: parsed, parseEvents, validationEvents } = parseWithAdaptiveCards(card);
    expect(parseEvents).toEqual([]);
    expect(validationEvents).toEqual([]);
    expect(parsed.getItemCount()).toBeGreaterThan(0);
    expect(Buffer.byteLength(json(card))).toBeLessThanOrEqual(MAX_CARD_BYTES);
  });

  it('shows the function first with clickable contact ways, opening state and the out-of-hours fallback', () => {
    const text = json(renderCard(directoryReply));
    expect(text).toContain('Mottagningsenheten barn och unga, Område Öster');
    expect(text).toContain('[mottagning.oster@example.org](mailto:mottagning.oster@example.org)');
    expect(text).toContain('(tel:0400000001)');
    expect(text).toContain('mån–fre 08.00–16.30 · stängt nu');
    expect(text).toContain('Vid fara för liv: ring 112.');
    expect(text).toContain('Socialjouren Malmö');
    expect(text).toContain('"title":"Kontaktperson","value":"Sara Exempelsson (fiktiv), Gruppledare"');
    // "Ersättare" once: the label says it, the value does not repeat it.
    expect(text).toContain('"title":"Ersättare","value":"Ali Testare (fiktiv)"');
    expect(text).not.toContain(TRUNCATED_NOTE);
  });

  it('puts what to do now first when the counterpart is closed, in normal-size default-colour text', () => {
    const card = renderCard(directoryReply);
    const order = readingOrder(card);
    expect(order[0]).toBe('Din motpart i Rosengård');
    expect(order[1]).toBe('Stängt nu – ring Socialjouren Malmö, 040-000 00 99 (fiktivt)');
    expect(order[2]).toBe('Mottagningsenheten barn och unga, Område Öster');
    const lead = elementsOfType(card, 'TextBlock').find((b) => String(b.text).startsWith('Stängt nu'))!;
    expect(lead).toMatchObject({ weight: 'Bolder', size: 'Default', color: 'Default' });
    expect(lead.isSubtle).toBeUndefined();
    // No pale yellow text anywhere: notes are default colour.
    expect(elementsOfType(card, 'TextBlock').filter((b) => b.color === 'Warning')).toEqual([]);
    expect(card.fallbackText).toBe('Stängt nu – ring Socialjouren Malmö, 040-000 00 99 (fiktivt) (Din motpart i Rosengård)');
  });

  it('shows verdict, conditions, legal reference, linked sources, review date and owner of guidance', () => {
    const card = renderCard(guidanceReply);
    const text = json(card);
    // One title (the headline), then the verdict in large default-colour text on a tinted band.
    const order = readingOrder(card);
    expect(order.slice(0, 2)).toEqual(['Socialtjänsten till polisen för att förebygga brott (under 21) (10 kap. 18 a § OSL)', '⚖️ Beror på']);
    expect(order.filter((t) => t.includes('Socialtjänsten till polisen för att förebygga brott'))).toHaveLength(1);
    const verdict = elementsOfType(card, 'Container').find((c) => readingOrder(c)[0] === '⚖️ Beror på' && (c.items as unknown[]).length === 1)!;
    expect(verdict.style).toBe('warning');
    expect((verdict.items as Array<Record<string, unknown>>)[0]).toMatchObject({ size: 'Large', weight: 'Bolder', color: 'Default' });
    expect(card.fallbackText).toMatch(/^Beror på: Socialtjänsten till polisen/);
    expect(text).toContain('- Personen har inte fyllt 21 år.');
    expect(text).toContain('**Lagrum:** 10 kap. 18 a § OSL');
    expect(text).toContain('[Prop. 2011/12:171](https://lagen.nu/prop/2011/12:171)');
    expect(text).toContain('Granskad 2026-11-01');
    expect(text).toContain('Innehållsansvarig: Kommunjurist Malmö stad');
    expect(text).toContain('Vägledning, inte ett beslut.');
    // Feedback buttons carry the core action back unchanged.
    expect(card.actions).toEqual([
      expect.objectContaining({ type: 'Action.Submit', title: '👍 Till hjälp', data: { [ACTION_DATA_KEY]: guidanceReply.buttons[0]!.action } }),
      expect.objectContaining({ type: 'Action.Submit', title: '👎 Inte till hjälp', data: { [ACTION_DATA_KEY]: guidanceReply.buttons[1]!.action } }),
    ]);
    // A suggestion that starts a checklist is a core action too.
    expect(text).toContain(json({ [ACTION_DATA_KEY]: { type: 'checklist.start', checklistId: 'utlamnande-10-18a' } }));
  });

  it('marks an overdue review and an uncertain point', () => {
    const part = guidanceReply.parts[0]!;
    if (part.type !== 'guidance') throw new Error('fixture changed');
    const overdue = reply({
      intent: 'guidance',
      headline: 'Gammal vägledning',
      parts: [{ type: 'guidance', guidance: { ...part.guidance, reviewOverdue: true, uncertainty: 'Rättsläget är inte prövat i domstol. Fråga kommunjuristen.' } }],
    });
    const text = json(renderCard(overdue));
    expect(text).toContain('granskningen är försenad');
    expect(text).toContain('**Osäkert:** Rättsläget är inte prövat i domstol.');
  });

  it('asks suggested questions as messageBack so the question shows in the chat and reaches the bot in a channel', () => {
    const card = renderCard(directoryReply);
    const set = card.body.find((e) => e.type === 'ActionSet');
    expect(set).toMatchObject({
      actions: [
        {
          type: 'Action.Submit',
          title: 'Får soc lämna uppgifter till polisen?',
          data: {
            msteams: {
              type: 'messageBack',
              text: 'får soc lämna uppgifter till polisen',
              value: { [ACTION_DATA_KEY]: { type: 'ask', text: 'får soc lämna uppgifter till polisen' } },
            },
          },
        },
      ],
    });
  });

  it('renders an open checklist as toggles with who ticked what and one save button', () => {
    const card = renderCard(checklistReply);
    const text = json(card);
    expect(text).toContain('1 av 3 klara');
    expect(elementsOfType(card, 'Input.Toggle')).toEqual([
      expect.objectContaining({ id: toggleId('run-123', 'kartlaggning'), title: 'Kartlägg den unges situation', value: 'true', valueOn: 'true', valueOff: 'false' }),
      expect.objectContaining({ id: toggleId('run-123', 'samtycke'), value: 'false' }),
      expect.objectContaining({ id: toggleId('run-123', 'atgardsplan'), value: 'false' }),
    ]);
    // Formatted in Swedish on the bot's side (09:14 UTC is 10:14 in Stockholm), beside the responsible role.
    expect(text).toContain('Ansvarig: SIG-koordinator · klar: Anna (fiktiv) 20 nov. 10:14');
    expect(text).not.toContain('{{DATE');
    // The headline names the checklist; the body does not repeat it.
    expect(readingOrder(card).filter((t) => t.includes('Sociala insatsgrupper'))).toHaveLength(1);
    expect(text).toContain('Ansvarig: Socialsekreterare · 12 kap. 2 § OSL');
    expect(text).toContain(json({ [CHECKLIST_DATA_KEY]: { runId: 'run-123', rendered: { kartlaggning: true, samtycke: false, atgardsplan: false } } }));
    expect(card.actions?.map((a) => [a.type, a.title, 'style' in a ? a.style : undefined])).toEqual([
      ['Action.Submit', 'Börja om', undefined],
      ['Action.ShowCard', 'Avsluta', 'destructive'],
    ]);
  });

  it('asks before closing a shared checklist: Avsluta opens a confirmation that carries the close', () => {
    const close = renderCard(checklistReply).actions![1] as unknown as { card: { body: Array<{ text: string }>; actions: Array<Record<string, unknown>> } };
    expect(close.card.body[0]!.text).toBe(CLOSE_CONFIRM.text);
    expect(close.card.actions).toEqual([
      expect.objectContaining({ type: 'Action.Submit', title: 'Ja, avsluta', style: 'destructive', data: { [ACTION_DATA_KEY]: { type: 'checklist.close', runId: 'run-123' } } }),
    ]);
  });

  it('shortens long button labels with an ellipsis so they fit the card, never splitting an emoji', () => {
    const titles = elementsOfType(renderCard(longButtonsReply), 'Action.Submit').map((a) => String(a.title));
    expect(titles[0]).toBe('Jag hör till Mottagningsenheten barn…');
    expect(titles[2]).toBe(`Familjen ${'👨‍👩‍👧'.repeat(8)}…`);
    const segmenter = new Intl.Segmenter('sv', { granularity: 'grapheme' });
    for (const t of titles) expect([...segmenter.segment(t)].length).toBeLessThanOrEqual(40);
  });

  it('renders a closed checklist as read-only lines without inputs', () => {
    const part = checklistReply.parts[0]!;
    if (part.type !== 'checklist') throw new Error('fixture changed');
    const closed = { ...checklistReply, parts: [{ type: 'checklist' as const, checklist: { ...part.checklist, status: 'closed' as const } }], buttons: [] };
    const text = json(renderCard(closed));
    expect(text).not.toContain('Input.Toggle');
    expect(text).not.toContain(CHECKLIST_DATA_KEY);
    expect(text).toContain('✅ Kartlägg den unges situation');
    expect(text).toContain('⬜ Upprätta individuell åtgärdsplan');
    expect(text).toContain('avslutad');
  });

  it('shows the personal-number warning without any user text', () => {
    const text = json(renderCard(piiWarningReply));
    expect(text).toContain('Skriv inte personnummer här');
    expect(text).toContain('"style":"warning"');
  });

  it('cuts an oversized reply at whole parts, within the Teams size limit, and says so', () => {
    const card = renderCard(oversizedReply);
    const text = json(card);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(MAX_CARD_BYTES);
    expect(text).toContain(TRUNCATED_NOTE);
    expect(text).toContain('Funktion nummer 0 med');
    expect(text).not.toContain('Funktion nummer 39 med');
    const set = card.body.find((e) => e.type === 'ActionSet');
    expect(set && 'actions' in set ? set.actions : []).toHaveLength(5);
    expect((card.body[0] as { text: string }).text.length).toBeLessThanOrEqual(200);
  });

  it('leaves out "share": a Teams answer is visible to the conversation already', () => {
    const withShare = reply({ intent: 'help', headline: 'Hjälp', buttons: [{ label: 'Dela i kanalen', action: { type: 'share', text: 'x' } }] });
    expect(renderCard(withShare).actions).toBeUndefined();
  });

  it('renders information-only cards for the message extension', () => {
    const text = json(renderCard(checklistReply, { interactive: false }));
    expect(text).not.toContain('Action.Submit');
    expect(text).not.toContain('Input.Toggle');
    expect(text).toContain('✅ Kartlägg den unges situation');
  });
});
