/**
 * A weighted inverted index built once per knowledge version. A query touches only the postings
 * of its own keys, so its cost follows the question, not the size of the corpus. Unknown words are
 * matched to the vocabulary through trigrams (typos) and prefixes (Swedish compounds).
 * Scratch arrays are allocated once here and reused, so queries allocate nothing corpus-sized.
 */
import type { QueryTerm } from './analyse.js';

interface Postings {
  docs: Uint32Array;
  weights: Float32Array;
}

export interface Hit {
  doc: number;
  /** Sum over matched terms of idf × field weight × match factor. */
  score: number;
  /** Share (0..1) of the question's weight that this document matches. */
  coverage: number;
  /**
   * How much the matched words say, relative to one word that only this document has (≈1):
   * a single common word ("polis") is little evidence, a rare term or several words are much.
   */
  evidence: number;
  /** Mean field weight of the matches divided by the top field weight: 1 = matched in titles/questions. */
  strength: number;
}

interface Expansion {
  key: string;
  factor: number;
}

export const TYPO_FACTOR = 0.8;
const PREFIX_FACTOR = 0.7;
const COMPOUND_FACTOR = 0.6;
const MAX_EXPANSIONS = 4;

/** Optimal string alignment distance, bounded: returns max + 1 as soon as it is exceeded. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      row.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length]!;
}

function trigrams(word: string): string[] {
  const padded = `^${word}$`;
  const grams: string[] = [];
  for (let i = 0; i + 3 <= padded.length; i++) grams.push(padded.slice(i, i + 3));
  return grams;
}

const isWordKey = (key: string) => !key.includes(':');

export class TermIndex {
  private readonly postings = new Map<string, Postings>();
  private readonly idfs = new Map<string, number>();
  private readonly unknownIdf: number;
  /** Word keys, sorted, for prefix lookups. */
  private readonly vocabulary: string[];
  private readonly gramPostings = new Map<string, Uint32Array>();
  private readonly score: Float64Array;
  private readonly coverage: Float64Array;
  private readonly termBest: Float64Array;
  private readonly termFactor: Float64Array;
  private readonly gramCounts: Uint16Array;

  /** @param docs each document's keys with their weight (the highest field weight the key occurs in). */
  constructor(docs: ReadonlyArray<ReadonlyMap<string, number>>) {
    const lists = new Map<string, Array<[number, number]>>();
    docs.forEach((keys, doc) => {
      for (const [key, weight] of keys) {
        let list = lists.get(key);
        if (!list) lists.set(key, (list = []));
        list.push([doc, weight]);
      }
    });
    const n = docs.length;
    for (const [key, list] of lists) {
      this.postings.set(key, { docs: Uint32Array.from(list, ([d]) => d), weights: Float32Array.from(list, ([, w]) => w) });
      this.idfs.set(key, Math.log(1 + (n - list.length + 0.5) / (list.length + 0.5)));
    }
    this.unknownIdf = Math.log(1 + (n + 0.5) / 0.5);
    this.vocabulary = [...lists.keys()].filter(isWordKey).sort();
    const grams = new Map<string, number[]>();
    this.vocabulary.forEach((word, id) => {
      if (word.length < 4) return;
      for (const g of new Set(trigrams(word))) {
        let list = grams.get(g);
        if (!list) grams.set(g, (list = []));
        list.push(id);
      }
    });
    for (const [g, ids] of grams) this.gramPostings.set(g, Uint32Array.from(ids));
    this.score = new Float64Array(n);
    this.coverage = new Float64Array(n);
    this.termBest = new Float64Array(n);
    this.termFactor = new Float64Array(n);
    this.gramCounts = new Uint16Array(this.vocabulary.length);
  }

  has(key: string): boolean {
    return this.postings.has(key);
  }

  idf(key: string): number {
    return this.idfs.get(key) ?? 0;
  }

  /** Documents indexed under exactly this key. */
  docsWith(key: string): Uint32Array {
    return this.postings.get(key)?.docs ?? new Uint32Array(0);
  }

  /** Vocabulary keys close to an unknown word: typos first, then longer and shorter compounds. */
  expand(word: string): Expansion[] {
    if (this.postings.has(word)) return [{ key: word, factor: 1 }];
    if (!isWordKey(word) || word.length < 4 || /\d/.test(word)) return [];
    const out: Expansion[] = [];
    const maxDistance = word.length >= 8 ? 2 : 1;
    const grams = trigrams(word);
    const touched: number[] = [];
    for (const g of grams) {
      const ids = this.gramPostings.get(g);
      if (!ids) continue;
      for (const id of ids) {
        if (this.gramCounts[id] === 0) touched.push(id);
        this.gramCounts[id]!++;
      }
    }
    // Each edit breaks at most three trigrams.
    const needed = Math.max(1, grams.length - 3 * maxDistance);
    const typos: Array<[string, number]> = [];
    for (const id of touched) {
      if (this.gramCounts[id]! >= needed) {
        const candidate = this.vocabulary[id]!;
        const d = editDistance(word, candidate, maxDistance);
        if (d <= maxDistance) typos.push([candidate, d]);
      }
      this.gramCounts[id] = 0;
    }
    typos.sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
    for (const [key, d] of typos.slice(0, MAX_EXPANSIONS)) out.push({ key, factor: d === 1 ? TYPO_FACTOR : TYPO_FACTOR * 0.8 });
    // "oros" → "orosanmalan": the vocabulary word continues the typed one.
    let lo = 0;
    let hi = this.vocabulary.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.vocabulary[mid]! < word) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.vocabulary.length && out.length < MAX_EXPANSIONS && this.vocabulary[i]!.startsWith(word); i++) {
      out.push({ key: this.vocabulary[i]!, factor: PREFIX_FACTOR });
    }
    // "sekretessregler" → "sekretess": the typed word is a compound of a known word.
    for (let len = word.length - 1; len >= Math.max(5, Math.ceil(word.length * 0.5)) && out.length < MAX_EXPANSIONS; len--) {
      const head = word.slice(0, len);
      if (this.postings.has(head)) {
        out.push({ key: head, factor: COMPOUND_FACTOR });
        break;
      }
    }
    return out;
  }

  /** Expanded keys for a query term, with factors; empty when nothing in the index is close. */
  termKeys(term: QueryTerm): Expansion[] {
    const out: Expansion[] = [];
    term.keys.forEach((key, i) => {
      // Synonym phrases list their literal words after the group key; those count for less.
      const base = i === 0 ? 1 : 0.6;
      for (const e of this.expand(key)) out.push({ key: e.key, factor: e.factor * base });
    });
    return out;
  }

  /** Weight of a term in the coverage sum: rare keys weigh more; unknown words weigh the most. */
  termWeight(expansions: readonly Expansion[]): number {
    let best = 0;
    for (const e of expansions) best = Math.max(best, this.idf(e.key) * e.factor);
    return best === 0 ? this.unknownIdf : best;
  }

  /** The weight of `key` in `doc`, found by binary search in the key's (ascending) postings; 0 if absent. */
  private weightIn(key: string, doc: number): number {
    const p = this.postings.get(key);
    if (!p) return 0;
    let lo = 0;
    let hi = p.docs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const d = p.docs[mid]!;
      if (d === doc) return p.weights[mid]!;
      if (d < doc) lo = mid + 1;
      else hi = mid - 1;
    }
    return 0;
  }

  /**
   * Like {@link search}, but only over the given documents: for when a filter (a place) leaves few
   * candidates and the terms are common, so probing each candidate beats walking long postings.
   */
  searchWithin(terms: readonly QueryTerm[], docs: readonly number[], limit: number, topFieldWeight = 3): Hit[] {
    const expanded = terms.map((t) => this.termKeys(t));
    const weights = expanded.map((e) => this.termWeight(e));
    const totalWeight = weights.reduce((a, b) => a + b, 0);
    const hits: Hit[] = [];
    for (const doc of docs) {
      let score = 0;
      let matched = 0;
      expanded.forEach((expansions, t) => {
        let best = 0;
        let factor = 0;
        for (const e of expansions) {
          const w = this.weightIn(e.key, doc);
          if (w === 0) continue;
          best = Math.max(best, this.idf(e.key) * w * e.factor);
          factor = Math.max(factor, e.factor);
        }
        score += best;
        matched += weights[t]! * factor;
      });
      if (score > 0) hits.push(this.hit(doc, score, matched, totalWeight, topFieldWeight));
    }
    return hits.sort((a, b) => b.score - a.score).slice(0, limit);
  }

  private hit(doc: number, score: number, matched: number, totalWeight: number, topFieldWeight: number): Hit {
    return {
      doc,
      score,
      coverage: totalWeight > 0 ? Math.min(1, matched / totalWeight) : 0,
      evidence: Math.min(1, matched / (0.5 * this.unknownIdf)),
      strength: matched > 0 ? Math.min(1, score / (matched * topFieldWeight)) : 0,
    };
  }

  /**
   * The best `limit` documents for the terms. `allow` filters documents (e.g. by organisation kind)
   * before they are ranked.
   */
  search(terms: readonly QueryTerm[], limit: number, allow?: (doc: number) => boolean, topFieldWeight = 3): Hit[] {
    const touched: number[] = [];
    let totalWeight = 0;
    for (const term of terms) {
      const expansions = this.termKeys(term);
      const weight = this.termWeight(expansions);
      totalWeight += weight;
      const termTouched: number[] = [];
      for (const { key, factor } of expansions) {
        const p = this.postings.get(key);
        if (!p) continue;
        const idf = this.idf(key);
        for (let i = 0; i < p.docs.length; i++) {
          const doc = p.docs[i]!;
          const v = idf * p.weights[i]! * factor;
          if (this.termBest[doc] === 0) termTouched.push(doc);
          if (v > this.termBest[doc]!) this.termBest[doc] = v;
          if (factor > this.termFactor[doc]!) this.termFactor[doc] = factor;
        }
      }
      for (const doc of termTouched) {
        if (this.score[doc] === 0) touched.push(doc);
        this.score[doc]! += this.termBest[doc]!;
        // Coverage ignores field weights: a word counts as explained however it matched, less for typos.
        this.coverage[doc]! += weight * this.termFactor[doc]!;
        this.termBest[doc] = 0;
        this.termFactor[doc] = 0;
      }
    }
    const top: Hit[] = [];
    for (const doc of touched) {
      const hit = this.hit(doc, this.score[doc]!, this.coverage[doc]!, totalWeight, topFieldWeight);
      this.score[doc] = 0;
      this.coverage[doc] = 0;
      // The filter may be costly (area checks), so it only runs for documents that would rank.
      if (top.length >= limit && hit.score <= top[top.length - 1]!.score) continue;
      if (allow && !allow(doc)) continue;
      {
        let i = top.length;
        top.push(hit);
        while (i > 0 && top[i - 1]!.score < hit.score) {
          top[i] = top[i - 1]!;
          i--;
        }
        top[i] = hit;
        if (top.length > limit) top.pop();
      }
    }
    return top;
  }
}
