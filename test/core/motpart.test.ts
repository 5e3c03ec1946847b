import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { createMotpart } from '../../src/core/motpart.js';
import { closedNowLead, type ChecklistView, type ContactCard, type GuidanceView, type Reply } from '../../src/core/reply.js';
import { memoryStore } from '../support/memoryStore.js';
import { contactIds, EVENING, fixtureKnowledge, harness, OFFICE_HOURS, replyText, snippetIds } from './helpers.js';

const PNR = '811218-9876';
const contacts = (r: Reply): ContactCard[] => r.parts.flatMap((p) => (p.type === 'contact' ? [p.contact] : []));
const guidanceOf = (r: Reply): GuidanceView => r.parts.flatMap((p) => (p.type === 'guidance' ? [p.guidance] : []))[0]!;
const checklistOf = (r: Reply): ChecklistView => r.parts.flatMap((p) => (p.type === 'checklist' ? [p.checklist] : []))[0]!;
const noticeTexts = (r: Reply) => r.parts.flatMap((p) => (p.type === 'notice' ? [p.text] : []));

describe('bad input never throws and always helps', () => {
  it.each([
    ['empty', ''],
    ['whitespace', '   \n\t '],
    ['emoji only', '🙂🙂👍'],
    ['punctuation only', '?!?...'],
  ])('%s → a help reply', async (_, text) => {
    const h = await harness();
    const r = await h.ask(text);
    expect(r.intent).toBe('help');
    expect(r.headline).toBe('Skriv en fråga');
    expect(r.suggestions.length).toBeGreaterThan(0);
  });

  it('answers that a text over 4,000 characters is too long, without searching or storing it', async () => {
    const h = await harness();
    const r = await h.ask('får soc lämna uppgifter till polisen '.repeat(120));
    expect(r.headline).toBe('Frågan är för lång');
    expect(h.store.data.gaps).toEqual([]);
  });

  it('handles unknown words with a helpful reply and logs the gap', async () => {
    const h = await harness();
    const r = await h.ask('qwerty asdf');
    expect(r.intent).toBe('unknown');
    expect(r.suggestions.length).toBeGreaterThan(0);
    expect(h.store.data.gaps.map((g) => g.intent)).toEqual(['unknown']);
  });

  it.each(['tack', 'Tack så mycket!', 'thanks'])('answers "%s" with a "Varsågod" and logs no unanswered question', async (text) => {
    const h = await harness();
    const r = await h.ask(text);
    expect(r.headline).toBe('Varsågod!');
    expect(h.store.data.gaps).toEqual([]);
  });

  it('handles control characters, odd Unicode and huge words', async () => {
    const h = await harness();
    const notUnderstood = { intent: 'unknown' as const, headline: 'Jag förstod inte frågan', contacts: [] as string[] };
    const cases: [string, { intent: Reply['intent']; headline: string; contacts: string[] }][] = [
      ['\u0000\u0007vem', notUnderstood],
      // Full-width letters are folded, so the area is found; a bidi override is ignored.
      ['Ｒｏｓｅｎｇåｒｄ motpart', { intent: 'directory', headline: 'Motparter i Rosengård', contacts: ['mottagning-barn-unga-malmo-oster', 'kommunpolis-malmo-oster'] }],
      ['x'.repeat(3999), notUnderstood],
      ['\u202Efosie', { intent: 'directory', headline: 'Kontakter i Fosie', contacts: ['kommunpolis-malmo-syd', 'mottagning-barn-unga-malmo-soder'] }],
      ['<script>alert(1)</script>', notUnderstood],
    ];
    for (const [text, expected] of cases) {
      const r = await h.ask(text);
      expect({ intent: r.intent, headline: r.headline, contacts: contactIds(r) }, JSON.stringify(text.slice(0, 20))).toEqual(expected);
    }
  });

  it('answers with a generic error, not an exception, when something breaks inside', async () => {
    const motpart = createMotpart({
      knowledge: () => {
        throw new Error('boom');
      },
      store: memoryStore(),
    });
    const r = await motpart.handle({ text: 'hej' }, { platform: 'cli', userId: 'u', conversationId: 'c' });
    expect(r.headline).toBe('Något gick fel');
  });
});

describe('personal-number guard', () => {
  it.each([`får jag lämna ut ${PNR} till polisen`, `vem är motpart för 19${PNR.replace('-', '')} i Rosengård`, `${'a '.repeat(2100)}${PNR}`])(
    'warns privately and stores nothing: %#',
    async (text) => {
      const lines: string[] = [];
      const logger = createLogger('debug', new Writable({ write: (chunk, _enc, cb) => (lines.push(String(chunk)), cb()) }));
      const h = await harness({ logger });
      const r = await h.ask(text);
      expect(r.ephemeral).toBe(true);
      expect(r.headline).toBe('Skriv inte personnummer här');
      expect(noticeTexts(r).join(' ')).toMatch(/har inte sparat texten/);
      expect(h.store.data.gaps).toEqual([]);
      expect(h.store.data.feedback).toEqual([]);
      expect(lines.join('')).not.toContain('811218');
      expect(replyText(r)).not.toContain('811218');
    },
  );

  it('guards button presses that ask a text too', async () => {
    const h = await harness();
    const r = await h.press({ action: { type: 'ask', text: `om ${PNR}` } });
    expect(r.ephemeral).toBe(true);
  });

  it('is the only ephemeral reply for ordinary questions', async () => {
    const h = await harness();
    for (const q of ['vem är min motpart i Rosengård', '18 a', 'hjälp', 'banan']) expect((await h.ask(q)).ephemeral).toBe(false);
  });
});

describe('directory replies', () => {
  it('show the function first, then holder and deputy, hours and feedback buttons', async () => {
    const h = await harness();
    const r = await h.ask('vem är min motpart i Rosengård', { as: 'polis' });
    const [card] = contacts(r);
    expect(card).toMatchObject({
      functionId: 'mottagning-barn-unga-malmo-oster',
      organisation: 'Socialtjänsten Malmö stad',
      areas: ['Område Öster'],
      contact: { email: 'mottagning.oster@example.org' },
      hours: 'mån–fre 08.00–16.30',
      openNow: true,
      holder: { name: 'Sara Exempelsson (fiktiv)', kind: 'ordinarie' },
      deputy: { name: 'Ali Testare (fiktiv)', kind: 'ersattare' },
    });
    expect(card!.fallback).toBeUndefined();
    // The buttons carry the question too, so a vote can show the same answer again with the thanks.
    expect(r.buttons.filter((b) => b.action.type === 'feedback').map((b) => b.action)).toEqual([
      { type: 'feedback', target: 'directory', targetId: 'mottagning-barn-unga-malmo-oster', helpful: true, question: expect.any(String) },
      { type: 'feedback', target: 'directory', targetId: 'mottagning-barn-unga-malmo-oster', helpful: false, question: expect.any(String) },
    ]);
  });

  it('adds the out-of-hours fallback when the function is closed now', async () => {
    const h = await harness({ now: EVENING });
    const [card] = contacts(await h.ask('vem är min motpart i Rosengård', { as: 'polis' }));
    expect(card!.openNow).toBe(false);
    expect(card!.fallback).toMatchObject({ functionId: 'socialjouren-malmo', openNow: true });
    // What to do now is said once, by the lead every renderer shows first, not again as a note.
    expect(closedNowLead(card!)).toBe('Stängt nu – ring Socialjouren Malmö, 040-000 00 99 (fiktivt)');
    expect(card!.notes.join(' ')).not.toContain('Socialjouren');
  });

  it('shows a vacancy honestly, with the fallback', async () => {
    const h = await harness();
    const [card] = contacts(await h.ask('vem är min motpart i Fosie', { as: 'socialtjänst' }));
    expect(card!.functionId).toBe('kommunpolis-malmo-syd');
    expect(card!.holder).toBeUndefined();
    expect(card!.notes.join(' ')).toMatch(/vakant/);
    expect(card!.fallback?.functionId).toBe('polisen-kontaktcenter');
  });

  it('shows an ended holder period honestly, with the fallback', async () => {
    const h = await harness();
    const [card] = contacts(await h.ask('kontakt soc Fosie'));
    expect(card!.holder).toBeUndefined();
    expect(card!.notes.join(' ')).toContain('2025-06-30');
    expect(card!.fallback?.functionId).toBe('socialjouren-malmo');
  });

  it('shows a vikarie as the current holder', async () => {
    const h = await harness();
    const [card] = contacts(await h.ask('ungdomsutredare LPO Öster'));
    expect(card!.holder).toMatchObject({ kind: 'vikarie', name: 'Nora Vikarsson (fiktiv)', to: '2027-06-30' });
  });

  it('asks for the role and shows both sides when it does not know who is asking', async () => {
    const h = await harness();
    const r = await h.ask('vem är min motpart i Rosengård');
    expect(contactIds(r)).toEqual(['mottagning-barn-unga-malmo-oster', 'kommunpolis-malmo-oster']);
    expect(noticeTexts(r).join(' ')).toMatch(/vilken roll/);
    expect(r.buttons.filter((b) => b.action.type === 'profile.set')).toHaveLength(2);
  });

  it('uses the saved profile for counterpart questions', async () => {
    const h = await harness();
    const saved = await h.press({ action: { type: 'profile.set', functionId: 'kommunpolis-malmo-oster' } });
    expect(saved.intent).toBe('profile');
    expect(h.store.data.profiles.get('cli:u1')).toMatchObject({ functionId: 'kommunpolis-malmo-oster', organisationKind: 'polis' });
    expect(contactIds(await h.ask('vem är min motpart i Rosengård'))).toEqual(['mottagning-barn-unga-malmo-oster']);
  });

  it('keeps "jag jobbar på soc" on its own as the asker\'s role, and logs no unanswered question', async () => {
    const h = await harness();
    const r = await h.ask('jag jobbar på soc');
    expect(r.intent).toBe('profile');
    expect(r.headline).toBe('Sparat: du är socialtjänsten');
    expect(JSON.stringify(r.parts)).toContain('din motpart är polisen');
    expect(h.store.data.profiles.get('cli:u1')).toMatchObject({ organisationKind: 'socialtjanst' });
    expect(h.store.data.gaps).toEqual([]);
    expect(contactIds(await h.ask('vem är min motpart i Rosengård'))[0]).toMatch(/polis/);
  });

  it('answers "jag jobbar på soc i Malmö" with a short confirmation and the counterpart it implies, first', async () => {
    const h = await harness();
    const r = await h.ask('jag jobbar på soc i Malmö');
    expect(r.intent).toBe('profile');
    expect(r.headline).toBe('Sparat: du är socialtjänsten');
    expect(r.parts[0]).toEqual({ type: 'text', text: '"Vi" och "jag" i frågor läses som socialtjänsten, och din motpart är polisen; i Malmö är det:' });
    // One counterpart, not a directory listing, and no confirmation tucked away at the bottom.
    expect(r.parts.filter((p) => p.type === 'contact')).toHaveLength(1);
    expect(contactIds(r)[0]).toMatch(/polis/);
    expect(r.parts.some((p) => p.type === 'notice')).toBe(false);
    expect(r.suggestions.map((s) => s.label)).toEqual(['Alla motparter i Malmö']);
    expect(h.store.data.profiles.get('cli:u1')).toMatchObject({ organisationKind: 'socialtjanst' });
  });

  it('does not tell a police officer to write "jag är polis" to change role', async () => {
    const h = await harness();
    const police = JSON.stringify((await h.ask('jag är polis')).parts);
    expect(police).not.toContain('\\"jag är polis\\" för att byta');
    expect(police).toContain('\\"jag jobbar på soc\\" för att byta');
    expect(JSON.stringify((await h.ask('jag jobbar på soc')).parts)).toContain('\\"jag är polis\\" för att byta');
  });

  it.each([
    ['jag e polis', 'polis'],
    ['vi e från soc', 'socialtjanst'],
    ['jag är från polisen', 'polis'],
  ])('reads "%s" as an introduction', async (text, kind) => {
    const h = await harness();
    expect((await h.ask(text)).intent).toBe('profile');
    expect(h.store.data.profiles.get('cli:u1')).toMatchObject({ organisationKind: kind });
  });

  it('does not answer a story of several sentences that opens with "Jag jobbar som socialsekreterare" as an introduction', async () => {
    const h = await harness();
    const r = await h.ask('Jag jobbar som socialsekreterare i Malmö men ska flytta till Södertälje i augusti. Min dotter är tio år och ska börja i fyran. Hur ansöker man om skolplats där?');
    expect(r.intent).not.toBe('profile');
    expect(r.parts.some((p) => p.type === 'contact' || p.type === 'guidance')).toBe(false);
  });

  it('keeps a saved function when the asker says the same kind again, and changes it for another kind', async () => {
    const h = await harness();
    await h.press({ action: { type: 'profile.set', functionId: 'kommunpolis-malmo-oster' } });
    expect((await h.ask('jag är polis')).headline).toMatch(/^Du är redan sparad som Kommunpolis/);
    expect(h.store.data.profiles.get('cli:u1')).toMatchObject({ functionId: 'kommunpolis-malmo-oster' });
    expect((await h.ask('jag jobbar på skolan')).headline).toBe('Sparat: du är skolan');
    expect(h.store.data.profiles.get('cli:u1')).toEqual({ organisationKind: 'skola', updatedAt: expect.any(String) });
  });

  it('keeps a role stated with a question for the next question, and says so once', async () => {
    const h = await harness();
    const first = await h.ask('jag jobbar på soc, får vi lämna uppgifter till polisen om en 16-åring');
    expect(first.intent).toBe('guidance');
    expect(noticeTexts(first).at(-1)).toMatch(/^Jag sparade att du är socialtjänsten, så "vi" och "jag" läses så/);
    expect(h.store.data.profiles.get('cli:u1')).toMatchObject({ organisationKind: 'socialtjanst' });
    const next = await h.ask('får vi lämna uppgifter till polisen om en 16-åring');
    expect(noticeTexts(next).join(' ')).toContain('utifrån din roll (socialtjänsten)');
    const again = await h.ask('jag jobbar på soc, vem är min motpart i Rosengård');
    expect(contactIds(again)[0]).toMatch(/polis/);
    expect(noticeTexts(again).filter((t) => t.startsWith('Jag sparade'))).toEqual([]);
  });

  it('keeps a stated role, and says nothing of it, neither with --as nor when the store is down', async () => {
    const h = await harness();
    const withAs = await h.ask('jag är polis, får vi lämna uppgifter till soc', { as: 'skola' });
    expect(noticeTexts(withAs).filter((t) => t.startsWith('Jag sparade'))).toEqual([]);
    expect(h.store.data.profiles.size).toBe(0);
    h.store.failing = true;
    const down = await h.ask('jag jobbar på soc, får vi lämna uppgifter till polisen om en 16-åring');
    expect(down.intent).toBe('guidance');
    expect(noticeTexts(down).filter((t) => t.startsWith('Jag sparade') || t.startsWith('Det går inte att spara'))).toEqual([]);
  });

  it('refuses a profile for a function that does not exist', async () => {
    const h = await harness();
    const r = await h.press({ action: { type: 'profile.set', functionId: 'finns-inte' } });
    expect(r.headline).toBe('Den funktionen finns inte');
    expect(h.store.data.profiles.size).toBe(0);
  });

  it('says when it does not recognise the role given with --as', async () => {
    const h = await harness();
    const r = await h.ask('vem är min motpart i Rosengård', { as: 'brandkåren' });
    expect(noticeTexts(r)[0]).toContain('brandkåren');
  });

  it('asks for a place when none is given', async () => {
    const h = await harness();
    const r = await h.ask('/motpart');
    expect(r.headline).toBe('Vilket område gäller det?');
  });
});

describe('guidance replies', () => {
  it('carry verdict, answer, conditions, references, sources, review date, owner and the notice', async () => {
    const h = await harness();
    const r = await h.ask('får soc lämna uppgifter till polisen om en 17-åring för att förhindra brott');
    const g = guidanceOf(r);
    expect(g).toMatchObject({ snippetId: 'osl-10-18a-grund', verdict: 'beror_pa', reviewed: '2026-11-01', reviewOverdue: false, owner: { functionId: 'kommunjurist-malmo' } });
    expect(g.conditions.length).toBeGreaterThan(0);
    expect(g.references).toEqual([{ canonical: 'OSL 10:18 a', display: '10 kap. 18 a § OSL' }]);
    expect(g.sources[0]!.url).toMatch(/^https:\/\//);
    expect(noticeTexts(r)).toContain('Vägledning, inte ett beslut. Bedömningen görs i varje enskilt fall och dokumenteras.');
    expect(r.buttons.map((b) => b.action)).toContainEqual({ type: 'feedback', target: 'snippet', targetId: 'osl-10-18a-grund', helpful: true, question: expect.any(String) });
    expect(r.suggestions.map((s) => s.action)).toContainEqual({ type: 'checklist.start', checklistId: 'utlamnande-10-18a' });
  });

  it('flags a snippet past its review date', async () => {
    const h = await harness();
    const r = await h.ask('generalklausulen');
    expect(guidanceOf(r).reviewOverdue).toBe(true);
    expect(noticeTexts(r).join(' ')).toMatch(/granskats senast 2025-01-15/);
  });

  it('shows the uncertainty text when the snippet has one', async () => {
    const h = await harness();
    expect(guidanceOf(await h.ask('samtycke')).uncertainty).toMatch(/ingen fast åldersgräns/);
  });

  it('does not present the 18 a route for a 24-year-old, and offers alternatives', async () => {
    const h = await harness();
    const r = await h.ask('får soc lämna uppgifter till polisen om en 24-åring för att förhindra brott');
    expect(snippetIds(r)).toEqual([]);
    expect(r.headline).toBe('10 kap. 18 a § OSL gäller inte vid 24 år');
    expect(noticeTexts(r)[0]).toContain('inte har fyllt 21 år');
    expect(r.suggestions.map((s) => s.label)).toContain('Misstanke om brott – socialtjänsten får polisanmäla vissa brott');
  });

  it('says plainly when it has no sure answer, names who to ask and logs a redacted gap', async () => {
    const h = await harness();
    const r = await h.ask('Får Kalle Svensson dela uppgifter om skattebrott med Skatteverket? Han har nummer 070-123 45 67');
    expect(r.headline).toBe('Jag har inget säkert svar på det');
    expect(r.confidence).toBeLessThan(0.5);
    expect(replyText(r)).toContain('Kommunjurist Malmö stad');
    expect(h.store.data.gaps).toHaveLength(1);
    const gap = h.store.data.gaps[0]!;
    expect(gap.intent).toBe('guidance');
    expect(gap.question).not.toMatch(/Kalle|Svensson|070/);
    expect(gap.question).toContain('skattebrott');
  });
});

describe('several questions in one message', () => {
  it('answers the directory and the guidance part', async () => {
    const h = await harness();
    const r = await h.ask('vem är min motpart i Fosie och får jag berätta om en 16-åring för polisen för att förhindra brott?', { as: 'socialtjänst' });
    expect(contactIds(r)).toContain('kommunpolis-malmo-syd');
    expect(snippetIds(r)).toEqual(['osl-10-18a-grund']);
  });
});

describe('checklists', () => {
  it('lists the checklists', async () => {
    const h = await harness();
    const r = await h.ask('/checklista');
    expect(r.headline).toBe('Checklistor');
    expect(r.suggestions.map((s) => s.action)).toContainEqual({ type: 'checklist.start', checklistId: 'sociala-insatsgrupper' });
  });

  it('says so when the name matches nothing, and lists them', async () => {
    const h = await harness();
    const r = await h.ask('/checklista brandövning');
    expect(noticeTexts(r)[0]).toMatch(/ingen checklista/);
  });

  it('runs a checklist: start, show the open run again, tick, untick, reset, close', async () => {
    const h = await harness();
    const started = checklistOf(await h.ask('/checklista sig'));
    expect(started).toMatchObject({ checklistId: 'sociala-insatsgrupper', done: 0, total: 3, status: 'open' });
    const again = await h.ask('checklista SIG');
    expect(checklistOf(again).runId).toBe(started.runId);
    expect(noticeTexts(again)[0]).toMatch(/redan startad/);

    const ticked = checklistOf(await h.press({ action: { type: 'checklist.toggle', runId: started.runId, itemId: 'samtycke' } }));
    expect(ticked.done).toBe(1);
    expect(ticked.items.find((i) => i.id === 'samtycke')).toMatchObject({ done: true, doneBy: 'Testare', doneAt: OFFICE_HOURS.toISOString(), reference: { display: '12 kap. 2 § OSL' } });
    const unticked = checklistOf(await h.press({ action: { type: 'checklist.toggle', runId: started.runId, itemId: 'samtycke' } }));
    expect(unticked.done).toBe(0);
    expect(h.store.data.runs.get(started.runId)!.ticks.map((t) => t.done)).toEqual([true, false]);

    await h.press({ action: { type: 'checklist.toggle', runId: started.runId, itemId: 'kartlaggning' } });
    expect(checklistOf(await h.press({ action: { type: 'checklist.reset', runId: started.runId } })).done).toBe(0);
    const closed = await h.press({ action: { type: 'checklist.close', runId: started.runId } });
    expect(checklistOf(closed).status).toBe('closed');
    // The closed checklist says who closed it and when, in Swedish.
    expect(noticeTexts(closed)[0]).toMatch(/^Avslutad av Testare, \d{1,2} [a-zåäö]+\.? \d{2}:\d{2}\.$/);
    expect(closed.buttons.map((b) => b.action.type)).toEqual(['checklist.start']);
    const refused = await h.press({ action: { type: 'checklist.toggle', runId: started.runId, itemId: 'samtycke' } });
    expect(noticeTexts(refused)[0]).toMatch(/avslutad/);
    expect(checklistOf(refused).done).toBe(0);
    expect(checklistOf(await h.ask('/checklista sig')).runId).not.toBe(started.runId);
  });

  it('sets an item to the state a chat client asks for, so a stale message cannot undo a colleague', async () => {
    const h = await harness();
    const { runId } = checklistOf(await h.ask('/checklista sig'));
    const set = (done: boolean, displayName: string) => h.press({ action: { type: 'checklist.set', runId, itemId: 'samtycke', done } }, { userId: displayName, displayName });
    await set(true, 'Anna');
    const again = checklistOf(await set(true, 'Bo'));
    expect(again.items.find((i) => i.id === 'samtycke')).toMatchObject({ done: true, doneBy: 'Anna' });
    expect(h.store.data.runs.get(runId)!.ticks).toHaveLength(1);
    expect(checklistOf(await set(false, 'Bo')).done).toBe(0);
    expect(h.store.data.runs.get(runId)!.ticks.map((t) => [t.by, t.done])).toEqual([['Anna', true], ['Bo', false]]);
  });

  it('keeps runs apart per conversation', async () => {
    const h = await harness();
    const a = checklistOf(await h.ask('/checklista sig', { conversationId: 'a' }));
    const b = checklistOf(await h.ask('/checklista sig', { conversationId: 'b' }));
    expect(a.runId).not.toBe(b.runId);
  });

  it('loses no tick when two people tick at the same time', async () => {
    const h = await harness();
    const { runId } = checklistOf(await h.ask('/checklista 18 a'));
    await Promise.all(['alder', 'lamplighet', 'dokumentation'].map((itemId, i) => h.press({ action: { type: 'checklist.toggle', runId, itemId } }, { userId: `u${i}`, displayName: `Person ${i}` })));
    const run = h.store.data.runs.get(runId)!;
    expect(Object.values(run.items).filter((s) => s.done)).toHaveLength(3);
    expect(new Set(run.ticks.map((t) => t.by))).toEqual(new Set(['Person 0', 'Person 1', 'Person 2']));
  });

  it('says when every item is done', async () => {
    const h = await harness();
    const { runId } = checklistOf(await h.ask('/checklista orosanmälan'));
    await h.press({ action: { type: 'checklist.toggle', runId, itemId: 'anmal' } });
    const r = await h.press({ action: { type: 'checklist.toggle', runId, itemId: 'akut' } });
    expect(noticeTexts(r).join(' ')).toMatch(/Alla punkter är klara/);
  });

  it('answers an action on a run that does not exist with the list', async () => {
    const h = await harness();
    const r = await h.press({ action: { type: 'checklist.toggle', runId: 'nope', itemId: 'x' } });
    expect(r.headline).toBe('Checklistor');
  });
});

describe('per-user rate limit', () => {
  it('slows down one user who sends too much, privately, and not the others', async () => {
    const h = await harness({ rateLimit: { max: 3, windowMs: 60_000 } });
    // A chat user: the console is one local user and is not limited (see understanding.test.ts).
    const slack = { platform: 'slack' as const };
    for (let i = 0; i < 3; i++) expect(contactIds(await h.ask('socialjouren malmö', slack))).toEqual(['socialjouren-malmo']);
    const slowed = await h.ask('socialjouren malmö', slack);
    expect(slowed).toMatchObject({ headline: 'Många frågor på kort tid', ephemeral: true });
    expect(contactIds(await h.ask('socialjouren malmö', { ...slack, userId: 'u2' }))).toEqual(['socialjouren-malmo']);
  });

  it('never blocks answers when the store is down', async () => {
    const h = await harness({ rateLimit: { max: 1, windowMs: 60_000 } });
    h.store.failing = true;
    for (let i = 0; i < 3; i++) expect(contactIds(await h.ask('socialjouren malmö'))).toEqual(['socialjouren-malmo']);
  });
});

describe('when the store is down', () => {
  const SAVE_FAILED = 'Det går inte att spara just nu, försök igen om en stund.';

  it('still answers directory and guidance questions', async () => {
    const h = await harness();
    h.store.failing = true;
    expect(contactIds(await h.ask('vem är min motpart i Rosengård', { as: 'polis' }))).toEqual(['mottagning-barn-unga-malmo-oster']);
    expect(contactIds(await h.ask('vem är min motpart i Rosengård'))).toHaveLength(2);
    expect(snippetIds(await h.ask('18 a'))).toEqual(['osl-10-18a-grund']);
    expect((await h.ask('får vi dela uppgifter om skattebrott med Skatteverket')).headline).toBe('Jag har inget säkert svar på det');
  });

  it.each([
    ['starting a checklist', { text: '/checklista sig' }],
    ['ticking', { action: { type: 'checklist.toggle' as const, runId: 'r', itemId: 'i' } }],
    ['closing', { action: { type: 'checklist.close' as const, runId: 'r' } }],
    ['feedback', { action: { type: 'feedback' as const, target: 'snippet' as const, targetId: 'osl-10-18a-grund', helpful: true } }],
    ['saving the profile', { action: { type: 'profile.set' as const, functionId: 'kommunpolis-malmo-oster' } }],
  ])('says it cannot save when %s', async (_, input) => {
    const h = await harness();
    h.store.failing = true;
    const r = await h.press(input);
    expect(noticeTexts(r)).toEqual([SAVE_FAILED]);
  });
});

describe('feedback and the health report', () => {
  it('stores no vote for an answer the knowledge does not know (forged or outdated button)', async () => {
    const h = await harness();
    const r = await h.press({ action: { type: 'feedback', target: 'directory', targetId: 'ring-mig-0701234567', helpful: true } });
    expect(r.headline).toBe('Svaret finns inte längre');
    expect(h.store.data.feedback).toEqual([]);
  });

  it('records feedback', async () => {
    const h = await harness();
    const r = await h.press({ action: { type: 'feedback', target: 'snippet', targetId: 'osl-10-18a-grund', helpful: false } });
    expect(r.headline).toBe('Tack – registrerat.');
    expect(h.store.data.feedback).toEqual([{ target: 'snippet', targetId: 'osl-10-18a-grund', helpful: false, by: 'u1', at: OFFICE_HOURS.toISOString() }]);
  });

  it('answers a vote with the same answer and "Tack – registrerat" in place of the buttons, and counts a second press once', async () => {
    const h = await harness();
    const answer = await h.ask('får soc lämna uppgifter till polisen om en 17-åring');
    const up = answer.buttons.find((b) => b.action.type === 'feedback' && b.action.helpful)!;
    expect(up.action).toMatchObject({ question: 'får soc lämna uppgifter till polisen om en 17-åring' });
    const voted = await h.press({ action: up.action });
    expect(voted.headline).toBe(answer.headline);
    expect(voted.parts.at(-1)).toEqual({ type: 'notice', level: 'info', text: 'Tack – registrerat.' });
    expect(voted.buttons.some((b) => b.action.type === 'feedback')).toBe(false);
    const again = await h.press({ action: up.action });
    expect(again.parts.at(-1)).toMatchObject({ text: expect.stringContaining('redan registrerad') });
    expect(h.store.data.feedback).toHaveLength(1);
  });

  it('says the report is not available without the hook', async () => {
    const h = await harness();
    const r = await h.ask('/rapport');
    expect(r).toMatchObject({ intent: 'report', headline: 'Rapporten är inte tillgänglig', ephemeral: true });
  });

  it('shows the report privately, to admins only', async () => {
    const knowledge = await fixtureKnowledge();
    const motpart = createMotpart({
      knowledge: () => knowledge,
      store: memoryStore(),
      admins: new Set(['slack:UADMIN']),
      report: async () => ({ intent: 'report', headline: 'Hälsa', parts: [], suggestions: [], buttons: [], ephemeral: false, confidence: 1 }),
    });
    const admin = await motpart.handle({ text: '', command: 'rapport' }, { platform: 'slack', userId: 'UADMIN', conversationId: 'c' });
    expect(admin).toMatchObject({ headline: 'Hälsa', ephemeral: true });
    const other = await motpart.handle({ text: '', command: 'rapport' }, { platform: 'slack', userId: 'UOTHER', conversationId: 'c' });
    expect(other.headline).toBe('Rapporten är bara för administratörer');
  });

  it('shows the report to nobody in chat when no admins are named, and always in the console', async () => {
    const knowledge = await fixtureKnowledge();
    const motpart = createMotpart({
      knowledge: () => knowledge,
      store: memoryStore(),
      report: async () => ({ intent: 'report', headline: 'Hälsa', parts: [], suggestions: [], buttons: [], ephemeral: false, confidence: 1 }),
    });
    for (const platform of ['slack', 'teams'] as const) {
      const refused = await motpart.handle({ text: '', command: 'rapport' }, { platform, userId: 'U1', conversationId: 'c' });
      expect(refused.headline).toBe('Rapporten är bara för administratörer');
    }
    const local = await motpart.handle({ text: '', command: 'rapport' }, { platform: 'cli', userId: 'local', conversationId: 'cli' });
    expect(local.headline).toBe('Hälsa');
  });
});
