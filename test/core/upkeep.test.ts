/**
 * Keeping the directory current from the chat (issue 22), through the core's one entry point with
 * a clock the test moves: a holder's stand-in holds at once and ends on its date, a handover waits
 * for an editor, a stranger is refused or can only suggest, an editor can undo.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createMotpart, type Input, type Motpart } from '../../src/core/motpart.js';
import type { Asker } from '../../src/core/ports.js';
import type { Button, Reply } from '../../src/core/reply.js';
import { memoryStore, type MemoryStore } from '../support/memoryStore.js';
import { fixtureKnowledge } from './helpers.js';

const SARA: Asker = { platform: 'slack', userId: 'USARA', displayName: 'Sara', conversationId: 'DSARA' };
const EDITOR: Asker = { platform: 'slack', userId: 'UEDIT', displayName: 'Redaktören', conversationId: 'DEDIT' };
const STRANGER: Asker = { platform: 'teams', userId: 'aad-okand', conversationId: 'a:okand' };
const POLICE: Asker = { platform: 'slack', userId: 'UPOLIS', conversationId: 'CPOLIS', as: 'polis' };
const OSTER = 'Mottagningsenheten barn och unga, Område Öster';

let clock: Date;
let store: MemoryStore;
let motpart: Motpart;

const at = (date: string) => (clock = new Date(`${date}T09:00:00Z`));
const say = (who: Asker, text: string) => motpart.handle({ text }, who);
const press = (who: Asker, b: Button) => motpart.handle({ action: b.action } as Input, who);
const button = (r: Reply, label: string) => {
  const found = [...r.buttons, ...r.suggestions].find((b) => b.label === label);
  if (!found) throw new Error(`no "${label}" in ${JSON.stringify(r.buttons.map((b) => b.label))}`);
  return found;
};
/** The Öster unit's card as the police see it in an answer. */
async function osterCard() {
  const r = await say(POLICE, 'vem är min motpart i rosengard');
  const card = r.parts.flatMap((p) => (p.type === 'contact' && p.contact.name === OSTER ? [p.contact] : []))[0];
  if (!card) throw new Error(`no ${OSTER} card in ${JSON.stringify(r.headline)}`);
  return card;
}

let knowledge: Awaited<ReturnType<typeof fixtureKnowledge>>;

beforeEach(async () => {
  knowledge = await fixtureKnowledge();
  store = memoryStore();
  at('2026-11-24');
  motpart = createMotpart({ knowledge: () => knowledge, store, now: () => clock, editors: new Map([['*', new Set(['teams:aad-chef'])]]) });
});

describe('a holder sets their own stand-in', () => {
  it('asks to confirm, holds at once, shows in answers and ends on its date', async () => {
    const asked = await say(SARA, 'jag är ledig 15–30 december, Kim Exempel (fiktiv) vikarierar');
    expect(asked.intent).toBe('upkeep');
    expect(asked.ephemeral).toBe(true);
    expect(JSON.stringify(asked.parts)).toContain(`Kim Exempel (fiktiv) vikarierar i ${OSTER} 15 december–30 december`);
    expect(store.data.changes).toEqual([]);

    const saved = await press(SARA, button(asked, 'Ja, spara'));
    expect(saved.headline).toBe('Sparat');
    expect(store.data.changes).toMatchObject([{ kind: 'standin', person: 'Kim Exempel (fiktiv)', from: '2026-12-15', to: '2026-12-30', status: 'approved', by: 'slack:USARA', decidedBy: 'slack:USARA' }]);
    // A second press saves nothing more.
    expect((await press(SARA, button(asked, 'Ja, spara'))).headline).toBe('Redan sparat');
    expect(store.data.changes).toHaveLength(1);

    expect((await osterCard()).holder?.name).toBe('Sara Exempelsson (fiktiv)');
    at('2026-12-16');
    const during = await osterCard();
    expect(during.holder).toMatchObject({ name: 'Kim Exempel (fiktiv)', kind: 'vikarie', to: '2026-12-30' });
    expect(during.notes).toContain('Vikarie till 30 december: Kim Exempel (fiktiv).');
    at('2026-12-31');
    const after = await osterCard();
    expect(after.holder?.name).toBe('Sara Exempelsson (fiktiv)');
    expect(after.notes.join(' ')).not.toContain('Kim');
  });
});

describe('a handover waits for an editor', () => {
  it('is pending until approved, then shows from its date; the editor can undo it', async () => {
    const asked = await say(SARA, 'från 1 januari är det Nora Nyfiktiv (fiktiv) som har funktionen');
    expect(JSON.stringify(asked.parts)).toContain('gäller först när en redaktör för Socialtjänsten Malmö stad har godkänt den');
    const pending = await press(SARA, button(asked, 'Ja, spara'));
    expect(pending.headline).toBe('Väntar på godkännande');
    at('2027-01-02');
    expect((await osterCard()).holder?.name).toBe('Sara Exempelsson (fiktiv)');

    // Sara cannot approve her own handover; the editor sees it waiting and approves it.
    const list = await motpart.handle({ text: '', command: 'katalog' }, EDITOR);
    expect(list.headline).toBe('1 ändring väntar på godkännande');
    expect((await press(SARA, button(list, 'Godkänn 1'))).headline).toBe('Bara redaktörer kan göra det');
    const approved = await press(EDITOR, button(list, 'Godkänn 1'));
    expect(approved.headline).toBe('Godkänt');
    expect(store.data.changes[0]).toMatchObject({ status: 'approved', by: 'slack:USARA', decidedBy: 'slack:UEDIT' });
    expect((await osterCard()).holder).toMatchObject({ name: 'Nora Nyfiktiv (fiktiv)', kind: 'ordinarie' });
    expect((await press(EDITOR, button(list, 'Godkänn 1'))).headline).toBe('Redan avgjord');

    const undone = await press(EDITOR, button(approved, 'Ångra'));
    expect(undone.headline).toBe('Ångrat');
    expect(store.data.changes[0]).toMatchObject({ status: 'undone', undoneBy: 'slack:UEDIT' });
    expect((await osterCard()).holder?.name).toBe('Sara Exempelsson (fiktiv)');
  });

  it('an editor configured for every organisation (MOTPART_EDITORS=*) makes a handover hold at once', async () => {
    const asked = await say({ platform: 'teams', userId: 'aad-chef', conversationId: 'a:chef' }, `${OSTER}: från 1 januari är det Nora Nyfiktiv som har funktionen`);
    expect((await press({ platform: 'teams', userId: 'aad-chef', conversationId: 'a:chef' }, button(asked, 'Ja, spara'))).headline).toBe('Sparat');
    at('2027-01-01');
    expect((await osterCard()).holder?.name).toBe('Nora Nyfiktiv');
  });

  it('"jag har slutat" ends the holder\'s period once approved', async () => {
    const asked = await say(SARA, 'jag har slutat');
    expect(JSON.stringify(asked.parts)).toContain(`Sara Exempelsson (fiktiv) har inte längre ${OSTER} från 24 november`);
    await press(SARA, button(asked, 'Ja, spara'));
    await press(EDITOR, button(await motpart.handle({ text: '', command: 'katalog' }, EDITOR), 'Godkänn 1'));
    const card = await osterCard();
    expect(card.holder).toBeUndefined();
    expect(card.notes.join(' ')).toContain('gällde till 2026-11-23');
  });
});

describe('editors are told at once', () => {
  /** What the core asked to send, and to whom; `reach` says which of them the platforms reached. */
  function notifying(reach: (identity: string) => boolean) {
    const sent: Array<{ to: readonly string[]; reply: Reply }> = [];
    motpart = createMotpart({
      knowledge: () => knowledge,
      store,
      now: () => clock,
      editors: new Map([['*', new Set(['teams:aad-chef'])]]),
      notify: async (to, reply) => (sent.push({ to, reply }), to.filter(reach)),
    });
    return sent;
  }

  it('a handover waiting for approval goes to every editor of the organisation, with the buttons to decide', async () => {
    const sent = notifying((identity) => identity.startsWith('slack:'));
    const pending = await press(SARA, button(await say(SARA, 'från 1 januari är det Nora Nyfiktiv (fiktiv) som har funktionen'), 'Ja, spara'));
    expect(JSON.stringify(pending.parts)).toContain('Redaktörerna för Socialtjänsten Malmö stad har fått ett meddelande om den.');
    expect(sent).toHaveLength(1);
    expect([...sent[0]!.to].sort()).toEqual(['slack:UEDIT', 'teams:aad-chef', 'teams:aad-edit']);
    const told = sent[0]!.reply;
    expect(told.ephemeral).toBe(true);
    expect(JSON.stringify(told.parts)).toContain(`Nora Nyfiktiv (fiktiv) har ${OSTER} från 1 januari 2027 (begärt av Sara)`);
    expect(told.buttons.map((b) => b.label)).toEqual(['Godkänn', 'Avslå']);
    // One press decides; the message's buttons work for any editor, and for nobody else.
    expect((await press(STRANGER, button(told, 'Godkänn'))).headline).toBe('Bara redaktörer kan göra det');
    expect((await press(EDITOR, button(told, 'Godkänn'))).headline).toBe('Godkänt');
    expect(store.data.changes[0]).toMatchObject({ status: 'approved', decidedBy: 'slack:UEDIT' });
  });

  it('a stand-in that holds at once troubles nobody', async () => {
    const sent = notifying(() => true);
    await press(SARA, button(await say(SARA, 'jag är ledig 15–30 december, Kim Exempel (fiktiv) vikarierar'), 'Ja, spara'));
    expect(sent).toEqual([]);
  });

  it('says where the editors will see it when none could be reached', async () => {
    notifying(() => false);
    const suggested = await press(STRANGER, button(await say(STRANGER, `${OSTER}: från 1 januari är det Nora Nyfiktiv som har funktionen`), 'Föreslå ändringen'));
    expect(JSON.stringify(suggested.parts)).toContain('Redaktörerna för Socialtjänsten Malmö stad ser den när de skriver /katalog och i veckans påminnelser.');
  });

  it('says who must name an editor when the organisation has none', async () => {
    const sent: unknown[] = [];
    motpart = createMotpart({ knowledge: () => knowledge, store, now: () => clock, notify: async (to) => (sent.push(to), to) });
    const suggested = await press(STRANGER, button(await say(STRANGER, 'Kommunpolis Malmö Öster: från 1 januari är det Nora Nyfiktiv som har funktionen'), 'Föreslå ändringen'));
    expect(JSON.stringify(suggested.parts)).toContain('Ingen redaktör för Polisen region Syd är angiven');
    expect(sent).toEqual([]);
  });
});

describe('anyone else', () => {
  it('is refused when no function is known, and only suggests when one is named', async () => {
    const refused = await say(STRANGER, 'jag har slutat');
    expect(refused.headline).toBe('Jag vet inte vilken funktion det gäller');
    expect(JSON.stringify(refused)).toContain('teams:aad-okand');
    expect(refused.buttons).toEqual([]);

    const suggested = await say(STRANGER, `${OSTER}: från 1 januari är det Nora Nyfiktiv som har funktionen`);
    expect(JSON.stringify(suggested.parts)).toContain('du kan bara föreslå ändringen');
    expect((await press(STRANGER, button(suggested, 'Föreslå ändringen'))).headline).toBe('Förslaget är skickat till redaktörerna');
    expect(store.data.changes).toMatchObject([{ status: 'pending', suggested: true }]);
    const list = await motpart.handle({ text: '', command: 'katalog' }, EDITOR);
    expect((await press(STRANGER, button(list, 'Avslå 1'))).headline).toBe('Bara redaktörer kan göra det');
    expect((await press(EDITOR, button(list, 'Avslå 1'))).headline).toBe('Avslaget');
    expect(store.data.changes[0]).toMatchObject({ status: 'rejected', decidedBy: 'slack:UEDIT' });
  });

  it('cannot make a stand-in hold by pressing a crafted button', async () => {
    const r = await press(STRANGER, { label: 'x', action: { type: 'directory.propose', functionId: 'mottagning-barn-unga-malmo-oster', kind: 'standin', person: 'Mallory', from: '2026-12-01', to: '2026-12-02' } });
    expect(r.headline).toBe('Förslaget är skickat till redaktörerna');
    expect(store.data.changes[0]).toMatchObject({ status: 'pending', suggested: true });
  });
});

describe('statements and questions', () => {
  it('/katalog with something that is no change says so and shows how to write one', async () => {
    const r = await motpart.handle({ text: 'byt telefonnummer', command: 'katalog' }, SARA);
    expect(r.intent).toBe('upkeep');
    expect(JSON.stringify(r.parts)).toContain('Jag förstod inte ändringen');
  });

  it('ordinary questions are still answered as questions', async () => {
    expect((await say(SARA, 'vem är min motpart i rosengard')).intent).toBe('directory');
    expect((await say(SARA, 'får soc lämna uppgifter till polisen om en 17-åring')).intent).toBe('guidance');
    expect((await say(SARA, 'har Sara slutat?')).intent).not.toBe('upkeep');
  });

  it('never stores a personal number typed in a statement or carried by a button', async () => {
    const typed = await say(SARA, 'jag är ledig 15–30 december, Kim 19121212-1212 vikarierar');
    expect(typed.intent).not.toBe('upkeep');
    const crafted = await press(SARA, { label: 'x', action: { type: 'directory.propose', functionId: 'mottagning-barn-unga-malmo-oster', kind: 'standin', person: 'Kim 19121212-1212', from: '2026-12-15', to: '2026-12-30' } });
    expect(crafted.intent).toBe('upkeep');
    expect(JSON.stringify(store.data.changes)).not.toContain('1212');
  });
});
