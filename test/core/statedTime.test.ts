/**
 * A directory question that says when ("i natt", "på lördag", "kl 23", "outside office hours")
 * is answered for that time: the contact that answers then comes first, and the cards say
 * "öppet i natt", not "öppet nu". A time in the story ("polisen tog honom i helgen") is not asked.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createMotpart } from '../../src/core/motpart.js';
import type { ContactCard, Reply } from '../../src/core/reply.js';
import { renderText } from '../../src/core/render/text.js';
import { statedTime } from '../../src/core/text/when.js';
import { loadAndBuild } from '../../src/knowledge/knowledge.js';
import { OFFICE_HOURS } from './helpers.js';
import { memoryStore } from '../support/memoryStore.js';

const knowledge = await loadAndBuild(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../knowledge'), { today: '2026-11-24' });
const motpart = createMotpart({ knowledge: () => knowledge, store: memoryStore(), now: () => OFFICE_HOURS });
let user = 0;
const ask = (text: string, as: string) => motpart.handle({ text }, { platform: 'cli', userId: `t${++user}`, conversationId: 'c', as });
const cards = (r: Reply): ContactCard[] => r.parts.flatMap((p) => (p.type === 'contact' ? [p.contact] : []));
const tuesday10 = { date: '2026-11-24', day: 'tue' as const, minutes: 600 };

describe('the time a question asks about', () => {
  it.each([
    ['vem ringer jag i natt', 'i natt', '2026-11-24', 23 * 60 + 30],
    ['socialjouren på lördag', 'på lördag', '2026-11-28', 12 * 60],
    ['behöver nå dem kl 23', 'kl. 23.00', '2026-11-24', 23 * 60],
    ['who do I call outside office hours', 'utanför kontorstid', '2026-11-24', 20 * 60],
    ['i helgen, vem har jouren', 'i helgen', '2026-11-28', 12 * 60],
    ['Det är lördag kväll och vi står i Järna', 'på lördag kväll', '2026-11-28', 20 * 60],
    ['Saturday night, 22:30, at the youth centre', 'på lördag kl. 22.30', '2026-11-28', 22 * 60 + 30],
    ["It's around 9 pm", 'kl. 21.00', '2026-11-24', 21 * 60],
    ['det är en vanlig fredagskväll på gården', 'på fredag kväll', '2026-11-27', 20 * 60],
    ['Friday 1 a.m., on call in Malmö', 'på fredag kl. 01.00', '2026-11-27', 60],
    // The clock in words, and a 12-hour day said at work.
    ['It is Friday, about half past seven in the evening', 'på fredag kl. 19.30', '2026-11-27', 19 * 60 + 30],
    ['klockan är kvart i fem och jag sitter på skolan', 'kl. 16.45', '2026-11-24', 16 * 60 + 45],
    ['klockan e 20 en tisdag', 'på tisdag kl. 20.00', '2026-11-24', 20 * 60],
    ['klockan är halv nio en torsdagskväll', 'på torsdag kl. 20.30', '2026-11-26', 20 * 60 + 30],
    ['halv tre i natt', 'kl. 02.30', '2026-11-24', 2 * 60 + 30],
    ['we need someone at 9 pm', 'kl. 21.00', '2026-11-24', 21 * 60],
  ])('"%s" is %s', (text, label, date, minutes) => {
    expect(statedTime(text, tuesday10)).toMatchObject({ label, at: { date, minutes } });
  });

  it('a question without a time is about now', () => {
    expect(statedTime('vem är kommunpolis i Rosengård', tuesday10)).toBeUndefined();
  });
});

describe('directory answers for the time asked about', () => {
  it('the police asking for soc in Rosengård tonight get the social jour first, open then', async () => {
    const [first] = cards(await ask('vem når jag på soc i Rosengård i natt', 'polis'));
    expect(first?.name).toBe('Socialjouren Malmö');
    expect(first?.openNow).toBe(true);
    expect(renderText(await ask('vem når jag på soc i Rosengård i natt', 'polis'))).toContain('öppet i natt');
  });

  it('asked at office hours about office hours, the office answers', async () => {
    const [first] = cards(await ask('vem når jag på soc i Rosengård', 'polis'));
    expect(first?.name).not.toBe('Socialjouren Malmö');
    expect(first?.when).toBeUndefined();
  });

  it('the story may say what time it is ("Det är lördag kväll")', async () => {
    const r = await ask('Det är lördag kväll och vi har en 14-åring från Rosengård hos oss som inte vill gå hem. Vem på socialtjänsten når vi?', 'polis');
    expect(cards(r)[0]?.name).toBe('Socialjouren Malmö');
  });

  it('"vi har en 14-åring" is the present: its "lördag kväll" is the time asked about', async () => {
    const r = await ask('Det är lördag kväll och vi har en 14-åring från Rosengård som inte vill gå hem. Vem på socialtjänsten når vi?', 'polis');
    expect(cards(r)[0]?.when).toBe('på lördag kväll');
  });

  it('at ten on a Tuesday, a story whose words fit the jour as well as the intake gets the intake, which is open', async () => {
    const r = await ask('En pojke i sexan i Oxie har berättat om bråk hemma och att han inte vill gå hem. Vart ska vi vända oss på soc?', 'skola');
    expect(cards(r)[0]?.name).toBe('Mottagningsenheten barn och unga, Område Söder');
  });

  it('a school telling of a child at risk, asking only "vem ringer jag?", is sent to social services, not to a contact the story\'s words fit', async () => {
    const r = await ask('Jag är lärare i Kisa. En elev på tio år har blåmärken och säger att pappa slår henne. Vem ringer jag?', 'skola');
    expect(cards(r)[0]?.name).toBe('Socialtjänsten Kinda, barn och unga');
  });

  it('asked for by name, the jour comes first even when it is closed now', async () => {
    const r = await ask('socialjouren malmö nummer', 'polis');
    expect(cards(r)[0]?.name).toBe('Socialjouren Malmö');
  });

  it('"seven" in "half past seven" is no typo of the place Seved', async () => {
    const r = await ask('It is Friday, about half past seven in the evening, and we have a 13-year-old in Hovsjö. Which social services do I call?', 'polis');
    expect(cards(r)[0]?.name).toBe('Socialjouren Södertälje');
  });

  it('a fallback already on a card is not offered again as "Även: …"', async () => {
    const r = await ask('klockan är kvart i fem en fredag, vem på soc i södertälje når jag om en 13-åring?', 'polis');
    const onCards = new Set(cards(r).map((c) => c.name));
    expect(r.suggestions.map((b) => b.label.replace(/^Även: /, '')).filter((name) => onCards.has(name))).toEqual([]);
  });

  it('the jour ranked on its own and as the closed intake\'s fallback is one card, not two', async () => {
    const r = await ask('orosanmälan kinda en fredag kl 18, vem ringer jag?? barnet är 7', 'region');
    expect(r.intent).toBe('directory');
    const names = cards(r).map((c) => c.name);
    expect(names[0]).toBe('Socialjouren Kinda');
    expect(names).toEqual([...new Set(names)]);
  });

  it('a time said beside what is asked for ("fältare … ikväll") says when, not whom: the field workers, not the jour', async () => {
    expect(cards(await ask('fältarna i malmö ikväll, rosengård', 'polis'))[0]?.name).toBe('Fältgruppen Malmö');
  });

  it('the unit the asker works at ("jobbar natt på socialjouren") is who asks, not the contact asked for', async () => {
    const r = await ask('Jag jobbar natt på socialjouren i Malmö och behöver nå polisen om en 14-åring från Rosengård. Vem ringer jag i natt?', 'socialtjänst');
    expect(cards(r)[0]?.name).not.toBe('Socialjouren Malmö');
    expect(cards(r).some((c) => c.name === 'Socialjouren Malmö')).toBe(false);
  });

  it('a time in the story is not the time asked about', async () => {
    const r = await ask('Polisen tog en 15-åring från Rosengård två gånger i helgen. Vem ska jag kontakta hos polisen där?', 'socialtjänst');
    expect(cards(r)[0]?.when).toBeUndefined();
  });
});
