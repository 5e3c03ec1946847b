/**
 * Areas by every name people use (name, aliases, without å/ä/ö, with typos) and their hierarchy:
 * a neighbourhood lies within a stadsområde and a lokalpolisområde, which lie within larger areas.
 */
import type { Area } from '../knowledge/schema.js';
import { BoundedMemo } from '../boundedMemo.js';
import { Lexicon } from '../search/lexicon.js';
import type { Work } from '../turns.js';
import { tokenise } from '../text/normalise.js';

/** What is at a place, written together with its name ("Möllevångstorget", "Rosengårdsskolan"), folded. */
const FACILITY_SUFFIXES = ['torget', 'centrum', 'skolan', 'parken', 'stationen', 'badet', 'gymnasiet', 'biblioteket', 'galleria', 'gallerian'];

export interface AreaMention {
  areaIds: readonly string[];
  /** Word positions [start, end) in the analysed words. */
  start: number;
  end: number;
  /** True when found through a typo rather than a name or alias. */
  fuzzy: boolean;
}

function walk(start: string, next: (id: string) => readonly string[]): Map<string, number> {
  const distance = new Map<string, number>([[start, 0]]);
  const queue = [start];
  // An index rather than shift(), which copies the queue: a county's queue holds thousands of areas.
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head]!;
    for (const n of next(id)) {
      if (!distance.has(n)) {
        distance.set(n, distance.get(id)! + 1);
        queue.push(n);
      }
    }
  }
  distance.delete(start);
  return distance;
}

interface AreaParts {
  byId: ReadonlyMap<string, Area>;
  phrases: ReadonlyMap<string, string[]>;
  maxWords: number;
  children: ReadonlyMap<string, string[]>;
  singleWords: Lexicon;
  singleWordAreas: ReadonlyMap<string, string[]>;
  nameWords: ReadonlySet<string>;
}

export class AreaIndex {
  private readonly byId: ReadonlyMap<string, Area>;
  private readonly phrases: ReadonlyMap<string, string[]>;
  private readonly maxWords: number;
  private readonly children: ReadonlyMap<string, string[]>;
  /**
   * The hierarchy around an area, worked out when first asked for and then kept: most areas are
   * never asked about, and working it out for all of them was a tenth of start-up at 50k.
   */
  private readonly ancestorMap = new Map<string, ReadonlyMap<string, number>>();
  private readonly descendantMap = new Map<string, ReadonlyMap<string, number>>();
  private readonly overlapMap = new Map<string, ReadonlyMap<string, number>>();
  /** Single-word names, for typo matching. */
  private readonly singleWords: Lexicon;
  /**
   * The name each word looked up is a typo of (null: none). The same unknown words ("beratta",
   * "information") come in question after question, and at 26k areas a lookup was a sixth of a
   * slow question.
   */
  private readonly typoOf = new BoundedMemo<string | null>(4096);
  private readonly singleWordAreas: ReadonlyMap<string, string[]>;
  private readonly nameWords: ReadonlySet<string>;

  /** The index of the areas, pausing after each area (see turns.ts): 26k areas took a quarter of a second. */
  static *build(areas: readonly Area[]): Work<AreaIndex> {
    const byId = new Map(areas.map((a) => [a.id, a]));
    const children = new Map<string, string[]>();
    for (const a of areas) {
      for (const parent of a.within) {
        if (!byId.has(parent)) continue;
        const list = children.get(parent) ?? [];
        list.push(a.id);
        children.set(parent, list);
      }
    }
    yield;
    let maxWords = 1;
    const phrases = new Map<string, string[]>();
    const nameWords = new Set<string>();
    const single = new Map<string, Set<string>>();
    for (const a of areas) {
      for (const name of [a.name, ...a.aliases]) {
        const words = tokenise(name);
        if (words.length === 0) continue;
        for (const w of words) nameWords.add(w);
        const key = words.join(' ');
        const list = phrases.get(key) ?? [];
        if (!list.includes(a.id)) list.push(a.id);
        phrases.set(key, list);
        maxWords = Math.max(maxWords, words.length);
        if (words.length === 1) {
          const ids = single.get(key) ?? new Set<string>();
          ids.add(a.id);
          single.set(key, ids);
        }
      }
      yield;
    }
    const singleWordAreas = new Map([...single].map(([word, ids]) => [word, [...ids]]));
    const singleWords = yield* Lexicon.build(single.keys());
    return new AreaIndex({ byId, phrases, maxWords, children, singleWords, singleWordAreas, nameWords });
  }

  private constructor(parts: AreaParts) {
    this.byId = parts.byId;
    this.phrases = parts.phrases;
    this.maxWords = parts.maxWords;
    this.children = parts.children;
    this.singleWords = parts.singleWords;
    this.singleWordAreas = parts.singleWordAreas;
    this.nameWords = parts.nameWords;
  }

  /** True when the folded word is part of some area's name or alias. */
  hasNameWord(word: string): boolean {
    return this.nameWords.has(word);
  }

  get(id: string): Area | undefined {
    return this.byId.get(id);
  }

  name(id: string): string {
    return this.byId.get(id)?.name ?? id;
  }

  /** The kept value for a known area, worked out on first use; unknown ids get an empty map, not kept. */
  private remember(memo: Map<string, ReadonlyMap<string, number>>, id: string, work: () => ReadonlyMap<string, number>): ReadonlyMap<string, number> {
    if (!this.byId.has(id)) return new Map();
    let value = memo.get(id);
    if (!value) memo.set(id, (value = work()));
    return value;
  }

  /** Areas this one lies within, with their distance (1 = directly within). */
  ancestors(id: string): ReadonlyMap<string, number> {
    return this.remember(this.ancestorMap, id, () => walk(id, (a) => this.byId.get(a)?.within.filter((p) => this.byId.has(p)) ?? []));
  }

  /** Areas lying within this one, with their distance. */
  descendants(id: string): ReadonlyMap<string, number> {
    return this.remember(this.descendantMap, id, () => walk(id, (a) => this.children.get(a) ?? []));
  }

  /**
   * Areas that share ground without one containing the other: Södertälje kommun and
   * Lokalpolisområde Södertälje both contain Ronna. This is how the police side of a place is found.
   */
  overlapping(id: string): ReadonlyMap<string, number> {
    return this.remember(this.overlapMap, id, () => this.computeOverlaps(id));
  }

  /** Overlapping areas with their distance up from the shared part (1 = directly contains it). */
  private computeOverlaps(id: string): ReadonlyMap<string, number> {
    const ancestors = this.ancestors(id);
    const descendants = this.descendants(id);
    const out = new Map<string, number>();
    for (const d of [id, ...descendants.keys()]) {
      for (const [a, distance] of this.ancestors(d)) {
        if (a !== id && !ancestors.has(a) && !descendants.has(a) && distance < (out.get(a) ?? Infinity)) out.set(a, distance);
      }
    }
    return out;
  }

  /**
   * "Möllevångstorget", "Rosengårdsskolan", "Hyllieparken": a place named with what is there, as one
   * word. The head is a name as written or without its definite ending ("mollevang" of
   * "mollevangen"), with or without a genitive "s".
   */
  private placeOfFacility(word: string): string[] | undefined {
    const suffix = FACILITY_SUFFIXES.find((x) => word.length > x.length + 3 && word.endsWith(x));
    if (!suffix) return undefined;
    const head = word.slice(0, -suffix.length);
    for (const h of head.endsWith('s') ? [head, head.slice(0, -1)] : [head]) {
      const ids = this.phrases.get(h) ?? this.phrases.get(`${h}en`) ?? this.phrases.get(`${h}n`);
      if (ids) return ids;
    }
    return undefined;
  }

  /**
   * Areas named in a sequence of folded words: longest name first, genitive "s" allowed
   * ("Rosengårds"), then single-word typos ("Rosengaard") for words the rest of the knowledge
   * does not know.
   */
  find(words: readonly string[], isKnownWord: (word: string) => boolean): AreaMention[] {
    const found: AreaMention[] = [];
    for (let i = 0; i < words.length; ) {
      let hit: AreaMention | undefined;
      for (let len = Math.min(this.maxWords, words.length - i); len >= 1 && !hit; len--) {
        const phrase = words.slice(i, i + len).join(' ');
        const ids = this.phrases.get(phrase) ?? (phrase.length > 4 && phrase.endsWith('s') ? this.phrases.get(phrase.slice(0, -1)) : undefined);
        if (ids) hit = { areaIds: ids, start: i, end: i + len, fuzzy: false };
      }
      if (!hit) {
        const ids = this.placeOfFacility(words[i]!);
        if (ids) hit = { areaIds: ids, start: i, end: i + 1, fuzzy: false };
      }
      if (!hit) {
        const word = words[i]!;
        if (word.length >= 5 && !isKnownWord(word)) {
          // Typos only: a prefix ("malm") or a compound is too loose for a place name.
          const close = this.typoOf.get(word, (w) => this.singleWords.typos(w, 1)[0]?.word ?? null);
          const ids = close === null ? undefined : this.singleWordAreas.get(close);
          if (ids) hit = { areaIds: ids, start: i, end: i + 1, fuzzy: true };
        }
      }
      if (hit) {
        found.push(hit);
        i = hit.end;
      } else i++;
    }
    return found;
  }
}
