/**
 * The guidance re-rank scores a question against a snippet's question forms as fuse.js does (the
 * options it was tuned with), only in one scan instead of one per error level. fuse.js is the
 * oracle here: the same figure for the shipped forms against questions as people type them, and
 * for random strings over a small alphabet, where near matches at every error count are common.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fuse from 'fuse.js';
import { describe, expect, it } from 'vitest';
import { similarityTo } from '../../src/core/guidance/formSimilarity.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { fold } from '../../src/core/text/normalise.js';

const SHIPPED = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../knowledge');

function fuseSimilarity(pattern: string, form: string): number {
  const [best] = new Fuse([{ text: form }], { keys: ['text'], includeScore: true, ignoreLocation: true, threshold: 0.6, ignoreFieldNorm: true }).search(pattern);
  return best ? 1 - best.score! : 0;
}

/** fuse.js gives the whole form 1 - Number.EPSILON (a zero score would zero its product of fields): the same to 12 places. */
function expectSameAsFuse(pattern: string, form: string): void {
  expect(similarityTo(pattern)(form), JSON.stringify({ pattern, form })).toBeCloseTo(fuseSimilarity(pattern, form), 12);
}

/** Deterministic, so a failure names the same pair on every run. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
}

describe('similarityTo', () => {
  it.each([
    ['the whole form', 'sociala insatsgrupper', 'sociala insatsgrupper', 1],
    ['an exact match inside the form', 'insatsgrupper', 'vad ar sociala insatsgrupper', 0.999],
    ['one typo in seven letters', 'aktuekl', 'ar ungdomen aktuell hos socialtjansten', 1 - 1 / 7],
    ['a missing letter', 'skretess', 'galler sekretess pa ett mote', 1 - 1 / 8],
    ['nothing alike', 'samtycke', 'xyz', 0],
  ])('scores %s', (_what, pattern, form, expected) => {
    expect(similarityTo(pattern)(form)).toBeCloseTo(expected, 12);
  });

  it('gives fuse.js’s figure for the shipped question forms against questions as they are typed', async () => {
    const { data } = await loadKnowledge(SHIPPED);
    const forms = data.guidance.flatMap((s) => [s.title, ...s.questions].slice(0, 3).map(fold));
    const patterns = [
      'far soc beratta for polisen',
      'aktuekl hos soc',
      'skretess sig mote',
      '10 kap 18a osl',
      'orosanmalan skolan',
      'samtyke vardnadshavare',
      'can police share information',
      'ungdom riskzonen rekryteras',
      'x',
      'sekretessbrytande bestammelse unga under 21 ar',
    ].map((p) => fold(p).slice(0, 32));
    for (const pattern of patterns) {
      for (const form of forms) expectSameAsFuse(pattern, form);
    }
  });

  it('gives fuse.js’s figure at every error count, on random strings', () => {
    const random = seededRandom(7);
    const letters = 'abcd ';
    const text = (length: number) => Array.from({ length }, () => letters[Math.floor(random() * letters.length)]).join('');
    for (let i = 0; i < 3000; i++) {
      // As the re-rank makes them: words joined by spaces, at least two characters (fuse.js has no score for a blank pattern).
      const pattern = text(2 + Math.floor(random() * 31)).trim();
      if (pattern.length < 2) continue;
      const form = random() < 0.05 ? pattern : text(Math.floor(random() * 60));
      expectSameAsFuse(pattern, form);
    }
  });
});
