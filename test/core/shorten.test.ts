/**
 * The shortening every renderer uses skips the grapheme segmenter for text in which every UTF-16
 * unit is a grapheme (it was a tenth of a reply's time under load). These specs hold the fast path
 * to the segmenter's answer on Swedish text and on everything the fast path must not take.
 */
import { describe, expect, it } from 'vitest';
import { buttonLabel, ELLIPSIS, graphemeCount, shorten } from '../../src/core/render/shorten.js';

const segmenter = new Intl.Segmenter('sv', { granularity: 'grapheme' });
const graphemesOf = (text: string) => [...segmenter.segment(text)].map((s) => s.segment);

const TEXTS = [
  'Får socialtjänsten lämna uppgifter till polisen enligt 10 kap. 18 a § OSL – och vad gäller för en 17-åring?',
  'Checklista: Utlämnande till polisen enligt 10 kap. 18 a § OSL',
  '“Citat” och ‘enkla’ … med – tankstreck',
  'Äldre killar vid Möllevångstorget',
  'en flagga 🇸🇪 och en familj 👨‍👩‍👧 i texten, och mer text efter dem',
  'e\u0301 med kombinerande accent e\u0301e\u0301e\u0301e\u0301',
  'rad ett\r\nrad två\r\nrad tre med lite mer text',
  '한국어 텍스트도 있습니다 그리고 더 긴 문장입니다',
];

describe('shorten', () => {
  it.each(TEXTS)('cuts "%s" at a grapheme boundary within the limit, as the segmenter would', (text) => {
    for (let max = 2; max < text.length + 2; max++) {
      const cut = shorten(text, max);
      expect(cut.length).toBeLessThanOrEqual(Math.max(max, 0));
      if (cut === text) continue;
      expect(cut.endsWith(ELLIPSIS)).toBe(true);
      const head = cut.slice(0, -ELLIPSIS.length);
      // The head is whole graphemes of the text: it never ends inside one.
      const boundaries = new Set(graphemesOf(text).reduce<number[]>((acc, g) => [...acc, (acc.at(-1) ?? 0) + g.length], [0]));
      expect(text.startsWith(head)).toBe(true);
      expect(boundaries.has(head.length)).toBe(true);
    }
  });
});

describe('graphemeCount and buttonLabel', () => {
  it.each(TEXTS)('count "%s" as the segmenter does', (text) => {
    expect(graphemeCount(text)).toBe(graphemesOf(text).length);
  });

  it.each(TEXTS)('label "%s" with at most 40 graphemes, never splitting one', (text) => {
    const label = buttonLabel(text);
    expect(graphemesOf(label).length).toBeLessThanOrEqual(40);
    expect(text.startsWith(label.endsWith(ELLIPSIS) ? label.slice(0, -ELLIPSIS.length) : label)).toBe(true);
  });
});
