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
import { FUNCTION_WORDS, sameLetters, stem, STOPWORDS, tokenise } from './normalise.js';

/**
 * A cue as written in the knowledge: a word or phrase; one that holds only under an age; or lists
 * of words that must all be found close together, one word or phrase from each list.
 */
export type CueText =
  | string
  | { readonly cue: string; readonly under: number }
  | { readonly together: ReadonlyArray<ReadonlyArray<string>>; readonly under?: number; readonly over?: number; readonly inOrder?: true };

/** A single-word cue this long also matches as the head or tail of a compound ("partnervåldet"). */
const COMPOUND_CUE_LENGTH = 5;
/** Words of a `together` cue count as one fact within this many words of each other: about a sentence, as case descriptions write them ("Social services called asking about a pupil's attendance and how he's doing in class because they're investigating"). */
const TOGETHER_WINDOW = 16;


/** One word or phrase of a cue. */
interface Phrase {
  stems: readonly string[];
  /** The same words' English stems, compared in an English question. */
  english: readonly string[];
  /** A one-word cue as written, lower case: its å, ä and ö must agree with a word typed with them. */
  written?: string;
  /**
   * A phrase's words, folded: where the question has a stopword or function word, it must be the
   * phrase's own word, not one that only stems like it ("luta sig mot" is no "SIG-möte").
   */
  words?: readonly string[];
  /** An everyday word ("henne", "him"), allowed beside other words of a `together` cue, never alone. */
  everyday?: boolean;
  /**
   * A one-word cue written in the past tense, an ending its stem drops ("rånade" → "rån"): written
   * to say that something has happened, it is met only by a word with such an ending ("rånade",
   * "rånat"; "placerat" for "placerad"), not by the noun ("ett rån" may be planned).
   */
  pastTense?: true;
}

/** Endings of the Swedish past tense and supine that the stemmer removes. */
const PAST_ENDINGS = ['ade', 'at', 'ad'];

interface Cue<L> {
  label: L;
  /** Each part is a list of alternatives; every part must be found, close together when more than one. */
  parts: ReadonlyArray<readonly Phrase[]>;
  /** Holds only when the question names an age below this. */
  under?: number;
  /** Holds only when no age the question names is at or below this. */
  over?: number;
  /** The parts' words must stand in the parts' order. */
  inOrder?: true;
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
    ...(stems.length === 1 ? { written: text.normalize('NFC').toLowerCase().trim() } : { words }),
    ...(everyday ? { everyday } : {}),
    ...(stems.length === 1 && pastEnding(words[0]!, stems[0]!) ? { pastTense: true as const } : {}),
  };
}

/** The past-tense ending a folded word has beyond its stem, if that is all the stemmer took. */
function pastEnding(word: string, wordStem: string): string | undefined {
  const ending = word.slice(wordStem.length);
  return word.startsWith(wordStem) && PAST_ENDINGS.includes(ending) ? ending : undefined;
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
    ...(typeof c !== 'string' && 'inOrder' in c && c.inOrder ? { inOrder: true as const } : {}),
  };
}

export class CueMatcher<L> {
  private readonly cues: readonly Cue<L>[];
  private readonly found = new WeakMap<readonly string[], ReadonlySet<L>>();
  /**
   * Every phrase by the key a question word can look it up with: its (first) stem, its English
   * stem, or the word itself for an everyday word. A question is read word by word against these,
   * not cue by cue: at 1 ms a long case description, the scan was most of a search.
   */
  private readonly byStem = new Map<string, Phrase[]>();
  private readonly byEnglish = new Map<string, Phrase[]>();
  private readonly byWord = new Map<string, Phrase[]>();
  /** The lengths of one-word cue stems long enough to be a compound's head or tail. */
  private readonly compoundLengths: readonly number[];
  /**
   * The first and the last {@link COMPOUND_CUE_LENGTH} letters of those stems: a word that begins
   * (ends) with none of these has no cue as its head (tail), told with one lookup instead of one
   * per length.
   */
  private readonly compoundHeads = new Set<string>();
  private readonly compoundTails = new Set<string>();
  /**
   * The cue (its position in `cues`) each phrase belongs to. A question has a phrase of only a few
   * of the hundreds of cues, so a scan looks only at the cues of the phrases found; reading every
   * cue to tell that most have nothing in the question was most of a scan.
   */
  private readonly cueOfPhrase = new Map<Phrase, number>();
  /** Cues without parts (none in valid knowledge), which no found phrase leads to: always read. */
  private readonly partless: readonly number[];

  /**
   * `compounds: false` for everyday words, found only as whole words: "middag" (off topic) is not
   * "förmiddag", which says when something happened. `denials`: a cue the text denies ("inget
   * brott") is not a fact of the case; a topic is still the topic ("ingen lunch i dag?").
   */
  constructor(
    entries: ReadonlyArray<{ label: L; cues: readonly CueText[] }>,
    private readonly options: { compounds: boolean; denials?: boolean } = { compounds: true, denials: true },
  ) {
    this.cues = entries.flatMap(({ label, cues }) => cues.map((c) => cueOf(label, c)).filter((c): c is Cue<L> => c !== undefined));
    const lengths = new Set<number>();
    for (const phrase of this.cues.flatMap((c) => c.parts.flat())) {
      if (phrase.everyday) add(this.byWord, phrase.stems[0]!, phrase);
      else {
        add(this.byStem, phrase.stems[0]!, phrase);
        add(this.byEnglish, phrase.english[0]!, phrase);
        if (phrase.stems.length === 1 && phrase.stems[0]!.length >= COMPOUND_CUE_LENGTH) {
          lengths.add(phrase.stems[0]!.length);
          this.compoundHeads.add(phrase.stems[0]!.slice(0, COMPOUND_CUE_LENGTH));
          this.compoundTails.add(phrase.stems[0]!.slice(-COMPOUND_CUE_LENGTH));
        }
      }
    }
    this.compoundLengths = [...lengths];
    this.cues.forEach((cue, c) => {
      for (const part of cue.parts) for (const phrase of part) this.cueOfPhrase.set(phrase, c);
    });
    this.partless = this.cues.flatMap((cue, c) => (cue.parts.length === 0 ? [c] : []));
  }

  /** The labels whose cues the question has; worked out once per analysis (router, ranking and answer ask). */
  find(analysis: Question): ReadonlySet<L> {
    let found = this.found.get(analysis.words);
    if (!found) this.found.set(analysis.words, (found = this.scan(analysis)));
    return found;
  }

  /** Where each phrase of the knowledge stands in the question. Run for every clause asked: it allocates little. */
  private positions({ words, typed, englishStems }: Question): Map<Phrase, number[]> {
    const at = new Map<Phrase, number[]>();
    const facts = factsOf(words);
    const { stems } = facts;
    // "inget brott", "inte … något konkret brott", "no crime": what the story says has not happened.
    const denied = this.options.denials ? deniedOf(facts, words) : undefined;
    const compounds = this.options.compounds;
    for (let i = 0; i < words.length; i++) {
      const word = words[i]!;
      if (denied && denied[i]) continue;
      const byWord = this.byWord.get(word);
      if (byWord) for (const p of byWord) mark(at, p, i);
      const s = stems[i]!;
      const letters = typed[i] ?? word;
      this.check(facts, words, at, this.byStem.get(s), i, s, letters, word);
      if (s.endsWith('et')) this.check(facts, words, at, this.byStem.get(s.slice(0, -2)), i, s, letters, word);
      // A cue as a compound's head or tail is at least COMPOUND_CUE_LENGTH letters and shorter than the word.
      if (compounds && s.length > COMPOUND_CUE_LENGTH) {
        const head = this.compoundHeads.has(s.slice(0, COMPOUND_CUE_LENGTH));
        const tail = s.length > COMPOUND_CUE_LENGTH + 2 && this.compoundTails.has(s.slice(-COMPOUND_CUE_LENGTH));
        if (head || tail) {
          for (const n of this.compoundLengths) {
            if (head && s.length > n) this.check(facts, words, at, this.byStem.get(s.slice(0, n)), i, s, letters, word);
            if (tail && s.length > n + 2) this.check(facts, words, at, this.byStem.get(s.slice(-n)), i, s, letters, word);
          }
        }
      }
      const english = englishStems[i];
      const byEnglish = english === undefined ? undefined : this.byEnglish.get(english);
      if (byEnglish) for (const p of byEnglish) if (p.stems.length > 1 ? startsAt(englishStems, i, p.english) : facts.cueWord[i] === 1) mark(at, p, i);
    }
    return at;
  }

  /** Marks the phrases among `candidates` that stand at word i, whose stem is `s`. */
  private check(facts: WordFacts, words: readonly string[], at: Map<Phrase, number[]>, candidates: readonly Phrase[] | undefined, i: number, s: string, letters: string, word: string): void {
    if (!candidates) return;
    // "vad gäller mot soc": a function word is never a one-word cue, whatever it stems like ("möte").
    const cueWord = facts.cueWord[i] === 1;
    for (const p of candidates) {
      if (p.stems.length > 1) {
        if (startsAt(facts.stems, i, p.stems) && ownWords(facts, words, i, p)) mark(at, p, i);
      } else if (cueWord && matchesWord(s, p.stems[0]!, this.options.compounds) && sameLetters(letters, p.written ?? '', p.stems[0]!) && (!p.pastTense || pastEnding(word, s) !== undefined)) mark(at, p, i);
    }
  }

  private scan(question: Question): Set<L> {
    const found = new Set<L>();
    const { ages } = question;
    const at = this.positions(question);
    const positions = (part: readonly Phrase[]): number[] => part.flatMap((p) => at.get(p) ?? []);
    // Only a cue with a phrase in the question can hold: those, in the cues' order, as a label
    // found by an earlier cue is not looked for again.
    const candidates = [...this.partless];
    for (const p of at.keys()) candidates.push(this.cueOfPhrase.get(p)!);
    if (candidates.length === 0) return found;
    candidates.sort((a, b) => a - b);
    let previous = -1;
    for (const c of candidates) {
      if (c === previous) continue;
      previous = c;
      const cue = this.cues[c]!;
      if (found.has(cue.label)) continue;
      if (cue.under !== undefined && !ages.some((a) => a < cue.under!)) continue;
      if (cue.over !== undefined && ages.some((a) => a <= cue.over!)) continue;
      // Most cues have no phrase in the question: tell that before gathering any positions.
      if (!everyPartPresent(cue.parts, at)) continue;
      const lists = cue.parts.length === 1 ? [] : cue.parts.map(positions);
      if (cue.parts.length === 1 || (cue.inOrder ? inOrder(lists) : together(lists))) found.add(cue.label);
    }
    return found;
  }
}

/** Determiners that deny what follows: "inget brott", "no crime". */
const NONE = new Set(['inget', 'ingen', 'inga', 'no']);
/** "något", "any": deny what follows after a negation a few words before ("vi känner inte till något brott", "we don't know of any crime"). */
const ANY = new Set(['nagot', 'nagon', 'nagra', 'any']);
const NOT = new Set(['inte', 'ej', 'aldrig', 'utan', 'not', 'never', 'without', 't']);
/** How far before "något"/"any" a negation still governs it. */
const NEGATION_REACH = 4;

/** Negations that deny the word right after them ("inte misstänkt", "not suspected", "utan misstanke om brott", "without any suspicion"). */
const NOT_BEFORE = new Set(['inte', 'ej', 'aldrig', 'not', 'never', 't', 'utan', 'without']);
/** A copula or article between the negation and what it denies ("är inte misstänkt", "inte är misstänkt", "is not a suspect"). */
const BETWEEN_NOT = new Set(['ar', 'var', 'blivit', 'varit', 'is', 'was', 'been', 'are', 'were', 'a', 'an']);

/**
 * Whether the word at `i` is denied: right after "inget"/"no", after "något"/"any" (an adjective
 * between) that a negation governs, or right after "inte"/"not" ("som inte är misstänkt för något brott").
 */
function negated(words: readonly string[], i: number): boolean {
  // "inget konkret brott som han har begått": a relative clause about a denied thing is denied too.
  for (let j = i - 1; j >= Math.max(1, i - RELATIVE_REACH); j--) {
    if (RELATIVE.has(words[j]!)) {
      if (deniedHere(words, j - 1)) return true;
      break;
    }
  }
  return deniedHere(words, i);
}

/** "som", "that", "which": the start of a relative clause about the word before. */
const RELATIVE = new Set(['som', 'that', 'which']);
/** How far after "som" a fact of the relative clause may stand ("som han har begått"). */
const RELATIVE_REACH = 4;

function deniedHere(words: readonly string[], i: number): boolean {
  let k = i - 1;
  while (k >= Math.max(0, i - 3) && BETWEEN_NOT.has(words[k]!)) k--;
  if (k >= 0 && NOT_BEFORE.has(words[k]!)) return true;
  for (let j = i - 1; j >= Math.max(0, i - 2); j--) {
    if (NONE.has(words[j]!)) return true;
    if (ANY.has(words[j]!)) return words.slice(Math.max(0, j - NEGATION_REACH), j).some((w) => NOT.has(w));
  }
  return noSignOf(words, i);
}

/** "tyder på att", "tecken på att", "suggests that", "sign that": what would be evidence of what follows, ending on "att"/"that". */
const EVIDENCE = /^(?:tyder pa att|tyda pa att|tecken pa att|signs? that|suggests? that|indicates? that)$/;
const EVIDENCE_END = new Set(['att', 'that']);
/** How far after the evidence words a denied fact may stand ("inget tyder på att just de far illa"). */
const EVIDENCE_REACH = 6;
/** How far before the evidence words its denial may stand ("utan att det finns något särskilt som tyder på att"). */
const DENIAL_REACH = 8;

/**
 * "utan att något tyder på att de far illa", "inga tecken på att han slås", "no sign that she is
 * abused": evidence denied, so what it would be evidence of is no fact of the case.
 */
function noSignOf(words: readonly string[], i: number): boolean {
  for (let j = i - 1; j >= Math.max(2, i - EVIDENCE_REACH - 3); j--) {
    // Read once per word of every question by every matcher: only a word ending the phrase is looked at.
    if (!EVIDENCE_END.has(words[j]!)) continue;
    const start = EVIDENCE.test(words.slice(j - 2, j + 1).join(' ')) ? j - 2 : EVIDENCE.test(words.slice(j - 1, j + 1).join(' ')) ? j - 1 : -1;
    if (start < 0) continue;
    const before = words.slice(Math.max(0, start - DENIAL_REACH), start);
    // "… inte ofta, men allt tyder på att": a denial before "men"/"but" belongs to another clause.
    const clause = before.slice(before.findLastIndex((w) => w === 'men' || w === 'but') + 1);
    return clause.some((w) => NOT.has(w) || NONE.has(w) || w === 'nothing');
  }
  return false;
}

function everyPartPresent(parts: ReadonlyArray<readonly Phrase[]>, at: ReadonlyMap<Phrase, number[]>): boolean {
  for (const part of parts) {
    let present = false;
    for (const p of part) if (at.has(p)) present = true;
    if (!present) return false;
  }
  return true;
}

function mark(at: Map<Phrase, number[]>, p: Phrase, i: number): void {
  const list = at.get(p);
  if (!list) at.set(p, [i]);
  else if (list[list.length - 1] !== i) list.push(i);
}

/** What every matcher reads of a question's words, worked out once for all of them (the situations' cues, their child words and `notWhen`, the off-topic words). */
interface WordFacts {
  stems: readonly string[];
  /** 1 where the word may be a one-word cue: neither a stopword nor a function word. */
  cueWord: Uint8Array;
  /** 1 where the text denies the word (see {@link negated}); worked out when a matcher first heeds denials. */
  denied?: Uint8Array;
}

const factsByWords = new WeakMap<readonly string[], WordFacts>();
function factsOf(words: readonly string[]): WordFacts {
  let facts = factsByWords.get(words);
  if (!facts) {
    const cueWord = new Uint8Array(words.length);
    for (let i = 0; i < words.length; i++) cueWord[i] = !STOPWORDS.has(words[i]!) && !FUNCTION_WORDS.has(words[i]!) ? 1 : 0;
    factsByWords.set(words, (facts = { stems: words.map(stem), cueWord }));
  }
  return facts;
}

function deniedOf(facts: WordFacts, words: readonly string[]): Uint8Array {
  if (!facts.denied) {
    const denied = new Uint8Array(words.length);
    for (let i = 0; i < words.length; i++) denied[i] = negated(words, i) ? 1 : 0;
    facts.denied = denied;
  }
  return facts.denied;
}

function add(index: Map<string, Phrase[]>, key: string, phrase: Phrase): void {
  const list = index.get(key);
  if (list) list.push(phrase);
  else index.set(key, [phrase]);
}

/** Whether one position from each list lies within {@link TOGETHER_WINDOW} words of the others (taken nearest to one of the first list's). */
function together(lists: readonly number[][]): boolean {
  if (lists.some((l) => l.length === 0)) return false;
  return lists[0]!.some((anchor) => {
    const nearest = lists.map((l) => l.reduce((best, i) => (Math.abs(i - anchor) < Math.abs(best - anchor) ? i : best)));
    return Math.max(...nearest) - Math.min(...nearest) <= TOGETHER_WINDOW;
  });
}

/** Whether positions, one from each list, rise from list to list within {@link TOGETHER_WINDOW} words of the first. */
function inOrder(lists: readonly number[][]): boolean {
  return lists[0]!.some((anchor) => {
    let last = anchor;
    for (const list of lists.slice(1)) {
      const next = list.filter((i) => i > last).reduce((best, i) => Math.min(best, i), Infinity);
      if (next - anchor > TOGETHER_WINDOW) return false;
      last = next;
    }
    return true;
  });
}

function matchesWord(word: string, cue: string, compounds: boolean): boolean {
  // "partnervåldet": Snowball keeps a definite "-et" after two consonants.
  if (word === cue || (word.endsWith('et') && word.slice(0, -2) === cue)) return true;
  return compounds && cue.length >= COMPOUND_CUE_LENGTH && ((word.length > cue.length + 2 && word.endsWith(cue)) || (word.length > cue.length && word.startsWith(cue)));
}

/** Every stopword or function word of the question where the phrase stands is the phrase's own word. */
function ownWords(facts: WordFacts, words: readonly string[], i: number, p: Phrase): boolean {
  if (!p.words) return true;
  for (let j = 0; j < p.words.length; j++) if (facts.cueWord[i + j] === 0 && words[i + j] !== p.words[j]) return false;
  return true;
}

function startsAt(stems: readonly string[], i: number, cue: readonly string[]): boolean {
  if (i + cue.length > stems.length) return false;
  for (let j = 0; j < cue.length; j++) if (stems[i + j] !== cue[j]) return false;
  return true;
}
