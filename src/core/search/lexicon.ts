/**
 * A sorted vocabulary that finds the words close to an unknown one: typos through trigrams and
 * prefixes for Swedish compounds. Shared by the term indexes and by place names.
 *
 * Typo lookup is the hot path of a question with unknown words, so it avoids touching the whole
 * vocabulary: the trigram lists hold word ids ordered by word length (a typo changes the length by
 * at most its distance, so only a slice of each list is read), candidates come from the rarest
 * lists only, and the edit distance is computed only for words with enough trigrams in common
 * (see {@link Lexicon.typos}). Scratch arrays are allocated once, so a lookup allocates little.
 */

import { runAtOnce, type Work } from '../turns.js';

export interface Typo {
  word: string;
  distance: number;
}

// Rows of the distance table, reused between calls (grown when a longer word comes).
let rows = [new Int32Array(32), new Int32Array(32), new Int32Array(32)];

/** Optimal string alignment distance, bounded: returns max + 1 as soon as it is exceeded. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (rows[0]!.length <= b.length) rows = rows.map(() => new Int32Array(b.length + 1));
  let [prev2, prev, row] = rows as [Int32Array, Int32Array, Int32Array];
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      row[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const oldest = prev2;
    prev2 = prev;
    prev = row;
    row = oldest;
  }
  return prev[b.length]!;
}

const BUCKETS = 64;
const remaining = new Int16Array(BUCKETS);

/** Letters of a word counted in buckets (letters sharing a bucket only make {@link bagDistance} lower). */
function letterCounts(word: string): Int16Array {
  const counts = new Int16Array(BUCKETS);
  for (let i = 0; i < word.length; i++) counts[word.charCodeAt(i) % BUCKETS]!++;
  return counts;
}

/**
 * A lower bound of the edit distance from letters alone: each edit adds or removes at most one
 * letter on either side (a swap none). Much cheaper than the distance, and most candidates fail it.
 */
function bagDistance(counts: Int16Array, length: number, other: string): number {
  remaining.set(counts);
  let unmatched = 0;
  for (let i = 0; i < other.length; i++) {
    const b = other.charCodeAt(i) % BUCKETS;
    if (remaining[b]! > 0) remaining[b]!--;
    else unmatched++;
  }
  return Math.max(unmatched, length - (other.length - unmatched));
}

/** Shortest word looked up for typos: shorter words have too many neighbours to guess from. */
export const MIN_TYPO_LENGTH = 4;

/** Typos allowed in a word of this length. */
export const maxTypoDistance = (word: string) => (word.length >= 8 ? 2 : 1);

function trigrams(word: string): string[] {
  const padded = `^${word}$`;
  const grams: string[] = [];
  for (let i = 0; i + 3 <= padded.length; i++) grams.push(padded.slice(i, i + 3));
  return grams;
}

const NO_IDS = new Uint32Array(0);

interface GramList {
  /** Word ids, shortest words first. */
  ids: Uint32Array;
  /** starts[len] = first position of words of length ≥ len (clamped to the longest length). */
  starts: Uint32Array;
}

export class Lexicon {
  /** Sorted, for prefix lookups. */
  readonly words: readonly string[];
  private readonly known: ReadonlySet<string>;
  private readonly grams: ReadonlyMap<string, GramList>;
  private readonly maxLength: number;
  /** seen[id] === epoch marks a candidate of the current lookup; shared[id] counts its trigrams in common. */
  private readonly seen: Uint32Array;
  private readonly shared: Uint16Array;
  private epoch = 0;

  static of(words: Iterable<string>): Lexicon {
    return runAtOnce(Lexicon.build(words));
  }

  /** The lexicon of the words, pausing after each word and each trigram list (see turns.ts). */
  static *build(words: Iterable<string>): Work<Lexicon> {
    const known = new Set(words);
    const sorted = [...known].sort();
    const maxLength = sorted.reduce((m, w) => Math.max(m, w.length), 0);
    const lists = new Map<string, number[]>();
    // Ids in order of length, so each trigram list comes out length-ordered.
    const byLength = sorted.map((_, id) => id).sort((a, b) => sorted[a]!.length - sorted[b]!.length || a - b);
    for (const id of byLength) {
      const word = sorted[id]!;
      if (word.length < MIN_TYPO_LENGTH) continue;
      for (const g of new Set(trigrams(word))) {
        let list = lists.get(g);
        if (!list) lists.set(g, (list = []));
        list.push(id);
      }
      yield;
    }
    const grams = new Map<string, GramList>();
    for (const [g, ids] of lists) {
      const starts = new Uint32Array(maxLength + 2);
      let pos = 0;
      for (let len = 0; len <= maxLength + 1; len++) {
        while (pos < ids.length && sorted[ids[pos]!]!.length < len) pos++;
        starts[len] = pos;
      }
      grams.set(g, { ids: Uint32Array.from(ids), starts });
      yield;
    }
    return new Lexicon(known, sorted, grams, maxLength);
  }

  private constructor(known: ReadonlySet<string>, words: readonly string[], grams: ReadonlyMap<string, GramList>, maxLength: number) {
    this.known = known;
    this.words = words;
    this.grams = grams;
    this.maxLength = maxLength;
    this.seen = new Uint32Array(words.length);
    this.shared = new Uint16Array(words.length);
  }

  has(word: string): boolean {
    return this.known.has(word);
  }

  /**
   * Vocabulary words within {@link maxTypoDistance} of `word` (itself excluded), nearest first,
   * then alphabetical. An edit breaks at most four trigrams (a swap of two letters does), so a word
   * within distance d shares at least grams − 4d of the typed word's trigrams. The 4d + 1 rarest
   * trigram lists therefore hold every such word; the other lists only add to the counts of the
   * words found there, and only words with enough trigrams in common get the edit distance.
   */
  typos(word: string, limit: number): Typo[] {
    if (word.length < MIN_TYPO_LENGTH || /\d/.test(word)) return [];
    const max = maxTypoDistance(word);
    const lo = Math.max(0, word.length - max);
    const hi = Math.min(this.maxLength + 1, word.length + max + 1);
    const slices: Array<[Uint32Array, number, number]> = [];
    for (const g of new Set(trigrams(word))) {
      const list = this.grams.get(g);
      slices.push(list && lo <= this.maxLength ? [list.ids, list.starts[lo]!, list.starts[hi]!] : [NO_IDS, 0, 0]);
    }
    slices.sort((a, b) => a[2] - a[1] - (b[2] - b[1]));
    const needed = Math.max(1, slices.length - 4 * max);
    const opening = Math.min(slices.length, 4 * max + 1);
    if (++this.epoch === 0xffffffff) {
      this.seen.fill(0);
      this.epoch = 1;
    }
    const candidates: number[] = [];
    slices.forEach(([ids, from, to], s) => {
      for (let i = from; i < to; i++) {
        const id = ids[i]!;
        if (this.seen[id] === this.epoch) this.shared[id]!++;
        else if (s < opening) {
          this.seen[id] = this.epoch;
          this.shared[id] = 1;
          candidates.push(id);
        }
      }
    });
    const letters = letterCounts(word);
    const found: Typo[] = [];
    for (const id of candidates) {
      const candidate = this.words[id]!;
      if (this.shared[id]! < needed || candidate === word || bagDistance(letters, word.length, candidate) > max) continue;
      const distance = editDistance(word, candidate, max);
      if (distance <= max) found.push({ word: candidate, distance });
    }
    return found.sort((a, b) => a.distance - b.distance || a.word.localeCompare(b.word)).slice(0, limit);
  }

  /** Vocabulary words that continue `word` ("oros" → "orosanmalan"), alphabetical. */
  continuations(word: string, limit: number): string[] {
    let lo = 0;
    let hi = this.words.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.words[mid]! < word) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < this.words.length && out.length < limit && this.words[i]!.startsWith(word); i++) {
      if (this.words[i] !== word) out.push(this.words[i]!);
    }
    return out;
  }
}
