/**
 * The topics the legal review of December 2026 found missing (section C, issue 19 part 3): the data
 * of each new snippet (verdict, references, direction, ages) as the review's sources support it, and
 * practitioner questions, worded differently from the snippets' own question forms, that must find
 * the new snippet among the first three the reply offers.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createMotpart } from '../../src/core/motpart.js';
import type { Reply } from '../../src/core/reply.js';
import { loadAndBuild } from '../../src/knowledge/knowledge.js';
import type { Snippet } from '../../src/core/knowledge/schema.js';
import { asker, offeredSnippets, OFFICE_HOURS } from '../core/helpers.js';
import { memoryStore } from '../support/memoryStore.js';

const knowledge = await loadAndBuild(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../knowledge'), { today: '2026-12-02' });
const motpart = createMotpart({ knowledge: () => knowledge, store: memoryStore(), now: () => OFFICE_HOURS });
/** The answer's snippet, then the snippets offered as suggestions: the first three. */
const top3 = (reply: Reply) => offeredSnippets(knowledge, reply);

const snippet = (id: string): Snippet => {
  const s = knowledge.guidance.get(id);
  if (!s) throw new Error(`no snippet ${id}`);
  return s;
};

const ask = async (as: string, question: string) => top3(await motpart.handle({ text: question }, asker({ as, userId: `${as}:${question}` })));

interface Topic {
  name: string;
  /** id → expected verdict, references that must be cited, and direction (undefined: none). */
  snippets: Record<string, { verdict: Snippet['verdict']; references: string[]; flow?: Snippet['flow']; maxAge?: number }>;
  questions: Array<[as: string, question: string, expected: string]>;
}

const topics: Topic[] = [
  {
    name: '1. Vårdnadshavares rätt till information',
    snippets: {
      'vh-ratt-till-information': { verdict: 'beror_pa', references: ['OSL 12:3', 'FB 6:11'], flow: { toParent: true }, maxAge: 17 },
      'vh-betydande-men': { verdict: 'far_inte', references: ['OSL 12:3'], flow: { toParent: true }, maxAge: 17 },
      'vh-mogen-tonaring': { verdict: 'beror_pa', references: ['OSL 12:3', 'FB 6:11'], flow: { toParent: true }, maxAge: 17 },
      'vh-inte-vardnadshavare': { verdict: 'beror_pa', references: ['OSL 26:1', 'OSL 12:3'], flow: { toParent: true }, maxAge: 17 },
    },
    questions: [
      ['socialtjänst', 'mamman vill veta vad dottern sagt till oss, far vi beratta', 'vh-ratt-till-information'],
      ['skola', 'pappan vill lasa vad kuratorn skrivit om hans son, har han ratt till det', 'vh-ratt-till-information'],
      ['socialtjänst', '16aringen vill inte att mamma ska fa veta om abort, far vi halla tyst', 'vh-mogen-tonaring'],
    ],
  },
  {
    name: '2. Polisen till socialtjänsten',
    snippets: {
      'lul-6-underrattelse': { verdict: 'ska', references: ['LUL 6', 'OSL 10:28'], flow: { from: ['polis'], to: ['socialtjanst'] }, maxAge: 17 },
      'lul-5-vardnadshavare': { verdict: 'ska', references: ['LUL 5'], flow: { from: ['polis'], toParent: true }, maxAge: 17 },
      'lul-under-15': { verdict: 'ska', references: ['LUL 31', 'LUL 6'], flow: { from: ['polis'], to: ['socialtjanst'] }, maxAge: 14 },
      'polislagen-3-samarbete': { verdict: 'beror_pa', references: ['PL 3', 'LUL 6', 'OSL 10:28'], flow: { from: ['polis'], to: ['socialtjanst'] } },
      'polis-foralder-frihetsberovad': { verdict: 'ska', references: ['OSL 10:28', 'PL 3'], flow: { from: ['polis'], to: ['socialtjanst'] } },
    },
    questions: [
      ['polis', '16aring gripen for ran, ska vi meddela socialtjansten', 'lul-6-underrattelse'],
      ['polis', 'maste vi underratta soc nar en 17aring ar skaligen misstankt for misshandel', 'lul-6-underrattelse'],
      ['polis', 'vi har haktat en ensamstaende mamma, barnen ar hemma', 'polis-foralder-frihetsberovad'],
    ],
  },
  {
    name: '3. Akut fara och nöd',
    snippets: {
      'nod-brb-24-4': { verdict: 'beror_pa', references: ['BrB 24:4'] },
      'brb-23-6-avsloja-brott': { verdict: 'ska', references: ['BrB 23:6'] },
      // 10 kap. 20 § OSL is not confirmed: the snippet must not cite it, only name it as uncertain.
      'polis-omedelbart-ingripande-unga': { verdict: 'beror_pa', references: ['PL 12', 'BrB 24:4'], maxAge: 17 },
    },
    questions: [
      ['socialtjänst', 'ungdomen skriver att han ska ta sitt liv inatt, far vi bryta sekretessen', 'nod-brb-24-4'],
      ['socialtjänst', 'klienten berattar att kompisarna ska skjuta nagon i helgen', 'brb-23-6-avsloja-brott'],
    ],
  },
  {
    name: '4. LVU',
    snippets: {
      'lvu-handrackning-uppgifter': { verdict: 'far', references: ['LVU 43', 'OSL 10:2'], flow: { from: ['socialtjanst'], to: ['polis'] } },
      'lvu-handrackning-villkor': { verdict: 'beror_pa', references: ['LVU 43'], flow: { from: ['socialtjanst'], to: ['polis'] } },
      'lvu-rymning': { verdict: 'beror_pa', references: ['LVU 43', 'OSL 10:2'], flow: { from: ['socialtjanst'], to: ['polis'] } },
      'lvu-vistelseort-foraldrar': { verdict: 'beror_pa', references: ['LVU 14', 'OSL 12:3'], flow: { from: ['socialtjanst'], toParent: true } },
      'lvu-hemlig-vistelseort': { verdict: 'beror_pa', references: ['LVU 14', 'OSL 26:1'], flow: { from: ['skola', 'fritid', 'region'], toParent: true } },
    },
    questions: [
      ['socialtjänst', 'vad far vi skriva till polisen nar vi begar handrackning for en lvu placering', 'lvu-handrackning-uppgifter'],
      ['socialtjänst', 'flickan har rymt fran sis-hemmet, vad far vi beratta for polisen', 'lvu-rymning'],
      ['skola', 'eleven ar lvu placerad med hemlig adress, pappan kom till skolan och fragade var hon bor', 'lvu-hemlig-vistelseort'],
    ],
  },
  {
    name: '5. Hedersrelaterat våld',
    snippets: {
      'heder-polisanmalan': { verdict: 'far', references: ['OSL 10:21', 'BrB 4:4 c'], flow: { from: ['socialtjanst', 'region'], to: ['polis'] }, maxAge: 17 },
      'heder-kontakta-inte-familjen': { verdict: 'information', references: ['OSL 12:3', 'OSL 10:28'], maxAge: 17 },
      'heder-utreseforbud': { verdict: 'information', references: ['LVU 31 a', 'LVU 31 d'], maxAge: 17 },
    },
    questions: [
      // A school that hears it must report to social services at once; the travel ban is social services' tool.
      ['skola', 'eleven berattar att hon ska giftas bort i sommar i hemlandet', 'skola-orosanmalan'],
      ['socialtjänst', 'en 15-åring berättar att hon ska giftas bort i sommar i hemlandet, vad kan vi göra', 'heder-utreseforbud'],
      ['skola', 'vi misstanker hedersfortryck, ska vi ringa hem till foraldrarna', 'heder-kontakta-inte-familjen'],
      ['socialtjänst', 'far vi polisanmala tvangsaktenskap for en 16aring', 'heder-polisanmalan'],
    ],
  },
  {
    name: '6. Skyddade personuppgifter',
    snippets: {
      'skyddade-uppgifter-adress': { verdict: 'far_inte', references: ['OSL 21:3'] },
      'sekretessmarkering-vad': { verdict: 'information', references: ['OSL 22:1', 'OSL 21:3'] },
    },
    questions: [
      ['skola', 'en elev har skyddad identitet, far vi lamna ut hennes adress till en annan forelder', 'skyddade-uppgifter-adress'],
      ['fritid', 'vad innebar sekretessmarkering for oss', 'sekretessmarkering-vad'],
    ],
  },
  {
    name: '7. Gemensam vårdnad',
    snippets: {
      'gemensam-vardnad-bada': { verdict: 'beror_pa', references: ['FB 6:13', 'FB 6:11'], maxAge: 17 },
      'fb-6-13a-en-nekar': { verdict: 'beror_pa', references: ['FB 6:13 a'], maxAge: 17 },
    },
    questions: [
      ['socialtjänst', 'foraldrarna har gemensam vardnad och pappan vet inget, maste han informeras', 'gemensam-vardnad-bada'],
      ['socialtjänst', 'pappan sager nej till bup-utredning men mamman vill, vad kan soc gora', 'fb-6-13a-en-nekar'],
    ],
  },
  {
    name: '8. SIP och samtycke',
    snippets: {
      'sip-utan-samtycke': { verdict: 'far_inte', references: ['HSL 16:4'] },
      'sip-andra-aktorer': { verdict: 'beror_pa', references: ['HSL 16:4', 'OSL 12:2'] },
      'sip-skyldighet': { verdict: 'ska', references: ['HSL 16:4'] },
    },
    questions: [
      ['socialtjänst', 'familjen vill inte ha sip, kan vi gora den anda', 'sip-utan-samtycke'],
      ['skola', 'vad far skolan saga pa ett sip mote', 'sip-andra-aktorer'],
    ],
  },
];

describe.each(topics)('$name', (topic) => {
  it.each(Object.entries(topic.snippets))('%s: verdict, references, direction and ages', (id, expected) => {
    const s = snippet(id);
    expect(s.verdict).toBe(expected.verdict);
    expect(s.references).toEqual(expect.arrayContaining(expected.references));
    expect(s.flow).toEqual(expected.flow);
    expect(s.age?.max).toBe(expected.maxAge);
    expect(s.reviewed).toBe('2026-12-02');
    expect(s.sources.length).toBeGreaterThan(0);
  });

  it.each(topic.questions)('as %s: "%s" → %s in the top 3', async (as, question, expected) => {
    expect(await ask(as, question)).toContain(expected);
  });
});

describe('what the new snippets do not claim', () => {
  it('cites 10 kap. 20 § OSL nowhere, since its current wording is not confirmed, but names it as uncertain', () => {
    expect(knowledge.data.guidance.filter((s) => s.references.includes('OSL 10:20')).map((s) => s.id)).toEqual([]);
    expect(snippet('polis-omedelbart-ingripande-unga').uncertain).toMatch(/10 kap\.\s+20 §/);
  });

  it('cites no section of socialtjänstlagen (2025:400) for SIP and says where that is unconfirmed', () => {
    for (const id of ['sip-utan-samtycke', 'sip-skyldighet']) {
      expect(snippet(id).references.some((r) => r.startsWith('SoL '))).toBe(false);
      expect(snippet(id).uncertain).toMatch(/2025:400/);
    }
  });

  it('keeps the new snippets off the weak sources', () => {
    const weak = /lawline|docplayer|5dok/i;
    const ids = topics.flatMap((t) => Object.keys(t.snippets));
    expect(ids.filter((id) => snippet(id).sources.some((s) => weak.test(s.url)))).toEqual([]);
  });

  it('names whom to ask wherever a new snippet is marked uncertain', () => {
    const ids = topics.flatMap((t) => Object.keys(t.snippets));
    expect(ids.filter((id) => snippet(id).uncertain !== undefined && !/fråga/i.test(snippet(id).uncertain!))).toEqual([]);
  });
});

describe('checklist: orosanmälan från skola och hälso- och sjukvård', () => {
  const checklist = knowledge.checklists.get('orosanmalan-fran-skola-och-vard');

  it('exists, gives every item a responsible role and links only to guidance that exists', () => {
    expect(checklist).toBeDefined();
    expect(checklist!.items.length).toBeGreaterThanOrEqual(8);
    expect(checklist!.items.every((i) => i.responsible.trim().length > 0)).toBe(true);
    const links = checklist!.items.flatMap((i) => (i.guidance ? [i.guidance] : []));
    expect(links).toEqual(expect.arrayContaining(['skola-orosanmalan', 'orosanmalan-vem', 'heder-kontakta-inte-familjen']));
    expect(links.filter((id) => !knowledge.guidance.get(id))).toEqual([]);
  });

  it('opens by its title and by "orosanmälan skola"', async () => {
    for (const name of ['Orosanmälan från skola och hälso- och sjukvård', 'orosanmälan skola']) {
      const reply = await motpart.handle({ text: name, command: 'checklista' }, asker());
      expect(reply.parts.flatMap((p) => (p.type === 'checklist' ? [p.checklist.checklistId] : []))).toEqual(['orosanmalan-fran-skola-och-vard']);
    }
  });
});
