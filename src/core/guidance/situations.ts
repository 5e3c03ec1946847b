/**
 * Which kinds of case a question describes ("mammas nya kille slår henne" is a crime against a
 * child; "han håller på att rekryteras" a risk of crime ahead), read from the cue words editors keep
 * in `knowledge/situations.yaml`. Snippets declare the situations they answer, so ranking can weigh
 * agreement of facts beside agreement of words: a long case description shares many words with the
 * wrong rule and few with the right one.
 */
import type { Situation, Snippet } from '../../knowledge/schema.js';
import type { Analysis } from '../search/analyse.js';
import { fold, FUNCTION_WORDS, stem, STOPWORDS, tokenise } from '../text/normalise.js';

/** A single-word cue this long also matches as the head or tail of a compound ("partnervåldet"). */
const COMPOUND_CUE_LENGTH = 5;

interface Cue {
  situation: string;
  stems: readonly string[];
  /** A one-word cue as written, lower case: its å, ä and ö must agree with a word typed with them. */
  written?: string;
}

const SWEDISH_LETTERS = /[åäö]/;

export class SituationIndex {
  private readonly cues: readonly Cue[];
  private readonly names: ReadonlyArray<{ id: string; folded: string }>;
  readonly byId: ReadonlyMap<string, Situation>;

  constructor(situations: readonly Situation[]) {
    this.byId = new Map(situations.map((s) => [s.id, s]));
    // A cue that is itself an everyday word would be found everywhere; one that only stems like one
    // ("möte" → "mot", "honor" → "hon") is fine, as question words that are stopwords are never cues.
    this.cues = situations.flatMap((s) =>
      s.cues
        .map((c): Cue => {
          const stems = tokenise(c).map(stem);
          return stems.length === 1 ? { situation: s.id, stems, written: c.normalize('NFC').toLowerCase().trim() } : { situation: s.id, stems };
        })
        .filter((c) => c.stems.length > 1 || (c.stems.length === 1 && !STOPWORDS.has(fold(c.written!)))),
    );
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

  /** The situations a question names, by their cues (or by the situation's own name, as a clarifying button sends it). */
  find(analysis: Pick<Analysis, 'words' | 'typed'>): ReadonlySet<string> {
    // Asked for the same analysis by the router, the ranking and the answer.
    let found = this.found.get(analysis.words);
    if (!found) this.found.set(analysis.words, (found = this.scan(analysis.words, analysis.typed)));
    return found;
  }

  private readonly found = new WeakMap<readonly string[], ReadonlySet<string>>();

  private scan(words: readonly string[], typed: readonly string[]): Set<string> {
    const found = new Set<string>();
    const stems = words.map(stem);
    // "vad gäller mot soc": a function word is never a one-word cue, whatever it stems like ("möte").
    const single = (cue: Cue) =>
      stems.some((s, i) => !STOPWORDS.has(words[i]!) && !FUNCTION_WORDS.has(words[i]!) && matchesWord(s, cue.stems[0]!) && sameLetters(typed[i] ?? words[i]!, cue.written ?? '', cue.stems[0]!));
    for (const cue of this.cues) {
      if (found.has(cue.situation)) continue;
      if (cue.stems.length === 1 ? single(cue) : containsSequence(stems, cue.stems)) found.add(cue.situation);
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

/**
 * A word typed with å, ä or ö is read as typed: "gånger" is not "gäng", though both fold to "gang".
 * Typed without them (on a phone), it may be either, and the cue counts. The cue's stem is lined up
 * where it sits in the word ("gängkriminalitet", "sexövergreppen") and compared letter by letter.
 */
function sameLetters(typed: string, written: string, cueStem: string): boolean {
  if (!SWEDISH_LETTERS.test(typed) || written === '') return true;
  const at = fold(typed).indexOf(cueStem);
  return at < 0 || typed.slice(at, at + cueStem.length) === written.slice(0, cueStem.length);
}

function containsSequence(stems: readonly string[], cue: readonly string[]): boolean {
  outer: for (let i = 0; i + cue.length <= stems.length; i++) {
    for (let j = 0; j < cue.length; j++) if (stems[i + j] !== cue[j]) continue outer;
    return true;
  }
  return false;
}
