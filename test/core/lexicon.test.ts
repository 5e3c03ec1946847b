import { describe, expect, it } from 'vitest';
import { editDistance, Lexicon } from '../../src/core/search/lexicon.js';

describe('lexicon typos', () => {
  const words = ['rosengard', 'vallas', 'valla', 'hasselhamn', 'hjortgarden', 'socialjouren', 'sekretess', 'samtycke', 'osterasen', 'osteras'];
  const lexicon = Lexicon.of(words);

  it('finds a word within the allowed distance whatever the edit, swaps of two letters included', () => {
    expect(lexicon.typos('vlalas', 3).map((t) => t.word)).toContain('vallas');
    expect(lexicon.typos('rosengaard', 1)).toEqual([{ word: 'rosengard', distance: 1 }]);
    expect(lexicon.typos('hsaselhamn', 1)).toEqual([{ word: 'hasselhamn', distance: 1 }]);
    expect(lexicon.typos('satycke', 1)).toEqual([{ word: 'samtycke', distance: 1 }]);
  });

  it('finds exactly what comparing with every word would find', () => {
    for (const typed of ['rosengrd', 'osterassen', 'valas', 'socialjoruen', 'sekretes', 'hjotrgarden', 'vallasen', 'xyzzy']) {
      const max = typed.length >= 8 ? 2 : 1;
      const expected = words.filter((w) => w !== typed && editDistance(typed, w, max) <= max).sort();
      expect(lexicon.typos(typed, 100).map((t) => t.word).sort(), typed).toEqual(expected);
    }
  });

  it('lists continuations of a prefix', () => {
    expect(lexicon.continuations('oster', 5)).toEqual(['osteras', 'osterasen']);
  });
});
