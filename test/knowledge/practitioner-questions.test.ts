/**
 * Questions as social workers, police officers and school staff actually type them: on a phone,
 * without å/ä/ö, with typos and abbreviations ("soc", "18a", "uppg", "e" for "är"). None is a copy
 * of a snippet's own question forms. Each must bring the expected snippet into the top 3: the
 * answer itself or one of the suggestions shown with it.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMotpart, type Motpart } from '../../src/core/motpart.js';
import type { Reply } from '../../src/core/reply.js';
import { fold } from '../../src/core/text/normalise.js';
import { loadAndBuild } from '../../src/knowledge/knowledge.js';
import type { Knowledge } from '../../src/core/knowledge/knowledge.js';
import { asker, offeredSnippets, OFFICE_HOURS } from '../core/helpers.js';
import { memoryStore } from '../support/memoryStore.js';

const KNOWLEDGE_DIR = process.env.MOTPART_KNOWLEDGE_DIR ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../knowledge');

const cases: Array<[question: string, snippet: string]> = [
  // Socialtjänsten till polisen
  ['far soc beratta for polisen att en 16aring e pa vag in i kriminalitet', 'osl-10-18a'],
  ['galler 18a aven om han e 20 ar', 'osl-10-18a'],
  ['far soc beratta for polisen att en 16aring e i riskzonen', 'osl-10-18a'],
  ['vad betyder inte olampligt i 18a', 'osl-10-18a-villkor'],
  ['hur ska vi dokumentera nar vi lamnat uppg till polisen enl 18a', 'osl-10-18a-dokumentera'],
  ['kan soc polisanmala att en kille salt knark', 'osl-10-23-allvarliga-brott'],
  ['far soc lamna uppgifter om pappan till polisen om barnet blir slaget', 'osl-10-21-brott-mot-barn'],
  ['langning av sprit till 16-aring far soc anmala det', 'osl-10-22-langning'],
  ['risk att pappan skadar mamman allvarligt, far varden lamna till polisen', 'osl-10-18c'],
  ['far socialtjansten lamna uppg till sapo om terrorbrott', 'osl-10-18b'],
  ['generalklausulen soc polis funkar det', 'osl-10-27-generalklausul'],
  // Polisen till socialtjänsten och skolan
  ['far polisen lamna uppg till soc om 13 aring misstankt for brott', 'polis-ung-misstankt'],
  ['vad ska polisen skriva i en orosanmalan till socialen', 'polis-orosanmalan-innehall'],
  ['far polisen saga till rektorn att en elev ar misstankt for ran', 'polis-till-skola'],
  // Skolan
  ['far skolan ge polisen elevens franvaro', 'skola-franvaro-polis'],
  ['vad far skolkuratorn beratta pa sspf mote', 'elevhalsan-kurator'],
  ['ska larare anmala oro nar en elev kanske langar at ett gang', 'skola-orosanmalan'],
  ['friskola far vi polisanmala elever', 'friskola-tystnadsplikt'],
  ['kan rektor bli tvungen att polisanmala elever', 'rektor-polisanmalan-forslag'],
  ['far soc beratta for skolan om en elevs situation hemma', 'soc-till-skola'],
  // Samtycke
  ['racker det att foraldrarna samtycker eller maste 15 aringen ocksa', 'samtycke-barn'],
  ['kan en 15-aring aterkalla samtycke till sspf', 'samtycke-aterkalla'],
  ['ungdomen ar 19, behovs foraldrarnas samtycke?', 'samtycke-over-18'],
  ['maste jag ha samtyke fran foraldrarna for sip med en 15 aring', 'sip'],
  // One word a function has ("öppen verksamhet") must not turn a sure guidance question into a contact search.
  ['vilken verksamhet ska ta initiativ till en SIP', 'sip'],
  // Someone else calling is the situation, not a request for a number.
  ['polisen ringer och vill veta om en kille är aktuell hos oss, får vi svara', 'polisen-fragar-om-aktuell'],
  ['gäller 18a om killen är 20 år och 11 månader', 'osl-10-18a'],
  ['måste jag göra orosanmälan om en elev som luktar cannabis', 'skola-orosanmalan'],
  // Orosanmälan och socialjour
  ['kan jag fraga soc anonymt forst innan orosanmalan', 'orosanmalan-konsultation'],
  ['far soc ge aterkoppling till skolan efter anmalan', 'soc-aterkoppling'],
  ['skillnad orosanmalan polisanmalan', 'orosanmalan-vs-polisanmalan'],
  ['vad gor soc efter en orosanmalan', 'orosanmalan-vad-hander'],
  // "vart anmäler jag" asks where to: the socialjour's contact cards (test/core/understanding.test.ts).
  ['far fritidsgarden tipsa soc om vad dom ser pa kvallarna', 'fritid-sekretess'],
  // Samverkan
  ['far en 17-aring vara med i SIG', 'sig'],
  ['kan vi dela namn pa ungdomar i samverkansgruppen utan samtycke', 'samverkansmote'],
  ['far vi dela lagesbild med polisen om ett oroligt omrade', 'lagesbild'],
  // Grunder och nya regler
  ['sekretess mellan soc och skola i samma kommun?', 'sekretess-grund'],
  ['hur stark e sekretessen pa socialtjansten', 'socialtjanstsekretess'],
  ['nya lagen 1 april 2025 maste skolan lamna uppgifter till polis utan att dom fragat', 'uppgiftsskyldighet-2025'],
  ['omfattas soc av nya uppgiftsskyldigheten', 'uppgiftsskyldighet-2025'],
  ['vad hande med orosanmalan i nya sol juli 2025', 'nya-sol-2025'],
];

let knowledge: Knowledge;
let motpart: Motpart;

beforeAll(async () => {
  knowledge = await loadAndBuild(KNOWLEDGE_DIR, { today: '2026-11-24' });
  motpart = createMotpart({ knowledge: () => knowledge, store: memoryStore(), now: () => OFFICE_HOURS });
});

/** The answer's snippet, then the snippets offered as suggestions, without duplicates: the first three. */
const top3 = (reply: Reply): string[] => offeredSnippets(knowledge, reply);

describe('practitioners\' own questions', () => {
  it('are not copies of the snippets\' question forms', () => {
    const forms = new Set(knowledge.data.guidance.flatMap((s) => s.questions.map((q) => fold(q))));
    expect(cases.filter(([q]) => forms.has(fold(q))).map(([q]) => q)).toEqual([]);
  });

  it('name only snippets that exist', () => {
    expect(cases.filter(([, id]) => !knowledge.guidance.get(id)).map(([, id]) => id)).toEqual([]);
  });

  it.each(cases)('"%s" → %s in the top 3', async (question, expected) => {
    const reply = await motpart.handle({ text: question }, asker({ userId: question }));
    expect(top3(reply)).toContain(expected);
  });
});
