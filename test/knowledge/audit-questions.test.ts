/**
 * An audit of 2026-12-01: questions as police, social workers, school and fritid staff type them
 * in a hurry (no å/ä/ö, typos, slang, a role said in passing, English), each asked in the asker's
 * role. The expected snippet must be the answer or one of the two suggestions after it. These are
 * the questions that held when the audit's fixes were made; the ones still answered poorly are
 * listed in the closing note, not here.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createMotpart } from '../../src/core/motpart.js';
import type { Reply } from '../../src/core/reply.js';
import { loadAndBuild } from '../../src/knowledge/knowledge.js';
import { asker, offeredSnippets, OFFICE_HOURS } from '../core/helpers.js';
import { memoryStore } from '../support/memoryStore.js';

const knowledge = await loadAndBuild(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../knowledge'), { today: '2026-11-24' });
const motpart = createMotpart({ knowledge: () => knowledge, store: memoryStore(), now: () => OFFICE_HOURS });
/** The answer's snippet, then the snippets offered as suggestions: the first three. */
const top3 = (reply: Reply) => offeredSnippets(knowledge, reply);

const cases: Array<[as: string, question: string, snippet: string]> = [
  ['socialtjänst', 'far vi pa soc beratta for polisen att en 16aring haller pa att dras in i gänget', 'osl-10-18a'],
  ['socialtjänst', '18a galler det om han fyllt 20?', 'osl-10-18a'],
  ['socialtjänst', 'gäller 10:18a för en 22-åring', 'osl-10-18a-inte'],
  ['socialtjänst', 'jobbar pa soc, killen e 22 och vi tror han ska begå brott, far vi lamna till polisen', 'osl-10-18a-inte'],
  ['socialtjänst', 'far soc polisanmala att en ungdom salt knark', 'osl-10-23-allvarliga-brott'],
  ['socialtjänst', 'klienten berattade att han ranat en kille igar, far vi anmala', 'osl-10-23-allvarliga-brott'],
  ['socialtjänst', 'får vi anmäla olaga hot som vår klient gjort till polisen', 'osl-10-23-allvarliga-brott'],
  ['socialtjänst', 'pappan slår barnen, får vi polisanmäla trots sekretess', 'osl-10-21-brott-mot-barn'],
  ['socialtjänst', 'misstanke om sexuella övergrepp mot 12åring, får soc kontakta polis', 'osl-10-21-brott-mot-barn'],
  ['socialtjänst', 'nån vuxen langar sprit till 15-åringar, får soc tipsa polisen', 'osl-10-22-langning'],
  ['socialtjänst', 'vi vet vem som säljer knark till ungdomarna i området, får vi berätta för polisen', 'osl-10-22-langning'],
  ['socialtjänst', 'polisen ringer och fragar om en kille e aktuell hos oss, far vi svara', 'polisen-fragar-om-aktuell'],
  ['socialtjänst', 'polisen vill ha ut journalen pa en 15aring, maste vi lamna', 'polisen-fragar-om-aktuell'],
  ['socialtjänst', 'kan vi anvanda generalklausulen for att dela med polisen', 'osl-10-27-generalklausul'],
  ['socialtjänst', 'hur dokumenterar vi 18a', 'osl-10-18a-dokumentera'],
  ['socialtjänst', 'vad betyder inte olämpligt i 18 a', 'osl-10-18a-villkor'],
  ['socialtjänst', 'räcker allmän oro för 18a?', 'osl-10-18a-villkor'],
  ['socialtjänst', 'en pappa hotar att döda mamman, får vi varna polisen innan nåt hänt', 'osl-10-18c'],
  ['socialtjänst', 'ungdom radikaliseras kan soc lamna till sapo', 'osl-10-18b'],
  ['socialtjänst', 'får vi lämna uppgifter till polisen om det är nödvändigt för vårt eget arbete', 'osl-10-2-nodvandigt'],
  ['socialtjänst', 'måste vi lämna uppgifter enligt 18a när polisen kräver det', 'osl-10-18a-inte'],
  ['polis', 'vad far vi som poliser beratta for soc om en 15aring vi tog med kniv', 'polis-till-soc'],
  ['polis', 'maste polisen underratta soc nar en 14-aring ar misstankt for snatteri', 'polis-ung-misstankt'],
  ['polis', 'hur skriver jag en bra orosanmalan till soc', 'polis-orosanmalan-innehall'],
  ['polis', 'får vi skicka alla våra rapporter om ungdomar till soc varje vecka', 'polis-till-soc'],
  ['polis', 'får polisen dela förundersökningen med socialtjänsten', 'polis-till-soc'],
  ['polis', 'kan jag fråga soc om en 17-åring är känd hos dom', 'polisen-fragar-om-aktuell'],
  // Legal review A3: 18 a says nothing about police → soc; that way goes by LUL 6 § and orosanmälan.
  ['polis', 'gäller 18 a åt andra hållet, från oss till soc', 'polis-till-soc'],
  ['polis', 'får vi berätta för rektorn att en elev är misstänkt för rån', 'polis-till-skola'],
  ['polis', 'kan kommunpolisen varna skolan om en farlig elev', 'polis-till-skola'],
  ['polis', 'får vi ge skolan namn på elever som hänger med gänget', 'polis-till-skola'],
  ['polis', 'jag är polis, får jag dela lägesbild med fritidsgården', 'lagesbild'],
  ['skola', 'jag e larare, eleven verkar springa arenden at ett gang, maste jag gora orosanmalan', 'skola-orosanmalan'],
  ['skola', 'kan jag ringa soc anonymt forst innan jag anmäler', 'orosanmalan-konsultation'],
  ['skola', 'får skolan berätta för soc att en elev har hög frånvaro', 'skola-till-soc'],
  ['skola', 'soc begär uppgifter om en elev, måste vi svara', 'skola-till-soc'],
  ['skola', 'far rektor dela med soc om en elev vi e oroliga for utan anmalan', 'skola-till-soc'],
  ['skola', 'vi är en friskola, gäller anmälningsplikten oss', 'skola-orosanmalan'],
  ['skola', 'får vi veta vad som hände med vår orosanmälan', 'soc-aterkoppling'],
  ['skola', 'vad får kuratorn säga på SSPF mötet', 'elevhalsan-kurator'],
  ['skola', 'får skolsköterskan berätta för rektorn', 'elevhalsan-kurator'],
  ['skola', 'får skolan lämna ut elevens frånvaro och schema till polisen', 'skola-franvaro-polis'],
  ['skola', 'polisen vill ha närvarolistan för en elev, får vi lämna den', 'skola-franvaro-polis'],
  ['skola', 'kan vi säga till polisen att en elev säljer knark på skolan', 'skola-till-polis'],
  ['skola', 'vi e en friskola, far vi polisanmala', 'friskola-tystnadsplikt'],
  ['skola', 'kan friskolan använda generalklausulen', 'friskola-tystnadsplikt'],
  ['skola', 'måste rektorn polisanmäla alla brott elever gör', 'rektor-polisanmalan-forslag'],
  ['skola', 'nya lagen 1 april 2025, maste skolan lamna uppgifter till polisen utan att de fragar', 'uppgiftsskyldighet-2025'],
  ['skola', 'får skolan berätta för polisen om bråk i området utan namn', 'lagesbild'],
  ['socialtjänst', 'får soc berätta för skolan om en elevs situation', 'soc-till-skola'],
  ['socialtjänst', 'kan socialsekreteraren dela uppgifter med rektorn', 'soc-till-skola'],
  ['socialtjänst', 'vardnadshavaren vill inte att vi pratar med skolan, far vi anda beratta', 'soc-till-skola'],
  ['socialtjänst', 'får vi ge skolan återkoppling efter deras orosanmälan', 'soc-aterkoppling'],
  ['socialtjänst', 'kan vi använda 18a för att informera skolan', 'osl-10-18a-inte'],
  ['skola', 'får soc berätta för oss vad som händer med eleven', 'soc-till-skola'],
  ['fritid', 'far fritidsgarden beratta for soc vad vi ser pa kvallarna', 'fritid-sekretess'],
  ['fritid', 'galler anmalningsplikten for fritidsledare', 'fritid-sekretess'],
  ['fritid', 'jobbar som faltare, har jag samma sekretess som soc', 'fritid-sekretess'],
  ['fritid', 'får fritidsgården polisanmäla när ungdomar langar på gården', 'osl-10-24-ovriga'],
  ['fritid', 'far vi dela med polisen var ungdomarna samlas', 'lagesbild'],
  ['socialtjänst', 'räcker det att vårdnadshavarna samtycker eller måste 15-åringen också', 'samtycke-barn'],
  ['socialtjänst', 'pappan säger nej men mamman ja, behövs båda föräldrarnas samtycke', 'samtycke-barn'],
  ['socialtjänst', 'maste samtycket vara skriftligt', 'samtycke-form'],
  ['fritid', 'kan en ungdom ta tillbaka sitt samtycke mitt i sspf', 'samtycke-aterkalla'],
  ['socialtjänst', 'räcker ett samtycke för att dela med polisen', 'samtycke-grund'],
  ['socialtjänst', 'från vilken ålder bestämmer barnet själv om sekretessen', 'samtycke-barn'],
  ['skola', 'behovs samtycke fran foraldrar for en sip med 15aring', 'sip'],
  ['polis', 'vuxen 25 år samtycker, får vi prata med soc om honom', 'samtycke-grund'],
  ['skola', 'vem är skyldig att göra orosanmälan', 'orosanmalan-vem'],
  ['polis', 'gäller anmälningsplikten även polisen', 'orosanmalan-vem'],
  ['socialtjänst', 'vad händer efter en orosanmälan', 'orosanmalan-vad-hander'],
  ['skola', 'får familjen veta att det var jag som anmälde', 'orosanmalan-vad-hander'],
  ['fritid', 'granne ringde oss, får en granne göra orosanmälan', 'orosanmalan-var-och-en'],
  ['skola', 'ska jag göra orosanmälan eller polisanmälan', 'orosanmalan-vs-polisanmalan'],
  ['polis', 'måste en akut orosanmalan vänta till måndag', 'socialjour'],
  ['skola', 'ska ordningsvakter också anmala oro for barn', 'orosanmalan-forslag-2025'],
  ['skola', 'en elev har kniv och hotar att skjuta nån nu, vad gör jag', 'akut-fara'],
  ['fritid', 'ungdom i akut fara just nu vad gäller', 'akut-fara'],
  ['socialtjänst', 'hur funkar SIG och vem får vara med', 'sig'],
  ['polis', 'behövs samtycke för att ta med en 17åring i sociala insatsgrupper', 'sig'],
  ['socialtjänst', 'vem leder en social insatsgrupp', 'sig'],
  ['polis', 'får vi dela uppgifter i SSPF utan samtycke', 'sspf'],
  ['socialtjänst', 'kan vi dela namn på ungdomar i samverkansgruppen med polisen utan samtycke', 'samverkansmote'],
  ['socialtjänst', 'bryter medborgarlöftet sekretessen', 'samverkansoverenskommelse'],
  ['socialtjänst', 'vad ändrades för orosanmälan i nya SoL 1 juli 2025', 'nya-sol-2025'],
  ['socialtjänst', 'omfattas soc av uppgiftsskyldigheten till polisen sen april 2025', 'uppgiftsskyldighet-2025'],
  ['socialtjänst', 'gäller 10 kap 15 a osl nu', 'osl-10-15a-forslag'],
  ['skola', 'vilka nya regler om att dela uppgifter har kommit', 'nya-regler-oversikt'],
  ['socialtjänst', 'ger lag 2023:196 rätt att dela uppgifter', 'brottsforebyggande-lag-2023'],
  ['socialtjänst', 'får bup och soc prata om en 15-åring', 'soc-vard-under-18'],
  ['socialtjänst', 'gäller sekretess mellan soc och skolan i samma kommun', 'sekretess-grund'],
  ['socialtjänst', 'räcker det att ta bort namnet när vi pratar med polisen', 'avidentifierat'],
  ['socialtjänst', 'can social services share information with the police about a 17 year old at risk of joining a gang', 'osl-10-18a'],
  ['polis', 'can the police tell the school that a pupil is a suspect', 'polis-till-skola'],
  ['socialtjänst', 'does 18 a apply to a 23 year old', 'osl-10-18a-inte'],
  ['skola', 'far vi pa skolan beratta for polisen att en 16aring haller pa att rekryteras till gänget', 'skola-till-polis'],
  ['skola', 'kan skolan anvanda 18a for att lamna uppgifter till polisen', 'osl-10-18a-inte'],
  ['fritid', 'kan vi pa fritidsgarden lamna info till polisen enligt 18 a om en kille som riskerar kriminalitet', 'osl-10-18a-inte'],
  ['polis', 'får polisen lämna uppgifter till soc för att förebygga brott enligt 18a', 'polis-till-soc'],
  ['skola', 'kuratorn vet att eleven ska begå brott, får kuratorn ringa polisen', 'elevhalsan-kurator'],
  ['socialtjänst', 'får soc lämna uppgifter till polisen om en 19-åring som riskerar att begå brott', 'osl-10-18a'],
  ['socialtjänst', 'kan vi säga till polisen att en 25-åring kommer begå brott', 'osl-10-18a-inte'],
  ['socialtjänst', 'en 19åring köper knark av en langare, får vi anmäla langaren', 'osl-10-23-allvarliga-brott'],
  ['socialtjänst', 'far soc lamna uppgifter om en 16-åring till polisen när vi inte har samtycke', 'osl-10-18a'],
  ['polis', 'får vi ringa soc och fråga om en 30-åring är känd hos dem', 'polisen-fragar-om-aktuell'],
  ['skola', 'kan vi ge polisen elevens adress', 'skola-franvaro-polis'],
  ['socialtjänst', 'får vi ge skolan info om LVU placeringen', 'soc-till-skola'],
  ['socialtjänst', 'far faltarna beratta for polisen vilka ungdomar som hanger i centrum', 'fritid-sekretess'],
  ['fritid', 'får fältarna ge polisen namn på ungdomar som är med i gänget', 'fritid-sekretess'],
  ['socialtjänst', 'sis-hemmet ringer, får SiS lämna uppgifter till polisen om en 17 åring som planerar rymning och brott', 'osl-10-18a'],
  ['polis', 'snuten här, får jag berätta för skolan att eleven är gripen', 'polis-till-skola'],
  ['skola', 'jag jobbar på en friskola, får vi använda generalklausulen mot polisen', 'friskola-tystnadsplikt'],
  ['socialtjänst', 'måste soc lämna uppgifter till polisen nu med nya lagen', 'uppgiftsskyldighet-2025'],
  ['skola', 'eleven säger att pappa slår henne, får skolan polisanmäla', 'skola-till-polis'],
  ['fritid', 'en vuxen säljer knark till våra 15-åringar på gården, får vi berätta för polisen', 'osl-10-24-ovriga'],
  ['socialtjänst', 'min klient 30 år säger att han ska skada sin bror, får vi ringa polisen', 'osl-10-18c'],
  ['polis', 'kan vi skicka orosanmälan på alla ungdomar vi stoppar', 'polis-till-soc'],
];

describe(`${cases.length} audited questions`, () => {
  it('name only snippets that exist', () => {
    expect(cases.filter(([, , id]) => !knowledge.guidance.get(id)).map(([, , id]) => id)).toEqual([]);
  });

  it.each(cases)('as %s: "%s" → %s in the top 3', async (as, question, expected) => {
    // Each question its own user: a role stated in one would be kept for the next.
    expect(top3(await motpart.handle({ text: question }, asker({ as, userId: question })))).toContain(expected);
  });
});
