/**
 * One analysis for questions and indexed documents alike: fold, find legal references and ages,
 * tokenise, stem, and mark synonym phrases. Queries become groups of alternative keys ("terms");
 * documents become a set of keys.
 */
import { ageSpans, extractAges } from '../text/age.js';
import { englishStem, isEnglish } from '../text/english.js';
import type { LegalRefRecogniser, RefMatch } from '../text/legalRefs.js';
import { fold, STOPWORDS, stem } from '../text/normalise.js';
import type { SynonymTable } from '../text/synonyms.js';

export const refKey = (canonicalRef: string) => `ref:${canonicalRef}`;

export interface QueryTerm {
  /** Keys that satisfy this term; the first is the strongest. */
  keys: readonly string[];
  kind: 'word' | 'synonym' | 'ref';
  /** The folded words it came from, for cue detection and messages. */
  text: string;
  /** Positions [start, end) in `Analysis.words`; references have none (they are not words). */
  start: number;
  end: number;
}

export interface Analysis {
  folded: string;
  /** Every folded word, stopwords included, outside legal references. */
  words: string[];
  /**
   * The same words in lower case as typed, å, ä and ö kept: folding makes "gånger" and "gäng" one
   * word, and where the asker typed the letters, they tell the two apart.
   */
  typed: string[];
  refs: string[];
  ages: number[];
  terms: QueryTerm[];
  /** The question reads as English; then `englishStems` holds each word's English stem, for the synonyms and cues written in English. */
  english: boolean;
  englishStems: string[];
}

export interface Analyser {
  analyse(text: string): Analysis;
  /** Keys under which a document text is indexed. */
  documentKeys(text: string): string[];
  /** The synonym group key that a one-word member's stem key stands for, if any (see {@link SynonymTable.groupOfStem}). */
  groupOfKey(key: string): string | undefined;
}

const WORD_CHAR = /[\p{L}\p{N}]/uy;
/** An arrow between two parties ("polis → soc", "skola -> polisen"). */
const ARROW = /\s*(?:→|->|=>|⇒|⟶)\s*/gu;

/** Length of the letter or digit at `i` (2 outside the BMP), 0 when there is none there. */
function wordCharAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  // Folded text is nearly all ASCII: decided without a regular expression.
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) ? 1 : 0;
  WORD_CHAR.lastIndex = i;
  return WORD_CHAR.test(text) ? WORD_CHAR.lastIndex - i : 0;
}

/**
 * Folded words of the text outside the given spans, with where each starts. Folding keeps Swedish
 * text the same length, so positions line up with the typed text. A scan over the characters, as
 * indexing tokenises every text of the corpus.
 */
function wordsOutside(folded: string, spans: ReadonlyArray<readonly [number, number]>): { words: string[]; starts: number[] } {
  const words: string[] = [];
  const starts: number[] = [];
  let i = 0;
  while (i < folded.length) {
    let end = i;
    for (let n = wordCharAt(folded, end); n > 0; n = wordCharAt(folded, end)) end += n;
    if (end === i) {
      i++;
      continue;
    }
    if (spans.length === 0 || !spans.some(([a, b]) => i >= a && i < b)) {
      words.push(folded.slice(i, end));
      starts.push(i);
    }
    i = end;
  }
  return { words, starts };
}

/** Whether a word was typed in capitals ("SIG" rather than "sig"); asked only for abbreviations that need it. */
function typedInCapitals(text: string, folded: string, start: number, length: number): boolean {
  if (text.length !== folded.length) return false;
  const typed = text.slice(start, start + length);
  if (typed.length > 1 && typed === typed.toUpperCase() && typed !== typed.toLowerCase()) return true;
  // "sig-samordnare", "sig-processen": joined to a noun, the abbreviation, which the pronoun never is.
  return text[start + length] === '-' && /\p{L}/u.test(text[start + length + 1] ?? '');
}

/** True for a word of digits only ("2024"), which says nothing as a search word. */
function isNumber(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code < 0x30 || code > 0x39) return false;
  }
  return true;
}

const isSearchWord = (word: string) => word.length > 1 && !STOPWORDS.has(word) && !isNumber(word);

export function createAnalyser(synonyms: SynonymTable, refs: LegalRefRecogniser): Analyser {
  /** Everything but the ages and the reference list, which only questions need. */
  function analyseTerms(text: string, question: boolean): Pick<Analysis, 'folded' | 'words' | 'typed' | 'terms' | 'english' | 'englishStems'> & { refMatches: RefMatch[] } {
    const nfc = text.normalize('NFC');
    const folded = fold(nfc);
    const refMatches = refs.find(folded);
    const ages = ageSpans(folded);
    const spans = refMatches.length + ages.length === 0 ? [] : [...refMatches.map((m) => [m.start, m.end] as const), ...ages];
    const { words, starts } = wordsOutside(folded, spans);
    const stems = words.map(stem);
    // Folding keeps the length for å, ä and ö, so the typed words line up with the folded ones.
    const lower = nfc.toLowerCase();
    const typed = lower.length === folded.length ? words.map((w, i) => lower.slice(starts[i]!, starts[i]! + w.length)) : undefined;
    // The knowledge is Swedish: only a question can be English.
    const english = question && isEnglish(words);
    const englishStems = english ? words.map(englishStem) : [];
    const terms: QueryTerm[] = refMatches.map((m) => ({ keys: m.refs.map(refKey), kind: 'ref' as const, text: folded.slice(m.start, m.end), start: -1, end: -1 }));
    const covered = new Set<number>();
    // One term per group: "pappan säger nej men mamman ja" asks about vårdnadshavare once, as a
    // word typed twice counts once.
    const groupKeys = new Map<string, string[]>();
    for (const s of synonyms.match(stems, (i) => typedInCapitals(nfc, folded, starts[i]!, words[i]!.length), english ? englishStems : undefined, question ? typed : undefined)) {
      const known = groupKeys.get(s.key);
      const keys = known ?? [s.key];
      for (let i = s.start; i < s.end; i++) {
        covered.add(i);
        if (isSearchWord(words[i]!) && !keys.includes(stems[i]!)) keys.push(stems[i]!);
      }
      if (known) continue;
      groupKeys.set(s.key, keys);
      terms.push({ keys, kind: 'synonym', text: words.slice(s.start, s.end).join(' '), start: s.start, end: s.end });
    }
    const seen = new Set<string>();
    words.forEach((word, i) => {
      if (covered.has(i) || !isSearchWord(word) || seen.has(stems[i]!)) return;
      seen.add(stems[i]!);
      terms.push({ keys: [stems[i]!], kind: 'word', text: word, start: i, end: i + 1 });
    });
    return { folded, words, terms, refMatches, english, englishStems, typed: typed ?? words };
  }

  return {
    analyse(typedText) {
      // "polis → soc", "skola -> polisen": an arrow says who gives to whom, as "till" does.
      const text = typedText.replace(ARROW, ' till ');
      const { folded, words, terms, refMatches, typed, english, englishStems } = analyseTerms(text, true);
      return { folded, words, typed, refs: [...new Set(refMatches.flatMap((m) => m.refs))], ages: extractAges(folded), terms, english, englishStems };
    },
    documentKeys(text) {
      const keys = new Set<string>();
      for (const t of analyseTerms(text, false).terms) for (const k of t.keys) keys.add(k);
      return [...keys];
    },
    groupOfKey: (key) => synonyms.groupOfStem(key),
  };
}

/**
 * {@link Analyser.documentKeys} remembering each text, for the time one index is built: topics,
 * roles, tags and conditions repeat across thousands of documents. Drop it with the builder.
 */
export function memoisedDocumentKeys(analyser: Analyser): (text: string) => readonly string[] {
  const seen = new Map<string, readonly string[]>();
  return (text) => {
    let keys = seen.get(text);
    if (keys === undefined) seen.set(text, (keys = analyser.documentKeys(text)));
    return keys;
  };
}
