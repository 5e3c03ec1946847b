import { describe, expect, it } from 'vitest';
import type { QueryTerm } from '../../src/core/search/analyse.js';
import { TermIndexBuilder, termsFrom, type Postings } from '../../src/core/search/termIndex.js';
import { runAtOnce } from '../../src/core/turns.js';

describe('term index search', () => {
  it('ranks exactly as scoring every document would, with synonym keys, shared postings and filters', () => {
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const vocabulary = ['syn:jour', 'jour', 'polis', 'syn:polis', 'skola', 'barn', 'ungdom', 'fritidsgard', 'syn:fritidsgard', 'kurator'];
    for (let round = 0; round < 40; round++) {
      const docs: Array<Map<string, number>> = [];
      const builder = new TermIndexBuilder();
      const count = 20 + Math.floor(random() * 200);
      for (let d = 0; d < count; d++) {
        const keys = new Map<string, number>();
        for (const key of vocabulary) {
          if (random() < (key.startsWith('syn:') ? 0.5 : 0.3)) keys.set(key, 1 + Math.floor(random() * 3));
        }
        // Literal words mostly come with their group key, as synonym phrases are indexed.
        for (const [literal, group] of [['jour', 'syn:jour'], ['fritidsgard', 'syn:fritidsgard']] as const) {
          if (keys.has(literal) && random() < 0.9) keys.set(group, Math.max(keys.get(group) ?? 0, keys.get(literal)!));
        }
        for (const [key, weight] of keys) builder.add(key, weight);
        builder.endDocument();
        docs.push(keys);
      }
      const index = runAtOnce(builder.build());
      const termCount = 1 + Math.floor(random() * 3);
      const terms: QueryTerm[] = [];
      for (let t = 0; t < termCount; t++) {
        const pick = vocabulary[Math.floor(random() * vocabulary.length)]!;
        const keys = pick.startsWith('syn:') ? [pick, pick.slice(4)] : [pick];
        terms.push({ keys, kind: keys.length > 1 ? 'synonym' : 'word', text: pick, start: t, end: t + 1 });
      }
      const allow = random() < 0.5 ? undefined : (doc: number) => doc % 3 !== 0;
      const limit = 1 + Math.floor(random() * 12);

      const expected = docs
        .map((keys, doc) => {
          let score = 0;
          let matched = 0;
          let total = 0;
          for (const term of terms) {
            let best = 0;
            let factor = 0;
            for (const e of index.termKeys(term)) {
              const weight = keys.get(e.key);
              if (weight === undefined) continue;
              best = Math.max(best, index.idf(e.key) * weight * e.factor);
              factor = Math.max(factor, e.factor);
            }
            score += best;
            const termWeight = index.termWeight(index.termKeys(term));
            matched += termWeight * factor;
            total += termWeight;
          }
          return { doc, score, coverage: Math.min(1, matched / total) };
        })
        .filter((h) => h.score > 0 && (!allow || allow(h.doc)))
        .sort((a, b) => b.score - a.score || a.doc - b.doc)
        .slice(0, limit);
      const found = index.search(terms, limit, allow);
      expect(found.map((h) => h.doc), `round ${round}`).toEqual(expected.map((h) => h.doc));
      found.forEach((h, i) => {
        expect(h.score).toBeCloseTo(expected[i]!.score, 9);
        expect(h.coverage).toBeCloseTo(expected[i]!.coverage, 9);
      });
      // Rebuilt from its postings, as the knowledge cache does, it ranks the same.
      expect(runAtOnce(termsFrom(index.postings(), count)).search(terms, limit, allow), `round ${round}, from postings`).toEqual(found);
    }
  });
});

describe('term index: words found for an unknown one', () => {
  // As analyse.ts indexes them: a group member's text gives the group key and the member's stem.
  const groups = new Map([
    ['samtyck', 'syn:samtycke'],
    ['medgivand', 'syn:samtycke'],
  ]);
  const docs = [['syn:samtycke', 'samtyck'], ['syn:samtycke', 'medgivand'], ['polis']];
  const index = (groupOfKey?: (key: string) => string | undefined) => {
    const builder = new TermIndexBuilder(groupOfKey);
    for (const doc of docs) {
      for (const key of doc) builder.add(key, 3);
      builder.endDocument();
    }
    return runAtOnce(builder.build());
  };
  // "samtyke", stemmed as analyse.ts does.
  const typo: QueryTerm = { keys: ['samtyk'], kind: 'word', text: 'samtyke', start: 0, end: 1 };

  it('reach the synonym group of the word they found, at the same factor, as the word typed right does', () => {
    const withGroups = index((key) => groups.get(key));
    expect(withGroups.termKeys(typo)).toEqual([
      { key: 'syn:samtycke', factor: 0.8 },
      { key: 'samtyck', factor: 0.8 },
    ]);
    expect(withGroups.search([typo], 5).map((h) => h.doc)).toEqual([0, 1]);
    // Rebuilt from its postings, as the knowledge cache does, it knows the groups too.
    expect(runAtOnce(termsFrom(withGroups.postings(), docs.length, (key) => groups.get(key))).search([typo], 5)).toEqual(withGroups.search([typo], 5));
  });

  it('reach only the word found when no group is known', () => {
    expect(index().search([typo], 5).map((h) => h.doc)).toEqual([0]);
  });
});

describe('term index postings', () => {
  const built = () => {
    const builder = new TermIndexBuilder();
    for (const doc of [['polis', 'jour'], ['jour', 'barn'], ['skola']]) {
      for (const key of doc) builder.add(key, 2);
      builder.endDocument();
    }
    return runAtOnce(builder.build()).postings();
  };

  it('refuses postings that do not fit together, naming what is wrong', () => {
    const cases: Array<[string, (p: Postings) => Postings, RegExp]> = [
      ['a key too few', (p) => ({ ...p, keys: p.keys.slice(1) }), /starts do not match the keys/],
      ['postings cut short', (p) => ({ ...p, docs: p.docs.slice(1) }), /not as long as starts say/],
      ['a document out of range', (p) => ({ ...p, documents: 2 }), /names document 2 of 2/],
      ['documents out of order', (p) => ({ ...p, docs: Uint32Array.from(p.docs, (d, i) => (i === p.starts[1]! + 1 ? 0 : d)) }), /not ascending|names document/],
    ];
    for (const [what, damage, message] of cases) {
      const damaged = damage(built());
      expect(() => runAtOnce(termsFrom(damaged, damaged.documents)), what).toThrow(message);
    }
  });

  it('refuses postings made for another number of documents', () => {
    expect(() => runAtOnce(termsFrom(built(), 4))).toThrow('term index postings are for 3 documents, not 4');
  });
});

describe('whether any document may cover a share of the question', () => {
  it('never says no where searching finds a document with that coverage, and says no where none has it', () => {
    let seed = 29;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const vocabulary = ['syn:jour', 'jour', 'polis', 'syn:polis', 'skola', 'barn', 'ungdom', 'fritidsgard', 'kurator', 'natt'];
    let saidNo = 0;
    for (let round = 0; round < 200; round++) {
      const builder = new TermIndexBuilder();
      const count = 5 + Math.floor(random() * 120);
      for (let d = 0; d < count; d++) {
        for (const key of vocabulary) if (random() < 0.25) builder.add(key, 1 + Math.floor(random() * 3));
        builder.endDocument();
      }
      const index = runAtOnce(builder.build());
      const terms: QueryTerm[] = [];
      for (let t = 0, n = 1 + Math.floor(random() * 4); t < n; t++) {
        const pick = vocabulary[Math.floor(random() * vocabulary.length)]!;
        const keys = pick.startsWith('syn:') ? [pick, pick.slice(4)] : [pick];
        terms.push({ keys, kind: keys.length > 1 ? 'synonym' : 'word', text: pick, start: t, end: t + 1 });
      }
      const share = [0.5, 0.9, 1][Math.floor(random() * 3)]!;
      const reached = index.search(terms, count).some((h) => h.coverage >= share);
      const may = index.mayCover(terms, share);
      if (reached) expect(may, `${terms.map((t) => t.text).join(' ')} at ${share}`).toBe(true);
      if (!may) saidNo++;
    }
    // The pre-check is worth having only if it does say no.
    expect(saidNo).toBeGreaterThan(10);
  });
});
