/**
 * How cue words from the knowledge are found in a question (src/core/text/cues.ts): English
 * inflections through English stems, facts told in words found together, and cues that hold only
 * for some ages. The cues here are written for these specs, not taken from the shipped knowledge.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CueMatcher, type CueText } from '../../src/core/text/cues.js';
import { englishKey, isEnglish } from '../../src/core/text/english.js';
import { loadAndBuild } from '../../src/knowledge/knowledge.js';

const knowledge = await loadAndBuild(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../knowledge'), { today: '2026-12-02' });
const finds = (cues: CueText[], question: string) => new CueMatcher([{ label: 'x', cues }]).find(knowledge.analyser.analyse(question)).has('x');

describe('English questions', () => {
  it.each([
    ['Can we report that a man has been sexually abusing her?', true],
    ['Is the police allowed to tell us?', true],
    ['får vi berätta för polisen om en 16-åring', false],
    ['18a 19 år?', false],
    ['Jag har en klient som säger "I can do it" om allt', false],
  ])('"%s" reads as English: %s', (question, english) => {
    expect(isEnglish(knowledge.analyser.analyse(question).words)).toBe(english);
  });

  it('a cue written plain means every form of the word; written with -ed or -ing, only that form', () => {
    expect(finds(['sexual abuse'], 'A neighbour has been sexually abusing her. Can we tell the police?')).toBe(true);
    expect(finds(['abuse'], 'She was abused by him, what do we do?')).toBe(true);
    expect(finds(['assaulted'], 'He is about to assault the mother, can we warn the police?')).toBe(false);
    expect(englishKey('evening')).toBe('evening');
  });

  it('a Swedish question is not read with English stems', () => {
    expect(finds(['abuse'], 'hon är abusing enligt kollegan, vad gör vi')).toBe(false);
  });

  it('an English synonym meets its inflected forms ("sharing" is "share")', () => {
    const terms = knowledge.analyser.analyse('Is sharing with the police allowed if he shared it first?').terms;
    expect(terms.filter((t) => t.kind === 'synonym').map((t) => t.keys[0])).toContain(knowledge.synonyms.keyOf('share'));
  });
});

describe('facts told in words found together', () => {
  const supply: CueText = { together: [['säljer', 'ger', 'sells'], ['hasch', 'alkohol', 'weed'], ['till ungdomar', 'to kids']] };

  it('holds wherever the words stand in the sentence', () => {
    expect(finds([supply], 'en kille på 25 säljer hasch vid möllan till ungdomar')).toBe(true);
    expect(finds([supply], 'he sells weed to kids behind the school')).toBe(true);
  });

  it('needs a word from every list', () => {
    expect(finds([supply], 'en kille säljer hasch vid möllan')).toBe(false);
  });

  it('needs them close together, not one in each end of a long story', () => {
    const far = 'Han säljer saker på nätet. ' + 'Vi har pratat med familjen många gånger om skolan och om hur han mår och vad han gör på fritiden. '.repeat(2) + 'Mamma hittade hasch i rummet och han hänger med några till ungdomar.';
    expect(finds([supply], far)).toBe(false);
  });

  it('may name who with an everyday word, which alone would be no cue', () => {
    expect(finds([{ together: [['ger'], ['alkohol'], ['henne']], under: 18 }], 'storebror ger henne alkohol, hon är 15')).toBe(true);
    expect(finds(['henne'], 'storebror ger henne alkohol, hon är 15')).toBe(false);
  });

  it('"over" keeps a cue away from a question about a child', () => {
    const partner: CueText = { together: [['slog', 'hotar'], ['sambo']], over: 17 };
    expect(finds([partner], 'hennes sambo hotar att döda henne, hon vågar inte anmäla')).toBe(true);
    expect(finds([partner], 'en pojke på 13 säger att mammans sambo slog honom')).toBe(false);
  });
});

describe('a cue written in the past tense keeps its tense', () => {
  const happened: CueText[] = ['stal', 'rånade', 'har rånat'];

  it.each(['han rånade en kille vid centrum i fredags', 'de har rånat honom två gånger'])('%j tells what has happened', (question) => {
    expect(finds(happened, question)).toBe(true);
  });

  it.each(['han planerar ett rån på lördag', 'rånet de pratar om ska ske i helgen'])('%j names the crime, not that it happened ("rånade" stems to "rån")', (question) => {
    expect(finds(happened, question)).toBe(false);
  });
});

describe('what the story denies is no fact of the case', () => {
  const crime: CueText = { together: [['utreder', 'utredningen', 'investigating'], ['brott', 'crime']] };

  it.each([
    'Vi utreder hemmet, men vi har inte fått veta om något faktiskt brott.',
    'Inget brott har begåtts vad vi vet, utredningen gäller hemmet.',
    "We are investigating his home situation but we don't know of any crime.",
  ])('%j', (question) => {
    expect(finds([crime], question)).toBe(false);
  });

  it('a negation elsewhere in the sentence leaves the cue standing', () => {
    expect(finds([crime], 'Polisen utreder ett brott, men han vill inte prata om det.')).toBe(true);
  });

  it('an everyday topic stays the topic when denied: "ingen lunch" is still about lunch', () => {
    const topics = new CueMatcher([{ label: 'x', cues: ['lunch'] }], { compounds: false });
    expect(topics.find(knowledge.analyser.analyse('blir det ingen lunch i dag?')).has('x')).toBe(true);
  });
});

describe('consent missing is a fact of the case', () => {
  it.each([
    ['Mamman har skrivit på men pappan vägrar skriva under. Kan vi ha SSPF-mötet ändå?', true],

    ["The father hasn't signed the consent form yet, can the meeting go ahead?", true],
    ['Do both parents have to sign the consent form?', false],
  ])('"%s": %s', (question, missing) => {
    expect(knowledge.situations.find(knowledge.analyser.analyse(question)).has('samtycke-saknas')).toBe(missing);
  });

  it.each(['Hon ringde och sa att hon drar tillbaka sitt samtycke. Får vi fortsätta?', 'killen drog tillbaka samtycket i förra veckan', 'The mother withdrew her consent yesterday.'])(
    '"%s": consent taken back, in any tense, is its own fact (not a parent who never signed)',
    (question) => {
      const found = knowledge.situations.find(knowledge.analyser.analyse(question));
      expect(found.has('samtycke-aterkallat')).toBe(true);
      expect(found.has('samtycke-saknas')).toBe(false);
    },
  );
});
