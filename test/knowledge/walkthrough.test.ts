/**
 * Questions found wrong by asking the shipped knowledge as the users do, each with the asker's role
 * (`as`, as the CLI's --as and a saved profile give it). Each row was answered wrongly or not at all
 * before its fix; the expected answer is what a colleague who knew the field would point to.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createMotpart } from '../../src/core/motpart.js';
import type { Reply } from '../../src/core/reply.js';
import { loadAndBuild } from '../../src/knowledge/knowledge.js';
import { asker, contactIds, OFFICE_HOURS, snippetIds } from '../core/helpers.js';
import { memoryStore } from '../support/memoryStore.js';

const knowledge = await loadAndBuild(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../knowledge'), { today: '2026-11-24' });
const motpart = createMotpart({ knowledge: () => knowledge, store: memoryStore(), now: () => OFFICE_HOURS });
const ask = (text: string, as: string): Promise<Reply> => motpart.handle({ text }, asker({ as }));
const checklistIdOf = (r: Reply) => r.parts.flatMap((p) => (p.type === 'checklist' ? [p.checklist.checklistId] : []))[0];

describe('guidance questions', () => {
  it.each([
    ['socialtjänst', 'får polisen ge oss uppgifter ur en förundersökning', 'polis-till-soc'],
    ['skola', 'får vi visa polisen vår frånvarolista', 'skola-franvaro-polis'],
    ['polis', 'can social services tell us if a kid is known to them', 'polisen-fragar-om-aktuell'],
    ['socialtjänst', 'is it allowed to share info with police about a 15 year old at risk', 'osl-10-18a'],
    ['socialtjänst', 'vad är sspf', 'sspf'],
    ['polis', 'what is SIG', 'sig'],
    ['skola', 'måste jag göra orosanmälan om en elev som luktar cannabis', 'skola-orosanmalan'],
    ['polis', 'vi har omhändertagit en 14-åring, vad gör vi nu', 'akut-fara'],
    ['polis', 'måste vi göra orosanmälan när vi tar en 15-åring för snatteri', 'polis-ung-misstankt'],
    ['socialtjänst', 'en kille hotar att skjuta någon, kan vi ringa polisen', 'akut-fara'],
    // Who sells to whom: 10 kap. 22 § is drugs sold *to* a child, for soc and the health services only;
    // a young person who sells is 18 a, and a school asks under its own rules.
    ['socialtjänst', 'far vi beratta for polisen att en 17 aring verkar saja knark, jag jobbar pa soc', 'osl-10-18a'],
    ['skola', 'en elev saljer narkotika, far skolan beratta for polisen', 'skola-till-polis'],
    ['skola', 'kan vi saga till polisen att en 15aring saljer knark', 'skola-till-polis'],
    ['socialtjänst', 'far soc beratta for polisen om nagon langar knark till en 15 aring', 'osl-10-22-langning'],
    // "Skillnaden" is also in the orosanmälan/polisanmälan snippet's title; the rules named decide.
    ['socialtjänst', 'vad ar skillnaden mellan 18a och 23', 'osl-10-18a-inte'],
    ['socialtjänst', 'skillnad mellan 18 a och 10:23?', 'osl-10-18a-inte'],
    ['skola', 'skillnaden mellan orosanmalan och polisanmalan', 'orosanmalan-vs-polisanmalan'],
    // Absence in everyday words (skolkar, borta jämt, hög frånvaro) is frånvaro; "säga till" is telling.
    ['skola', 'får skolan berätta för soc att en elev skolkar', 'skola-till-soc'],
    ['skola', 'eleven e borta jamt fran skolan, far vi beratta for soc', 'skola-till-soc'],
    ['skola', 'har en elev med hog franvaro, far vi saga till socialtjansten', 'skola-till-soc'],
    // A typo of a synonym-group word ("samtyke") means the whole group, as the word typed right does;
    // mamma and pappa are vårdnadshavare; a question naming no age is about a child.
    ['socialtjänst', 'mamman vill inte att vi pratar med skolan, behovs samtyke?', 'soc-till-skola'],
    ['socialtjänst', 'pappan säger nej till att vi pratar med rektorn', 'soc-till-skola'],
    ['socialtjänst', 'behovs samtyke fran foraldrarna', 'samtycke-barn'],
    ['socialtjänst', 'behöver vi mammans samtycke', 'samtycke-barn'],
    ['socialtjänst', 'behovs foraldrarnas samtycke nar ungdomen e myndig', 'samtycke-over-18'],
    // Soc to school is "som huvudregel nej"; the general 10:28 rule ("får delas") answered it because
    // one of its question forms spoke of school and soc the other way round.
    ['socialtjänst', 'far vi lamna uppgifter till skolan om en 14 aring?', 'soc-till-skola'],
    ['skola', 'får soc lämna uppgifter till skolan', 'soc-till-skola'],
    // Everyday words ("håller på att", "nån", "tror", "vet") no longer weigh as the most telling ones;
    // "tipsa" is telling, and "sprit" is alkohol.
    ['socialtjänst', 'far vi pa soc beratta for polisen att en 16aring haller pa att dras in i gänget', 'osl-10-18a'],
    ['skola', 'far vi pa skolan beratta for polisen att en 16aring haller pa att rekryteras till gänget', 'skola-till-polis'],
    ['skola', 'kuratorn vet att eleven ska begå brott, får kuratorn ringa polisen', 'elevhalsan-kurator'],
    ['socialtjänst', 'nån vuxen langar sprit till 15-åringar, får soc tipsa polisen', 'osl-10-22-langning'],
    // Three words for vårdnadshavare ask about them once; "ja" and "nej" say nothing of the rule.
    ['socialtjänst', 'pappan säger nej men mamman ja, behövs båda föräldrarnas samtycke', 'gemensam-vardnad-bada'],
    // 18 a needs no consent: "utan samtycke" is a question for 18 a, not a "no".
    ['socialtjänst', 'far soc lamna uppgifter om en 16-åring till polisen när vi inte har samtycke', 'osl-10-18a'],
    ['socialtjänst', 'får soc lämna uppgifter till polisen utan samtycke', 'osl-10-18a'],
    // "Vi är en friskola" introduces a school; it is not a contact question of its own.
    ['skola', 'vi är en friskola, gäller anmälningsplikten oss', 'friskola-orosanmalan'],
    ['skola', 'vi e en friskola, far vi polisanmala', 'friskola-polisanmalan'],
    ['skola', 'jag jobbar på en friskola, får vi använda generalklausulen mot polisen', 'friskola-generalklausul'],
    // A weapon or a threat now is akut fara ("ring 112"), however it is typed.
    ['skola', 'en elev har kniv och hotar att skjuta nån nu, vad gör jag', 'akut-fara'],
    ['skola', 'killen har en pistol i skolan vad gor vi', 'akut-fara'],
    // What was seen, then the question: one guidance question, not a contact question for "kvällarna".
    // "Måste vi anmäla" asks for the duty, which has its own snippet since the fritid guidance was split.
    ['fritid', 'vi ser att en 14-åring hänger med gänget på kvällarna, måste vi anmäla', 'fritid-orosanmalan'],
    // "vad e" is "vad är": what it is, not who does it.
    ['fritid', 'vad e sspf', 'sspf'],
    // A question that names the rule gets it, however few its other words.
    ['socialtjänst', 'what does 10:22 say', 'osl-10-22-langning'],
    // The rule for children does not answer for a 19-year-old when the rule for adults is at hand.
    ['socialtjänst', 'far foraldrar samtycka at en 19-aring', 'samtycke-over-18'],
  ])('as %s: "%s" → %s', async (as, question, expected) => {
    const reply = await ask(question, as);
    expect(reply.intent).toBe('guidance');
    expect(snippetIds(reply)[0]).toBe(expected);
  });
});

describe('no "får delas" to the police on weak grounds', () => {
  // Each got "Får delas" under 10:21 or 10:22, rules for narrow cases that did not fit the question
  // (a young person's own use is not someone supplying a child; fritid is not soc).
  it.each([
    ['socialtjänst', 'får soc berätta för polisen att en 17-åring röker hasch'],
    ['socialtjänst', 'kan soc tipsa polisen om att en 16-åring dricker alkohol på helgerna'],
    ['fritid', 'får fritidsgården polisanmäla när ungdomar langar på gården'],
    ['socialtjänst', 'jobbar pa soc, killen e 22 och vi tror han ska begå brott, far vi lamna till polisen'],
    // 10:21 is for soc and health care; a school that polisanmäler asks under its own rules.
    ['skola', 'eleven säger att pappa slår henne, får skolan polisanmäla'],
  ])('as %s: "%s"', async (as, question) => {
    const reply = await ask(question, as);
    expect(reply.parts.filter((p) => p.type === 'guidance' && p.guidance.verdict === 'far')).toEqual([]);
    expect(reply.suggestions.length).toBeGreaterThan(0);
  });

  it('asks what has happened where the words fit a rule for supplying a child but no child is supplied', async () => {
    // 10:22 is about someone supplying a minor; a 17-year-old's own use is a risk ahead (18 a) or a
    // crime of his own (10:23), and which one decides the rule.
    const reply = await ask('får soc berätta för polisen att en 17-åring röker hasch', 'socialtjänst');
    expect(reply.headline).toBe('Vad gäller det?');
    expect(reply.suggestions.map((s) => s.label)).toEqual(['Risk för att den unge begår brott framåt', 'Ett brott som redan har begåtts (av den unge eller någon annan)']);
  });

  it('says why it gives no answer when the nearest rule would oblige the asker to give the police information', async () => {
    const reply = await ask('What changed in April 2025 about giving information to the police?', 'socialtjänst');
    expect(reply.headline).toBe('Jag har inget säkert svar på det');
    expect(JSON.stringify(reply.parts)).toContain('Närmaste regel säger att uppgifter ska lämnas, men jag är inte säker på att den gäller din fråga.');
  });
});

describe('guidance headlines', () => {
  it.each([
    ['vad är 10 kap 28 § osl', 'Skyldighet att lämna uppgifter enligt lag (10 kap. 28 § OSL)'],
    ['vilka brott får soc polisanmäla', 'Allvarliga brott som den unge har begått (10 kap. 23 §, minst ett års fängelse)'],
    ['får soc lämna uppgifter till skolan', 'Vad socialtjänsten får berätta för skolan (26 kap. 1 § OSL, 12 kap. 2 § OSL, 26 kap. 9 a § OSL, 10 kap. 2 § OSL)'],
  ])('"%s" → "%s", each reference once', async (question, headline) => {
    expect((await ask(question, 'socialtjänst')).headline).toBe(headline);
  });
});

describe('contact questions stay contact questions', () => {
  it.each([
    ['socialtjänst', 'vad är numret till socialjouren i malmö', 'socialjouren-malmo'],
    ['polis', 'vem jobbar natt på soc i malmö', 'socialjouren-malmo'],
    ['socialtjänst', 'vem ringer jag hos polisen i fosie', 'kommunpolis-malmo-syd'],
    // "ringer jag på soc" asks for soc; "vi på soc" would say who asks.
    ['skola', 'vem ringer jag pa soc i rosengard om en elev', 'mottagning-barn-unga-malmo-oster'],
    // "vem har jag på soc" asks for soc, as "ringer jag på soc" does.
    ['polis', 'vem har jag på soc i kirseberg', 'mottagning-barn-unga-malmo-norr'],
    // Naming no kind, a school asks for the other side, not its own kurator (found by "elev").
    ['skola', 'vem ringer jag om en elev i rosengard', 'omradespolis-rosengard'],
    ['skola', 'vem är kurator i rosengård', 'kurator-grundskola-malmo-oster'],
    // Who, at which organisation, where: a contact question, whatever it is about.
    ['skola', 'orosanmälan soc fosie vem', 'mottagning-barn-unga-malmo-soder'],
    // "Malmö Syd" is the police's local area (Söder is social services').
    ['socialtjänst', 'vem är kommunpolis i malmö syd', 'kommunpolis-malmo-syd'],
    // "on call" is socialjouren, though "call" alone is a contact word.
    ['fritid', 'who is the social services on-call tonight in malmo', 'socialjouren-malmo'],
    // Night, evening and weekend in any wording are the jour's hours.
    ['polis', 'vem ringer jag på soc i Malmö inatt', 'socialjouren-malmo'],
    ['polis', 'soc i rosengard på lördag', 'socialjouren-malmo'],
    ['polis', 'who do I call at social services in Södertälje tonight', 'socialjouren-sodertalje'],
  ])('as %s: "%s" → %s', async (as, question, expected) => {
    const reply = await ask(question, as);
    expect(reply.intent).toBe('directory');
    expect(contactIds(reply)[0]).toBe(expected);
  });
});

describe('checklists by a start word and a name', () => {
  it.each([
    ['starta sig', 'sociala-insatsgrupper'],
    ['öppna samtycke', 'samtycke'],
    ['börja 18a', 'utlamnande-10-18a'],
    ['starta samverkan', 'starta-samverkan'],
    // A polite request around an alias that has a filler word of its own ("till").
    ['kan jag få checklistan för utlämnande till polisen', 'utlamnande-10-18a'],
  ])('"%s" → %s', async (text, expected) => {
    const reply = await ask(text, 'socialtjänst');
    expect(reply.intent).toBe('checklist');
    expect(checklistIdOf(reply)).toBe(expected);
  });

  it('"starta en utredning om en 15-åring" names no checklist and starts none', async () => {
    expect((await ask('starta en utredning om en 15-åring', 'socialtjänst')).intent).not.toBe('checklist');
  });
});
