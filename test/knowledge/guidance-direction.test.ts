/**
 * Who gives to whom decides the answer: 10 kap. 18 a § OSL lets socialtjänsten give to the police,
 * never the police to socialtjänsten, and the two questions share nearly every word. Asked as users
 * type them, each way round, against the shipped knowledge; "vi" is the asker's own role.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { directionOf } from '../../src/core/guidance/direction.js';
import { createMotpart } from '../../src/core/motpart.js';
import { tokenise } from '../../src/core/text/normalise.js';
import { loadAndBuild } from '../../src/knowledge/knowledge.js';
import { asker, OFFICE_HOURS, replyText, snippetIds } from '../core/helpers.js';
import { memoryStore } from '../support/memoryStore.js';

const KNOWLEDGE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../knowledge');
const knowledge = await loadAndBuild(KNOWLEDGE_DIR, { today: '2026-11-24' });

function motpartWith(profile?: { organisationKind: string }) {
  const store = memoryStore();
  if (profile) store.data.profiles.set('cli:u1', { ...profile, updatedAt: '2026-11-24T09:00:00Z' });
  return createMotpart({ knowledge: () => knowledge, store, now: () => OFFICE_HOURS });
}

describe('the direction a question states', () => {
  it.each([
    ['får soc lämna uppgifter till polisen', { from: 'socialtjanst', to: 'polis' }],
    ['kan polisen berätta för soc om en 16-åring', { from: 'polis', to: 'socialtjanst' }],
    ['får polisen ge soc uppgifter om en ungdom de gripit', { from: 'polis', to: 'socialtjanst' }],
    ['far skolan informera polisen', { from: 'skola', to: 'polis' }],
    ['får polisen veta vad som hände med orosanmälan', { to: 'polis' }],
    ['kan polisen begära ut uppgifter från soc', { from: 'socialtjanst', to: 'polis' }],
    ['får polisen uppgifter från soc', { from: 'socialtjanst', to: 'polis' }],
    ['vad vill socialtjänsten veta i polisens anmälan', { from: 'polis', to: 'socialtjanst' }],
    ['får polisen i malmö berätta för skolan', { from: 'polis', to: 'skola' }],
    ['can social services tell the police', { from: 'socialtjanst', to: 'polis' }],
    // Two receivers offered: neither is the direction; after "orosanmälan" (to soc) another organisation reports.
    ['ska skolan ringa polisen eller soc', { from: 'skola' }],
    ['orosanmälan bup om en 15-åring', { from: 'region', to: 'socialtjanst' }],
    // Information taken from a record is its owner's to give.
    ['socialtjänsten vill ha en kopia av förhöret med 15-åringen, får man skicka den', { from: 'polis', to: 'socialtjanst' }],
    ['kan vi lämna uppgifter ur barnavårdsutredningen till polisen', { from: 'socialtjanst', to: 'polis' }],
    ['får man skicka journalanteckningarna till polisen', { from: 'region', to: 'polis' }],
    // A genitive owns the next word; it does not give.
    ['kan socialtjänsten stödja sig på generalklausulen när polisens intresse väger tyngre', { from: 'socialtjanst' }],
    ['får vården lämna uppgifter till polisen', { from: 'region', to: 'polis' }],
    // Context before the question ("vi har fått … från polisen") does not decide its direction.
    ['om en elev far illa, ska skolan anmäla till soc', { from: 'skola', to: 'socialtjanst' }],
    // A polisanmälan goes to the police and an orosanmälan to soc, named or not.
    ['får skolan polisanmäla', { from: 'skola', to: 'polis' }],
    ['får fritidsgården polisanmäla när ungdomar langar på gården', { from: 'fritid', to: 'polis' }],
    ['måste skolan göra en orosanmälan', { from: 'skola', to: 'socialtjanst' }],
    // The people told work somewhere: that organisation receives.
    ['får polisen berätta för personalen på fritidsgården att han är misstänkt', { from: 'polis', to: 'fritid' }],
    ['får soc ringa rektorn på skolan', { from: 'socialtjanst', to: 'skola' }],
    // The one in the story who wants to know receives; answering them is handing over.
    ['polisen ringde och frågar om pojken. får vi svara', { to: 'polis' }],
    // "dom", "they": the organisation the story named before the question.
    ['skolan vet vem killen är. får dom berätta det för polisen', { from: 'skola', to: 'polis' }],
    ['social services know who sells to the kids. can they tell the police', { from: 'socialtjanst', to: 'polis' }],
    // The one in the story who wants to know receives, also when the request comes a few words on.
    ['polisen ringer socialjouren en lördagskväll och vill veta var en 15-åring är placerad. får vi svara', { to: 'polis' }],
    ['får vården bekräfta för polisen att pojken var inlagd', { from: 'region', to: 'polis' }],
  ])('"%s" → %o', (question, expected) => {
    expect(directionOf(tokenise(question))).toEqual({ ...expected, byAsker: false });
  });

  it.each([
    'vilken sekretess gäller för polisen',
    'vem är min motpart hos polisen',
    'får polisen lämna till polisen',
    'samtycke från vårdnadshavare',
  ])('"%s" states none', (question) => {
    const { from, to } = directionOf(tokenise(question));
    expect({ from, to }).toEqual({ from: undefined, to: undefined });
  });

  it('reads "vi" and "oss" as the asker, and only when the role is known', () => {
    expect(directionOf(tokenise('kan vi ge polisen uppgifter'), 'socialtjanst')).toEqual({ from: 'socialtjanst', to: 'polis', byAsker: true });
    expect(directionOf(tokenise('kan polisen berätta för oss'), 'skola')).toEqual({ from: 'polis', to: 'skola', byAsker: true });
    expect(directionOf(tokenise('kan vi ge polisen uppgifter'))).toEqual({ to: 'polis', byAsker: false });
  });

  it('two receivers offered are neither the direction, with an article between them too ("soc or the police")', () => {
    expect(directionOf(tokenise('can we tell soc or the police about him'), 'fritid', true).to).toBeUndefined();
  });

  it('reads English "I" as the asker in a question read as English, and the Swedish "i" as "in"', () => {
    expect(directionOf(tokenise('can i pass this on to the police'), 'skola', true)).toEqual({ from: 'skola', to: 'polis', byAsker: true });
    expect(directionOf(tokenise('kan soc i Fosie lämna uppgifter till polisen'), 'skola')).toEqual({ from: 'socialtjanst', to: 'polis', byAsker: false });
  });

  it('a parent who demands or wants to read is the one the question would give to; a parent the story fears will find out is not', () => {
    expect(directionOf(tokenise('nu kräver pappan att få läsa allt vi har skrivit, måste vi lämna ut det'), 'socialtjanst').toParent).toBe(true);
    expect(directionOf(tokenise('the mother wants to read our notes, do we have to show her'), 'socialtjanst', true).toParent).toBe(true);
    expect(directionOf(tokenise('hon är rädd att pappa ska få veta. får vi polisanmäla'), 'socialtjanst').toParent).toBeUndefined();
  });

  it('a parent is a party the asker may tell: told outright, or the last one a pronoun can mean', () => {
    expect(directionOf(tokenise('får jag berätta för pappan vad hon sagt'), 'skola').toParent).toBe(true);
    expect(directionOf(tokenise('can we tell her parents what she said'), 'socialtjanst', true).toParent).toBe(true);
    // The story names an organisation, then the parent: "säga till honom" is the father.
    expect(directionOf(tokenise('hon fick p-piller via ungdomsmottagningen. nu har hennes pappa ringt och kräver att få veta allt. vad får jag säga till honom'), 'skola')).toMatchObject({ toParent: true });
    expect(directionOf(tokenise('skolan undrar om vi ska kalla föräldrarna till ett möte. får vi berätta för dem vad hon sagt'), 'socialtjanst')).toMatchObject({ toParent: true });
    // A parent in the story, the police asked: the police receive.
    expect(directionOf(tokenise('mammas sambo slår honom när mamma jobbar natt. får vi kontakta polisen'), 'socialtjanst')).toEqual({ from: 'socialtjanst', to: 'polis', byAsker: true });
  });

  it('the organisation that "får veta" receives, with no word of handing over', () => {
    expect(directionOf(tokenise('måste vi själva se till att socialtjänsten får veta, eller sköter åklagaren det'), 'polis')).toEqual({ to: 'socialtjanst', byAsker: false });
  });

  it('English: "are they allowed to tell me" asks from "are"; the youth centre, health care and the principal are organisations', () => {
    expect(directionOf(tokenise('the youth centre staff know the kids. are they allowed to tell me who he hangs out with'), 'polis', true)).toEqual({ from: 'fritid', to: 'polis', byAsker: true });
    expect(directionOf(tokenise('can health care tell the principal'), undefined, true)).toEqual({ from: 'region', to: 'skola', byAsker: false });
    // "is" inside the story opens no question.
    expect(directionOf(tokenise('she is scared. can we tell the police'), 'skola', true)).toEqual({ from: 'skola', to: 'polis', byAsker: true });
  });

  it('what someone works as is no party: "en förälder som är polis ringde och frågade"', () => {
    expect(directionOf(tokenise('en kompis förälder som är polis ringde och frågade om eleven går här. får vi svara'), 'skola').to).toBeUndefined();
    expect(directionOf(tokenise('a dad who is a police officer asked where she lives. can we tell him'), 'skola', true).to).not.toBe('polis');
  });

  it('the one the asker would tell by a pronoun is the organisation the story named last', () => {
    expect(directionOf(tokenise('rektorn ringde mig och undrade om det stämmer. får jag bekräfta för henne att han är misstänkt'), 'polis')).toEqual({ from: 'polis', to: 'skola', byAsker: true });
  });

  it('a subject pronoun after handing over is never the one told: "svara? vi har …" starts the next sentence', () => {
    expect(directionOf(tokenise('måste vi svara vi har ju tystnadsplikt'), 'skola')).toEqual({ from: 'skola', byAsker: true });
  });

  it('the one in the story who wants information receives it: "ringde och ville ha uppgifter", "called asking"', () => {
    expect(directionOf(tokenise('socialtjänsten ringde och ville ha uppgifter om en elev. måste vi lämna dem'), 'skola')).toEqual({ from: 'skola', to: 'socialtjanst', byAsker: true });
    expect(directionOf(tokenise('the police called asking about a pupil. can we tell them'), 'skola', true)).toEqual({ from: 'skola', to: 'polis', byAsker: true });
    // "fick säga" is being allowed to hand over, not getting: the police there gave, and nothing here says who would receive.
    expect(directionOf(tokenise('polisen fick säga det till mig. vad får jag göra med uppgiften'), 'skola').to).not.toBe('polis');
  });
});

describe('answers follow the direction', () => {
  const motpart = motpartWith();
  const first = async (question: string) => snippetIds(await motpart.handle({ text: question }, asker({ userId: question })))[0];

  it.each([
    ['får socialtjänsten lämna uppgifter om en 17-åring till polisen', 'osl-10-18a'],
    // Typed in a hurry, the same question gets the same rule.
    ['far soc lamna uppg till polisen om en 17-aring', 'osl-10-18a'],
    ['får polisen lämna uppgifter till socialtjänsten om en 17-åring', 'polis-ung-misstankt'],
    ['får soc berätta för skolan om en elev', 'soc-till-skola'],
    ['får skolan berätta för soc om en elev som far illa', 'skola-orosanmalan'],
    ['måste skolan svara när soc begär uppgifter om en elev', 'skola-till-soc'],
  ])('"%s" → %s', async (question, expected) => {
    expect(await first(question)).toBe(expected);
  });

  it('never answers a question asked the other way round with 18 a', async () => {
    for (const question of [
      'kan polisen berätta för soc om en 16-åring som verkar bli rekryterad',
      'får polisen lämna uppgifter till socialtjänsten om en 17-åring',
      'far polisen lamna uppg till soc om en 19 aring',
    ]) {
      expect(snippetIds(await motpart.handle({ text: question }, asker({ userId: question }))), question).not.toContain('osl-10-18a');
    }
  });
});

describe('"vi" in a guidance question is the asker’s saved role', () => {
  const question = 'kan vi beratta for polisen om en 16 aring som verkar bli rekryterad till ett gang';

  it('a social worker gets 18 a, and is told how the question was read', async () => {
    const reply = await motpartWith({ organisationKind: 'socialtjanst' }).handle({ text: question }, asker());
    expect(snippetIds(reply)[0]).toBe('osl-10-18a');
    expect(replyText(reply)).toContain('Jag läste frågan som uppgifter från socialtjänsten till polisen, utifrån din roll (socialtjänsten)');
  });

  it('a school counsellor does not: 18 a is not the school’s rule', async () => {
    const reply = await motpartWith({ organisationKind: 'skola' }).handle({ text: question }, asker());
    expect(snippetIds(reply)).not.toContain('osl-10-18a');
  });

  it('context before the question does not turn it round', async () => {
    const reply = await motpartWith({ organisationKind: 'socialtjanst' }).handle({ text: 'vi har fått en orosanmälan från polisen, får vi ge återkoppling' }, asker());
    expect(snippetIds(reply)[0]).toBe('soc-aterkoppling');
  });

  it('`as` for one question counts like a saved role', async () => {
    const reply = await motpartWith().handle({ text: question }, asker({ as: 'skola' }));
    expect(snippetIds(reply)).not.toContain('osl-10-18a');
  });

  it('without a role, "vi" gives no direction and the question still finds 18 a by its words', async () => {
    const reply = await motpartWith().handle({ text: question }, asker());
    expect(snippetIds(reply)[0]).toBe('osl-10-18a');
    expect(replyText(reply)).not.toContain('Jag läste frågan som');
  });
});
