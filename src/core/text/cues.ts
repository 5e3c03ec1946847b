/**
 * Cue words that editors keep in the knowledge (the kinds of case in `situations.yaml`, the
 * everyday topics outside the domain in `synonyms.yaml`), found in a question on word stems: a
 * one-word cue also as the head or tail of a compound ("partnervåldet"), a phrase word by word.
 * A cue may hold only for a young person ("gravid" under 15 is a crime against a child).
 */
import type { Analysis } from '../search/analyse.js';
import { fold, FUNCTION_WORDS, stem, STOPWORDS, tokenise } from './normalise.js';

/** A cue as written in the knowledge: a word or phrase, or one that holds only under an age. */
export type CueText = string | { readonly cue: string; readonly under: number };

/** A single-word cue this long also matches as the head or tail of a compound ("partnervåldet"). */
const COMPOUND_CUE_LENGTH = 5;

const SWEDISH_LETTERS = /[åäö]/;

interface Cue<L> {
  label: L;
  stems: readonly string[];
  /** A one-word cue as written, lower case: its å, ä and ö must agree with a word typed with them. */
  written?: string;
  /** Holds only when the question names an age below this. */
  under?: number;
}

export class CueMatcher<L> {
  private readonly cues: readonly Cue<L>[];
  private readonly found = new WeakMap<readonly string[], ReadonlySet<L>>();

  constructor(entries: ReadonlyArray<{ label: L; cues: readonly CueText[] }>) {
    // A cue that is itself an everyday word would be found everywhere; one that only stems like one
    // ("möte" → "mot", "honor" → "hon") is fine, as question words that are stopwords are never cues.
    this.cues = entries.flatMap(({ label, cues }) =>
      cues
        .map((c): Cue<L> => {
          const text = typeof c === 'string' ? c : c.cue;
          const stems = tokenise(text).map(stem);
          return {
            label,
            stems,
            ...(stems.length === 1 ? { written: text.normalize('NFC').toLowerCase().trim() } : {}),
            ...(typeof c === 'string' ? {} : { under: c.under }),
          };
        })
        .filter((c) => c.stems.length > 1 || (c.stems.length === 1 && !STOPWORDS.has(fold(c.written!)))),
    );
  }

  /** The labels whose cues the question has; worked out once per analysis (router, ranking and answer ask). */
  find(analysis: Pick<Analysis, 'words' | 'typed' | 'ages'>): ReadonlySet<L> {
    let found = this.found.get(analysis.words);
    if (!found) this.found.set(analysis.words, (found = this.scan(analysis)));
    return found;
  }

  private scan({ words, typed, ages }: Pick<Analysis, 'words' | 'typed' | 'ages'>): Set<L> {
    const found = new Set<L>();
    const stems = words.map(stem);
    // "vad gäller mot soc": a function word is never a one-word cue, whatever it stems like ("möte").
    const single = (cue: Cue<L>) =>
      stems.some((s, i) => !STOPWORDS.has(words[i]!) && !FUNCTION_WORDS.has(words[i]!) && matchesWord(s, cue.stems[0]!) && sameLetters(typed[i] ?? words[i]!, cue.written ?? '', cue.stems[0]!));
    for (const cue of this.cues) {
      if (found.has(cue.label)) continue;
      if (cue.under !== undefined && !ages.some((a) => a < cue.under!)) continue;
      if (cue.stems.length === 1 ? single(cue) : containsSequence(stems, cue.stems)) found.add(cue.label);
    }
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
