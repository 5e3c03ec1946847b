/**
 * What issue 18 asks of Motpart's understanding, as specifications on the shipped knowledge: case
 * descriptions read for their facts, English through the same analysis, checklists in plain
 * words, compounds and inflections, routing, named provisions, a clarifying question where a
 * deciding fact is missing, and batch use of the console without a rate limit. The questions are
 * written here for these specs; none comes from the evaluation sets in test/eval/.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createMotpart } from '../../src/core/motpart.js';
import type { GuidanceView, Reply } from '../../src/core/reply.js';
import type { OrganisationKind } from '../../src/core/knowledge/schema.js';
import { loadAndBuild } from '../../src/knowledge/knowledge.js';
import { contactIds, OFFICE_HOURS, snippetIds } from './helpers.js';
import { route } from '../../src/core/router.js';
import { directionOf } from '../../src/core/guidance/direction.js';
import { roleInQuestion } from '../../src/core/directory/role.js';
import { rankChecklists } from '../../src/core/checklists.js';
import { sentencesOf } from '../../src/core/text/normalise.js';
import { memoryStore } from '../support/memoryStore.js';

const knowledge = await loadAndBuild(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../knowledge'), { today: '2026-12-02' });
const motpart = createMotpart({ knowledge: () => knowledge, store: memoryStore(), now: () => OFFICE_HOURS, rateLimit: { max: 3, windowMs: 60_000 } });
let user = 0;
const ask = (text: string, as?: string, platform: 'cli' | 'slack' = 'slack') =>
  motpart.handle({ text }, { platform, userId: `u${++user}`, conversationId: 'c', ...(as ? { as } : {}) });
/** The kinds of case the bot reads in a question. */
const situationsOf = (q: string) => knowledge.situations.find(knowledge.analyser.analyse(q));
const guidanceOf = (r: Reply) => r.parts.flatMap((p) => (p.type === 'guidance' ? [p.guidance] : []))[0];
const canonicalRefs = (g: GuidanceView | undefined) => g?.references.map((x) => x.canonical);
const refsOf = (r: Reply) => canonicalRefs(guidanceOf(r)) ?? [];
const contacts = (r: Reply) => r.parts.filter((p) => p.type === 'contact');
/** The intent of each part the router splits a message into. */
const intents = (text: string, as?: OrganisationKind) => route(knowledge, text, as).map((p) => p.intent);
const checklistTitle = (r: Reply) => r.parts.flatMap((p) => (p.type === 'checklist' ? [p.checklist.title] : []))[0];
/** The name of the first contact card of a reply. */
const firstContact = (r: Reply) => r.parts.flatMap((p) => (p.type === 'contact' ? [p.contact.name] : []))[0];
/** Who gives to whom, as the bot reads the question (`as` is the asker's kind). */
const direction = (q: string, as?: OrganisationKind) => {
  const a = knowledge.analyser.analyse(q);
  return directionOf(a.words, as, a.english);
};

describe('case descriptions are read for their facts', () => {
  it.each([
    [
      'socialtjänst',
      'Hej. Vi har en pojke på 13 som idag visade blåmärken på armarna och sa att mammans sambo slog honom i går. Pojken vill inte att vi gör något. Kan vi ringa polisen om det?',
      'OSL 10:21',
      'far',
    ],
    [
      'socialtjänst',
      'Jag har en klient, 16 år, som har börjat umgås med ett äldre gäng i området. Inget brott har hänt vad vi vet, men hon verkar springa ärenden åt dem. Får vi tipsa polisen om vår oro?',
      'OSL 10:18 a',
      'beror_pa',
    ],
    [
      'region',
      'Jag är kurator på BUP. En flicka på 14 berättar att en vuxen man har haft sex med henne. Hon vill inte att det går vidare. Får vi polisanmäla?',
      'OSL 10:21',
      'far',
    ],
  ])('as %s: a %s', async (as, question, ref, verdict) => {
    const r = await ask(question, as);
    expect(r.intent).toBe('guidance');
    expect(refsOf(r)).toContain(ref);
    expect(guidanceOf(r)?.verdict).toBe(verdict);
  });

  it.each([
    [
      'socialtjänst',
      'En kvinna vi har stödsamtal med berättar att hennes man har tagit strypgrepp på henne flera gånger och sagt att nästa gång dödar han henne. Hon vågar inte anmäla själv. Får vi kontakta polisen?',
      'OSL 10:18 c',
    ],
    ['region', 'A 14-year-old told our nurse that a grown man has been sexually abusing him for months. Can the health service report it to the police?', 'OSL 10:21'],
    ['socialtjänst', 'Vi vet att en kille på runt 20 säljer hasch till ungdomar vid centrum. Får soc tipsa polisen om honom?', 'OSL 10:22'],
    // A threat against a child is a crime against its freedom and peace (4 kap. BrB): 10:21.
    ['socialtjänst', 'Flickan är 15 och berättar att pappan har hotat att döda henne om hon träffar sin pojkvän. Får vi polisanmäla hotet?', 'OSL 10:21'],
    // An adult's threat against his partner is a risk of violence against a närstående (18 c), not 18 a's young person on the way into crime.
    ['socialtjänst', 'Mamman berättar att hennes sambo flera gånger har tagit stryptag på henne och sagt att han ska döda henne om hon går. Får jag kontakta polisen utan hennes samtycke?', 'OSL 10:18 c'],
    // What the story denies is no fact: no crime is known, the risk ahead is 18 a, not 10:23.
    ['socialtjänst', 'Pojken, 16, umgås numera med ett äldre gäng vid torget. Vi utreder hemmet, men vi har inte fått veta om något faktiskt brott. Får vi berätta om vår oro för polisen?', 'OSL 10:18 a'],
  ])('as %s, a case told in other words than the rule\'s: %s', async (as, question, ref) => {
    expect(refsOf(await ask(question, as))[0]).toBe(ref);
  });

  it('an adult\'s age in a case about a child is the other party\'s: "en pappa på 42 slår sin dotter" is still 10:21', async () => {
    const r = await ask('En pappa på 42 slår sin dotter när han har druckit. Får vi polisanmäla honom?', 'socialtjänst');
    expect(r.headline).not.toMatch(/gäller inte vid/);
    expect(refsOf(r)).toContain('OSL 10:21');
  });

  it('a 25-year-old selling to children is supplying minors (10:22), whatever his own age', async () => {
    const r = await ask('En man på runt 25 säljer gräs till ungdomar vid centrum och alla vet vem han är. Får soc tipsa polisen?', 'socialtjänst');
    expect(r.headline).not.toMatch(/gäller inte vid/);
    expect(refsOf(r)[0]).toBe('OSL 10:22');
  });

  it('an adult who fled honour-based oppression, her father asking: not 10:21 (her age is her own), and "hit" is Swedish', async () => {
    const r = await ask('Jag handlägger ärendet för en 21-årig kvinna som har flytt från hedersförtryck och har sekretessmarkering. Hennes pappa har ringt hit och vill veta var hon bor. Vad får vi säga?', 'socialtjänst');
    expect(contacts(r)).toHaveLength(0);
    expect(refsOf(r)).not.toContain('OSL 10:21');
  });

  it('an adult beaten by his brother is no crime against a child (10:21)', async () => {
    const r = await ask('En 20-åring berättar att hans bror har misshandlat honom flera gånger. Får vi kontakta polisen?', 'socialtjänst');
    expect(refsOf(r)).not.toContain('OSL 10:21');
    // Nor a rule written only for a setting the story never names (skyddade personuppgifter).
    expect(refsOf(r)).not.toContain('OSL 21:3');
  });

  it('a young person selling drugs is his own crime, not someone supplying him (10:22)', async () => {
    const r = await ask('En 16-åring i ett av våra ärenden har berättat att han har sålt hasch i skolan. Får vi polisanmäla det?', 'socialtjänst');
    expect(refsOf(r)).not.toContain('OSL 10:22');
  });

  it('a crime against a child is never answered with the rule for crimes the young person committed (10:23)', async () => {
    const r = await ask('Pappan har slagit sin 14-åriga dotter flera gånger den senaste månaden. Hon berättade det för oss igår. Får vi polisanmäla pappan?', 'socialtjänst');
    expect(refsOf(r)).not.toContain('OSL 10:23');
    expect(refsOf(r)).toContain('OSL 10:21');
  });

  it('a place, "vi har kontakt med" or a self-introduction in the story does not make it a contact question', async () => {
    const r = await ask('Jag jobbar på soc i Rosengård. Vi har kontakt med familjen sedan i våras. Sonen, 17, har enligt honom själv rånat en kille i helgen. Får vi polisanmäla rånet?', 'socialtjänst');
    expect(r.intent).toBe('guidance');
    expect(contacts(r)).toHaveLength(0);
    expect(refsOf(r)).toContain('OSL 10:23');
  });

  it('"vad måste jag göra" from a school counsellor about a pupil who is hit: the duty to report, not "får inte" about the parents', async () => {
    const g = guidanceOf(await ask('jag är skolkurator. en elev på 14 säger att pappa slår henne, vad måste jag göra?'));
    expect(g?.snippetId).toBe('skola-orosanmalan');
    expect(g?.verdict).toBe('ska');
  });

  it('"vad ska jag göra" from a school about a child in danger abroad asks for the duty, not whether a crime may be reported', async () => {
    const r = await ask('En tjej i sjuan berättar att familjen ska skicka henne till hemlandet i sommar så att hon ska "bli ren". Vad ska jag göra?', 'skola');
    expect(guidanceOf(r)?.verdict).toBe('ska');
  });

  it('a school asking what to do about a pupil who is hit at home gets the duty to report concern', async () => {
    const r = await ask('En elev i sexan har blåmärken och säger att styvpappan slår. Eleven vill inte att vi säger något. Vad ska vi göra?', 'skola');
    expect(guidanceOf(r)?.verdict).toBe('ska');
    expect(snippetIds(r)).toEqual(['skola-orosanmalan']);
  });

  it('"måste jag anmäla?" names no receiver, but the duty to report has one: a nurse who sees grip marks on a toddler is told she must report to soc', async () => {
    const r = await ask('Jobbar på BVC. En treåring hade märken på armarna som ser ut som någon har hållit hårt, pappan säger att hon ramlade. Måste jag anmäla det?', 'region');
    expect(guidanceOf(r)?.verdict).toBe('ska');
    expect(refsOf(r)).not.toContain('OSL 10:21');
  });
});

describe('the story around the question', () => {
  it('someone else asking "vilka …" is told, not asked of Motpart: no contact card for "polisen frågar oss vilka"', async () => {
    const parts = route(knowledge, 'Jag jobbar på fritidsgården i Södertälje. Om polisen frågar mig vilka killar som brukar vara vid torget i Ronna på kvällarna, kan jag säga deras namn?', 'fritid');
    expect(parts.map((p) => p.intent)).not.toContain('directory');
  });

  it('…but the asker wondering whom to call still asks for a contact, also with the subject after the verb', () => {
    const parts = route(knowledge, 'En pojke på fritidsgården i Kisa var rädd för att gå hem i går. Nu undrar jag vem jag ska prata med på kommunen om det.', 'fritid');
    expect(parts.map((p) => p.intent)).toContain('directory');
  });

  it('a call the asker plans in the story ("jag ska ringa skolan och fråga …") is context for the rule asked after it', () => {
    const parts = route(knowledge, 'En rektor i Kisa har anmält oro för en elev i sexan. Jag ska ringa skolan i morgon och höra hur närvaron har varit. Måste skolan svara mig?', 'socialtjanst');
    expect(parts.map((p) => p.intent)).toEqual(['guidance']);
  });

  it('a crime named as a compound of "brott" that is being investigated is a crime already committed', () => {
    const analysis = knowledge.analyser.analyse('Vi utreder en 17-åring för vapenbrott och vill veta vad soc vet om honom.');
    expect(knowledge.situations.find(analysis)).toContain('begangat-brott');
  });
});

describe('the directory\'s first contact for a concern', () => {
  const firstName = (r: Reply) => r.parts.flatMap((p) => (p.type === 'contact' ? [p.contact.name] : []))[0];
  it.each([
    ['skola', 'Vem på socialtjänsten i Södertälje pratar jag med om en elev jag är orolig för?', 'Mottagningen barn och unga, Södertälje'],
    ['fritid', 'fältare här i södertälje, vem på soc tar emot en oro för en kille?', 'Mottagningen barn och unga, Södertälje'],
    ['fritid', 'vilka är fältarna i södertälje', 'Fältassistenterna Södertälje'],
    ['socialtjanst', 'Vem hos polisen i Malmö ska jag kontakta om en klient i insatsgruppen som vill lämna sitt gäng?', 'Sluta skjut (GVI) Malmö'],
  ])('as %s: "%s" → %s', async (as, question, name) => {
    expect(firstName(await ask(question, as))).toBe(name);
  });
});

describe('a report, an organisation and a place typed like a search ask where to send it', () => {
  it.each(['polisanmälan polisen kisa', 'orosanmälan socialtjänsten rosengård'])('"%s"', (q) => {
    expect(intents(q, 'skola')).toEqual(['directory']);
  });

  it('…but a rule word with them still asks the rule: "anmälningsplikt skola hyllie"', () => {
    expect(intents('anmälningsplikt skola hyllie', 'skola')).toEqual(['guidance']);
  });
});

describe('a unit asked for by name is a contact question', () => {
  it.each([
    'Jag har en underrättelse enligt 6 § LUL om en 14-åring i Fosie. Vilken enhet på soc ska jag ge den till?',
    'Vi vill göra en orosanmälan om ett barn som bor i Hyllie. Vilken mottagningsenhet gäller då?',
  ])('"%s"', (q) => {
    expect(intents(q, 'polis')).toEqual(['directory']);
  });
});

describe('a contact asked for after a story is in the story\'s place', () => {
  it('a case told, then "klockan tio – vem på socialtjänsten ska jag ringa?", asks whom, not whether calling is allowed', async () => {
    const r = await ask('Jag är skolsköterska i Kisa. En sjuåring har blåmärken på ryggen och säger att styvpappan blir arg. Rektorn håller med om att vi ska anmäla. Det är onsdag klockan tio – vem på socialtjänsten ska jag ringa?', 'skola');
    expect(r.intent).toBe('directory');
    expect(firstContact(r)).toBe('Socialtjänsten Kinda, barn och unga');
  });
  it('…and "Det var pappan, kan vi ringa polisen?" still asks whether it may be done', async () => {
    const r = await ask('En 12-åring har blåmärken och säger att det var pappan. Kan vi ringa polisen?', 'skola');
    expect(r.intent).toBe('guidance');
  });
  it('a school counsellor in Hovsjö asking whom to check the law with gets Södertälje\'s jurist, not every municipality\'s', async () => {
    const r = await ask('Jag är kurator på en skola i Hovsjö. Får jag berätta för polisen om en elevs frånvaro? Vem är kommunjurist om jag vill stämma av först?', 'skola');
    expect(contactIds(r)).toEqual(['kommunjurist-sodertalje']);
  });
});

describe('whom to ask, when Motpart is not sure, is where the asker is', () => {
  const whoToAsk = (r: Reply) => r.parts.flatMap((p) => (p.type === 'text' && p.title === 'Vem du kan fråga' ? [p.text] : []))[0];
  it.each([
    ['skola', 'Skolan i Kisa funderar på hur länge vi sparar anteckningar från elevhälsomöten där soc var med, vad gäller?', /Kinda/],
    ['polis', 'Vi på polisen i Hovsjö undrar hur länge skolan sparar anteckningar från elevhälsomöten, vad gäller?', /Polisjurist region Stockholm/],
  ])('%s: "%s"', async (as, q, where) => {
    const r = await ask(q, as);
    expect(r.headline).toBe('Jag har inget säkert svar på det');
    expect(whoToAsk(r)).toMatch(where);
  });
});

describe('who-questions in their own words', () => {
  it.each([
    'Det är söndag natt och en 14-åring har kommit in till akuten i Kisa. Vem på kommunens sida når jag nu?',
    'Vi vill starta ett medborgarlöfte i Kisa. Vem på kommunen håller ihop sånt?',
  ])('"%s" asks for a contact', (question) => {
    expect(intents(question, 'socialtjanst')).toEqual(['directory']);
  });

  it('a job offered for pay and not yet done is a risk of crime ahead (18 a), in Swedish and English', () => {
    for (const text of ['En 16-åring har fått ett uppdrag att hämta ett paket mot betalning.', 'A 16-year-old has been offered money to keep a gun at home.']) {
      expect(situationsOf(text)).toContain('risk-for-brott');
    }
  });

  it('folded "när vi" after "vilka" says when: "vilka uppgifter får vi lämna när vi begär handräckning" is guidance', () => {
    expect(intents('vilka uppgifter får vi lämna när vi begär handräckning av polisen', 'socialtjanst')).toEqual(['guidance']);
  });

  it('a call as the condition of a rule ("om vi ringer dem") asks about the rule, not for a number', () => {
    expect(intents('Räcker det med en anmälan till soc, och bryter vi sekretessen mot polisen om vi ringer dem också?', 'skola')).toEqual(['guidance']);
  });

  it('folded "när jag" after "var" says when, not whom: parking stays outside the domain', () => {
    expect(intents('Var kan jag ställa bilen när jag ska till polishuset i Kisa?', 'socialtjanst')).not.toContain('directory');
  });
});

describe('a SIP is its own setting', () => {
  it('an SSPF meeting where one parent refuses is not answered by the rule that there is no SIP without consent', async () => {
    const g = guidanceOf(await ask('Vi ska ha ett SSPF-möte om en 16-åring i Kisa nästa vecka. Pappan vill vara med men mamman vägrar skriva på samtycket. Kan vi köra ändå?', 'kommunledning'));
    expect(g?.snippetId).not.toBe('sip-utan-samtycke');
    expect(canonicalRefs(g)).not.toContain('HSL 16:4');
  });

  it('…while a SIP a parent refuses still is', async () => {
    expect(guidanceOf(await ask('Vi planerar en SIP för en 15-åring. Mamman vägrar skriva på. Kan vi köra ändå?', 'socialtjanst'))?.snippetId).toBe('sip-utan-samtycke');
  });
});

describe('kinds of case in the words people use', () => {
  it('an adult man sending a child money and wanting to meet her is a crime against the child', () => {
    const analysis = knowledge.analyser.analyse('En tjej på 12 säger att en vuxen man hon chattar med swishar pengar till henne och vill träffas.');
    expect(knowledge.situations.find(analysis)).toContain('brott-mot-barn');
  });

  it('a child forced to sell or keep things for someone is a victim (10:21), not someone being supplied (10:22)', () => {
    for (const text of ['En 15-åring berättar att en äldre kille tvingar honom att sälja knark i centrum.', 'A 14-year-old says an older man is forcing him to sell drugs for him.']) {
      const found = situationsOf(text);
      expect(found).toContain('brott-mot-barn');
      expect(found).not.toContain('langning');
    }
  });

  it('a child found out in the middle of the night is a child at risk', () => {
    const analysis = knowledge.analyser.analyse('Vi hittade en pojke på 11 ute mitt i natten vid busstationen.');
    expect(knowledge.situations.find(analysis)).toContain('barn-far-illa');
  });
});

describe('discussing a case without a name', () => {
  it('names the secrecy that protects an identifiable person, so the asker sees why a removed name may not be enough', async () => {
    const g = guidanceOf(await ask('Räcker det att ta bort namnet om jag beskriver elevens situation för socialtjänsten?', 'skola'));
    expect(g?.snippetId).toBe('avidentifierat');
    expect(canonicalRefs(g)).toContain('OSL 23:2');
  });
});

describe('an agreement or a duty to plan breaks no secrecy', () => {
  it('lag 2023:196 on crime prevention gives no right to individuals\' data, and says which secrecy still applies (8 kap. 1 §)', async () => {
    const g = guidanceOf(await ask('Ger lagen om kommunernas brottsförebyggande ansvar oss rätt att dela uppgifter om enskilda?', 'kommunledning'));
    expect(g?.snippetId).toBe('brottsforebyggande-lag-2023');
    expect(canonicalRefs(g)).toContain('OSL 8:1');
  });

  it('a medborgarlöfte gives no right to share about individuals, and says which secrecy still applies (8 kap. 1 §)', async () => {
    const g = guidanceOf(await ask('Vårt medborgarlöfte med polisen, betyder det att vi får dela uppgifter om enskilda ungdomar med dem?', 'kommunledning'));
    expect(g?.verdict).toBe('far_inte');
    expect(canonicalRefs(g)).toContain('OSL 8:1');
  });
});

describe('an independent school (friskola) is its own setting', () => {
  it('"fristående grundskola" asking about the general clause gets a friskola rule, not the general clause as authorities use it', async () => {
    const g = guidanceOf(await ask('Jag är rektor på en fristående grundskola i Kisa. Får vi använda generalklausulen när vi vill lämna något till polisen om en elev?', 'skola'));
    expect(canonicalRefs(g)?.[0]).toBe('SkolL 29:14');
    expect(g?.verdict).not.toBe('far');
  });

  it('the friskola rules are not the sure answer for a municipal school that does not name them', async () => {
    const r = await ask('Vi är en kommunal skola. Vilken tystnadsplikt har vår personal om eleverna?', 'skola');
    expect(snippetIds(r)).not.toContain('friskola-tystnadsplikt');
  });

  it.each([
    ['Jag jobbar på en fristående skola. Måste vi göra en orosanmälan om en elev som far illa, fast vi har tystnadsplikt enligt skollagen?', 'friskola-orosanmalan', 'ska'],
    ['Vi är en friskola. En elev blev rånad på skolgården av en annan elev. Får vi polisanmäla?', 'friskola-polisanmalan', 'far'],
  ])('"%s" → %s (%s): the duty and the report each have their answer', async (question, id, verdict) => {
    const g = guidanceOf(await ask(question, 'skola'));
    expect(g?.snippetId).toBe(id);
    expect(g?.verdict).toBe(verdict);
  });

  it('a friskola rule about reporting is not the sure answer to a question about the general clause there', async () => {
    const g = guidanceOf(await ask('Vi är en friskola, kan vi använda generalklausulen mot soc om en elev som fyllt 18?', 'skola'));
    expect(g?.snippetId).toBe('friskola-generalklausul');
  });

  it('…but naming 29 kap. 14 § skollagen names that setting', async () => {
    const g = guidanceOf(await ask('29 kap 14 § skollagen, vad innebär den för vår kurator?', 'skola'));
    expect(canonicalRefs(g)).toContain('SkolL 29:14');
  });
});

describe('the direction and the asker decide between rules', () => {
  it('"hälso- och sjukvården" is one giver: health care asking about 18 a is told it is social services\' rule, not "beror på"', async () => {
    const g = guidanceOf(await ask('Får hälso- och sjukvården använda 10 kap. 18 a § OSL och berätta för polisen om en 16-åring som verkar dras in i kriminalitet?', 'region'));
    expect(g?.snippetId).not.toBe('osl-10-18a');
  });

  it('"när polisen vill ha information": the police receive, so social services asking about 10:27 are told they cannot use it', async () => {
    const g = guidanceOf(await ask('Kan soc luta sig mot 10:27 när polisen vill ha information om en 19-åring?', 'kommunledning'));
    expect(g?.snippetId).toBe('osl-10-27-inte-socialtjanst');
    expect(g?.verdict).toBe('far_inte');
  });

  it('a kommunjurist asking about a colleague\'s case is not the giver: the named provision answers', async () => {
    const g = guidanceOf(await ask('En kollega frågar mig om 10 kap. 22 § OSL gäller när en 30-åring säljer hasch till en tjej på 15 och hennes vänner. Gör den det?', 'kommunledning'));
    expect(canonicalRefs(g)?.[0]).toBe('OSL 10:22');
  });

  it('the police asking about telling soc is never given 18 a', async () => {
    const r = await ask('får vi berätta för soc att en 16-åring verkar vara på väg in i ett gäng', 'polis');
    expect(refsOf(r)).not.toContain('OSL 10:18 a');
  });

  it.each(['funkar 18 a från polis till soc', '18a polisen till socialtjänsten?'])('"%s" names both ends without a verb: never 18 a\'s own answer', async (question) => {
    const g = guidanceOf(await ask(question));
    expect(g?.snippetId ?? '').not.toMatch(/^osl-10-18a(?:-villkor|-dokumentera)?$/);
  });

  it('"får socialtjänsten använda 10:27" is asked of socialtjänsten: får inte', async () => {
    const g = guidanceOf(await ask('får socialtjänsten använda 10:27 mot polisen'));
    expect(g?.verdict).toBe('far_inte');
  });

  it.each([
    'får vi lämna uppgifter till polisen enligt 18 a om en 22-åring som är på väg in i ett gäng',
    'kan soc tipsa polisen enl 18a om en kille som fyllt 23',
  ])('18 a asked about someone over 21 ("%s") is never answered with 18 a itself', async (question) => {
    const r = await ask(question, 'socialtjänst');
    const g = guidanceOf(r);
    if (g) expect(g.snippetId).toBe('osl-10-18a-inte');
    else expect(r.headline).toMatch(/18 a .*gäller inte vid 2[23] år/);
  });

  it('between the rule and its sibling that only explains (how to document 18 a), a question about handing over gets the rule', async () => {
    const g = guidanceOf(await ask('Han fyller 21 om två veckor och umgås med folk som polisen kopplar till skjutningar. Hinner vi lämna uppgifter enligt 18 a?', 'socialtjänst'));
    expect(g?.snippetId).not.toBe('osl-10-18a-dokumentera');
    expect(g?.references.map((r) => r.canonical)).toContain('OSL 10:18 a');
  });

  it('"kurator på BUP" introduces the region, not the school', async () => {
    const r = await ask('jag är kurator på BUP, får vi polisanmäla misshandel av en 12-åring');
    expect(refsOf(r)).toContain('OSL 10:21');
  });
});

describe('a crime already committed against a child is a crime against a child', () => {
  it('10:21, not 10:23: the police investigate the father for assaulting the boy, and soc holds what the boy said', async () => {
    const r = await ask('Polisen utreder pappan för misshandel av sonen, 9 år, och frågar vad pojken har berättat för oss i vår utredning. Får jag lämna det?', 'socialtjänst');
    expect(refsOf(r)).toContain('OSL 10:21');
  });

  it('"ringa misshandel av ett barn" is the grade of the crime, not a call: 10:21, whatever the penalty', async () => {
    const r = await ask('ringa misshandel av ett barn på 8 år, får soc polisanmäla?', 'socialtjänst');
    expect(r.intent).toBe('guidance');
    expect(refsOf(r)).toContain('OSL 10:21');
  });

  it('a young person who stabbed someone, or was in a fight where someone else was hurt, is no victim: not 10:21', async () => {
    expect(situationsOf('tjej 16 har knivhuggit nån utanför skolan i helgen')).not.toContain('brott-mot-barn');
    expect(situationsOf('He told us he was at the party where someone else was stabbed. Can we tell the police?')).not.toContain('brott-mot-barn');
    expect(situationsOf('Pojken, 12, blev knivhuggen av en äldre kille')).toContain('brott-mot-barn');
    const r = await ask('En 15-åring vi har kontakt med berättar att han slog ner nån vid busshållplatsen i lördags. Polisen har inte frågat än. Får vi berätta det för dem?', 'socialtjänst');
    expect(refsOf(r)).not.toContain('OSL 10:21');
  });

  it('an age alone may be the suspect\'s: "en 14-åring misstänkt för misshandel" is not read as a crime against a child', () => {
    const found = situationsOf('en 14-åring är misstänkt för grov misshandel, får soc polisanmäla');
    expect([...found]).toContain('begangat-brott');
  });
});

describe('folded words that only look like questions of whom to reach', () => {
  it.each([
    // "vårt" folds to "vart" (where to), "var med" is "was there": neither asks for someone, so the
    // telephone in the story is what was stolen, not a number asked for.
    'I vårt samtal i morse kom det fram att tjejen, 16, var med när två andra tog en telefon från en yngre kille i Hyllie. Får vi polisanmäla det hon sa?',
    'Hon var med i går när en kompis hotades och fick lämna ifrån sig sin telefon. Kan soc berätta det för polisen?',
  ])('%j is a question of what may be shared, with no contact card', (text) => {
    const routes = route(knowledge, text, 'socialtjanst');
    expect(routes.map((r) => r.intent)).not.toContain('directory');
    expect(routes.map((r) => r.intent)).toContain('guidance');
  });
});

describe('a parent demanding what the child told', () => {
  it('is a question of what the parent may read (12 kap. 3 §), not of reporting the crime to the police (10 kap. 21 §)', async () => {
    const r = await ask('Vi utreder en 11-åring som har berättat att mamman slår henne. Nu kräver mamman att få läsa allt dottern har sagt till oss. Måste vi lämna ut det?', 'socialtjänst');
    expect(refsOf(r)).not.toContain('OSL 10:21');
    expect(guidanceOf(r)?.verdict).not.toBe('far');
  });
});

describe('names for the situation report (lägesbild)', () => {
  it('a list of named young people for the lägesbild is not given as routine: far_inte, secrecy between nämnder (8 kap. 1 §)', async () => {
    const g = guidanceOf(await ask('Kan vi på polisen få en lista från soc med namnen på ungdomar som har insatser, till vår lägesbild?', 'polis'));
    expect(g?.verdict).toBe('far_inte');
    expect(canonicalRefs(g)).toContain('OSL 8:1');
  });

  it('…but names asked for about a case, with no lägesbild in sight, are not answered by that rule', async () => {
    const g = guidanceOf(await ask('Vi är fältare och ser tre 15-åringar ta emot paket från en äldre kille vid torget varje kväll. Får vi ge polisen deras namn?', 'fritid'));
    expect(g?.snippetId).not.toBe('lagesbild-namn');
  });
});

describe('asked for information by social services in an investigation', () => {
  it.each([
    ['skola', 'Socialtjänsten ringde och ville ha uppgifter om en elev som de utreder. Måste vi svara? Vi har ju tystnadsplikt.'],
    ['polis', 'Soc utreder en 14-åring och ber oss om uppgifter om vad vi vet om honom. Är vi skyldiga att lämna dem?'],
    // A suspicion in the story ("om han är misstänkt") is what is asked about, not the notice the police send of their own accord (LUL 6).
    ['polis', 'Socialtjänsten utreder en 16-åring och frågar oss om han är misstänkt för några brott. Får vi svara?'],
  ])('%s: a duty that breaks secrecy (10 kap. 28 §), not "beror på"', async (as, text) => {
    const g = guidanceOf(await ask(text, as));
    expect(g?.references[0]?.canonical).toBe('OSL 10:28');
    expect(g?.verdict).toBe('ska');
    expect(canonicalRefs(g)).toContain('OSL 10:28');
  });
});

describe('a home that is not safe, as a child tells it', () => {
  it.each([
    ['fritid', 'en tjej på 13 som kommer till gården säger att hon sover hos en kompis varje natt för att det bråkar hemma. måste jag anmäla?'],
    ['polis', 'A 15-year-old told me his mum kicked him out last week and he has been sleeping in a stairwell. Do I need to report that to social services?'],
    ['skola', 'En elev i fyran säger att hon inte vågar gå hem i dag. Har jag någon skyldighet att göra något?'],
  ])('%s: "%s" is a child at risk, and the duty to report is the answer', async (as, q) => {
    expect(guidanceOf(await ask(q, as))?.verdict).toBe('ska');
  });
});

describe('a request in an investigation, told in the perfect tense', () => {
  it('"socialtjänsten har bett om ett underlag" from a school is their investigation\'s request: the school must answer it', async () => {
    const r = await ask('Soc utreder en elev i femman och har bett om ett underlag om närvaro och hur hon har det i klassen. Pappan säger att vi inte får. Måste vi lämna det?', 'skola');
    expect(guidanceOf(r)?.snippetId).toBe('uppgifter-till-barnutredning');
  });
});

describe('legal correctness of the direction', () => {
  it('"polisens intresse" is the police\'s interest, not the police giving: social services cannot use 10:27', async () => {
    const r = await ask('Får socialtjänsten använda generalklausulen om vi anser att polisens behov av uppgiften väger tyngre?', 'socialtjänst');
    expect(guidanceOf(r)?.verdict ?? 'none').not.toBe('beror_pa');
    expect(JSON.stringify(r)).not.toContain('"snippetId":"osl-10-27-generalklausul"');
  });
});

describe('English goes through the same analysis', () => {
  it.each([
    ['Can social services tell the police that a 15-year-old is being recruited into a gang?', 'OSL 10:18 a'],
    ['Her stepfather hits her, she is 12. May social services report him to the police?', 'OSL 10:21'],
  ])('%s', async (question, ref) => {
    const r = await ask(question, 'socialtjänst');
    expect(refsOf(r)).toContain(ref);
  });

  it.each([
    ['Can we give the police his name?', 'syn:lamna uppgifter'],
    ['The upper secondary school called us.', 'syn:gymnasiet'],
    ['A teenager told us about it.', 'syn:ungdom'],
    ['We need to file a report of concern.', 'syn:orosanmalan'],
  ])('everyday English meets the Swedish groups: "%s" has %s', (text, key) => {
    expect(knowledge.analyser.analyse(text).terms.flatMap((t) => t.keys)).toContain(key);
  });

  it('"who" before a verb in -s or -ed describes someone ("a 17-year-old who uses drugs"): a rule is asked, not a contact', () => {
    expect(intents('Can I share information with social services about a pregnant 17-year-old who uses drugs?', 'region')).toEqual(['guidance']);
  });

  it('whether a call may be made anonymously, before a report, is a rule', () => {
    expect(intents('Is it ok to call social services anonymously about a pupil first?', 'skola')).toEqual(['guidance']);
  });

  it('…while "who handles" still asks for a contact', () => {
    expect(intents("I'm new here, who handles reports of concern in Hyllie?", 'skola')).toEqual(['directory']);
  });

  it('"Malmö East" is Område Öster', async () => {
    const r = await ask('who is the social services contact in Malmö East', 'polis');
    expect(contacts(r)[0]).toMatchObject({ contact: { functionId: 'mottagning-barn-unga-malmo-oster' } });
  });
});

describe('checklists in plain words', () => {
  it.each([
    ['finns det nån lista för när vi ska starta samverkan kring ungdomar', 'Starta samverkan kring barn och unga'],
    ['checklsita samtyke', 'Samtycke till att dela uppgifter'],
    ['steg för steg för ett SIG-ärende', 'Sociala insatsgrupper (SIG) – ett ärende steg för steg'],
    ['is there a checklist for giving information to the police under 18a', 'Utlämnande till polisen enligt 10 kap. 18 a § OSL'],
    // English inflected ("disclosing") meets the names written plain; the provision named decides.
    ['which steps do we follow before disclosing anything to the police under 18 a? any checklist?', 'Utlämnande till polisen enligt 10 kap. 18 a § OSL'],
    ['starta SSPF checklistan', 'Starta samverkan kring barn och unga'],
    // A list of the steps is a checklist; a list of names is not.
    ['hur funkar ett SIG-ärende från början till slut, finns en lista över stegen?', 'Sociala insatsgrupper (SIG) – ett ärende steg för steg'],
  ])('"%s" opens %s', async (question, title) => {
    expect(checklistTitle(await ask(question, 'socialtjänst'))).toBe(title);
  });

  it.each([
    ['Vi ska föreslå en 17-åring till SIG nästa vecka. Hur går vi tillväga från urval till uppföljning?', 'Sociala insatsgrupper (SIG) – ett ärende steg för steg'],
    ['vilka steg ska jag gå igenom innan jag lämnar ut något till polisen enligt 18 a', 'Utlämnande till polisen enligt 10 kap. 18 a § OSL'],
    ['We want to set up cooperation around a group of 13-year-olds. How do we get started?', 'Starta samverkan kring barn och unga'],
    // A routine, an order, what to check or sort out before, how to set something up.
    ['finns det en rutin när en ny ungdom ska in i SIG?', 'Sociala insatsgrupper (SIG) – ett ärende steg för steg'],
    ['How should we set up regular meetings between the school, social services and the police for teenagers in our area?', 'Starta samverkan kring barn och unga'],
    ['What do I need to check before I lean on the parents\' consent to talk about their daughter with the police?', 'Samtycke till att dela uppgifter'],
    ['Vad behöver vara med i ett skriftligt medgivande från vårdnadshavarna innan vi tar upp en elev i SSPF?', 'Samtycke till att dela uppgifter'],
  ])('a procedure asked in plain words ("%s") opens %s', async (question, title) => {
    expect(checklistTitle(await ask(question))).toBe(title);
  });

  it('"som rutin" is how often, not a request for a routine: it keeps the rule', async () => {
    const r = await ask('ska vi göra orosanmälan varje gång vi griper en 16-åring, som rutin?', 'polis');
    expect(r.intent).toBe('guidance');
  });

  it('from a school, several organisations named together ("skolan, soc, polisen och fritids") are who cooperates, not whose list: the school\'s orosanmälan list does not win on "skola"', async () => {
    const r = await ask('Vi vill att skolan, soc, polisen och fritids börjar träffas kring några elever i årskurs sju. Finns det en checklista för hur vi kommer igång?', 'skola');
    expect(checklistTitle(r)).toBe('Starta samverkan kring barn och unga');
  });

  it('"lärare, ska göra orosanm …, finns checklista": the role alone says who asks, and the abbreviation is orosanmälan', async () => {
    const r = await ask('lärare, ska göra orosanm om en elev, finns checklista?', 'skola');
    expect(contacts(r)).toHaveLength(0);
    expect(checklistTitle(r)).toBe('Orosanmälan från skola och hälso- och sjukvård');
  });

  it.each([
    // A list to tick, whatever it is called ("lathund", "bocka av", "tick off").
    ['finns det en lathund för sekretessprövning?', 'socialtjänst', 'Sekretessprövning innan du lämnar en uppgift'],
    ['vad ska vi bocka av när vi startar ett sig-ärende', 'socialtjänst', 'Sociala insatsgrupper (SIG) – ett ärende steg för steg'],
    // The same words from two sides: each gets the list written for its own.
    ['what do we tick off when we report concern about a child to social services', 'polis', 'Orosanmälan från polisen'],
    ['what do we tick off when we report concern about a child to social services', 'skola', 'Orosanmälan från skola och hälso- och sjukvård'],
  ])('"%s" (as %s) opens %s', async (question, as, title) => {
    expect(checklistTitle(await ask(question, as))).toBe(title);
  });

  it('"När vi kom hem till honom …" opens a sentence of the story; the question is the list asked for after it', async () => {
    const r = await ask('Vi grep en 16-åring i natt. När vi körde hem honom var det stökigt hemma och småsyskonen var vakna. Jag ska anmäla oro till soc i dag. Finns det något att bocka av?', 'polis');
    expect(r.intent).toBe('checklist');
    expect(checklistTitle(r)).toBe('Orosanmälan från polisen');
  });

  it("a procedure asked by a school opens the school's orosanmälan list, not the police's or the secrecy one", async () => {
    expect(checklistTitle(await ask('vilka steg ska vi gå igenom innan vi gör en orosanmälan om en elev', 'skola'))).toBe('Orosanmälan från skola och hälso- och sjukvård');
  });

  it('"vad ska jag göra" in a case is still guidance, not a checklist', async () => {
    const r = await ask('En elev på 14 berättar att pappa slår henne. Vad måste jag göra nu?', 'skola');
    expect(r.intent).toBe('guidance');
  });

  it('the duty to report concern names the law it is in (socialtjänstlagen), beside the secrecy rule that yields (10:28)', async () => {
    for (const as of ['skola', 'fritid']) {
      const g = guidanceOf(await ask('måste jag göra en orosanmälan om en 13-åring som inte vill gå hem', as));
      expect(g?.verdict).toBe('ska');
      expect(g?.answer).toMatch(/socialtjänstlagen/);
    }
  });

  it('a school asking for the orosanmälan list gets the school and health-care one', async () => {
    expect(checklistTitle(await ask('har ni en checklista för orosanmälan', 'skola'))).toBe('Orosanmälan från skola och hälso- och sjukvård');
  });
});

describe('who is what is told', () => {
  it.each([
    'Am I allowed to tell the police who the dealer is?',
    'Får jag tipsa polisen vem killen är?',
  ])('"%s" asks whether it may be told, not whom to call', (q) => {
    expect(intents(q, 'region')).toEqual(['guidance']);
  });
});

describe('a procedure asked for in plain words opens its checklist', () => {
  it.each([
    ['Hur går en SIG-process till från anmälan till avslut?', 'Sociala insatsgrupper (SIG) – ett ärende steg för steg'],
    ['samtycke blankett steg', 'Samtycke till att dela uppgifter'],
    ['Vad behöver vi tänka på innan vi lämnar ut något om en klient till polisen?', 'Sekretessprövning innan du lämnar en uppgift'],
    ['Vi ska dra igång samverkan mellan fritid, skolan och soc här i Kinda. Vad ska vi tänka på innan vi börjar?', 'Starta samverkan kring barn och unga'],
  ])('"%s" → %s', async (question, title) => {
    expect(checklistTitle(await ask(question, 'socialtjanst'))).toBe(title);
  });

  it.each([
    ['polis', 'Vi tog in en 14-åring för snatteri i natt och ska göra en anmälan till soc om hemmet. Något vi ska tänka på? Har ni en lista?', 'Orosanmälan från polisen'],
    ['skola', 'Föräldrarna ska skriva under ett samtycke innan vi pratar med soc om eleven. Vad behöver stå i det? Har ni en lista?', 'Samtycke till att dela uppgifter'],
  ])('%s: a bare "har ni en lista?" after the question asks for the list about it', async (as, question, title) => {
    expect(checklistTitle(await ask(question, as))).toBe(title);
  });

  it('fritid asking for the steps of a report of concern gets the list for its side, not the police\'s', async () => {
    expect(checklistTitle(await ask('En tjej på gården säger att hon blir slagen hemma. Hur gör jag en anmälan om oro? Finns det en lista?', 'fritid'))).toBe('Orosanmälan från skola och hälso- och sjukvård');
  });

  it('"vad ska vi tänka på när det gäller familjen" asks about the case, not for a list', () => {
    expect(intents('Får vi kontakta polisen, och vad ska vi tänka på när det gäller familjen?', 'socialtjanst')).not.toContain('checklist');
  });
});

describe('facts told in passing', () => {
  it('the subject of a passive is told: "ska socialtjänsten underrättas" about a 14-year-old arrested asks about the police\'s duty', async () => {
    const r = await ask('Vi grep en 14-åring för snatteri i kväll. Ska socialtjänsten underrättas även om det är ett litet brott?', 'polis');
    expect(guidanceOf(r)?.verdict).toBe('ska');
    expect(refsOf(r)).toContain('LUL 6');
  });

  it('asked for another route than the provision named, the named one does not go first: Säpo and terrorism is 18 b', async () => {
    const r = await ask('18 a gäller ju bara polisen. Finns det någon annan grund för soc att lämna uppgifter till Säpo om en 20-åring som verkar radikaliseras mot våldsbejakande extremism?', 'socialtjanst');
    expect(refsOf(r)[0]).toBe('OSL 10:18 b');
  });

  it('"tjej 16" typed on a phone is an age, and sex for money with an adult is a crime against her', () => {
    const a = knowledge.analyser.analyse('fältare, tjej 16 säger att hon har sex mot pengar med en äldre man');
    expect(a.ages).toEqual([16]);
    expect(knowledge.situations.find(a)).toContain('brott-mot-barn');
  });
});

describe('evidence denied is no fact of the case', () => {
  const situations = (q: string) => [...situationsOf(q)];
  it.each([
    'Får vi skicka namnen till soc fast inget särskilt tyder på att de far illa?',
    'There is no sign that she is being abused, we just think she skips school.',
  ])('"%s" names no child at risk', (q) => {
    expect(situations(q)).not.toContain('barn-far-illa');
    expect(situations(q)).not.toContain('brott-mot-barn');
  });

  it('…while a denial in another clause does not reach it: "inte ofta, men allt tyder på att hon far illa"', () => {
    expect(situations('Hon klagar inte ofta, men allt tyder på att hon far illa hemma.')).toContain('barn-far-illa');
  });
});

describe('a fact told across a long sentence', () => {
  it('"frågade … eftersom de utreder" is a request in an investigation, fourteen words apart', () => {
    const a = knowledge.analyser.analyse('Soc ringde i morse och frågade om en elevs frånvaro och hur hon har det med kompisarna eftersom de utreder.');
    expect(knowledge.situations.find(a)).toContain('begaran-i-utredning');
  });
});

describe('English words of the law meet their Swedish', () => {
  it.each([
    ['Is a youth worker covered by the secrecy rules of social services?', 'omfattas'],
    ['What is the legal basis for telling the school?', 'lagstöd'],
  ])('"%s" has the key of "%s"', (q, swedish) => {
    expect(knowledge.analyser.analyse(q).terms.flatMap((t) => t.keys)).toContain(knowledge.synonyms.keyOf(swedish));
  });
});

describe('an English question opens with its auxiliary', () => {
  it('"Do I still have to report?" after "she tells me": the asker gives, and the duty to report is the answer', async () => {
    const r = await ask('A 16-year-old patient tells me her boyfriend beats her. She made me promise not to call social services. Do I still have to report it?', 'region');
    expect(guidanceOf(r)?.verdict).toBe('ska');
  });
});

describe('touching a child, said without the word "sexuellt"', () => {
  it.each(['Han säger att mammas sambo tar på honom när mamma jobbar natt.', 'She says her stepdad touched her when mum was at work.'])('"%s" is a crime against the child', (q) => {
    expect(situationsOf(q)).toContain('brott-mot-barn');
  });
});

describe('a parent taken into custody', () => {
  it('"vi grep en ensamstående mamma till en åttaåring" is a child at risk, and the police\'s duty to tell social services, not LUL for a young suspect', async () => {
    const r = await ask('I kväll grep vi en ensamstående mamma till en åttaåring för misshandel på stan. Pojken är hos en granne. Ska vi kontakta socialtjänsten?', 'polis');
    expect(guidanceOf(r)?.snippetId).toBe('polis-foralder-frihetsberovad');
  });
});

describe('the duty to report is the giver\'s', () => {
  it('social services asking whether the police may tell them more are not answered with the duty to report to themselves', async () => {
    const r = await ask('Polisen skickade en orosanmälan om en 14-åring som blir slagen hemma. Får de berätta mer för mig om jag ringer dem?', 'socialtjanst');
    expect(guidanceOf(r)?.snippetId).not.toBe('orosanmalan-vem');
  });
});

describe('honour-based oppression of a child puts the child at risk', () => {
  it('a 14-year-old who fears being married off abroad: waiting for next week\'s meeting is answered with the duty to report now', async () => {
    const r = await ask('En elev, 14 år, säger att hon ska förlovas med en kusin när familjen åker till släkten i sommar. Hon är rädd. Räcker det att vi tar upp det på elevhälsomötet nästa vecka?', 'skola');
    expect(guidanceOf(r)?.verdict).toBe('ska');
  });

  it('…but not when the one it concerns is an adult: no duty to report concern for a 22-year-old', async () => {
    const r = await ask('En kvinna på 22 berättar om hedersförtryck och att familjen vill gifta bort henne. Räcker det att vi tar upp det på mötet nästa vecka?', 'socialtjanst');
    expect(guidanceOf(r)?.verdict).not.toBe('ska');
  });
});

describe('everyday words are not caught in another language', () => {
  it('"reception" is where the asker works, not the Swedish "recept" (an everyday topic)', () => {
    expect(intents('I work in reception at the vårdcentral. Am I allowed to tell the police that a 15-year-old was here last night?', 'region')).toEqual(['guidance']);
  });
});

describe('two questions joined by a phone-typed "o"', () => {
  it('"måste jag anmäla o vart skickar jag den" asks both: the duty and where to send it', () => {
    expect(intents('tjej 14 säger att mamman slår henne, måste jag anmäla o vart skickar jag den', 'skola')).toEqual(['guidance', 'directory']);
  });

  it('…while a price asked of the police is an errand: "vad kostar …" gets the help', () => {
    expect(intents('vad kostar ett pass hos polisen i kisa o måste man boka tid', 'skola')).toEqual(['unknown']);
  });
});

describe('everyday topics with a word of the domain in them', () => {
  it.each([
    ['polis', 'Hur lång är preskriptionstiden för bedrägeri?'],
    ['kommunledning', 'Kan ni översätta vår broschyr om SSPF till somaliska?'],
    ['polis', 'Får unga köra moped på cykelbanan vid skolan i Ronna?'],
  ] as const)('%s: "%s" gets the help', (as, q) => {
    expect(intents(q, as)).toEqual(['unknown']);
  });
});

describe('secrecy in another chapter is another domain', () => {
  it('a provision no rule of Motpart is about (31 kap. OSL) does not keep an everyday topic in the domain', () => {
    expect(intents('Omfattas anbuden i vår upphandling av städtjänster av 31 kap. 16 § OSL?', 'kommunledning')).toEqual(['unknown']);
  });

  it('…while a provision of the domain (26 kap. 1 § OSL) does', () => {
    expect(intents('Vår upphandling av ett nytt journalsystem: får leverantören se uppgifter som omfattas av 26 kap. 1 § OSL?', 'kommunledning')).toEqual(['guidance']);
  });
});

describe('words', () => {
  it.each([
    ['får soc polisanmäla partnervåldet mot en mamma när barnen ser på', 'vald-mot-narstaende'],
    ['vad gäller vid terrorbrott, får soc tipsa polisen', 'terrorism'],
  ])('"%s" is read for its compound (%s)', async (question, situation) => {
    const analysis = knowledge.analyser.analyse(question);
    expect([...knowledge.situations.find(analysis)]).toContain(situation);
  });

  it.each([
    ['han har slagit henne flera gånger, vad gäller mot soc', ['risk-for-brott', 'samverkansmote']],
    // A meeting is everyday; with a young person, a consent or an agency it is cooperation.
    ['vi ses på mötet på torsdag', ['samverkansmote']],
    ['I have a meeting at the town hall on Friday', ['samverkansmote']],
    // "kick-off" is no kick.
    ['vi planerar en kick-off för avdelningen', ['brott-mot-barn']],
  ])('"%s" names none of %j: å, ä and ö as typed, and a stopword is never a cue', (question, absent) => {
    const found = situationsOf(question);
    for (const s of absent) expect([...found]).not.toContain(s);
  });

  it.each([
    ['han har börjat hänga med gänget', 'risk-for-brott'],
    ['han hanger med ett gang', 'risk-for-brott'],
    ['vi tar upp eleven på mötet på torsdag', 'samverkansmote'],
    ['mamman knuffade sin 9-åring så att han slog i huvudet', 'brott-mot-barn'],
    ['en vuxen kille langar sprit till 14-åringar vid skolan', 'langning'],
    ['pojken säger att han inte får äta när han gjort fel', 'barn-far-illa'],
    ['hon har nya dyra saker och säger att hon jobbar åt några äldre killar', 'risk-for-brott'],
    ['vi grep pappan i natt och barnen var ensamma hemma', 'barn-far-illa'],
    ['we picked up a 13-year-old in the park at midnight, clearly high on something', 'barn-far-illa'],
    ['a 14-year-old is being exploited by older guys to carry drugs', 'risk-for-brott'],
  ])('"%s" still names %s', (question, situation) => {
    expect([...situationsOf(question)]).toContain(situation);
  });

  it('a compound splits into the words the index has', () => {
    const [term] = knowledge.analyser.analyse('knarkförsäljning').terms;
    expect(knowledge.guidance.terms.termKeys(term!).map((e) => e.key)).toContain('syn:narkotika');
  });

  // "han fyller 21 nästa vecka" is read in its tense too: 20 now (see "a birthday ahead" below).
  it.each(['han fyllde 21 i somras', 'han fyller 21', 'han har fyllt 21', 'he turned 21'])('"%s" is an age of 21', (text) => {
    expect(knowledge.analyser.analyse(text).ages).toContain(21);
  });

  it('a definite "-et" form meets its synonym group ("samtycket")', () => {
    const terms = knowledge.analyser.analyse('måste samtycket vara skriftligt').terms;
    expect(terms.some((t) => t.keys[0] === 'syn:samtycke')).toBe(true);
  });
});

describe('routing', () => {
  it.each(['hur räknar jag ut min pension', 'vad blir det för väder i Rosengård på lördag', 'tips på lunchställe nära Möllan', 'berätta ett skämt'])(
    '"%s" gets the help: no contacts, no guidance',
    async (question) => {
      const r = await ask(question, 'socialtjänst');
      expect(r.intent).toBe('unknown');
      expect(contacts(r)).toHaveLength(0);
      expect(guidanceOf(r)).toBeUndefined();
    },
  );

  it.each([
    'Jag har precis börjat på mottagningen i Fosie och min dator vill inte logga in. Vem fixar det?',
    'vem ordnar julfesten för socialjouren i år',
    'My password for the police laptop expired, who can reset it?',
    'hur många semesterdagar får en socialsekreterare spara',
    // Words that stem like a case's cues: "planera" is no planned crime, "påverkar" no intoxication,
    // "lång" no "langa", "köpa ut" a partner no supplying of alcohol, "stolar" no English "stole".
    'jag vill planera ledigheten runt jul, vilka röda dagar blir det',
    'hur lang e foraldraledigheten for pappor',
    'jag är polis, hur påverkar det min tjänstepension om jag byter till kommunen',
    'Vi har beställt stolar till personalrummet men leveransen har inte kommit, vem ringer jag?',
    'Can you suggest a fun ice-breaker for our team meeting?',
    // A place and an organisation in a question about when or how: no contact card.
    'Vilken dag börjar höstterminen för skolorna i Kisa?',
    'När stänger polisstationen i Södertälje på fredagar?',
    // Careers, grants, school places, school IT and suppliers are everyday too, with a school or the police in them.
    'Min dotter funderar på polisutbildningen efter gymnasiet, vad krävs för att komma in?',
    'Hur mycket statsbidrag kan en friskola i Ronna få för lärarlöner?',
    'Vi har en elev som ska byta skola efter jul, hur söker föräldrarna skolplats i Kinda?',
    'IT-supporten svarar inte och lärarna på skolan i Hyllie kommer inte åt elevlistorna, vem ringer jag?',
    // Grants, a damaged service car, an email to write for the asker: everyday too.
    'Vilka stiftelser ger pengar till en ny lekplats vid fritidsgården i Ronna?',
    'Jag backade tjänstebilen in i en grind vid polishuset i Fosie, vad behöver försäkringsbolaget från mig?',
    'Kan du skriva ett mejl åt mig till socialtjänstens växel om att jag är ledig på fredag?',
  ])('an everyday topic in the domain\'s words ("%s") gets the help', async (question) => {
    const r = await ask(question, 'socialtjänst');
    expect(r.intent).toBe('unknown');
    expect(contacts(r)).toHaveLength(0);
    expect(guidanceOf(r)).toBeUndefined();
  });

  it.each([
    // A setting alone ("a meeting") and a sentence that asks nothing are no ground for guidance.
    'Var kan man ställa bilen vid stadshuset i Malmö? Jag ska på ett möte där på fredag.',
    'Det här gäller inte jobbet. Min son vill byta gymnasium mitt i terminen och skolan säger nej. Går det att överklaga skolans beslut på något sätt?',
  ])('"%s" is outside the domain: the help', async (question) => {
    const r = await ask(question, 'socialtjänst');
    expect(r.intent).toBe('unknown');
    expect(guidanceOf(r)).toBeUndefined();
  });

  it.each([
    ['min dator är full av anteckningar om en 15-åring som polisen frågar om, får jag lämna dem?', 'guidance'],
    ['vem är kommunpolis i Rosengård när Erik är ledig', 'directory'],
  ])('"%s" is still %s: an everyday word beside a case, a secrecy question or a contact', async (question, intent) => {
    expect((await ask(question, 'socialtjänst')).intent).toBe(intent);
  });

  it('"won\'t say who did it" tells the story: the case is a guidance question, not a contact question', async () => {
    const r = await ask('A 16-year-old told our school nurse he was beaten up by older boys but won\'t say who did it. May the school tell the police?', 'skola');
    expect(r.intent).toBe('guidance');
    expect(contacts(r)).toHaveLength(0);
  });

  it.each([
    ['En 16-åring berättade att han och en kompis tog en väska och en telefon av en 14-åring i helgen. Får soc anmäla det till polisen?', 'socialtjänst'],
    ['Can the school contact social services about a pupil who just turned 18 without his consent?', 'skola'],
    ['Vi har en lista på tjugo ungdomar vi kontrollerade i helgen. Får vi lämna namnen till socialtjänsten?', 'polis'],
  ])('"%s" asks what is allowed: guidance, not a contact card or a checklist', async (question, as) => {
    const r = await ask(question, as);
    expect(r.intent).toBe('guidance');
    expect(contacts(r)).toHaveLength(0);
  });

  it('"far vi beratta for kommunpolisen" from socialtjänsten is a question between two organisations, after a story typed on a phone', async () => {
    const r = await ask('jobbar pa soc. vi har en kille pa 15 som borjat hanga m aldre killar i hermodsdal o har fatt ny telefon. far vi beratta for kommunpolisen vilka han umgas med?', 'socialtjänst');
    expect(r.intent).toBe('guidance');
    expect(contacts(r)).toHaveLength(0);
  });

  it('"har pågående kontakt med oss" tells the story; the one in it who wants to know receives', async () => {
    const r = await ask('Jag är fältare på socialtjänsten. Personalen på fritidsgården vill veta vilka av ungdomarna som har pågående kontakt med oss. Får jag berätta det?', 'socialtjänst');
    expect(r.intent).toBe('guidance');
    expect(contacts(r)).toHaveLength(0);
    expect(guidanceOf(r)?.verdict).not.toBe('far');
  });

  it('a story, then "har ni en checklista för det?": the story says which checklist', async () => {
    expect(checklistTitle(await ask('Jag ska göra en ordentlig sekretessprövning innan jag svarar polisen. Har ni en checklista för det?', 'socialtjänst'))).toBe('Sekretessprövning innan du lämnar en uppgift');
  });

  it.each([
    ['vem tar emot orosanmälan om en elev som bor i Kroksbäck', 'skola'],
    ['Vilken mottagning på soc hör en elev i Fosie till?', 'skola'],
    ['vart skickar jag en underrättelse om en 15-åring i Lindängen', 'polis'],
    ['Which social services unit do I send a report about a pupil in Hyllie to?', 'skola'],
    ['Vilket nummer ska jag ringa för att nå soc i Kisa?', 'fritid'],
    ['En 16-åring från Geneta är gripen för misshandel. Vem på polisen håller i förhören?', 'socialtjänst'],
    ['socialjouren här, måste få tag på polisen i Fosie inatt, vem', 'socialtjänst'],
    // A subject after the verb, a function or a number asked for by name, someone to reach.
    ['Jag jobbar på en skola i Kisa. Vart vänder vi oss på soc när vi är oroliga för en elev?', 'skola'],
    ['Vilken kommunjurist kan svara på sekretessfrågor för oss i Södertälje?', 'socialtjänst'],
    ['Which social services number is open on Saturday night in Malmö?', 'skola'],
    ['finns det någon på polisen i Hovsjö man kan prata med om ungdomarna vid centrum?', 'fritid'],
    ['Vi har en 16-åring misstänkt för stöld i Geneta och ska underrätta enligt LUL. Vem ska underrättelsen skickas till?', 'polis'],
  ])('"%s" asks whom to reach, whatever the topic: a contact card', async (question, as) => {
    const r = await ask(question, as);
    expect(r.intent).toBe('directory');
    expect(contacts(r).length).toBeGreaterThan(0);
  });

  it('"akut oro för ett barn mitt i natten, vart anmäler jag" gets the socialjour, open at night', async () => {
    const r = await ask('akut oro for ett barn mitt i natten i Södertälje, vart anmaler jag', 'skola');
    expect(r.intent).toBe('directory');
    expect(contacts(r)[0]).toMatchObject({ contact: { functionId: 'socialjouren-sodertalje', openNow: true } });
  });

  it.each(['orosanmälan Fosie vart', 'vart gör jag anmälan till soc, jag är skolsköterska i Rimforsa'])('"%s" asks where to send it: a contact card', async (question) => {
    const r = await ask(question, 'skola');
    expect(r.intent).toBe('directory');
  });

  it('a story, then "Vart skickar jag den?": the story\'s place decides, and the card is social services\' intake', async () => {
    const r = await ask('Jag är kurator på en skola i Lindängen. En pojke i fyran säger att han inte får äta hemma och han har varit hungrig hela veckan. Jag ska göra en orosanmälan. Vart skickar jag den?', 'skola');
    expect(r.intent).toBe('directory');
    expect(contacts(r)[0]).toMatchObject({ contact: { functionId: 'mottagning-barn-unga-malmo-soder' } });
  });

  it('the organisations in a story are who tells it: "Vem på socialtjänsten …" after a school\'s story gets social services', async () => {
    const r = await ask('Jag är rektor på en skola i Rimforsa. Kuratorn och skolsköterskan är oroliga för en elev som inte vill gå hem. Vem på socialtjänsten ska vi prata med?', 'skola');
    expect(contacts(r)[0]).toMatchObject({ contact: { functionId: 'mottagning-barn-unga-kinda' } });
  });

  it('"ska vi på fritidsgården kontakta" names who asks: the card is social services\'', async () => {
    const r = await ask('Vilken enhet på soc ska vi på fritidsgården i Hovsjö höra av oss till när vi är oroliga för en tjej?', 'fritid');
    expect(contacts(r)[0]).toMatchObject({ contact: { functionId: 'mottagning-barn-unga-sodertalje' } });
  });

  it('"förmiddag" is a time of day, not "middag" (a dinner, outside the domain)', async () => {
    const r = await ask('I förmiddags såg vi två 14-åringar med kniv vid centrum i Hovsjö. Vem på socialtjänsten ska vi kontakta?', 'polis');
    expect(r.intent).toBe('directory');
  });

  it.each([
    // Calling in the story: "när vi ringer", someone else calling, "vem som" inside the story.
    ['Vi har samtycke från pappan till SIP för en 14-åring, men mamman svarar aldrig när vi ringer. Får vi köra igång ändå?', 'socialtjänst'],
    ['Vi gjorde en orosanmälan om en 9-åring i förra veckan och nu ringer mamman och vill veta vem som anmälde. Måste vi tala om det?', 'skola'],
    ['I work at a health centre. A father of 30 told me he hits his wife, and they have a baby at home who is there when it happens. Do I have to tell social services?', 'region'],
    // A duty named in one word is a question about the rule, wherever it is asked from.
    ['jobbar på fritidsgård i hovsjö, har vi anmälningsplikt eller är det bara skolan?', 'fritid'],
  ])('"%s" asks about a rule: guidance, no contact card', async (question, as) => {
    const r = await ask(question, as);
    expect(r.intent).toBe('guidance');
    expect(contacts(r)).toHaveLength(0);
  });

  it.each([
    ['barnmorska här, en mamma säger att pappan slår deras 4-åring men vill inte att vi gör något. får jag kontakta soc?', 'region'],
    ['kan jag som fritidsledare ringa soc om en tjej på 12 som inte vågar gå hem för att styvpappan slår henne?', 'fritid'],
    ['skolsköterska här. en elev i femman har märken på halsen och säger att mamma tog stryptag. ska jag ringa polisen eller soc?', 'skola'],
    ['orosanmälan vårdcentralen, 15-åring som skär sig', 'region'],
  ])('"%s": asked "may I" about a child at risk, the answer is the duty to report', async (question, as) => {
    const r = await ask(question, as);
    expect(guidanceOf(r)?.verdict).toBe('ska');
  });

  it('a child who sees the violence at home: "do I need to tell" asks for the duty to report concern', async () => {
    const r = await ask('I work at a health centre. A man told me he beats his partner, and their four-year-old is at home when it happens. Do I have to tell social services?', 'region');
    expect(r.intent).toBe('guidance');
    expect(guidanceOf(r)?.verdict).toBe('ska');
  });

  it('"Vem på polisen utreder …" gets the police\'s youth investigator for the place', async () => {
    const r = await ask('En 16-åring i Hyllie är gripen för en stöld. Vem på polisen utreder det?', 'socialtjänst');
    expect(contacts(r)[0]).toMatchObject({ contact: { functionId: expect.stringMatching(/^ungdomsutredare-/) } });
  });

  it('"Ska vi ändå kontakta socialtjänsten?" after a story of a few sentences asks whether to report, not for a number', async () => {
    const r = await ask('Vi körde hem en 15-åring i natt. Mamman var för full för att ta hand om honom. Kollegan tycker att det räcker. Ska vi ändå kontakta socialtjänsten?', 'polis');
    expect(r.intent).toBe('guidance');
    expect(contacts(r)).toHaveLength(0);
  });

  it('a story set in a place ("at a drug spot in Hyllie") is a case, not a directory question or nothing', async () => {
    const r = await ask('Found a 15-year-old at 2 am at a drug spot in Hyllie, clearly high. Driving him home now. Anything else I have to do?', 'polis');
    expect(r.intent).toBe('guidance');
  });

  it('"Ska göra en anmälan …" is a note of what the asker will do; "vart skickar jag den?" is the question', async () => {
    const r = await ask('Ska göra en orosanmälan om en elev i Fosie. Vilken enhet på soc skickar jag den till?', 'skola');
    expect(r.intent).toBe('directory');
    expect(contacts(r)[0]).toMatchObject({ contact: { functionId: 'mottagning-barn-unga-malmo-soder' } });
  });

  it.each([
    // "vår vårdcentral" is "our", not "where"; "a 15-year-old who" is a relative clause.
    ['En 15-åring kom till vår vårdcentral med ett sår och sa att han hamnat i bråk. Polisen frågar om han varit här. Får vi svara?', 'region'],
    ['We have a 15-year-old who refuses to go to school. Can we tell the police?', 'socialtjänst'],
  ])('"%s" tells a story, then asks a rule: no contact card', async (question, as) => {
    const r = await ask(question, as);
    expect(contacts(r)).toHaveLength(0);
  });

  it('"vem på skolan ska göra orosanmälan" asks whom the duty concerns, not whom to call', async () => {
    expect((await ask('vem på skolan ska göra orosanmälan', 'skola')).intent).toBe('guidance');
  });

  it('"community police officer" is the kommunpolis: the card is the area\'s kommunpolis', async () => {
    const r = await ask('Who is the community police officer for Fosie?', 'socialtjänst');
    expect(contacts(r)[0]).toMatchObject({ contact: { functionId: expect.stringMatching(/^kommunpolis-/) } });
  });

  it('"10 kap. 18 a §" is one provision: the period after "kap" ends no sentence', () => {
    const parts = route(knowledge, 'har ni en checklista för menprövningen i 26 kap. 1 § OSL inför ett utlämnande', 'socialtjanst');
    expect(parts.map((p) => p.intent)).toEqual(['checklist']);
    expect(sentencesOf('Gäller 10 kap. 18 a § här? T.ex. för en 19-åring.')).toEqual(['Gäller 10 kap. 18 a § här?', 'T.ex. för en 19-åring.']);
  });

  it('a story naming places and organisations, then "finns det en checklista?": the story says which checklist', async () => {
    const r = await ask('Vi ska börja samarbeta med skolan, polisen och fältarna i Kisa kring några unga vi är oroliga för. Finns det en checklista för att komma igång?', 'kommunledning');
    expect(checklistTitle(r)).toBe('Starta samverkan kring barn och unga');
  });

  it('a provision typed in the question outranks a provision that is only similar in words', async () => {
    const r = await ask('vad innebär 12 kap 3 § osl för föräldrarna', 'socialtjänst');
    expect(refsOf(r)).toContain('OSL 12:3');
  });

  it('a provision typed in the question and fitting its facts is answered, not only suggested, though the other words are few', async () => {
    const r = await ask('Räcker 10 kap. 2 § OSL som grund när vi måste säga till hyresvärden varför vi söker familjen?', 'socialtjänst');
    expect(r.intent).toBe('guidance');
    expect(refsOf(r)).toEqual(['OSL 10:2']);
  });

  it('…but a provision written for another giver stays below the answer threshold: BUP asking about 18 b gets no "beror på"', async () => {
    const r = await ask('Gäller 10 kap 18 b § för oss i regionen?', 'region');
    expect(guidanceOf(r)?.verdict).not.toBe('beror_pa');
  });
});

describe('the directory reads what a report is and when help is needed', () => {

  it.each([
    ['skola', 'orosanmälan kisa vart skickar jag'],
    ['region', 'Where do we send a report of concern about a child in Kisa?'],
  ])('%s: an orosanmälan goes to social services, not to another function that has the word among its topics (%j)', async (as, text) => {
    expect(firstContact(await ask(text, as))).toBe('Socialtjänsten Kinda, barn och unga');
  });

  it.each([
    ['skola', 'Jag är lärare i Hyllie. En elev har berättat att hennes bror slår henne. Vem på socialtjänsten ska anmälan gå till?', 'Mottagningsenheten barn och unga, Område Väster'],
    ['skola', 'I work at a school in Kisa. A boy in my class says his stepdad hits him. Which social services unit should I report this to?', 'Socialtjänsten Kinda, barn och unga'],
  ])('%s: a case, then whom the report goes to ("… till?", "which unit … to?"), gets the intake: %j', async (as, text, name) => {
    expect(firstContact(await ask(text, as))).toBe(name);
  });

  it.each([
    'Vem på soc ska jag ringa om en 14-åring i Rosengård som vi brukar se ute på nätterna?',
    'Who at social services do I call about a boy in Rosengård we often see out in the evenings?',
  ])('a habit told in the story ("brukar", "often") is not the time help is needed: the intake in office hours (%j)', async (text) => {
    expect(firstContact(await ask(text, 'polis'))).toBe('Mottagningsenheten barn och unga, Område Öster');
  });
});

describe('the socialjour as people type it', () => {
  it.each(['vem e socjouren i malmo', 'soc jour malmö nummer'])('%j is Socialjouren Malmö', async (text) => {
    expect(contacts(await ask(text, 'polis'))[0]).toMatchObject({ contact: { name: 'Socialjouren Malmö' } });
  });
});

describe('a case, then two questions in one sentence', () => {
  it('"måste jag anmäla och vart skickar jag den" gets the duty and, with no place said, the question which area', async () => {
    const r = await ask('en elev 12 ar sa att mamma slar henne. hon vill inte att vi gor nat. maste jag anmala och vart skickar jag den', 'skola');
    expect(guidanceOf(r)?.verdict).toBe('ska');
    expect(contacts(r)).toEqual([]);
    expect(r.headline).toContain('Vilket område gäller det?');
    // A picked area keeps what the message was about: where the orosanmälan goes there.
    const area = r.suggestions.find((b) => b.action.type === 'ask' && /orosanmälan i /.test(b.action.text));
    expect(area).toBeDefined();
    const next = await motpart.handle({ action: area!.action }, { platform: 'slack', userId: `u${++user}`, conversationId: 'c', as: 'skola' });
    expect(contacts(next)[0]).toMatchObject({ contact: { name: expect.stringMatching(/^(Socialtjänsten|Mottagning)/) } });
  });
});

describe('outside the domain, though told by someone in it', () => {
  it.each([
    ['socialtjanst', 'Hur anmäler jag mig till förvaltningens julbord?'],
    ['socialtjanst', 'Socialjouren här. Headsetet har tappat ljudet tre gånger i kväll. Vad kan jag prova innan IT-supporten öppnar?'],
    ['fritid', 'Jag gör ett diagram i Excel över besökarna på fritidsgården. Det blir bara en stapel åt gången. Hur får jag två år bredvid varandra?'],
  ])('%s: %j gets the help, no guidance and no contact', async (as, text) => {
    const r = await ask(text, as);
    expect(['unknown', 'help']).toContain(r.intent);
    expect(guidanceOf(r)).toBeUndefined();
    expect(contacts(r)).toEqual([]);
  });
});

describe('a deciding fact missing: one short question, answered on the reply', () => {
  it('asks what has happened and answers the button it gets', async () => {
    const first = await ask('vad får vi berätta för polisen om en 15-åring', 'socialtjänst');
    expect(first.headline).toBe('Vad gäller det?');
    expect(first.suggestions.length).toBeGreaterThanOrEqual(2);
    const risk = first.suggestions.find((b) => b.label.startsWith('Risk för att den unge begår brott'));
    expect(risk?.action.type).toBe('ask');
    const second = await motpart.handle({ action: risk!.action }, { platform: 'slack', userId: `u${++user}`, conversationId: 'c', as: 'socialtjänst' });
    expect(refsOf(second)).toContain('OSL 10:18 a');
  });
});

describe('the console is not rate limited', () => {
  it('a batch of questions from the console is answered, the same from a chat user is slowed down', async () => {
    const texts = Array.from({ length: 6 }, () => 'vad är 18 a');
    const cli = [];
    for (const t of texts) cli.push(await motpart.handle({ text: t }, { platform: 'cli', userId: 'local', conversationId: 'cli' }));
    expect(cli.every((r) => r.intent === 'guidance')).toBe(true);
    const chat = [];
    for (const t of texts) chat.push(await motpart.handle({ text: t }, { platform: 'slack', userId: 'same', conversationId: 'c' }));
    expect(chat.at(-1)!.intent).not.toBe('guidance');
  });
});

describe('what a parent may be told is not what the police may be given', () => {
  it('"mammas sambo slår honom … får vi kontakta polisen?" from social services is 10:21 "får", not 12:3 "får inte"', async () => {
    const g = guidanceOf(await ask('Vi har en pojke på 12 som berättar att mammas sambo slår honom när mamma jobbar natt. Får vi kontakta polisen?', 'socialtjanst'));
    expect(g?.snippetId).toBe('osl-10-21-brott-mot-barn');
    expect(g?.verdict).toBe('far');
  });

  it('a father who demands to hear what his daughter said to the counsellor is asked about 12:3, even after the story named health care', async () => {
    const g = guidanceOf(
      await ask('En elev i nian har fått p-piller via ungdomsmottagningen. Nu har hennes pappa ringt och kräver att få veta allt hon sagt i våra samtal. Vad får jag säga till honom?', 'skola'),
    );
    expect(g?.snippetId).toMatch(/^vh-/);
  });

  it('"ska jag ringa föräldrarna först?" from a school about a child at risk is answered with the duty to report', async () => {
    const g = guidanceOf(await ask('elev (15) sa att släkten ska gifta bort henne i sommar, ska jag ringa föräldrarna först?', 'skola'));
    expect(g?.verdict).toBe('ska');
  });

  it('the police telling a mother that her son is suspected is LUL 5, not a rule for telling social services', async () => {
    const g = guidanceOf(await ask('får jag säga till mamman att hennes 16-åriga son är misstänkt för rån?', 'polis'));
    expect(g?.snippetId).toBe('lul-5-vardnadshavare');
  });
});

describe('a rule for telling parents needs a parent told', () => {
  it('the police sharing suspicions at an SSPF meeting with the young person\'s consent is not LUL 5 (telling the guardian)', async () => {
    const g = guidanceOf(await ask('Kan polisen på SSPF-mötet berätta om pågående brottsmisstankar mot ungdomen om han själv samtyckt till att vi delar uppgifter?', 'socialtjanst'));
    expect(g?.snippetId).not.toBe('lul-5-vardnadshavare');
  });
});

describe('asking whom, told in other words', () => {
  it('a relative "who" beside a place and an organisation asks no contact ("a pupil who is over 18")', () => {
    expect(intents('Quick check for Kinda: may schools use the general clause (10:27) to tell social services about a pupil who is over 18?', 'kommunledning')).toEqual(['guidance']);
  });

  it('"vem frågar man …" asks whom to reach', () => {
    expect(intents('vem frågar man om sekretessen när man är ny på jobbet i kisa?')).toEqual(['directory']);
  });

  it('"who is the police lawyer", "polisens jurist" is the police\'s lawyer, not the municipality\'s', async () => {
    expect(contactIds(await ask('Who is the police lawyer in Södertälje?', 'kommunledning'))[0]).toMatch(/polisjurist/);
    expect(contactIds(await ask('vem är polisens jurist för Kinda?', 'kommunledning'))[0]).toMatch(/polisjurist/);
  });

  it('a child in förskoleklass is no everyday topic; starting förskoleklass is', () => {
    expect(intents('Ett barn i förskoleklass i Kisa har mycket frånvaro. Vem på skolan i Kinda pratar vi med?', 'region')).toEqual(['directory']);
    expect(intents('Min dotter ska börja förskoleklass i höst i Kisa, hur byter vi skola?', 'region')).toEqual(['unknown']);
  });
});

describe('a weapon carried is a risk, not acute danger', () => {
  it.each(['A mum told me her 13-year-old has started carrying a knife.', 'Han har börjat bära kniv i skolan.'])('"%s" is a risk of crime, not acute danger', (q) => {
    expect(situationsOf(q)).toContain('risk-for-brott');
    expect(situationsOf(q)).not.toContain('akut-fara');
  });
  it('a threat with a knife is acute; caught with one is a crime committed', () => {
    expect(situationsOf('han hotar med kniv utanför skolan')).toContain('akut-fara');
    expect(situationsOf('we caught a 15-year-old carrying a knife last night')).toContain('begangat-brott');
  });
});

describe('protected personal data: a marking calls for an assessment, not a blanket no', () => {
  it('the police asking for the address of a pupil with protected identity get "beror på" (Ds 2013:47), never "får"', async () => {
    const g = guidanceOf(await ask('Polisen vill ha adressen till en av våra elever som har sekretessmarkering. Får jag ge den?', 'skola'));
    expect(g?.snippetId).toBe('skyddade-uppgifter-myndighet');
    expect(g?.verdict).toBe('beror_pa');
  });
  it('so does social services asked for a protected address by the police, said in other words', async () => {
    const g = guidanceOf(await ask('polisen vill ha adressen till en elev med skyddad identitet, får jag ge den?', 'socialtjanst'));
    expect(g?.snippetId).toBe('skyddade-uppgifter-myndighet');
  });
  it('a relative asking is still told no', async () => {
    const g = guidanceOf(await ask('En moster frågar efter adressen till en elev med skyddad identitet, får vi säga den?', 'skola'));
    expect(g?.verdict).toBe('far_inte');
  });
});

describe('a young suspect is a fact of its own: LUL is about the one suspected', () => {
  it.each([
    ['vi tog in en 15-åring för förhör om ett rån i går', true],
    ['misstänkt 13 åring skadegörelse i skolan, måste soc få veta', true],
    ['en 16-åring blev rånad i går, han är målsägande', false],
    ['we arrested a single dad of two last night; the kids are with a neighbour', false],
  ])('"%s" → young suspect: %s', (q, suspect) => {
    expect(situationsOf(q).has('ung-misstankt')).toBe(suspect);
  });

  it('a father of small children remanded in custody is the police\'s duty to tell social services about the children, not LUL', async () => {
    const g = guidanceOf(await ask('Vi grep en pappa till tre barn, 4, 7 och 10, i natt och han är nu häktad. Mamman finns inte. Ska vi kontakta socialtjänsten?', 'polis'));
    expect(g?.snippetId).toBe('polis-foralder-frihetsberovad');
  });
});

describe('not sure, and not about the domain: the help, not "inget säkert svar"', () => {
  it.each([
    'Behöver vi samtycke från personalen för att visa deras foton på intranätet?',
    'min chef berättade för alla att jag är sjukskriven, är inte det ett sekretessbrott?',
    'How do I claim mileage for the course I took at the police academy?',
  ])('"%s" → unknown', (q) => {
    expect(intents(q, 'socialtjanst')).toEqual(['unknown']);
  });

  it.each([
    'Måste vi på soc numera ge polisen allt de ber om sedan lagen i april 2025?',
    'Vad är nytt i reglerna för orosanmälan i nya socialtjänstlagen?',
    'Does the young person have to agree before a SIG meeting?',
  ])('"%s" stays guidance', (q) => {
    expect(intents(q, 'socialtjanst')).toEqual(['guidance']);
  });
});

describe('where to send it, asked in other words', () => {
  it.each([
    ['vart gör ja orosanmälan, hon bor i oxie', 'skola'],
    ['who at social services should get the report we are writing?', 'region'],
    ['vilken del av soc ska jag ringa om en 12-åring i Järna?', 'region'],
  ] as const)('"%s" asks for a contact', (q, as) => {
    expect(intents(q, as)).toEqual(['directory']);
  });
  it('"vilken del av lagen" asks no contact', () => {
    expect(intents('vilken del av lagen gäller när soc lämnar uppgifter till polisen?', 'socialtjanst')).toEqual(['guidance']);
  });
});

describe('a checklist is named by its title more than by the phrases editors list for it', () => {
  it.each([
    'Do you have a list for getting the parents\' written consent before we share anything with the police?',
    'Finns det en lista för vad samtycket ska täcka innan vi delar uppgifter med skolan?',
  ])('"%s" opens the consent list first', (q) => {
    expect(rankChecklists(knowledge, q, { kind: 'fritid', label: 'fritid' })[0]?.checklist.title).toBe('Samtycke till att dela uppgifter');
  });
});

describe('what a parent may be told, asked in a hurry', () => {
  it('"en pappa ringer och vill veta" is a parent who wants to know', () => {
    const a = knowledge.analyser.analyse('en pappa ringer och vill veta vad sonen sagt till mig, måste jag säga det?');
    expect(directionOf(a.words, 'skola', a.english).toParent).toBe(true);
  });
  it('a mother asking what her daughter told the school nurse gets a rule on what a guardian may be told, not joint custody', async () => {
    const g = guidanceOf(await ask('skolsköterska. en mamma ringer o vill veta vad hennes 14-åriga dotter pratat med mig om, måste jag berätta?', 'skola'));
    expect(g?.snippetId).toMatch(/^vh-(ratt-till-information|mogen-tonaring)$/);
  });
  it('the rule on a parent without custody needs a parent without custody', async () => {
    const g = guidanceOf(await ask('pappan har inte vårdnaden men ringer och vill veta vad dottern, 12, har berättat. får vi säga något?', 'socialtjanst'));
    expect(g?.snippetId).toBe('vh-inte-vardnadshavare');
  });
  it('a girl whose brothers check her phone and who is to be sent to relatives abroad is honour-based oppression', () => {
    expect(situationsOf('hennes bröder kontrollerar hennes telefon och hon ska skickas till släkten efter sommaren')).toContain('hedersvald');
  });
  it('"does it have to go through social services" asks a rule, not for a checklist', () => {
    expect(intents('A 14-year-old patient says her mother\'s partner hits her. May I report it to the police, or does it have to go through social services?', 'region')).toEqual(['guidance']);
  });
});

describe('English words of what the questions are about meet the Swedish texts', () => {
  it.each([
    ['known to', 'aktuell'],
    ['pregnant', 'gravid'],
    ['notify', 'underrätta'],
    ['confirm', 'bekräfta'],
  ])('"%s" is "%s"', (english, swedish) => {
    const keysOf = (t: string) => knowledge.analyser.analyse(t).terms.flatMap((x) => x.keys);
    expect(keysOf(english)[0]).toBe(keysOf(swedish)[0]);
  });
});

describe('whom to ask about the law is the jurist on the asker\'s own side', () => {
  it.each([
    ['Vem kan jag rådfråga om vad vi får lämna ut till polisen? Jag jobbar på soc i Kinda.', 'socialtjanst', /kommunjurist-kinda/],
    ['who can I ask about our secrecy rules before we answer social services in Malmö?', 'polis', /polisjurist/],
  ] as const)('"%s" (%s)', async (q, as, id) => {
    expect(contactIds(await ask(q, as))[0]).toMatch(id);
  });
  it('a lawyer the question names by side stays that side\'s', async () => {
    expect(contactIds(await ask('Who is the municipal lawyer in Malmö I can discuss a secrecy question with?', 'polis'))[0]).toMatch(/kommunjurist/);
  });
});

describe('an abbreviation typed in lower case before the noun it names', () => {
  it('"sig nytt ärende arbetsgång" opens the SIG checklist; "ta sig ur gänget" names no SIG', () => {
    expect(intents('sig nytt ärende arbetsgång', 'socialtjanst')).toEqual(['checklist']);
    expect(knowledge.analyser.analyse('sig-ärende').terms.some((t) => t.keys[0] === knowledge.synonyms.keyOf('SIG'))).toBe(true);
    expect(knowledge.analyser.analyse('han vill ta sig ur gänget').terms.some((t) => t.keys[0] === knowledge.synonyms.keyOf('SIG'))).toBe(false);
  });
});

describe('out late with older guys', () => {
  it('"ser en 13-åring ute sent med äldre killar" is a risk of crime ahead', () => {
    expect(situationsOf('vi ser en 13-åring ute sent varje helg med äldre killar')).toContain('risk-for-brott');
    expect(situationsOf('she is out late with older guys every night')).toContain('risk-for-brott');
    expect(situationsOf('hon har setts med äldre killar i en bil sent på kvällarna')).toContain('risk-for-brott');
  });
});

describe('a young suspect\'s age is not a child harmed', () => {
  it('"en 16-åring misstänkt för grov misshandel" is the young person\'s crime, not a crime against a child', () => {
    expect(situationsOf('vi utreder en grov misshandel där en 16-åring är misstänkt')).not.toContain('brott-mot-barn');
  });
  it('…but a boy harmed is named as one', () => {
    expect(situationsOf('pojken misshandlades av en 16-åring som nu är misstänkt')).toContain('brott-mot-barn');
  });
});

describe('an arrow says who gives to whom', () => {
  it.each([
    ['polisen → skolan, elev misstänkt för rån', { from: 'polis', to: 'skola' }],
    ['soc -> polis 19-åring risk för brott', { from: 'socialtjanst', to: 'polis' }],
  ] as const)('"%s"', (q, expected) => {
    const a = knowledge.analyser.analyse(q);
    expect(directionOf(a.words, undefined, a.english)).toMatchObject(expected);
  });
});

describe('who in the story wants to know', () => {
  it('"polisen … undrade om vi vet något" makes the police the receiver of "får jag berätta?"', () => {
    const q = 'Han är 16 och har börjat vara ute på nätterna. Närpolisen hörde av sig i går och undrade om vi vet något om hans nya umgänge. Får jag berätta det vi vet?';
    expect(direction(q, 'socialtjanst')).toMatchObject({ from: 'socialtjanst', to: 'polis' });
  });
  it('…but "skolan undrar om de kan vänta" is the school asking about its own step, not for information', () => {
    const q = 'En lärare såg märken på armen på en 9-åring. Skolan undrar om de kan vänta med anmälan till efter lovet. Vad gäller?';
    expect(direction(q, 'socialtjanst').to).not.toBe('skola');
  });
});

describe('words that tell a fact only in their order', () => {
  it('a teenager who told us he sells hash is his own dealing, not someone supplying him (10:22)', () => {
    expect(situationsOf('Pappan berättade för oss i går att sonen, 15, säljer hasch på skolgården. Får vi ta det vidare?')).not.toContain('langning');
    expect(situationsOf('Får vi lämna uppgifter till polisen om en 16-åring som själv säger att han säljer gräs?')).not.toContain('langning');
  });
  it('…while selling to pupils, or giving a 14-year-old alcohol, still is', () => {
    expect(situationsOf('en 20-åring säljer gräs till högstadieelever vid fritidsgården')).toContain('langning');
    expect(situationsOf('hennes styvpappa ger henne alkohol på helgerna, hon är 14')).toContain('langning');
  });
});

describe('a child harmed, named by its place in the family or by its age', () => {
  it('threats or blows against a younger sibling are a crime against a child', () => {
    expect(situationsOf('en 17-åring hotade sin lillasyster med en kniv under bråket hemma')).toContain('brott-mot-barn');
    expect(situationsOf('he hit his little brother, who is 8, several times')).toContain('brott-mot-barn');
  });
  it('"misshandel av en 13-åring" names the victim, though the suspect is young too: 10:21, never 10:23', async () => {
    const r = await ask('Får socialtjänsten polisanmäla misshandel av en 13-åring när den misstänkta är en 16-åring?', 'socialtjanst');
    expect(refsOf(r)).toContain('OSL 10:21');
    expect(refsOf(r)).not.toContain('OSL 10:23');
  });
});

describe('a young child alone outside, and what the police must do', () => {
  it('a 12-year-old alone in a stairwell late is a child at risk', () => {
    expect(situationsOf('vi hittade en 12-åring ensam i ett trapphus vid midnatt')).toContain('barn-far-illa');
  });
  it('"behöver vi göra en orosanmälan" from the police about such a child asks for the duty, not the rule for an arrested parent', async () => {
    const r = await ask('Vi hittade en 12-åring ensam i ett trapphus vid midnatt och körde hem honom. Behöver vi göra en orosanmälan?', 'polis');
    expect(guidanceOf(r)?.verdict).toBe('ska');
    expect(guidanceOf(r)?.snippetId).not.toBe('polis-foralder-frihetsberovad');
  });
});

describe('an everyday topic with a word of the domain but no party of it', () => {
  it.each([
    'Jag skadade foten på personalparkeringen i går. Hur gör jag en anmälan om arbetsskada, och måste min chef skriva under?',
    'behöver jag samtycke från grannen för att bygga en altan vid tomtgränsen?',
    'Vad blir det för mat i skolan på fredag?',
    'How much do school counsellors in Södertälje earn?',
  ])('"%s" gets the help, no contacts and no guidance', async (q) => {
    const r = await ask(q, 'skola');
    expect(['unknown', 'help']).toContain(r.intent);
    expect(contacts(r)).toHaveLength(0);
    expect(guidanceOf(r)).toBeUndefined();
  });
  it('…while consent to tell the school is still the domain', async () => {
    const r = await ask('Behöver vi samtycke från föräldrarna för att berätta för skolan att pojken har en kontakt hos oss?', 'socialtjanst');
    expect(r.intent).toBe('guidance');
  });
});

describe('a procedure asked for in plain words opens its checklist', () => {
  it.each([
    ['hur går ett SIG-ärende till från start till slut?', 'Sociala insatsgrupper (SIG) – ett ärende steg för steg'],
    ['Vad måste en samtyckesblankett innehålla innan vi delar något?', 'Samtycke till att dela uppgifter'],
    ['What should our consent form include before we share anything with the school?', 'Samtycke till att dela uppgifter'],
    ['hur drar vi igång regelbundna träffar mellan skola, soc och polis?', 'Starta samverkan kring barn och unga'],
  ])('"%s"', async (q, title) => {
    const r = await ask(q, 'socialtjanst');
    expect(checklistTitle(r)).toBe(title);
  });
  it('"kan vi dra igång mötet med bara mammans underskrift" asks whether, not how: no checklist', async () => {
    const r = await ask('Kan vi dra igång nätverksmötet med bara mammans underskrift när pappan inte svarar?', 'socialtjanst');
    expect(r.intent).not.toBe('checklist');
  });
});

describe('who does it, asked for', () => {
  it.each([
    ['vem utreder ungdomsbrott hos polisen i Kinda?', 'socialtjanst'],
    ['Which police officers cover Rosengård? I want to talk about safety around our school.', 'skola'],
  ] as const)('"%s" is a contact question', (q, as) => {
    expect(intents(q, as)).toEqual(['directory']);
  });
});

describe('who gives and who receives, as the story puts it', () => {
  it('"På mötet frågade kommunpolisen om …": a request with its verb first makes the police the receiver', () => {
    expect(direction('På mötet i morse frågade kommunpolisen om 18-åringen är känd hos oss. Vad kan jag säga?', 'socialtjanst')).toMatchObject({ from: 'socialtjanst', to: 'polis' });
  });
  it('"Kan skolan neka oss?": the one refusing is the one who would give', () => {
    expect(direction('Vi utreder en 13-åring och bad skolan om frånvaron. Kan skolan neka oss?', 'socialtjanst')).toMatchObject({ from: 'skola', to: 'socialtjanst' });
  });
  it('English in the -ing form: "is telling social services something we have to do?"', () => {
    expect(direction('When we pick up a 14-year-old for theft, is telling social services something we have to do?', 'polis')).toMatchObject({ from: 'polis', to: 'socialtjanst' });
  });
  it('…but the story\'s past ("a 12-year-old told us") is no handing over', () => {
    expect(direction('A 12-year-old told us her father hits her mother. The father now demands to read everything. Do we have to let him?', 'socialtjanst').to).toBeUndefined();
  });
});

describe('more kinds of case in the words people use', () => {
  it('"tänker hämnas" is a risk of crime ahead', () => {
    expect(situationsOf('vi tror att han tänker hämnas efter skottlossningen')).toContain('risk-for-brott');
  });
  it('a child used as a lookout where drugs are sold is at risk of being drawn into crime', () => {
    expect(situationsOf('en 12-åring används som utkik vid ett ställe där det säljs narkotika')).toContain('risk-for-brott');
  });
  it('police who "pick up" a 15-year-old for shoplifting have a young suspect', () => {
    expect(situationsOf('When we pick up a 15-year-old for shoplifting, do we tell social services?')).toContain('ung-misstankt');
  });
});

describe('a provision typed in a hurry', () => {
  it.each([
    ['lul 6 underrättelse 17-åring, måste jag skicka den?', 'LUL 6'],
    ['handräckning lvu 43 vad får vi säga', 'LVU 43'],
    ['pl 12 omedelbart ingripande', 'PL 12'],
  ])('"%s" names %s', (q, ref) => {
    expect(knowledge.analyser.analyse(q).refs).toContain(ref);
  });
  it('…but a number after "pl" that is no known section is not one', () => {
    expect(knowledge.analyser.analyse('pl 99 personer på mötet').refs).toEqual([]);
  });
  it('"18 c" about honour-based violence from BUP is the rule named, not abstention', async () => {
    const r = await ask('bup till polis 18 c hedersvåld', 'region');
    expect(refsOf(r)).toContain('OSL 10:18 c');
  });
});

describe('the directory: places named with what is there, where a report goes, and who sends it', () => {
  it.each([
    ['vem når jag på elevhälsan på gymnasiet i malmö', 'socialtjänst'],
    ['Who handles student health at the upper secondary schools in Malmö?', 'socialtjänst'],
  ])('"%s" asks for upper secondary school health, not the compulsory school\'s', async (question, as) => {
    expect(firstContact(await ask(question, as))).toBe('Elevhälsan gymnasieskola, Malmö');
  });
  it('"Möllevångstorget" is Möllevången, so soc for Innerstaden, not another municipality', async () => {
    const r = await ask('Jag jobbar på gården vid Möllevångstorget. Vilken mottagning på socialtjänsten ska jag anmäla till om en 14-åring?', 'fritid');
    expect(firstContact(r)).toBe('Mottagningsenheten barn och unga, Område Innerstaden');
  });
  it('"Vart ska anmälan gå?" after a story asks where to send it: out of hours, the social services on call', async () => {
    const r = await ask('En 14-åring i Fosie berättade att hon inte vågar gå hem. Klockan är sex en onsdag kväll. Vart ska anmälan gå?', 'skola');
    expect(r.intent).toBe('directory');
  });
  it('"orosanmälan från bup, södertälje – vart": BUP sends it, social services in Södertälje receive it', async () => {
    const r = await ask('orosanmälan från bup, södertälje – vart', 'region');
    expect(firstContact(r)).toBe('Mottagningen barn och unga, Södertälje');
  });
});

describe('"vad ska jag tänka på" at the end of a story', () => {
  it('from the police about to write to social services about a child: the police\'s own checklist', async () => {
    const r = await ask('Vi var på ett larm i natt där en sexåring såg pappan slå mamman. Jag ska skriva till socialtjänsten om barnet innan passet är slut, vad ska jag tänka på?', 'polis');
    expect(checklistTitle(r)).toBe('Orosanmälan från polisen');
  });
  it('…but joined to a may-question ("får vi …, och vad ska vi tänka på?") the rule is asked first', async () => {
    const r = await ask('En 16-åring har berättat att familjen planerar att gifta bort henne i sommar. Får vi kontakta polisen nu, och vad ska vi tänka på?', 'socialtjanst');
    expect(r.intent).toBe('guidance');
  });
});

describe('"de" asking in the story is the organisation named before', () => {
  it('"Polisen ringer … De vill veta om han är placerad": the police receive', () => {
    const a = knowledge.analyser.analyse('Polisen ringer klockan två och har gripit en 15-åring. De vill veta om han är placerad hos oss. Vad kan jag säga?');
    expect(directionOf(a.words, 'socialtjanst', a.english)).toMatchObject({ from: 'socialtjanst', to: 'polis' });
  });
  it('"polisen bad om hans schema": asking for something is a request', () => {
    const a = knowledge.analyser.analyse('I går ringde polisen och bad om hans schema. Får vi lämna ut det?');
    expect(directionOf(a.words, 'skola', a.english)).toMatchObject({ from: 'skola', to: 'polis' });
  });
});

describe('the question inside the last sentence, not the story\'s report', () => {
  it('"om vi får gå till polisen" after a story about a report from the school: we give, the police receive', () => {
    const q = 'Vi utreder en 16-åring efter en orosanmälan från skolan. Hennes bror har slagit henne. Chefen undrar om vi får gå till polisen när hon inte vill. Får vi?';
    expect(direction(q, 'socialtjanst')).toMatchObject({ from: 'socialtjanst', to: 'polis' });
  });
  it('"hon vill veta om vi kan polisanmäla": the subject of an indirect question gives', () => {
    expect(direction('Läraren vill också veta om vi kan polisanmäla. Hur ska vi göra?', 'skola')).toMatchObject({ from: 'skola', to: 'polis' });
  });
});

describe('a young person carrying things for older guys, and a suspect\'s age', () => {
  it('"carrying a bag for much older guys" is a risk of crime ahead', () => {
    expect(situationsOf('We keep seeing the same 15-year-old carrying a bag for much older guys on Friday nights')).toContain('risk-for-brott');
  });
  it('"en av de misstänkta är 17" names an age: no rule for children under 15 is the sure answer', () => {
    expect(knowledge.analyser.analyse('Jag utreder en serie rån och en av de misstänkta är 17.').ages).toEqual([17]);
  });
});

describe('a lawyer, with the side said by the organisation named', () => {
  it('"vem är jurist hos polisen i Malmö" from social services is the police\'s lawyer', async () => {
    expect(firstContact(await ask('vem är jurist hos polisen i Malmö?', 'socialtjanst'))).toBe('Polisjurist region Syd');
  });
  it('"kommunjurist" is still the municipality\'s', async () => {
    expect(firstContact(await ask('vem är kommunjurist i Malmö?', 'polis'))).toBe('Kommunjurist Malmö stad');
  });
});

describe('private life is outside the domain, however many of its words it shares', () => {
  it.each([
    'Ska vi välja rörlig eller bunden ränta på bolånet när min sambo kanske byter tjänst?',
    'Jag ska skilja mig och vi har gemensam vårdnad om vår dotter, vad har jag för rättigheter?',
    'Får styrelsen i vår bostadsrättsförening berätta vem som ligger efter med avgiften?',
  ])('"%s"', async (q) => {
    const r = await ask(q, 'polis');
    expect(['unknown', 'help']).toContain(r.intent);
  });
  it('…while a father asking about his daughter\'s case "sedan skilsmässan" is the domain', async () => {
    const r = await ask('En pappa har inte vårdnaden om sin dotter sedan skilsmässan och vill veta vad vår utredning handlar om. Vad får jag säga till honom?', 'socialtjanst');
    expect(r.intent).toBe('guidance');
  });
});

describe('a story of a case ending in "vad gör jag"', () => {
  it('photos of a 13-year-old in the shower, told at a youth centre: the duty to report, not "I did not understand"', async () => {
    const r = await ask('tjej 13 på fritidsgården i rimforsa sa att mammas nya kille tar bilder på henne i duschen. hon vill inte att nån får veta. vad gör jag', 'fritid');
    expect(r.intent).toBe('guidance');
    expect(guidanceOf(r)?.verdict).toBe('ska');
  });
  it('photographing a child in the shower is a crime against the child', () => {
    expect(situationsOf('her stepfather takes pictures of her in the shower')).toContain('brott-mot-barn');
  });
  it('the police taking a parent into custody with children left at home is the arrested-parent rule', async () => {
    const r = await ask('Do we have a duty to tell social services when we take a parent into custody and there are children left at home?', 'polis');
    expect(guidanceOf(r)?.snippetId).toBe('polis-foralder-frihetsberovad');
  });
});

describe('more words for the same facts', () => {
  it('"såg en kille 15 m kniv" typed on a phone is a young person with a knife: a risk of crime', () => {
    expect(situationsOf('vi fältare såg en kille 15 m kniv igår kväll')).toContain('risk-for-brott');
  });
  it('…but an adult at the door with a knife, children at home, is not the child\'s risk of crime', () => {
    expect(situationsOf('hennes ex står utanför och bankar på dörren med en kniv, barnen på 4 och 7 är hemma')).not.toContain('risk-for-brott');
  });
  it('"a child is being hit at home" is a crime against a child', () => {
    expect(situationsOf('If a colleague tells me a child is being hit at home, who has to report it?')).toContain('brott-mot-barn');
  });
  it('"not sure yet which department I\'ll end up in" tells, it does not ask for a department', () => {
    expect(intents("I'm new and not sure yet which department I'll end up in. If a child is being hit at home, who has to report it?")).not.toContain('directory');
  });
  it('a supply teacher ("lärarvikarie") works at a school', () => {
    const a = knowledge.analyser.analyse('Soc ringde och frågade om en elev. Får en lärarvikarie svara dem?');
    expect(directionOf(a.words, undefined, a.english)).toMatchObject({ from: 'skola', to: 'socialtjanst' });
  });
});

describe('the honour-based rule is for honour-based cases', () => {
  it('a hungry 9-year-old whose mother sleeps all day is a child at risk, not a case of honour-based oppression', async () => {
    const r = await ask('En elev, 9, kommer ofta hungrig och säger att mamma sover hela dagarna. Ska jag ringa föräldrarna först?', 'skola');
    expect(snippetIds(r)).not.toContain('heder-kontakta-inte-familjen');
    expect(guidanceOf(r)?.snippetId).toBe('skola-orosanmalan');
  });
});

describe('who is harmed, read from the order of the words', () => {
  it('a father who says he will kill his ex is a risk of serious violence against a närstående, though his child\'s age is named', () => {
    const found = situationsOf('BVC här. Pappan till en 4-åring sa i dag att han ska ta livet av exet om hon tar barnet. Får vi höra av oss till polisen?');
    expect(found).toContain('vald-mot-narstaende');
  });
  it('…but "exet" before the verb is who acts: the child he hits is the one harmed', () => {
    expect(situationsOf('Exet slog hennes 9-åring i helgen. Får vi anmäla?')).not.toContain('vald-mot-narstaende');
  });
  it('a parent smoking cannabis with his teenager gives it to a minor (10 kap. 22 §)', () => {
    expect(situationsOf('mamman röker gräs tillsammans med sin 16-åring på balkongen, får vi säga det till polisen')).toContain('langning');
  });
  it('…but a teenager smoking with his friends is his own use, not supply', () => {
    expect(situationsOf('en 16-åring röker hasch med kompisarna i parken, får skolan ringa polisen')).not.toContain('langning');
  });
  it('female genital cutting, said in English, is a crime against a child', () => {
    expect(situationsOf('A 13-year-old pupil says she underwent FGM on holiday. Can the school nurse tell the police?')).toContain('brott-mot-barn');
  });
});

describe('a story tells its case: a rule written for one or two kinds of case is not sure on its words alone', () => {
  it('a boy showing a pistol on his phone at the youth centre is no honour-based case, whatever words the rule shares ("ringa", "direkt")', async () => {
    const r = await ask('En kille på 15 visade en pistol på mobilen i går och sa att den ligger hemma. Jag jobbar på gården i Holma. Får jag ringa polisen direkt?', 'fritid');
    expect(guidanceOf(r)?.snippetId).not.toBe('heder-kontakta-inte-familjen');
  });
  it('…while a story that tells the honour-based case still gets the rule', async () => {
    const r = await ask('En elev på 15 berättar att familjen ska gifta bort henne i sommar och att hon inte får träffa killar. Hon är rädd för pappa. Ska vi ringa föräldrarna först?', 'skola');
    const shown = [...snippetIds(r), ...r.suggestions.map((b) => b.label)];
    expect(shown.some((x) => x === 'heder-kontakta-inte-familjen' || x.startsWith('Misstänkt hedersförtryck'))).toBe(true);
  });
  it('"rädd att bli skickad till släktingar utomlands" tells an honour-based case, however it is inflected', () => {
    expect(situationsOf('Hon är rädd att bli skickad till släktingar utomlands om hon fortsätter träffa sin pojkvän.')).toContain('hedersvald');
    expect(situationsOf('Han har skickat paketet till släktingar i Göteborg.')).not.toContain('hedersvald');
  });
  it('"utslängd hemifrån", "sova i parken" tell a child at risk; "sov dåligt i natt" does not', () => {
    expect(situationsOf('En elev i sjuan säger att hon blivit utslängd hemifrån och ska sova i parken i natt.')).toContain('barn-far-illa');
    expect(situationsOf('Eleven sov dåligt i natt och var trött på lektionen.')).not.toContain('barn-far-illa');
  });
  it('"snodde" and "sålt" tell a crime already committed', () => {
    expect(situationsOf('ungdomen berättar att han snodde en moped i helgen')).toContain('begangat-brott');
    expect(situationsOf('en 17-åring har enligt skolan sålt cannabis vid stationen')).toContain('begangat-brott');
  });
  it('…and "rekryteras för att sälja" is a risk ahead, not a crime committed', () => {
    expect(situationsOf('han rekryteras för att sälja knark i Seved')).not.toContain('begangat-brott');
  });
});

describe('the purpose of a rule is not a fact of the case', () => {
  it('"brottsförebyggande arbete" and "förebygga" name crime prevention, not a young person at risk of crime', () => {
    expect(situationsOf('Ger lagen om kommuners ansvar för brottsförebyggande arbete stöd för att dela personuppgifter med polisen till lägesbilden?')).not.toContain('risk-for-brott');
    expect(situationsOf('hur kan vi förebygga ungdomsbrott i Kisa tillsammans med polisen')).not.toContain('risk-for-brott');
  });
  it('…while a young person being recruited still is', () => {
    expect(situationsOf('en 16-åring rekryteras av ett gäng i Kroksbäck, får soc berätta för polisen')).toContain('risk-for-brott');
  });
});

describe('a birthday ahead, and how the asker learned it', () => {
  it('"fyller 21 om tio dagar" is 20 now, and "fyller 18 nästa vecka" 17', () => {
    expect(knowledge.analyser.analyse('en kille som fyller 21 om tio dagar').ages).toEqual([20]);
    expect(knowledge.analyser.analyse('hon fyller 18 nästa vecka').ages).toEqual([17]);
    expect(knowledge.analyser.analyse('han fyller 21 nästa vecka').ages).toEqual([20]);
    expect(knowledge.analyser.analyse('han fyllde 21 förra månaden').ages).toEqual([21]);
  });
  it('"i går berättade hans syster för oss att …" is how social services learned it, not information handed to them', () => {
    expect(direction('I går berättade hans syster för oss att han gömmer saker åt några äldre. Hinner vi använda 18 a innan han fyller 21?', 'socialtjanst').to).not.toBe('socialtjanst');
  });
  it('…and a question about it still reads its direction ("Får vi berätta det för polisen?")', () => {
    expect(direction('I går berättade hans syster för oss att han gömmer saker åt några äldre. Får vi berätta det för polisen?', 'socialtjanst')).toMatchObject({ from: 'socialtjanst', to: 'polis' });
  });
});

describe('"vem på socialtjänsten ska få den?" asks whom to send it to', () => {
  it('a police officer with a concern to report about a child in Limhamn gets the intake for Väster', async () => {
    const r = await ask('Jag ska skicka en orosanmälan om en åttaåring i Limhamn. Vem på socialtjänsten ska få den?', 'polis');
    expect(r.intent).toBe('directory');
    expect(firstContact(r)).toBe('Mottagningsenheten barn och unga, Område Väster');
  });
  it('…while "vem på skolan ska få veta" asks whom a rule lets be told', async () => {
    expect(intents('vem på skolan ska få veta att eleven är misstänkt?')).not.toContain('directory');
  });
});

describe('the police contact for a young suspect', () => {
  it.each([
    ['Vem kontaktar jag hos polisen om en 16-åring misstänkt för rån i Hovsjö?', 'socialtjänst'],
    ['Who at the police handles a 15-year-old suspected of a burglary in Hovsjö?', 'socialtjänst'],
  ])('"%s" gets the youth investigators, who handle young suspects', async (question, as) => {
    expect(firstContact(await ask(question, as))).toBe('Ungdomsutredare LPO Södertälje');
  });
});

describe('introductions in English and whom to ask for advice', () => {
  it('"I\'m new with the police" and "I\'m a teacher" say who asks', () => {
    expect(roleInQuestion(knowledge.analyser.analyse("I'm new with the police in Malmö").words)?.kind).toBe('polis');
    expect(roleInQuestion(knowledge.analyser.analyse("I'm a teacher in Kisa").words)?.kind).toBe('skola');
    expect(roleInQuestion(knowledge.analyser.analyse('jag är ny på soc').words)?.kind).toBe('socialtjanst');
  });
  it('"… about young people – who can advise me on our secrecy rules?" asks for the police\'s own lawyer', async () => {
    const r = await ask("I'm new with the police in Malmö. Social services often ask us about teenagers – who can advise me on what our secrecy rules allow?");
    expect(firstContact(r)).toBe('Polisjurist region Syd');
  });
  it('"vem kan hjälpa mig med juridiken" from a school asks for the municipality\'s lawyer, not the police who asked', async () => {
    expect(firstContact(await ask('Jag är kurator i Hovsjö. Polisen vill veta saker om en elev. Vem kan hjälpa mig med juridiken?', 'skola'))).toBe('Kommunjurist Södertälje kommun');
  });
  it('"I\'m a lawyer … who is the police lawyer" still asks for a lawyer', async () => {
    const r = await ask("I'm a lawyer at Malmö municipality. Who is the police lawyer I can talk to about information sharing?", 'kommunledning');
    expect(firstContact(r)).toBe('Polisjurist region Syd');
  });
});

describe('the situation in an area is a lägesbild', () => {
  it('"ett möte om läget i stadsdelen" asks for the kommunpolis, who works with the lägesbild', async () => {
    expect(firstContact(await ask('Vem hos polisen bjuder vi in till ett möte om läget i stadsdelen Fosie?', 'socialtjänst'))).toBe('Kommunpolis Malmö Syd');
  });
});

describe('an organisation named in the story says whose list only among lists its other words find', () => {
  it.each([
    ['polisen ringer och frågar om en elev, vad ska jag kolla innan jag svarar? finns det en checklista', 'skola'],
    ['polisen ringer och frågar om en klient, vad ska jag kolla innan jag svarar? finns det en checklista', 'socialtjänst'],
  ])('"%s": a request from the police is checked with the secrecy test, not with the list for giving to the police under 18 a', async (question, as) => {
    expect(checklistTitle(await ask(question, as))).toBe('Sekretessprövning innan du lämnar en uppgift');
  });
});

describe('the general rule for a direction', () => {
  it('the police telling a school of a threat to a pupil get "Vad polisen får berätta för skolan", surely', async () => {
    const r = await ask('En 15-åring i Fosie har blivit hotad av äldre killar som ska vänta på honom utanför skolan på måndag. Får vi på polisen berätta det för rektorn?', 'polis');
    expect(guidanceOf(r)?.snippetId).toBe('polis-till-skola');
  });
  it('social services asked by a school how a pupil is doing get "Vad socialtjänsten får berätta för skolan"', async () => {
    const r = await ask('Mentorn på skolan i Kisa undrar hur det går för en elev vi har en utredning om. Får vi berätta något för skolan?', 'socialtjänst');
    expect(guidanceOf(r)?.snippetId).toBe('soc-till-skola');
  });
  it('…but a case with a rule of its own (a child with bruises, from the police to soc) gets that rule, not the general one', async () => {
    const r = await ask('Vi var hemma hos en familj i Oxie i natt efter ett larm och såg att en 6-åring hade blåmärken i ansiktet. Ska vi berätta det för socialtjänsten?', 'polis');
    expect(guidanceOf(r)?.snippetId).not.toBe('polis-till-soc');
    expect(guidanceOf(r)?.verdict).toBe('ska');
  });
});

describe('a story names what is handed over and who was in contact', () => {
  it('"har varit i kontakt med skolsköterskan" is a standing contact, not the receiver of the question', () => {
    const d = direction('En 10-årig flicka berättade i dag att hon ska resa till släkten i sommar. Hennes syster har varit i kontakt med skolsköterskan. Hur ska jag göra?', 'skola');
    expect(d.to).toBeUndefined();
  });
  it('"ta kontakt med polisen" still reaches the police', () => {
    expect(direction('Får jag ta kontakt med polisen om en elev som hotats?', 'skola').to).toBe('polis');
  });
  it('"Kan jag skicka den?" after a story of a list promised to the police asks whether it may go, not "I did not understand"', () => {
    expect(intents('Min företrädare lovade polisen en lista med alla unga vi har stöd till i Fosie. Den är klar nu. Kan jag skicka den?', 'socialtjanst')).toContain('guidance');
  });
  it('"en sådan lista" and "skicka listan" are lists of things, not checklists', () => {
    expect(intents('Polisen vill ha namnen på elever med mycket frånvaro. Får skolan lämna ut en sådan lista?', 'skola')).not.toContain('checklist');
    expect(intents('Får vi skicka listan till polisen?', 'skola')).not.toContain('checklist');
  });
  it('…while a checklist asked for by name is still one', () => {
    expect(intents('kan du skicka checklistan för orosanmälan', 'skola')).toContain('checklist');
  });
});

describe('situations told in other words', () => {
  it('a teenager planning revenge on his stepfather is a risk of violence against a närstående (18 c)', () => {
    expect(situationsOf('En 16-åring säger att han ska ta hämnd på sin styvpappa och vet var vapnet finns.')).toContain('vald-mot-narstaende');
  });
  it('…but a harbour ("hamnen", folded like "hämnas") is not', () => {
    expect(situationsOf('En mamma i Västra hamnen vill läsa allt vi har skrivit om hennes dotter.')).not.toContain('vald-mot-narstaende');
  });
  it('adults handing alcohol to a 15-year-old is supplying a minor (10:22)', () => {
    expect(situationsOf('We saw two adults handing beer to a 15-year-old outside the station.')).toContain('langning');
  });
});

describe('where a report goes, and procedures in more plain words', () => {
  it('"… ska göra en orosanmälan. Vart ska den?" asks for the intake, not the rule', () => {
    expect(intents('Jag är skolsköterska och måste anmäla oro för en elev i Oxie. Vart ska den?', 'skola')).toEqual(['directory']);
    expect(intents('Vi har pratat klart i elevhälsoteamet. Vart ska anmälan?', 'skola')).toContain('directory');
  });
  it.each([
    ['samtycke blankett steg utlämnande'],
    ['Vi vill ha regelbundna träffar med skolan och polisen. Vad ska vi tänka på för att få igång det?'],
    ['What conditions do we have to check before social services tells the police about a 19-year-old at risk of crime?'],
    ['Vad måste ett skriftligt medgivande från vårdnadshavarna innehålla innan vi tar upp eleven med soc?'],
  ])('"%s" asks for a checklist', (question) => {
    expect(intents(question, 'socialtjanst')).toContain('checklist');
  });
});

describe('everyday matters are out of scope whatever place they name', () => {
  it.each([
    ['Täcker kommunens försäkring ungdomarna på fritidsgårdens resa till Liseberg?'],
    ['Hur begär jag omprövning av betyget för min son i Hyllie?'],
    ['Får lärarna kopiera ur läroböcker, eller bryter det mot upphovsrätten?'],
    ['The door at our youth club in Holma is broken. Who gets it repaired?'],
  ])('"%s" gets the help, not guidance or contacts', (question) => {
    expect(intents(question, 'fritid')).toEqual(['unknown']);
  });
});

describe('what the story denies or tells the other way round', () => {
  it('"en 15-åring som inte är misstänkt för något brott" tells no young suspect and no committed crime', () => {
    const found = situationsOf('Vi stoppade en 15-åring som inte är misstänkt för något brott men som sover borta.');
    expect(found).not.toContain('ung-misstankt');
    expect(found).not.toContain('begangat-brott');
  });
  it('…while "är misstänkt för rån" still tells one', () => {
    expect(situationsOf('En 16-åring som är misstänkt för rån i Fosie.')).toContain('ung-misstankt');
  });
  it('a parent who does not know where the child is, is a child at risk; the asker not knowing is not', () => {
    expect(situationsOf('Pojken är 14 och pappan vet inte var han är sedan i fredags.')).toContain('barn-far-illa');
    expect(situationsOf('Eleven är 17 och skrev att hon ska ta livet av sig. Jag vet inte var hon är.')).not.toContain('barn-far-illa');
  });
  it('a 15-year-old selling sex to adults is wronged (10:21), not the offender of a committed crime (10:23)', async () => {
    const question = 'En 15-åring berättar att hon säljer sex till äldre män via en app. Får vi polisanmäla?';
    expect(situationsOf(question)).toContain('brott-mot-barn');
    expect(situationsOf(question)).not.toContain('begangat-brott');
    expect(refsOf(await ask(question, 'socialtjanst'))).not.toContain('OSL 10:23');
  });
});

describe('the jurist of the side whose rules are asked about', () => {
  it.each([
    ['Vem kan svara på frågor om polisens sekretess när vi samverkar i Malmö?', 'socialtjanst', 'Polisjurist region Syd'],
    ["Who at the police can advise us on the police's secrecy rules in Malmö?", 'skola', 'Polisjurist region Syd'],
    ['Vem kan ge råd om vad soc får lämna ut i Malmö?', 'socialtjanst', 'Kommunjurist Malmö stad'],
  ])('"%s" (%s) gets %s', async (question, as, name) => {
    expect(firstContact(await ask(question, as))).toBe(name);
  });
});

describe('a report about a child, and social services by its board', () => {
  it('"Vart skickar jag anmälan om en elev?" from a school is an orosanmälan to the intake, not a police report', async () => {
    const r = await ask('Vart skickar jag anmälan om en elev i Fosie?', 'skola');
    expect(firstContact(r)).toMatch(/^Mottagningsenheten barn och unga/);
  });
  it('…and so it is with no saved role: anyone may make a report of concern', async () => {
    expect(firstContact(await ask('Vart skickar jag anmälan om en elev i Fosie?'))).toMatch(/^Mottagningsenheten barn och unga/);
  });
  it('…while "vart skickar jag en polisanmälan om en elev" still reaches the police', async () => {
    expect(firstContact(await ask('vart skickar jag en polisanmälan om en elev i Fosie', 'skola'))).toMatch(/[Pp]olis/);
  });
  it('"socialnämnden" names social services: 10:27 is not theirs to use', async () => {
    const r = await ask('Kan socialnämnden ge polisen en uppgift om en klient genom att använda generalklausulen?', 'kommunledning');
    expect(guidanceOf(r)?.verdict).toBe('far_inte');
  });
});

describe('which checklist: a provision in its name, meetings set up, an assessment made', () => {
  it('"18 a … vilka villkor ska vi bocka av" opens the 18 a list, not the general secrecy test', async () => {
    expect(checklistTitle(await ask('Vi tänker lämna uppgifter enligt 10 kap. 18 a § OSL om en 19-åring. Vilka villkor ska vi bocka av först?', 'socialtjanst'))).toBe(
      'Utlämnande till polisen enligt 10 kap. 18 a § OSL',
    );
  });
  it('"vi vill ha fasta träffar med skolan och polisen, hur kommer vi igång" opens the list for starting cooperation', async () => {
    expect(checklistTitle(await ask('Vi på fritidsgården vill ha fasta träffar med skolan och polisen. Hur kommer vi igång?', 'fritid'))).toBe('Starta samverkan kring barn och unga');
  });
  it('"hur ska jag göra bedömningen innan jag svarar polisen" opens the secrecy test', async () => {
    expect(checklistTitle(await ask('Polisen frågar om en 16-åring är känd hos oss. Hur ska jag göra bedömningen innan jag svarar?', 'socialtjanst'))).toBe(
      'Sekretessprövning innan du lämnar en uppgift',
    );
  });
});

describe('whose organisation it is says nothing of who is told', () => {
  it.each([
    ["Can BUP tell a pupil's school what diagnosis he has?", 'region'],
    ['Får BUP berätta för elevens skola vilken diagnos han har?', 'region'],
    ['Får vi berätta för hans skola att han har en utredning hos oss?', 'socialtjanst'],
  ])('"%s": the school receives', (question, as) => {
    expect(direction(question, as as OrganisationKind).to).toBe('skola');
  });
});

describe('a clarifying question only where the answer would differ', () => {
  it('"När är vi som poliser skyldiga att göra en orosanmälan?" is answered with the duty, not asked back', async () => {
    const r = await ask('När är vi på polisen skyldiga att skicka en orosanmälan till soc?', 'polis');
    expect(r.headline).not.toBe('Vad gäller det?');
    expect(refsOf(r)).toContain('OSL 10:28');
  });
});

describe('a young suspect told without "för"', () => {
  it('"en 15-åring som misstänkt" is a young suspect, and whose job it is to call the parents is LUL, not a contact', async () => {
    const question = 'Vi har en 15-åring som misstänkt, ska jag själv ringa föräldrarna eller gör socialtjänsten det?';
    expect(situationsOf(question)).toContain('ung-misstankt');
    expect(refsOf(await ask(question, 'polis'))).toContain('LUL 5');
  });
});

describe('more facts of a case, said plainly', () => {
  it('"inget konkret brott som han har begått" denies the crime in its relative clause too', () => {
    expect(situationsOf('Vi känner inte till något brott som hon har begått, men hon umgås med ett gäng.')).not.toContain('begangat-brott');
    expect(situationsOf('Vi vet att han har begått ett rån i Fosie.')).toContain('begangat-brott');
  });
  it('a parent who came drunk and drove off with the child is a child at risk', () => {
    expect(situationsOf('mamman kom full till bvc och körde iväg med sin 1-åring i bilen, måste vi anmäla')).toContain('barn-far-illa');
  });
});

describe('a duty asked towards a parent who demands', () => {
  it('"Måste vi lämna ut kuratorns anteckningar till pappan?" when he demands them is about the parent, not the duty to report', async () => {
    const r = await ask(
      'En pappa krävde i går att få läsa kuratorns anteckningar om sin 13-åriga son, som har pratat om bråk hemma. Sonen vill inte att pappan får veta. Måste skolan lämna ut anteckningarna till pappan?',
      'skola',
    );
    expect(guidanceOf(r)?.verdict).not.toBe('ska');
    expect(refsOf(r)).toContain('OSL 12:3');
  });
});

describe('who in the story wants to know, a long clause away', () => {
  it('"polisen ringer … dom har hittat en 14-åring som rymt från hemmet i Kisa och vill veta …": the police receive', () => {
    const d = direction('jouren här, polisen ringer mitt i natten, dom har hittat en 14 åring som har rymt från familjehemmet i kisa o vill veta vart dom ska köra honom. får jag säga var han bor?', 'socialtjanst');
    expect(d.to).toBe('polis');
  });
});

describe('"hur ska vi göra" asks what to do', () => {
  it('a school told of a 15-year-old\'s engagement on a trip to relatives, asking "hur ska vi göra", gets the duty to report', async () => {
    const r = await ask(
      'En elev på 15 har berättat att familjen ska resa till släkten i sommar och att hon ska förlovas där. Mentorn vill ringa pappan och fråga. Hur ska vi göra?',
      'skola',
    );
    expect(guidanceOf(r)?.verdict).toBe('ska');
  });
});

describe('"ska vi anmäla?" asks whether one must', () => {
  it('health care told by a teenager that a friend of 13 is hit at home, "ska vi anmäla ändå?", gets the duty', async () => {
    const r = await ask('vc: en 16 åring säger att hennes kompis 13 blir slagen av sin mamma. vi har inte träffat kompisen, ska vi anmäla ändå?', 'region');
    expect(guidanceOf(r)?.verdict).toBe('ska');
  });
  it('…but "ska vi polisanmäla?" is not read as the duty to report concern: it gets 10:21', async () => {
    expect(refsOf(await ask('En 13-åring har blivit misshandlad av sin pappa, det berättade han här på BUP i dag. Ska vi polisanmäla?', 'region'))).toContain('OSL 10:21');
  });
});

describe('a story of a child at risk told by someone with the duty to report', () => {
  it('a school nurse who tells of a 10-year-old with bruises and "rektorn vill avvakta" gets the duty, though nothing asks "måste"', async () => {
    const r = await ask(
      'Jag är skolsköterska på en skola i Fosie. En tioåring kom till mig med blåmärken på armarna och sa att pappa blir arg när han dricker. Rektorn vill avvakta och prata med föräldrarna på utvecklingssamtalet om en månad.',
      'skola',
    );
    expect(guidanceOf(r)?.verdict).toBe('ska');
  });
  it('…but the police telling of a beaten boy of 12 and wanting to take part of his notes at BUP ask to receive: not the duty', async () => {
    const r = await ask(
      'Jag utreder en misshandel där målsäganden är en pojke på 12. Han går hos BUP sedan i våras. Jag skulle vilja få del av vad han har berättat där om slagen. Går det?',
      'polis',
    );
    expect(guidanceOf(r)?.verdict).not.toBe('ska');
  });
  it('…and social services, who report to no one else, are not answered with the duty', async () => {
    const r = await ask(
      'Vi har ett barn på 8 i en pågående utredning där pappan har slagit mamman. Nu har skolan hört av sig om nya blåmärken på barnet. Vad gör vi med det?',
      'socialtjanst',
    );
    expect(guidanceOf(r)?.snippetId).not.toBe('orosanmalan-vem');
  });
});

describe('who asks, said by profession and place', () => {
  it('"I\'m a psychologist at BUP", "Psykolog på BUP." and "jag är sjuksköterska på vårdcentralen" name health care', () => {
    for (const q of ["I'm a psychologist at BUP Malmö. A girl of 15 told me", 'Psykolog på BUP Södertälje. En 15-åring berättade', 'jag är sjuksköterska på vårdcentralen i Kisa']) {
      expect(roleInQuestion(knowledge.analyser.analyse(q).words)?.kind, q).toBe('region');
    }
  });
  it('…but "jag är orolig för en elev i skolan" names no one\'s workplace', () => {
    expect(roleInQuestion(knowledge.analyser.analyse('jag är orolig för en elev i skolan').words)).toBeUndefined();
  });
});

describe('going straight to the police', () => {
  it('"kan jag gå direkt till polisen?" and "go straight to the police" name the receiver', () => {
    expect(directionOf(knowledge.analyser.analyse('kan jag gå direkt till polisen med det?').words, 'skola').to).toBe('polis');
    expect(directionOf(knowledge.analyser.analyse('can I go straight to the police with this?').words, 'region', true).to).toBe('polis');
  });
});

describe('harm to a child, told in other words', () => {
  it('"belt marks on her back" from her dad is a crime against a child, and BUP may report it (10:21)', async () => {
    expect(situationsOf('A girl of 14 showed me belt marks on her back and says her dad did it.').has('brott-mot-barn')).toBe(true);
  });
  it('"ska könsstympas" is a crime against a child', () => {
    expect(situationsOf('jag misstänker att en elev ska könsstympas i sommar').has('brott-mot-barn')).toBe(true);
  });
  it('"a 16-year-old … he was stabbed" names the 16-year-old as the one harmed: 10:21, not 10:23', async () => {
    const r = await ask('A 16-year-old came in with a deep cut in his arm and says it was an accident. We think he was stabbed. May we tell the police?', 'region');
    expect(refsOf(r)).toContain('OSL 10:21');
  });
  it('a child\'s abuse told without honour is not answered with the honour-crime rule', async () => {
    const r = await ask('Psykolog på BUP. En 13-åring visade blåmärken på armarna och sa att pappa slog henne i helgen. Får jag gå direkt till polisen?', 'region');
    expect(guidanceOf(r)?.snippetId).toBe('osl-10-21-brott-mot-barn');
  });
});

describe('in a story that tells its case, the facts go before a rule only the words chose', () => {
  it('a boy of 12 hit by his mother\'s partner, "Får vi ringa polisen om det?" from social services, is 10:21, not the police asking about a client', async () => {
    const r = await ask(
      'Jag är socialsekreterare i Kinda. En mamma ringde i dag och sa att hennes sambo slog hennes son på 12 i går. Pojken vill inte att vi gör något. Får vi ringa polisen om det?',
      'socialtjanst',
    );
    expect(guidanceOf(r)?.snippetId).toBe('osl-10-21-brott-mot-barn');
  });
});

describe('a counterpart for a kind of work', () => {
  it('"vem är min motpart för medborgarlöften i Malmö" from the police is the crime-prevention coordinator, not social services', async () => {
    expect(contactIds(await ask('vem är min motpart för medborgarlöften i Malmö', 'polis'))[0]).toBe('bf-samordnare-malmo');
  });
  it('"citizen promises" is the same work in English, and "på kommunsidan" names the municipality', async () => {
    expect(contactIds(await ask('who is my counterpart for the citizen promises in Malmö?', 'polis'))[0]).toBe('bf-samordnare-malmo');
    expect(contactIds(await ask('Vi ska ta fram en gemensam lägesbild i Södertälje. Vem är min motpart på kommunsidan?', 'polis'))[0]).toBe('bf-samordnare-sodertalje');
  });
  it('…while "vem är min motpart i Rosengård" from the police is still social services', async () => {
    const first = contactIds(await ask('vem är min motpart i Rosengård', 'polis'))[0]!;
    expect(knowledge.functions.kindOf(knowledge.functions.index(first)!)).toBe('socialtjanst');
  });
});

describe('a jurist asked for in a few words', () => {
  it('"jurist hos polisen skåne sekretess" asks for the police lawyer, not a rule', async () => {
    expect(contactIds(await ask('jurist hos polisen skåne sekretess'))[0]).toMatch(/polisjurist/);
  });
  it('"jurist … polisanmälan elev" asks for a jurist about a report, not where to send it', async () => {
    const ids = contactIds(await ask('jurist grundskolan malmö polisanmälan elev', 'skola'));
    expect(ids[0]).toMatch(/jurist/);
  });
  it('"Who\'s the city\'s legal adviser for that?" asks for the municipality\'s lawyer', async () => {
    const r = await ask("Social worker in Malmö. Before I share something with the police I'd like a lawyer to look at the secrecy question first. Who's the city's legal adviser for that?", 'socialtjanst');
    expect(contactIds(r)[0]).toBe('kommunjurist-malmo');
  });
  it('…but "jurist" in a question of what may be shared is still guidance', async () => {
    expect((await ask('får jag som jurist på soc lämna uppgifter till polisen om en 17-åring?', 'socialtjanst')).intent).toBe('guidance');
  });
});

describe('a procedure asked in other words', () => {
  it('"punkt för punkt" asks for the steps: the secrecy test, before a request is answered', async () => {
    const r = await ask('Skolan har fått en begäran från polisen om en elevs närvaro. Hur prövar vi sekretessen punkt för punkt innan vi svarar?', 'skola');
    expect(checklistTitle(r)).toBe('Sekretessprövning innan du lämnar en uppgift');
  });
  it('"hur bör vi lägga upp det?" about a standing forum asks how to start cooperation', async () => {
    const r = await ask('Skolan, socialtjänsten och polisen i Kisa vill träffas regelbundet om ungdomarna. Hur bör vi lägga upp det?', 'kommunledning');
    expect(checklistTitle(r)).toBe('Starta samverkan kring barn och unga');
  });
  it('an everyday aside ("kollegan är på semester") does not hide a procedure that a checklist fits far better than the bar', async () => {
    const r = await ask('Polisen vill ha en elevs frånvaro och vilka han umgås med. Min chef är på semester. Vad ska jag gå igenom innan jag svarar?', 'skola');
    expect(checklistTitle(r)).toBe('Sekretessprövning innan du lämnar en uppgift');
  });
  it('…while an everyday question with a step word stays out of scope', async () => {
    const r = await ask('Hur ansöker jag om semester i personalsystemet, steg för steg?', 'skola');
    expect(r.intent === 'unknown' || r.intent === 'help').toBe(true);
  });
});

describe('harm and danger told in the passive or by a plan', () => {
  it('"han har blivit hotad av en äldre kille" and "blev nedslagen" tell a crime against a child', () => {
    expect(situationsOf('en elev på 14 säger att han har blivit hotad av en äldre kille').has('brott-mot-barn')).toBe(true);
    expect(situationsOf('en 15-åring blev nedslagen utanför fritidsgården i går').has('brott-mot-barn')).toBe(true);
  });
  it('"har en pistol hemma och ska använda den i helgen" is a risk of crime', () => {
    expect(situationsOf('Eleven berättar att hans bror, 17, har en pistol hemma och ska använda den i helgen.').has('risk-for-brott')).toBe(true);
  });
  it('…but a 30-year-old who "blev hotad av en granne" is no crime against a child', () => {
    expect(situationsOf('en 30-årig kvinna blev hotad av en granne').has('brott-mot-barn')).toBe(false);
  });
});

describe('"en hel del" is no sharing', () => {
  it('"något som kuratorn vet en hel del om" after the police asked does not make the police the giver', () => {
    const d = direction('Polisen frågade också om eleven har det jobbigt hemma, något som kuratorn vet en hel del om.', 'skola');
    expect(d.from).not.toBe('polis');
  });
  it('…while "får vi dela det med polisen" still shares', () => {
    expect(direction('får vi dela det med polisen?', 'skola').to).toBe('polis');
  });
});

describe('"hand … over" in English', () => {
  it('"Can they hand those notes over to us?" from the police: social services give, the police receive', () => {
    const d = direction('We believe social services have recent notes about him. Can they hand those notes over to us?', 'polis');
    expect(d).toMatchObject({ from: 'socialtjanst', to: 'polis' });
  });
  it('…but Swedish "ta hand om" hands nothing over', () => {
    expect(direction('vem tar hand om ärendet över helgen?', 'skola').to).toBeUndefined();
  });
});

describe('facts choose between rules, not proposals', () => {
  it('the police asking a school for absent pupils after a robbery gets a rule in force, not the proposed duty to report', async () => {
    const r = await ask('An officer from the police came to our school asking for a list of pupils who were absent on the day of a robbery. Can I hand that over?', 'skola');
    expect(guidanceOf(r)?.snippetId).not.toBe('rektor-polisanmalan-forslag');
  });
});

describe('English fillers of a story are no search words', () => {
  it('"I couldn\'t answer that. Did I do the right thing?" leaves "did", "couldn" and "thing" out', () => {
    const terms = knowledge.analyser.analyse("I said I couldn't answer that. Did I do the right thing, whether or not?").terms.map((t) => t.text);
    for (const w of ['did', 'couldn', 'thing', 'said', 'whether']) expect(terms).not.toContain(w);
  });
});

describe('a bare "helg" in a search is the weekend', () => {
  it('"soc jour kinda helg" on a weekday gets the out-of-hours service first', async () => {
    expect(contactIds(await ask('soc jour kinda helg'))[0]).toBe('socialjouren-kinda');
  });
});

describe('"sex" the number is no sexual crime', () => {
  it('"vid kvart i sex satt en tolvåring kvar" tells a clock, not sex with a child', () => {
    expect(situationsOf('Vid kvart i sex satt en tolvåring kvar i entrén.').has('brott-mot-barn')).toBe(false);
  });
  it('…while "hon är 13 och har sex med en 19-åring" is a crime against her', () => {
    expect(situationsOf('hon är 13 och har sex med en 19-åring').has('brott-mot-barn')).toBe(true);
  });
});

describe('a parent drinking or not coming home, as a child tells it', () => {
  it('"mamma kommer inte hem i helgen och pappa har druckit sedan i morse" is a child at risk', () => {
    expect(situationsOf('en tolvåring sa att mamma inte kommer hem i helgen och att pappa har druckit sedan i morse').has('barn-far-illa')).toBe(true);
    expect(situationsOf("a girl of 10 says her dad has been drinking since this morning").has('barn-far-illa')).toBe(true);
  });
});

describe('a marriage the family decides, in other words', () => {
  it('"she\'s being made to marry a cousin" and "ska giftas bort" are honour-based cases', () => {
    expect(situationsOf("A 17-year-old told her mentor she's being made to marry a cousin this summer.").has('hedersvald')).toBe(true);
    expect(situationsOf('hon säger att hon ska giftas bort i sommar').has('hedersvald')).toBe(true);
  });
});

describe('a school nurse gives under health care\'s secrecy', () => {
  it('a school nurse told by a 15-year-old that her father hits her may go to the police under 10:21', async () => {
    const r = await ask('skolsköterska på en kommunal skola: en elev 15 år har blåmärken och säger att pappa slår henne. får jag ringa polisen?', 'skola');
    expect(refsOf(r)).toContain('OSL 10:21');
  });
  it('…while a teacher asking the same gets the school\'s own rule, not health care\'s', async () => {
    const r = await ask('lärare på en kommunal skola: en elev 15 år har blåmärken och säger att pappa slår henne. får jag ringa polisen?', 'skola');
    expect(guidanceOf(r)?.snippetId).not.toBe('osl-10-21-brott-mot-barn');
  });
});

describe('a young suspect typed like a search, and suspicion denied by "utan"', () => {
  it('"13-åring misstänkt brott underrätta soc" is a young suspect', () => {
    expect(situationsOf('13-åring misstänkt brott underrätta soc').has('ung-misstankt')).toBe(true);
  });
  it('"en 16-åring … utan misstanke om brott" is no suspect', () => {
    expect(situationsOf('Får vi berätta för soc om en 16-åring som finns i vår underrättelseinformation, utan misstanke om brott?').has('ung-misstankt')).toBe(false);
  });
});

describe('the police\'s liaison asked for on a phone', () => {
  it('"vem e polisens samverkansperson for var del av stan?" from a school in Oxie asks for the area\'s police contact', async () => {
    const r = await ask('kurator pa en skola i oxie, ska ha sspf-mote nasta vecka. vem e polisens samverkansperson for var del av stan?', 'skola');
    expect(r.intent).toBe('directory');
    expect(contactIds(r)[0]).toMatch(/kommunpolis/);
  });
});

describe('a friskola is under no OSL secrecy', () => {
  it('"Kan en friskola lämna ut uppgifter med stöd av 10 kap. 27 § OSL?" gets the rule for friskolor, not the generalklausul itself', async () => {
    expect(guidanceOf(await ask('Kan en friskola lämna ut uppgifter med stöd av 10 kap. 27 § OSL?', 'polis'))?.snippetId).toBe('friskola-generalklausul');
  });
  it('…while a kommunal school asking the same gets 10:27', async () => {
    expect(refsOf(await ask('Kan en kommunal skola lämna ut uppgifter till polisen med stöd av 10 kap. 27 § OSL?', 'skola'))[0]).toBe('OSL 10:27');
  });
});

describe('words that only look like the facts', () => {
  it('"luta sig mot" is no SIG meeting', () => {
    expect(situationsOf('Handläggaren vet inte vilken paragraf hon ska luta sig mot.').has('samverkansmote')).toBe(false);
    expect(situationsOf('Vi har SIG-möte på torsdag om en 17-åring.').has('samverkansmote')).toBe(true);
  });
  it('"ex-flickvän" names no child: a 20-year-old\'s threat against his ex is violence against a närstående, not a crime against a child', () => {
    const found = situationsOf("En 20-årig man har sagt att han tänker 'göra slut på' sin ex-flickvän. Han är dömd för misshandel av henne.");
    expect(found.has('brott-mot-barn')).toBe(false);
    expect(found.has('vald-mot-narstaende')).toBe(true);
  });
});

describe('running errands with packages for older people', () => {
  it('"erbjuden ett jobb att hämta ett paket åt några äldre" and "kör paket" are a risk of crime', () => {
    expect(situationsOf("Han säger att han blivit 'erbjuden ett jobb' att hämta ett paket åt några äldre.").has('risk-for-brott')).toBe(true);
    expect(situationsOf('en kompis säger att han kör paket åt några äldre killar').has('risk-for-brott')).toBe(true);
    expect(situationsOf('he has started delivering packages for older guys').has('risk-for-brott')).toBe(true);
  });
});

describe('someone from an organisation wanted in the story', () => {
  it('a school nurse who wants "någon från polisen" to talk to the pupils, asking "Vem ska jag kontakta?", gets the police', async () => {
    const r = await ask('Jag är skolsköterska på skolan i Rimforsa. Vi skulle vilja att någon från polisen kom och pratade med niorna om narkotika. Vem ska jag kontakta?', 'skola');
    expect(contactIds(r)[0]).toMatch(/kommunpolis/);
  });
});

describe('field workers asked for by what they do', () => {
  it('"vilka på soc är ute på kvällarna?" from social services gets the field workers', async () => {
    expect(contactIds(await ask('tisdag kl 19, fått samtal om ungar som hänger vid en kiosk i seved. vilka på soc är ute på kvällarna?', 'socialtjanst'))[0]).toBe('faltgruppen-malmo');
  });
  it('…while a story of a 15-year-old out at night with older guys, asking whether we may tell the police, is still guidance', async () => {
    const r = await ask('En 15-åring är ute på kvällarna med äldre killar och har fått nya dyra kläder. Får vi berätta för polisen?', 'socialtjanst');
    expect(r.intent).toBe('guidance');
  });
});
