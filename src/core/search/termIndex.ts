/**
 * A weighted inverted index built once per knowledge version. A query touches only the postings
 * of its own keys, so its cost follows the question, not the size of the corpus. Unknown words are
 * matched to the vocabulary through trigrams (typos) and prefixes (Swedish compounds).
 *
 * Ranking prunes by maximum score: terms are taken in order of the most any document can gain
 * from them, and as soon as the documents found so far hold a top list that the remaining terms
 * cannot change from outside, the long postings of common words ("barn", "ungdom") are no longer
 * walked; only the documents that can still reach the top are looked up in them. The result is
 * the same as walking every posting.
 *
 * All postings live in two flat typed arrays, and scratch arrays are allocated once here and
 * reused, so the index is compact and a query allocates nothing corpus-sized.
 */
import { BoundedMemo } from '../boundedMemo.js';
import type { QueryTerm } from './analyse.js';
import { Lexicon, MIN_TYPO_LENGTH } from './lexicon.js';
import type { Work } from '../turns.js';
import { stem } from '../text/normalise.js';

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

export interface Expansion {
  key: string;
  factor: number;
}

export const TYPO_FACTOR = 0.8;
const PREFIX_FACTOR = 0.7;
const COMPOUND_FACTOR = 0.6;
const MAX_EXPANSIONS = 4;
/** The shortest part a compound is split into: "barn", "våld", "hot"; shorter parts are mostly endings. */
const MIN_COMPOUND_PART = 3;
/** A compound whose first part is unknown is read as its last part only when that part is this long ("våld", "brott"). */
const MIN_TAIL = 4;
/** Remembered key pairs (each cost one merge of two postings) and words before the memory is cleared. */
const MAX_DOMINANCE = 4096;
const MAX_REMEMBERED = 4096;

/** The factor of a typo expansion at this edit distance. */
export const typoFactor = (distance: number) => (distance === 1 ? TYPO_FACTOR : TYPO_FACTOR * 0.8);

const isWordKey = (key: string) => !key.includes(':');

/**
 * The synonym group key a vocabulary word stands for ("samtyck" → "syn:samtycke"), so that a word
 * found for an unknown one reaches what that word itself would (see analyse.ts).
 */
export type GroupOfKey = (key: string) => string | undefined;
const noGroups: GroupOfKey = () => undefined;

/** Collects each document's keys with their weight (the highest field weight the key occurs in). */
export class TermIndexBuilder {
  private readonly slots = new Map<string, number>();
  private readonly postingCounts: number[] = [];
  /**
   * Per document, its keys' slots and weights, in typed arrays that double when full: a plain array
   * of all postings was megabytes of garbage in the old heap once the index was built.
   */
  private entrySlots = new Uint32Array(4096);
  private entryWeights = new Float32Array(4096);
  private entries = 0;
  private readonly docEnds: number[] = [];
  private readonly current = new Map<number, number>();

  constructor(private readonly groupOfKey: GroupOfKey = noGroups) {}

  /** Adds a key to the document being built, keeping the highest weight. */
  add(key: string, weight: number): void {
    let slot = this.slots.get(key);
    if (slot === undefined) {
      slot = this.postingCounts.length;
      this.slots.set(key, slot);
      this.postingCounts.push(0);
    }
    const before = this.current.get(slot);
    if (before === undefined || weight > before) this.current.set(slot, weight);
  }

  /** Closes the document being built; documents are numbered in the order they are ended. */
  endDocument(): void {
    if (this.entries + this.current.size > this.entrySlots.length) {
      const size = Math.max(this.entrySlots.length * 2, this.entries + this.current.size);
      const slots = new Uint32Array(size);
      const weights = new Float32Array(size);
      slots.set(this.entrySlots.subarray(0, this.entries));
      weights.set(this.entryWeights.subarray(0, this.entries));
      this.entrySlots = slots;
      this.entryWeights = weights;
    }
    for (const [slot, weight] of this.current) {
      this.entrySlots[this.entries] = slot;
      this.entryWeights[this.entries++] = weight;
      this.postingCounts[slot]!++;
    }
    this.current.clear();
    this.docEnds.push(this.entries);
  }

  /** The index of the documents added, pausing after each document (see turns.ts). */
  *build(): Work<TermIndex> {
    const keys = this.postingCounts.length;
    const starts = new Uint32Array(keys + 1);
    for (let s = 0; s < keys; s++) starts[s + 1] = starts[s]! + this.postingCounts[s]!;
    const docs = new Uint32Array(starts[keys]!);
    const weights = new Float32Array(starts[keys]!);
    const fill = starts.slice(0, keys);
    let from = 0;
    for (let doc = 0; doc < this.docEnds.length; doc++) {
      const end = this.docEnds[doc]!;
      for (let i = from; i < end; i++) {
        const at = fill[this.entrySlots[i]!]!++;
        docs[at] = doc;
        weights[at] = this.entryWeights[i]!;
      }
      from = end;
      yield;
    }
    return yield* TermIndex.build({ keys: [...this.slots.keys()], starts, docs, weights, documents: this.docEnds.length }, this.groupOfKey, this.slots);
  }
}

/**
 * An index's postings, all it needs to be rebuilt without analysing a document again (the
 * knowledge cache stores them): key of each slot, and per slot its documents and weights.
 */
export interface Postings {
  /** Keys in slot order. */
  keys: readonly string[];
  /** Postings of slot s: docs/weights[starts[s] .. starts[s + 1]), docs ascending. */
  starts: Uint32Array;
  docs: Uint32Array;
  weights: Float32Array;
  documents: number;
}

/**
 * An index from kept postings, which must be for exactly `documents` documents and fit together
 * (they come from a file); throws when they do not.
 */
export function* termsFrom(postings: Postings, documents: number, groupOfKey: GroupOfKey = noGroups): Work<TermIndex> {
  if (postings.documents !== documents) throw new Error(`term index postings are for ${postings.documents} documents, not ${documents}`);
  const problem = yield* postingsProblem(postings);
  if (problem) throw new Error(`term index postings are inconsistent: ${problem}`);
  return yield* TermIndex.build(postings, groupOfKey);
}

/** Keys, and postings, gone through between two pauses of a build (see turns.ts). */
const SLOTS_PER_TURN = 1024;
const POSTINGS_PER_TURN = 1 << 16;

/** What a term index works out from its postings once, to rank fast. */
interface DerivedFromPostings {
  fieldWeights: readonly number[];
  maxWeights: Float32Array;
  weightsPresent: Uint8Array;
  lexicon: Lexicon;
  groupOfKey: GroupOfKey;
}

/** What is wrong with postings that did not come from {@link TermIndexBuilder}, or undefined when they fit together. */
function* postingsProblem({ keys, starts, docs, weights, documents }: Postings): Work<string | undefined> {
  if (starts.length !== keys.length + 1 || starts[0] !== 0) return 'starts do not match the keys';
  if (docs.length !== starts[keys.length] || weights.length !== docs.length) return 'postings are not as long as starts say';
  for (let s = 0; s < keys.length; s++) {
    if (s % SLOTS_PER_TURN === 0) yield;
    if (starts[s]! > starts[s + 1]!) return `starts decrease at slot ${s}`;
    for (let i = starts[s]!, end = starts[s + 1]!; i < end; i++) {
      if (docs[i]! >= documents) return `posting ${i} names document ${docs[i]} of ${documents}`;
      if (i > starts[s]! && docs[i]! <= docs[i - 1]!) return `documents of slot ${s} are not ascending`;
    }
  }
  return undefined;
}

export class TermIndex {
  private readonly slots: ReadonlyMap<string, number>;
  /** Postings of slot s: docs/weights[starts[s] .. starts[s + 1]), docs ascending. */
  private readonly starts: Uint32Array;
  private readonly docs: Uint32Array;
  private readonly weights: Float32Array;
  private readonly idfs: Float64Array;
  private readonly maxWeights: Float32Array;
  /** The distinct field weights of the postings (none when there are more than 8). */
  private readonly fieldWeights: readonly number[];
  /** Per slot, a bit per field weight its postings have. */
  private readonly weightsPresent: Uint8Array;
  private readonly unknownIdf: number;
  private readonly lexicon: Lexicon;
  private readonly groupOfKey: GroupOfKey;
  private readonly score: Float64Array;
  private readonly coverage: Float64Array;
  private readonly termBest: Float64Array;
  private readonly termFactor: Float64Array;
  /** Documents with a score, in the order first reached, and the same for the current term. */
  private readonly touched: Uint32Array;
  private readonly termTouched: Uint32Array;
  /** The highest score of the current search so far, kept by {@link walk} (scores only grow while it is open). */
  private highest = 0;
  /** Remembered {@link dominates} answers for pairs of weighted keys. */
  private readonly dominance = new BoundedMemo<boolean>(MAX_DOMINANCE);
  /** Remembered {@link expand} answers. */
  private readonly expansions = new BoundedMemo<readonly Expansion[]>(MAX_REMEMBERED);

  /**
   * The index over postings that fit together: from {@link TermIndexBuilder}, which hands over its
   * map of keys to slots (a second one of 100k keys was megabytes more in the old heap), or checked
   * by {@link termsFrom}. Pauses every {@link SLOTS_PER_TURN} keys (see turns.ts): at 50k functions
   * a vocabulary took 150 ms in one go, which a hot reload spent while requests waited.
   */
  static *build(postings: Postings, groupOfKey: GroupOfKey, slots?: ReadonlyMap<string, number>): Work<TermIndex> {
    const { keys, starts, weights } = postings;
    const distinctWeights = new Set<number>();
    for (let i = 0; i < weights.length; i++) {
      distinctWeights.add(weights[i]!);
      if (i % POSTINGS_PER_TURN === 0) yield;
    }
    // Per key its highest weight and which of the distinct field weights (as stored) its postings have.
    const distinct = [...distinctWeights].sort((a, b) => b - a);
    const fieldWeights = distinct.length <= 8 ? distinct : [];
    const maxWeights = new Float32Array(keys.length);
    const weightsPresent = new Uint8Array(keys.length);
    const keySlots = slots ?? new Map<string, number>();
    for (let slot = 0; slot < keys.length; slot++) {
      let max = 0;
      let present = 0;
      for (let i = starts[slot]!, end = starts[slot + 1]!; i < end; i++) {
        const w = weights[i]!;
        if (w > max) max = w;
        const bit = fieldWeights.indexOf(w);
        if (bit >= 0) present |= 1 << bit;
      }
      maxWeights[slot] = max;
      weightsPresent[slot] = present;
      if (!slots) (keySlots as Map<string, number>).set(keys[slot]!, slot);
      if (slot % SLOTS_PER_TURN === 0) yield;
    }
    const lexicon = yield* Lexicon.build(keys.filter(isWordKey));
    return new TermIndex(postings, keySlots, { fieldWeights, maxWeights, weightsPresent, lexicon, groupOfKey });
  }

  private constructor(postings: Postings, slots: ReadonlyMap<string, number>, derived: DerivedFromPostings) {
    const { keys, starts, docs, weights, documents: n } = postings;
    this.slots = slots;
    this.starts = starts;
    this.docs = docs;
    this.weights = weights;
    this.fieldWeights = derived.fieldWeights;
    this.maxWeights = derived.maxWeights;
    this.weightsPresent = derived.weightsPresent;
    this.lexicon = derived.lexicon;
    this.groupOfKey = derived.groupOfKey;
    this.idfs = Float64Array.from({ length: keys.length }, (_, slot) => {
      const df = starts[slot + 1]! - starts[slot]!;
      return Math.log(1 + (n - df + 0.5) / (df + 0.5));
    });
    this.unknownIdf = Math.log(1 + (n + 0.5) / 0.5);
    this.score = new Float64Array(n);
    this.coverage = new Float64Array(n);
    this.termBest = new Float64Array(n);
    this.termFactor = new Float64Array(n);
    this.touched = new Uint32Array(n);
    this.termTouched = new Uint32Array(n);
  }

  has(key: string): boolean {
    return this.slots.has(key);
  }

  /** The postings this index was made from, for the knowledge cache. */
  postings(): Postings {
    return { keys: [...this.slots.keys()], starts: this.starts, docs: this.docs, weights: this.weights, documents: this.score.length };
  }

  idf(key: string): number {
    const slot = this.slots.get(key);
    return slot === undefined ? 0 : this.idfs[slot]!;
  }

  /** Vocabulary keys close to an unknown word: typos first, then longer and shorter compounds. */
  expand(word: string): readonly Expansion[] {
    // Remembered: a question's terms are expanded for the router and again for the answer, and
    // typo lookups in a large vocabulary are the costly part.
    return this.expansions.get(word, (w) => this.lookUp(w));
  }

  private lookUp(word: string): Expansion[] {
    if (this.slots.has(word)) return [{ key: word, factor: 1 }];
    if (!isWordKey(word) || word.length < MIN_TYPO_LENGTH || /\d/.test(word)) return [];
    // "barnet", "samtycket": the definite form Snowball keeps whole, where the index has the word.
    if (word.endsWith('et') && this.slots.has(word.slice(0, -2))) return this.withGroups([{ key: word.slice(0, -2), factor: 1 }]);
    const parts = this.compoundParts(word);
    if (parts && parts.length === 2) return this.withGroups(parts.map((key) => ({ key, factor: COMPOUND_FACTOR })));
    const found: Expansion[] = this.lexicon.typos(word, MAX_EXPANSIONS).map((t) => ({ key: t.word, factor: typoFactor(t.distance) }));
    // "oros" → "orosanmalan": the vocabulary word continues the typed one.
    for (const key of this.lexicon.continuations(word, MAX_EXPANSIONS - found.length)) found.push({ key, factor: PREFIX_FACTOR });
    // "sekretessregler" → "sekretess": the typed word is a compound of a known word.
    for (let len = word.length - 1; len >= Math.max(5, Math.ceil(word.length * 0.5)) && found.length < MAX_EXPANSIONS; len--) {
      const head = word.slice(0, len);
      if (this.slots.has(head)) {
        found.push({ key: head, factor: COMPOUND_FACTOR });
        break;
      }
    }
    // "partnervåldet": where only the last part is known, that part is what the compound is.
    if (found.length === 0 && parts) found.push({ key: parts[0]!, factor: COMPOUND_FACTOR });
    return this.withGroups(found);
  }

  /**
   * The two known words a Swedish compound is made of ("terrorbrott" → terror + brott,
   * "partnervald" → partner + vald, "knarkforsaljning" → knark + forsaljning), allowing the
   * linking "s" ("hedersvald"); the split with the longest shorter part wins. Undefined when no
   * split has both parts in the vocabulary; then the longest known last part alone, if any.
   */
  private compoundParts(word: string): string[] | undefined {
    let best: string[] | undefined;
    let bestShort = 0;
    let longestTail: string | undefined;
    for (let i = MIN_COMPOUND_PART; i <= word.length - MIN_COMPOUND_PART; i++) {
      const tail = this.known(word.slice(i));
      if (!tail) continue;
      if (longestTail === undefined && word.length - i >= MIN_TAIL) longestTail = tail;
      const headText = word.slice(0, i);
      const head = this.known(headText) ?? (headText.endsWith('s') && headText.length > MIN_COMPOUND_PART ? this.known(headText.slice(0, -1)) : undefined);
      if (!head) continue;
      const shorter = Math.min(headText.length, word.length - i);
      if (shorter > bestShort) {
        best = [head, tail];
        bestShort = shorter;
      }
    }
    if (best) return best;
    if (longestTail) return [longestTail];
    // "knarkförsäljning": a first part that is a synonym group's word says what the compound is about.
    for (let i = word.length - MIN_TAIL; i >= MIN_TAIL; i--) {
      const head = this.known(word.slice(0, i));
      if (head && this.groupOfKey(head) !== undefined) return [head];
    }
    return undefined;
  }

  /** The vocabulary key for a part of a compound, as written, as its stem, or without a definite "-et". */
  private known(part: string): string | undefined {
    for (const candidate of [part, stem(part), part.endsWith('et') ? stem(part.slice(0, -2)) : undefined]) {
      if (candidate !== undefined && this.slots.has(candidate)) return candidate;
    }
    return undefined;
  }

  /**
   * The found words, each after its synonym group's key at the same factor: "samtyke" found
   * "samtyck", which documents only have where they also have "syn:samtycke", so on its own it
   * would miss "medgivande" and every other word of the group, as the word typed right does not.
   */
  private withGroups(found: readonly Expansion[]): Expansion[] {
    const out: Expansion[] = [];
    for (const e of found) {
      const group = this.groupOfKey(e.key);
      if (group !== undefined && this.slots.has(group) && !out.some((o) => o.key === group)) out.push({ key: group, factor: e.factor });
      out.push(e);
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
    // A compound's stem is not the compound of its parts' stems ("terrorbrott" → "terrorbrot"):
    // an unknown word is split as typed.
    if (out.length === 0 && term.kind === 'word' && term.text !== term.keys[0]) out.push(...this.expand(term.text));
    return out;
  }

  /** Weight of a term in the coverage sum: rare keys weigh more; unknown words weigh the most. */
  termWeight(expansions: readonly Expansion[]): number {
    let best = 0;
    for (const e of expansions) best = Math.max(best, this.idf(e.key) * e.factor);
    return best === 0 ? this.unknownIdf : best;
  }

  /** Position of `doc` in the slot's (ascending) postings, by binary search; -1 if absent. */
  private find(slot: number, doc: number): number {
    let lo = this.starts[slot]!;
    let hi = this.starts[slot + 1]! - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const d = this.docs[mid]!;
      if (d === doc) return mid;
      if (d < doc) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  private plan(terms: readonly QueryTerm[]): TermPlan[] {
    const plans: TermPlan[] = [];
    for (const term of terms) {
      const expansions: PlannedKey[] = [];
      let bound = 0;
      let postings = 0;
      for (const { key, factor } of this.termKeys(term)) {
        const slot = this.slots.get(key);
        if (slot === undefined) continue;
        const idf = this.idfs[slot]!;
        expansions.push({ slot, idf, factor });
        bound = Math.max(bound, idf * this.maxWeights[slot]! * factor);
        postings += this.starts[slot + 1]! - this.starts[slot]!;
      }
      let weight = 0;
      for (const e of expansions) weight = Math.max(weight, e.idf * e.factor);
      plans.push({ expansions: this.undominated(expansions), weight: weight === 0 ? this.unknownIdf : weight, bound, postings });
    }
    return plans;
  }

  /**
   * The expansions without those another one always beats: a synonym group's literal word
   * ("fritidsgard" under "syn:fritidsgard") mostly occurs only where the group key does, with a
   * lower factor, so it can change neither a document's best match nor its factor. Walking its
   * postings (often as long as the group key's) would only cost time. Whether one key dominates
   * another is found by one merge of their postings and remembered.
   */
  private undominated(expansions: PlannedKey[]): PlannedKey[] {
    if (expansions.length < 2) return expansions;
    // Of keys that dominate each other (the same postings and scores) the first is kept.
    const kept = expansions.filter((e, j) => !expansions.some((d, i) => i !== j && this.dominates(d, e) && (i < j || !this.dominates(e, d))));
    return kept.length === expansions.length ? expansions : kept;
  }

  /** Whether every posting of `e` is in `d`, where `d` gives at least its score, and `d` has at least its factor. */
  private dominates(d: PlannedKey, e: PlannedKey): boolean {
    if (d.factor < e.factor) return false;
    if (d.slot === e.slot) return true;
    return this.dominance.get(`${d.slot}:${e.slot}:${d.factor}:${e.factor}`, () => this.coversPostings(d, e));
  }

  private coversPostings(d: PlannedKey, e: PlannedKey): boolean {
    const { starts, docs, weights } = this;
    let i = starts[d.slot]!;
    const dEnd = starts[d.slot + 1]!;
    if (dEnd - i < starts[e.slot + 1]! - starts[e.slot]!) return false;
    for (let j = starts[e.slot]!, end = starts[e.slot + 1]!; j < end; j++) {
      const doc = docs[j]!;
      while (i < dEnd && docs[i]! < doc) i++;
      if (i === dEnd || docs[i] !== doc) return false;
      if (d.idf * weights[i]! * d.factor < e.idf * weights[j]! * e.factor) return false;
    }
    return true;
  }

  /** Adds a term's best match in `doc` to its score and coverage (by lookup, for pruned runs). */
  private probe(plan: TermPlan, doc: number): void {
    let best = 0;
    let factor = 0;
    for (const e of plan.expansions) {
      const at = this.find(e.slot, doc);
      if (at < 0) continue;
      best = Math.max(best, e.idf * this.weights[at]! * e.factor);
      factor = Math.max(factor, e.factor);
    }
    this.score[doc]! += best;
    // Coverage ignores field weights: a word counts as explained however it matched, less for typos.
    this.coverage[doc]! += plan.weight * factor;
  }

  /**
   * Like {@link search}, but only over the given documents: for when a filter (a place) leaves few
   * candidates and the terms are common, so probing each candidate beats walking long postings.
   */
  searchWithin(terms: readonly QueryTerm[], docs: readonly number[], limit: number, topFieldWeight = 3): Hit[] {
    const plans = this.plan(terms);
    const totalWeight = plans.reduce((sum, p) => sum + p.weight, 0);
    const hits: Hit[] = [];
    for (const doc of docs) {
      for (const p of plans) this.probe(p, doc);
      const score = this.score[doc]!;
      if (score > 0) hits.push(this.hit(doc, score, this.coverage[doc]!, totalWeight, topFieldWeight));
      this.score[doc] = 0;
      this.coverage[doc] = 0;
    }
    // Stable: equal scores keep the caller's order (places nearest the asked-for one first).
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

  /** Walks a term's postings, adding its best match in each document; new documents only when `open`. */
  private walk(plan: TermPlan, touchedCount: number, open: boolean): number {
    const { starts, docs, weights, score, coverage, touched, termBest, termFactor, termTouched } = this;
    let reached = touchedCount;
    let highest = this.highest;
    if (plan.expansions.length === 1) {
      // One key: each document occurs once, so its match goes straight into the score.
      const { slot, idf, factor } = plan.expansions[0]!;
      const gain = plan.weight * factor;
      for (let i = starts[slot]!, end = starts[slot + 1]!; i < end; i++) {
        const doc = docs[i]!;
        const before = score[doc]!;
        if (before === 0) {
          if (!open) continue;
          touched[reached++] = doc;
        }
        const after = before + idf * weights[i]! * factor;
        score[doc] = after;
        if (after > highest) highest = after;
        coverage[doc]! += gain;
      }
      this.highest = highest;
      return reached;
    }
    let termCount = 0;
    for (const { slot, idf, factor } of plan.expansions) {
      for (let i = starts[slot]!, end = starts[slot + 1]!; i < end; i++) {
        const doc = docs[i]!;
        if (!open && score[doc] === 0) continue;
        const v = idf * weights[i]! * factor;
        if (termBest[doc] === 0) termTouched[termCount++] = doc;
        if (v > termBest[doc]!) termBest[doc] = v;
        if (factor > termFactor[doc]!) termFactor[doc] = factor;
      }
    }
    for (let t = 0; t < termCount; t++) {
      const doc = termTouched[t]!;
      if (score[doc] === 0) touched[reached++] = doc;
      const after = score[doc]! + termBest[doc]!;
      score[doc] = after;
      if (after > highest) highest = after;
      coverage[doc]! += plan.weight * termFactor[doc]!;
      termBest[doc] = 0;
      termFactor[doc] = 0;
    }
    this.highest = highest;
    return reached;
  }

  /**
   * The score the `limit`-th best allowed document has reached so far (0 with fewer): a document
   * that cannot pass it cannot enter the result.
   */
  private threshold(touchedCount: number, limit: number, allow: ((doc: number) => boolean) | undefined): number {
    const top: number[] = [];
    for (let t = 0; t < touchedCount; t++) {
      const doc = this.touched[t]!;
      const score = this.score[doc]!;
      if (top.length >= limit && score <= top[top.length - 1]!) continue;
      if (allow && !allow(doc)) continue;
      let i = top.length;
      top.push(score);
      while (i > 0 && top[i - 1]! < score) {
        top[i] = top[i - 1]!;
        i--;
      }
      top[i] = score;
      if (top.length > limit) top.pop();
    }
    return top.length < limit ? 0 : top[limit - 1]!;
  }

  /**
   * For one term, without walking whole posting lists: a document's score is its best match, so
   * the documents are taken level by level, best match value first (a key at one field weight),
   * each level in document order (equal scores rank by document number), until `limit` allowed
   * documents are found. Common words in thousands of function names ("fritidsgard") then cost
   * a few dozen postings. Undefined when two keys give the same value (their documents would
   * have to be merged) or the index has too many distinct field weights.
   */
  private topOfOne(plan: TermPlan, limit: number, allow: ((doc: number) => boolean) | undefined, totalWeight: number, topFieldWeight: number): Hit[] | undefined {
    if (limit <= 0 || this.fieldWeights.length === 0) return undefined;
    const levels: Array<{ e: PlannedKey; weight: number; value: number }> = [];
    for (const e of plan.expansions) {
      const present = this.weightsPresent[e.slot]!;
      this.fieldWeights.forEach((weight, w) => {
        if (present & (1 << w)) levels.push({ e, weight, value: e.idf * weight * e.factor });
      });
    }
    levels.sort((a, b) => b.value - a.value);
    for (let l = 1; l < levels.length; l++) if (levels[l]!.value === levels[l - 1]!.value) return undefined;
    const { starts, docs, weights, termBest } = this;
    const found: number[] = [];
    const values: number[] = [];
    let marked = 0;
    for (const { e, weight, value } of levels) {
      for (let i = starts[e.slot]!, end = starts[e.slot + 1]!; i < end && found.length < limit; i++) {
        if (weights[i] !== weight) continue;
        const doc = docs[i]!;
        // Taken at a better level already (marked in termBest, cleared below).
        if (termBest[doc] !== 0) continue;
        termBest[doc] = 1;
        this.termTouched[marked++] = doc;
        if (allow && !allow(doc)) continue;
        found.push(doc);
        values.push(value);
      }
      if (found.length >= limit) break;
    }
    for (let t = 0; t < marked; t++) termBest[this.termTouched[t]!] = 0;
    return found.map((doc, n) => {
      let factor = 0;
      for (const e of plan.expansions) if (e.factor > factor && this.find(e.slot, doc) >= 0) factor = e.factor;
      return this.hit(doc, values[n]!, plan.weight * factor, totalWeight, topFieldWeight);
    });
  }

  /**
   * Whether some document could match at least `minCoverage` of the terms' weight (as
   * {@link Hit.coverage}); false only when none can, so a caller may skip a {@link search} whose
   * hits it only tests for that coverage. A matching document must have every term whose loss
   * alone would take it below the share, so only the shortest postings of those are walked, and
   * each of their documents is probed for the other terms until it cannot reach the share.
   * Answers true when it cannot tell cheaply (no such term); the test keeps a small margin for
   * rounding, so it never says false where the search's sums would reach the share.
   */
  mayCover(terms: readonly QueryTerm[], minCoverage: number): boolean {
    const all = this.plan(terms);
    const totalWeight = all.reduce((sum, p) => sum + p.weight, 0);
    if (!(totalWeight > 0)) return true;
    const need = minCoverage * totalWeight * (1 - 1e-9);
    // Per term the most it can add to a document's coverage: its weight times its best factor.
    const plans = all.filter((p) => p.expansions.length > 0);
    const gains = plans.map((p) => p.weight * Math.max(...p.expansions.map((e) => e.factor)));
    const most = gains.reduce((sum, g) => sum + g, 0);
    if (most < need) return false;
    const slack = most - need;
    let walked = -1;
    for (let t = 0; t < plans.length; t++) if (gains[t]! > slack && (walked < 0 || plans[t]!.postings < plans[walked]!.postings)) walked = t;
    if (walked < 0) return true;
    // The others, the biggest loss first, so most documents are given up after one lookup.
    const others = plans.map((_, t) => t).filter((t) => t !== walked).sort((a, b) => gains[b]! - gains[a]!);
    const { starts, docs } = this;
    for (const e of plans[walked]!.expansions) {
      for (let i = starts[e.slot]!, end = starts[e.slot + 1]!; i < end; i++) {
        const doc = docs[i]!;
        // The walked term's own loss for this document: a lesser expansion of it.
        let lost = gains[walked]! - plans[walked]!.weight * this.bestFactor(plans[walked]!, doc);
        for (let o = 0; o < others.length && lost <= slack; o++) {
          const t = others[o]!;
          lost += gains[t]! - plans[t]!.weight * this.bestFactor(plans[t]!, doc);
        }
        if (lost <= slack) return true;
      }
    }
    return false;
  }

  /** The best factor of a term's keys in `doc`, 0 when none has it. */
  private bestFactor(plan: TermPlan, doc: number): number {
    let factor = 0;
    for (const e of plan.expansions) if (e.factor > factor && this.find(e.slot, doc) >= 0) factor = e.factor;
    return factor;
  }

  /**
   * The best `limit` documents for the terms, best first (ties: lower document number first).
   * `allow` filters documents (e.g. by organisation kind) before they are ranked.
   */
  search(terms: readonly QueryTerm[], limit: number, allow?: (doc: number) => boolean, topFieldWeight = 3): Hit[] {
    const all = this.plan(terms);
    const totalWeight = all.reduce((sum, p) => sum + p.weight, 0);
    // Words the index does not know weigh in the coverage but have no postings to walk.
    const plans = all.filter((p) => p.expansions.length > 0).sort((a, b) => b.bound - a.bound);
    if (plans.length === 1) {
      const top = this.topOfOne(plans[0]!, limit, allow, totalWeight, topFieldWeight);
      if (top) return top;
    }
    // remaining[i]: the most terms i.. can still add to a document's score.
    const remaining = new Float64Array(plans.length + 1);
    for (let i = plans.length - 1; i >= 0; i--) remaining[i] = remaining[i + 1]! + plans[i]!.bound;

    let touchedCount = 0;
    let open = true;
    this.highest = 0;
    for (let i = 0; i < plans.length; i++) {
      const plan = plans[i]!;
      if (open || plan.postings <= touchedCount * 16) touchedCount = this.walk(plan, touchedCount, open);
      else for (let t = 0; t < touchedCount; t++) this.probe(plan, this.touched[t]!);
      if (!open || i + 1 === plans.length) continue;
      // Cheap test first: no document is ahead of what the rest could give a newcomer.
      if (this.highest <= remaining[i + 1]!) continue;
      const bar = this.threshold(touchedCount, limit, allow);
      if (bar <= remaining[i + 1]!) continue;
      // Closed: a document not yet reached scores at most remaining[i + 1] < bar. Drop the reached
      // ones that cannot get to the bar either, so the long postings are probed for few documents.
      open = false;
      let kept = 0;
      for (let t = 0; t < touchedCount; t++) {
        const doc = this.touched[t]!;
        if (this.score[doc]! + remaining[i + 1]! >= bar) this.touched[kept++] = doc;
        else {
          this.score[doc] = 0;
          this.coverage[doc] = 0;
        }
      }
      touchedCount = kept;
    }

    const top: Hit[] = [];
    for (let t = 0; t < touchedCount; t++) {
      const doc = this.touched[t]!;
      const score = this.score[doc]!;
      const matched = this.coverage[doc]!;
      this.score[doc] = 0;
      this.coverage[doc] = 0;
      // The filter may be costly (area checks), so it only runs for documents that would rank.
      if (top.length >= limit && !ranksBefore(score, doc, top[top.length - 1]!)) continue;
      if (allow && !allow(doc)) continue;
      const hit = this.hit(doc, score, matched, totalWeight, topFieldWeight);
      let i = top.length;
      top.push(hit);
      while (i > 0 && ranksBefore(score, doc, top[i - 1]!)) {
        top[i] = top[i - 1]!;
        i--;
      }
      top[i] = hit;
      if (top.length > limit) top.pop();
    }
    return top;
  }
}

interface PlannedKey {
  slot: number;
  idf: number;
  factor: number;
}

interface TermPlan {
  expansions: PlannedKey[];
  /** The term's weight in the coverage sum. */
  weight: number;
  /** The most the term can add to any document's score. */
  bound: number;
  /** Postings of all its keys together. */
  postings: number;
}

/** Higher score first; on equal scores the lower document number, so results do not depend on term order. */
const ranksBefore = (score: number, doc: number, other: Hit) => score > other.score || (score === other.score && doc < other.doc);
