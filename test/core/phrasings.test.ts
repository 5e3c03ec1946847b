/**
 * Questions as users type them: in a hurry, with typos, without å/ä/ö, sometimes in English.
 * Each row says what the answer must contain.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/reply.js';
import { contactIds, harness, snippetIds, type Harness } from './helpers.js';

type Expect =
  | { contact: string; as?: string; not?: string }
  | { snippet: string }
  | { checklist: string }
  | { ageBlocked: string }
  | { intent: Reply['intent']; unsure?: true };

const cases: Array<[string, Expect]> = [
  // Directory: counterparts
  ['vem är min motpart i Rosengård', { contact: 'mottagning-barn-unga-malmo-oster', as: 'polis' }],
  ['vem är min motpart i Rosengård', { contact: 'kommunpolis-malmo-oster', as: 'socialtjänst', not: 'mottagning-barn-unga-malmo-oster' }],
  ['vem ar min motpart i rosengard', { contact: 'mottagning-barn-unga-malmo-oster', as: 'polis' }],
  ['motpart rosengaard', { contact: 'kommunpolis-malmo-oster', as: 'soc' }],
  ['min motpart i Rosengårds stadsdel?', { contact: 'mottagning-barn-unga-malmo-oster', as: 'polisen' }],
  ['vem är min motpart i Rosengård', { contact: 'kommunpolis-malmo-oster', as: 'mottagning-barn-unga-malmo-oster' }],
  ['vem är min motpart', { contact: 'kommunpolis-malmo-oster', as: 'mottagning-barn-unga-malmo-oster' }],
  ['vem är min motpart i Rosengård', { contact: 'mottagning-barn-unga-malmo-oster' }],
  ['vem är min motpart i Rosengård', { contact: 'kommunpolis-malmo-oster' }],
  ['jag är polis, vem är min motpart i Husie', { contact: 'mottagning-barn-unga-malmo-oster', not: 'kommunpolis-malmo-oster' }],
  ['vi på soc undrar vem som är vår motpart i Fosie', { contact: 'kommunpolis-malmo-syd', not: 'mottagning-barn-unga-malmo-soder' }],
  ['I am a police officer, who is my counterpart in Rosengård', { contact: 'mottagning-barn-unga-malmo-oster' }],
  ['as a police officer, who is my counterpart in Rosengård', { contact: 'mottagning-barn-unga-malmo-oster' }],
  // The subject left out, as people type in a hurry.
  ['jobbar pa polisen, vem e min motpart i rosengard', { contact: 'mottagning-barn-unga-malmo-oster' }],
  ['hej, jobbar pa soc. vem e min motpart i fosie', { contact: 'kommunpolis-malmo-syd', not: 'mottagning-barn-unga-malmo-soder' }],
  ['motpart lindängen', { contact: 'kommunpolis-malmo-syd', as: 'socialtjanst' }],
  ['motpart i Hovsjö', { contact: 'kommunpolis-sodertalje', as: 'socialtjänst' }],
  ['vem är motpart i ronna', { contact: 'ungdomsenheten-sodertalje', as: 'polis' }],
  ['who is the counterpart in fosie', { contact: 'kommunpolis-malmo-syd', as: 'sodertalje-socialtjanst' }],
  // Directory: contacts by organisation, role and place
  ['kontakt soc Fosie', { contact: 'mottagning-barn-unga-malmo-soder' }],
  ['kontakt soc fosie', { contact: 'mottagning-barn-unga-malmo-soder' }],
  ['kontakt socialtjänsten i Öster', { contact: 'mottagning-barn-unga-malmo-oster' }],
  ['polisen i fosie', { contact: 'kommunpolis-malmo-syd' }],
  ['contact police Rosengard', { contact: 'kommunpolis-malmo-oster' }],
  ['who handles youth cases in Södertälje', { contact: 'ungdomsenheten-sodertalje' }],
  ['who handles youth cases in Sodertalje', { contact: 'kommunpolis-sodertalje' }],
  ['socialjouren malmö', { contact: 'socialjouren-malmo', not: 'socialjouren-sodertalje' }],
  ['socialjouren malmo', { contact: 'socialjouren-malmo' }],
  ['socialjour södertälje', { contact: 'socialjouren-sodertalje', not: 'socialjouren-malmo' }],
  ['socialjouren', { contact: 'socialjouren-malmo' }],
  ['ungdomsutredare LPO Öster', { contact: 'ungdomsutredare-malmo-oster' }],
  ['ungdomsutredare lpo oster', { contact: 'ungdomsutredare-malmo-oster' }],
  ['ungdomsutredarna i LPO Malmö Öster', { contact: 'ungdomsutredare-malmo-oster' }],
  ['kommunpolis malmö', { contact: 'kommunpolis-malmo-oster' }],
  ['kommunpolisen i Södertälje', { contact: 'kommunpolis-sodertalje' }],
  ['vem ringer jag i södertelje', { contact: 'ungdomsenheten-sodertalje' }],
  ['sig koordinator', { contact: 'sig-koordinator-malmo' }],
  ['sspf södertälje', { contact: 'sspf-koordinator-sodertalje' }],
  ['kommunjurist', { contact: 'kommunjurist-malmo' }],
  ['vem kontaktar jag en lördagskväll om ett barn far illa', { contact: 'socialjouren-malmo' }],
  ['/motpart Rosengård', { contact: 'mottagning-barn-unga-malmo-oster', as: 'polis' }],
  // Guidance
  ['får soc lämna uppgifter till polisen om en 17-åring för att förhindra brott', { snippet: 'osl-10-18a-grund' }],
  ['far soc lamna uppgifter till polisen om en som ar 19 ar for att forhindra brott', { snippet: 'osl-10-18a-grund' }],
  ['får socialtjänsten berätta för polisen att en ungdom riskerar att hamna i kriminalitet', { snippet: 'osl-10-18a-grund' }],
  ['får soc lämna uppgifer till polisn för att förhindra brot', { snippet: 'osl-10-18a-grund' }],
  ['gäller 18 a om killen fyllt 19?', { snippet: 'osl-10-18a-grund' }],
  ['vad menas med inte olämpligt i 10 kap. 18 a §', { snippet: 'osl-10-18a-grund' }],
  ['18a OSL', { snippet: 'osl-10-18a-grund' }],
  ['1018a', { snippet: 'osl-10-18a-grund' }],
  ['10:18a', { snippet: 'osl-10-18a-grund' }],
  ['may social services share information with the police to prevent crime', { snippet: 'osl-10-18a-grund' }],
  ['kan socialtjänsten polisanmäla att en ungdom har sålt narkotika', { snippet: 'osl-10-21-23-brott' }],
  ['får soc anmäla misshandel av ett barn till polisen', { snippet: 'osl-10-21-23-brott' }],
  ['10:21-23', { snippet: 'osl-10-21-23-brott' }],
  ['räcker det att vårdnadshavarna samtycker', { snippet: 'samtycke-grund' }],
  ['racker det att foraldrarna samtycker?', { snippet: 'samtycke-grund' }],
  ['måste 15-åringen också samtycka', { snippet: 'samtycke-grund' }],
  ['samtycke', { snippet: 'samtycke-grund' }],
  ['måste jag som lärare göra en orosanmälan', { snippet: 'orosanmalan-skyldighet' }],
  ['maste jag som larare gora en anmalan om oro', { snippet: 'orosanmalan-skyldighet' }],
  ['kan jag ringa soc anonymt innan jag anmäler', { snippet: 'orosanmalan-skyldighet' }],
  ['kan vi använda generalklausulen för att dela med polisen', { snippet: 'generalklausul-10-27' }],
  ['generalklausulen', { snippet: 'generalklausul-10-27' }],
  ['OSL 26:1', { snippet: 'socialtjanst-sekretess-26-1' }],
  ['26 kap 1 §', { snippet: 'socialtjanst-sekretess-26-1' }],
  ['vad gäller för sekretessen hos socialtjänsten', { snippet: 'socialtjanst-sekretess-26-1' }],
  ['får polisen berätta för skolan att en elev är misstänkt för rån', { snippet: 'polis-till-skola' }],
  ['vad får kuratorn säga på sspf-mötet', { snippet: 'sspf-samtycke' }],
  ['/sekretess samtycke vårdnadshavare', { snippet: 'samtycke-grund' }],
  // Age limits
  ['får soc lämna uppgifter till polisen om en 24-åring för att förhindra brott', { ageBlocked: 'osl-10-18a-grund' }],
  ['far soc lamna uppgifter till polisen om han ar 22 ar for att forhindra brott', { ageBlocked: 'osl-10-18a-grund' }],
  // Checklists
  ['checklista sig', { checklist: 'sociala-insatsgrupper' }],
  ['/checklista orosanmalan', { checklist: 'orosanmalan' }],
  ['/checklista 1018a', { checklist: 'utlamnande-10-18a' }],
  ['/checklista samtycke', { checklist: 'samtycke-sspf' }],
  ['starta checklistan för anmälan om oro', { checklist: 'orosanmalan' }],
  ['checklista sociala insatsgruper', { checklist: 'sociala-insatsgrupper' }],
  // Help, unknown, no sure answer
  ['hjälp', { intent: 'help' }],
  ['vad kan du', { intent: 'help' }],
  ['help', { intent: 'help' }],
  ['banan', { intent: 'unknown', unsure: true }],
  // Outside the domain: the help, neither guidance nor contacts (issue 18).
  ['vad säger lagen om hundar i parken', { intent: 'unknown', unsure: true }],
  ['hur räknar jag ut min pension', { intent: 'unknown', unsure: true }],
  ['vad blir det för väder i Rosengård imorgon', { intent: 'unknown', unsure: true }],
  ['får vi dela uppgifter om skattebrott med Skatteverket', { intent: 'guidance', unsure: true }],
];

let h: Harness;
beforeAll(async () => {
  h = await harness();
});

const checklistIds = (r: Reply) => r.parts.flatMap((p) => (p.type === 'checklist' ? [p.checklist.checklistId] : []));

describe(`${cases.length} user phrasings`, () => {
  it('covers at least 60 phrasings', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
  });

  it.each(cases)('%s → %j', async (question, want) => {
    // Each question its own user: a role stated in one would be kept for the next.
    const r = await h.ask(question, 'as' in want && want.as ? { as: want.as, userId: question, conversationId: question } : { userId: question, conversationId: question });
    if ('contact' in want) {
      expect(r.intent).toBe('directory');
      expect(contactIds(r)).toContain(want.contact);
      if (want.not) expect(contactIds(r)).not.toContain(want.not);
    } else if ('snippet' in want) {
      expect(r.intent).toBe('guidance');
      expect(snippetIds(r)[0]).toBe(want.snippet);
      expect(r.confidence).toBeGreaterThanOrEqual(0.5);
    } else if ('ageBlocked' in want) {
      expect(r.intent).toBe('guidance');
      expect(snippetIds(r)).not.toContain(want.ageBlocked);
      expect(r.parts.some((p) => p.type === 'notice' && /inte fyllt 21|går inte att använda/.test(p.text))).toBe(true);
      expect(r.suggestions.length).toBeGreaterThan(0);
    } else if ('checklist' in want) {
      expect(r.intent).toBe('checklist');
      expect(checklistIds(r)).toEqual([want.checklist]);
    } else {
      expect(r.intent).toBe(want.intent);
      if (want.unsure) {
        expect(r.confidence).toBeLessThan(0.5);
        expect(snippetIds(r)).toEqual([]);
      }
    }
  });
});
