/**
 * "jag är polis" says who asks; "vem ringer jag hos polisen" says whom they want. One reader serves
 * both the directory lookup and the asker's role read from a question.
 */
import { describe, expect, it } from 'vitest';
import { introducesAsker, roleInQuestion } from '../../src/core/directory/role.js';
import { fold, tokenise } from '../../src/core/text/normalise.js';

const at = (text: string, word: string) => {
  const words = tokenise(fold(text));
  return introducesAsker(words, words.indexOf(word));
};

describe('introducesAsker', () => {
  it.each([
    ['jag är polis, vem är min motpart i Husie', 'polis'],
    ['vi på soc undrar vem som är vår motpart i Fosie', 'soc'],
    ['jag jobbar på socialtjänsten', 'socialtjansten'],
    ['jag arbetar som kurator', 'kurator'],
    ['I am a police officer, who is my counterpart in Lindängen', 'police'],
    ['jag från polisen undrar', 'polisen'],
    ['jag e polis, vem e min motpart i fosie', 'polis'],
    ['as a police officer, who is my counterpart in Rosengård', 'police'],
    ['jobbar pa soc, vem e min motpart i rosengard', 'soc'],
    ['hej, arbetar som kurator. far jag ringa soc', 'kurator'],
    ['far vi pa soc beratta for polisen', 'soc'],
  ])('"%s": "%s" is the asker', (text, word) => expect(at(text, word)).toBe(true));

  it.each([
    ['jag jobbar på soc, vem ringer jag hos polisen i rosengard', 'polisen'],
    ['vem ska jag kontakta på soc', 'soc'],
    ['kontakt soc fosie', 'soc'],
    ['får jag ringa polisen', 'polisen'],
    ['i rosengård polisen', 'polisen'],
    ['vem jobbar på soc i fosie', 'soc'],
    ['hej, vem jobbar på polisen i rosengård', 'polisen'],
    ['vem ringer jag pa soc i rosengard om en elev', 'soc'],
    ['vem kontaktar vi på polisen i fosie', 'polisen'],
    ['vem har jag på soc i kirseberg', 'soc'],
  ])('"%s": "%s" is whom they ask for', (text, word) => expect(at(text, word)).toBe(false));
});

describe('roleInQuestion', () => {
  const role = (text: string) => roleInQuestion(tokenise(fold(text)))?.kind;

  it.each([
    ['jag är polis, vem är min motpart i Husie', 'polis'],
    ['vi e från soc', 'socialtjanst'],
    ['jag jobbar som kurator på en skola', 'skola'],
    ['I work at the police in Malmö', 'polis'],
    ['as a social worker, may I tell the police', 'socialtjanst'],
    ['hej! jag är orolig, jag jobbar på fritidsgården', 'fritid'],
  ])('"%s" → %s', (text, kind) => expect(role(text)).toBe(kind));

  it.each([['vem ringer jag hos polisen'], ['jag är orolig för en elev'], ['får jag berätta för soc'], ['i rosengård, vem är kommunpolis']])(
    '"%s" says nothing about the asker',
    (text) => expect(role(text)).toBeUndefined(),
  );
});
