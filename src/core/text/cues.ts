/**
 * Cue words that editors keep in the knowledge (the kinds of case in `situations.yaml`, the
 * everyday topics outside the domain in `synonyms.yaml`), found in a question on word stems: a
 * one-word cue also as the head or tail of a compound ("partnervåldet"), a phrase word by word.
 * A cue may hold only for a young person ("gravid" under 15 is a crime against a child), and may
 * be a fact told in words found together rather than in one phrase: someone "säljer" + "hasch" is
 * supplying drugs however the sentence runs ("säljer cannabis till klasskompisar", "sells her weed").
 * An English question is also compared on English stems ("sexually abusing" is "sexual abuse").
 */
import type { Analysis } from '../search/analyse.js';
import { englishKey } from './english.js';
import { fold, FUNCTION_WORDS, stem, STOPWORDS, tokenise } from './normalise.js';

/**
 * A cue as written in the knowledge: a word or phrase; one that holds only under an age; or lists
 * of words that must all be found close together, one word or phrase from each list.
 */
export type CueText =
  | string
  | { readonly cue: string; readonly under: number }
  | { readonly together: ReadonlyArray<ReadonlyArray<string>>; readonly under?: number; readonly over?: number };

/** A single-word cue this long also matches as the head or tail of a compound ("partnervåldet"). */
const COMPOUND_CUE_LENGTH = 5;
/** Words of a `together` cue count as one fact within this many words of each other: about a sentence. */
const TOGETHER_WINDOW = 12;

const SWEDISH_LETTERS = /[åäö]/;

/** One word or phrase of a cue. */
interface Phrase {
  stems: readonly string[];
  /** The same words' English stems, compared in an English question. */
  english: readonly string[];
  /** A one-word cue as written, lower case: its å, ä and ö must agree with a word typed with them. */
  written?: string;
  /** An everyday word ("henne", "him"), allowed beside other words of a `together` cue, never alone. */
  everyday?: boolean;
}

interface Cue<L> {
  label: L;
  /** Each part is a list of alternatives; every part must be found, close together when more than one. */
  parts: ReadonlyArray<readonly Phrase[]>;
  /** Holds only when the question names an age below this. */
  under?: number;
  /** Holds only when no age the question names is at or below this. */
  over?: number;
}

type Question = Pick<Analysis, 'words' | 'typed' | 'ages' | 'englishStems'>;

function phraseOf(text: string, together: boolean): Phrase | undefined {
  const words = tokenise(text);
  const stems = words.map(stem);
  // A cue that is itself an everyday word would be found everywhere; one that only stems like one
  // ("möte" → "mot", "honor" → "hon") is fine, as question words that are stopwords are never cues.
  // Beside other words it says who ("ger henne hasch"), so a `together` cue may have it.
  const everyday = stems.length === 1 && STOPWORDS.has(words[0]!);
  if (stems.length === 0 || (everyday && !together)) return undefined;
  return {
    // An everyday word is compared as it is: "henne" is not "henn".
    stems: everyday ? words : stems,
    english: words.map(englishKey),
    ...(stems.length === 1 ? { written: text.normalize('NFC').toLowerCase().trim() } : {}),
    ...(everyday ? { everyday } : {}),
  };
}

function cueOf<L>(label: L, c: CueText): Cue<L> | undefined {
  const lists = typeof c === 'string' ? [[c]] : 'cue' in c ? [[c.cue]] : c.together;
  const parts = lists.map((list) => list.map((text) => phraseOf(text, lists.length > 1)).filter((p): p is Phrase => p !== undefined));
  if (parts.some((p) => p.length === 0)) return undefined;
  return {
    label,
    parts,
    ...(typeof c !== 'string' && c.under !== undefined ? { under: c.under } : {}),
    ...(typeof c !== 'string' && 'over' in c && c.over !== undefined ? { over: c.over } : {}),
  };
}

export class CueMatcher<L> {
  private readonly cues: readonly Cue<L>[];
  private readonly found = new WeakMap<readonly string[], ReadonlySet<L>>();

  /**
   * `compounds: false` for everyday words, found only as whole words: "middag" (off topic) is not
   * "förmiddag", which says when something happened.
   */
  constructor(
    entries: ReadonlyArray<{ label: L; cues: readonly CueText[] }>,
    private readonly options: { compounds: boolean } = { compounds: true },
  ) {
    this.cues = entries.flatMap(({ label, cues }) => cues.map((c) => cueOf(label, c)).filter((c): c is Cue<L> => c !== undefined));
  }

  /** The labels whose cues the question has; worked out once per analysis (router, ranking and answer ask). */
  find(analysis: Question): ReadonlySet<L> {
    let found = this.found.get(analysis.words);
    if (!found) this.found.set(analysis.words, (found = this.scan(analysis)));
    return found;
  }

  private scan({ words, typed, ages, englishStems }: Question): Set<L> {
    const found = new Set<L>();
    const stems = words.map(stem);
    // "vad gäller mot soc": a function word is never a one-word cue, whatever it stems like ("möte").
    const cueWord = words.map((w) => !STOPWORDS.has(w) && !FUNCTION_WORDS.has(w));
    const at = (p: Phrase, i: number): boolean =>
      p.stems.length === 1
        ? p.everyday
          ? words[i] === p.stems[0]
          : cueWord[i]! && ((matchesWord(stems[i]!, p.stems[0]!, this.options.compounds) && sameLetters(typed[i] ?? words[i]!, p.written ?? '', p.stems[0]!)) || englishStems[i] === p.english[0])
        : startsAt(stems, i, p.stems) || startsAt(englishStems, i, p.english);
    const positions = (part: readonly Phrase[]): number[] => words.flatMap((_, i) => (part.some((p) => at(p, i)) ? [i] : []));
    for (const cue of this.cues) {
      if (found.has(cue.label)) continue;
      if (cue.under !== undefined && !ages.some((a) => a < cue.under!)) continue;
      if (cue.over !== undefined && ages.some((a) => a <= cue.over!)) continue;
      if (cue.parts.length === 1 ? words.some((_, i) => cue.parts[0]!.some((p) => at(p, i))) : together(cue.parts.map(positions))) found.add(cue.label);
    }
    return found;
  }
}

/** Whether one position from each list lies within {@link TOGETHER_WINDOW} words of the others (taken nearest to one of the first list's). */
function together(lists: readonly number[][]): boolean {
  if (lists.some((l) => l.length === 0)) return false;
  return lists[0]!.some((anchor) => {
    const nearest = lists.map((l) => l.reduce((best, i) => (Math.abs(i - anchor) < Math.abs(best - anchor) ? i : best)));
    return Math.max(...nearest) - Math.min(...nearest) <= TOGETHER_WINDOW;
  });
}

function matchesWord(word: string, cue: string, compounds: boolean): boolean {
  // "partnervåldet": Snowball keeps a definite "-et" after two consonants.
  if (word === cue || (word.endsWith('et') && word.slice(0, -2) === cue)) return true;
  return compounds && cue.length >= COMPOUND_CUE_LENGTH && ((word.length > cue.length + 2 && word.endsWith(cue)) || (word.length > cue.length && word.startsWith(cue)));
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

function startsAt(stems: readonly string[], i: number, cue: readonly string[]): boolean {
  if (i + cue.length > stems.length) return false;
  for (let j = 0; j < cue.length; j++) if (stems[i + j] !== cue[j]) return false;
  return true;
}
