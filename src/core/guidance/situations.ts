/**
 * Which kinds of case a question describes ("mammas nya kille slår henne" is a crime against a
 * child; "han håller på att rekryteras" a risk of crime ahead), read from the cue words editors keep
 * in `knowledge/situations.yaml`. Snippets declare the situations they answer, so ranking can weigh
 * agreement of facts beside agreement of words: a long case description shares many words with the
 * wrong rule and few with the right one.
 */
import type { Situation, Snippet } from '../knowledge/schema.js';
import { fold, stem, STOPWORDS, tokenise } from '../text/normalise.js';

/** A single-word cue this long also matches as the head or tail of a compound ("partnervåldet"). */
const COMPOUND_CUE_LENGTH = 5;

interface Cue {
  situation: string;
  stems: readonly string[];
}

export class SituationIndex {
  private readonly cues: readonly Cue[];
  private readonly names: ReadonlyArray<{ id: string; folded: string }>;
  readonly byId: ReadonlyMap<string, Situation>;

  constructor(situations: readonly Situation[]) {
    this.byId = new Map(situations.map((s) => [s.id, s]));
    // A one-word cue that stems to an everyday word ("honor" → "hon") would be found everywhere.
    this.cues = situations.flatMap((s) => s.cues.map((c) => ({ situation: s.id, stems: tokenise(c).map(stem) })).filter((c) => c.stems.length > 1 || (c.stems.length === 1 && !STOPWORDS.has(c.stems[0]!))));
    this.names = situations.map((s) => ({ id: s.id, folded: fold(s.name) }));
  }

  private readonly bySnippets = new WeakMap<readonly Snippet[], { docs: Map<string, number[]>; tagged: number }>();

  /** Per situation, the positions of the snippets written for it, worked out once per knowledge version. */
  private listed(snippets: readonly Snippet[]): { docs: Map<string, number[]>; tagged: number } {
    let listed = this.bySnippets.get(snippets);
    if (!listed) {
      const docs = new Map<string, number[]>();
      let tagged = 0;
      snippets.forEach((s, doc) => {
        if (s.situations.length > 0) tagged++;
        for (const x of s.situations) {
          const list = docs.get(x);
          if (list) list.push(doc);
          else docs.set(x, [doc]);
        }
      });
      this.bySnippets.set(snippets, (listed = { docs, tagged }));
    }
    return listed;
  }

  /** Positions of the snippets written for a situation. */
  snippetsFor(id: string, snippets: readonly Snippet[]): readonly number[] {
    return this.listed(snippets).docs.get(id) ?? [];
  }

  /** The share of the snippets written for a situation: the rarer, the more a question naming it tells. */
  share(id: string, snippets: readonly Snippet[]): number {
    const { docs, tagged } = this.listed(snippets);
    return (docs.get(id)?.length ?? 0) / Math.max(1, tagged);
  }

  /** The situations the folded words name, by their cues (or by the situation's own name, as a clarifying button sends it). */
  find(words: readonly string[]): ReadonlySet<string> {
    // Asked for the same analysis by the router, the ranking and the answer.
    let found = this.found.get(words);
    if (!found) this.found.set(words, (found = this.scan(words)));
    return found;
  }

  private readonly found = new WeakMap<readonly string[], ReadonlySet<string>>();

  private scan(words: readonly string[]): Set<string> {
    const found = new Set<string>();
    const stems = words.map(stem);
    for (const cue of this.cues) {
      if (found.has(cue.situation)) continue;
      if (cue.stems.length === 1 ? stems.some((s) => matchesWord(s, cue.stems[0]!)) : containsSequence(stems, cue.stems)) found.add(cue.situation);
    }
    const text = words.join(' ');
    for (const n of this.names) if (text.includes(tokenise(n.folded).join(' '))) found.add(n.id);
    return found;
  }
}

function matchesWord(word: string, cue: string): boolean {
  // "partnervåldet": Snowball keeps a definite "-et" after two consonants.
  if (word === cue || (word.endsWith('et') && word.slice(0, -2) === cue)) return true;
  return cue.length >= COMPOUND_CUE_LENGTH && ((word.length > cue.length + 2 && word.endsWith(cue)) || (word.length > cue.length && word.startsWith(cue)));
}

function containsSequence(stems: readonly string[], cue: readonly string[]): boolean {
  outer: for (let i = 0; i + cue.length <= stems.length; i++) {
    for (let j = 0; j < cue.length; j++) if (stems[i + j] !== cue[j]) continue outer;
    return true;
  }
  return false;
}
