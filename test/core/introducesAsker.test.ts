/**
 * "jag är polis" says who asks; "vem ringer jag hos polisen" says whom they want.
 */
import { describe, expect, it } from 'vitest';
import { introducesAsker } from '../../src/core/directory/lookup.js';
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
  ])('"%s": "%s" is the asker', (text, word) => expect(at(text, word)).toBe(true));

  it.each([
    ['jag jobbar på soc, vem ringer jag hos polisen i rosengard', 'polisen'],
    ['vem ska jag kontakta på soc', 'soc'],
    ['kontakt soc fosie', 'soc'],
    ['får jag ringa polisen', 'polisen'],
    ['i rosengård polisen', 'polisen'],
  ])('"%s": "%s" is whom they ask for', (text, word) => expect(at(text, word)).toBe(false));
});
