/**
 * One analysis for questions and indexed documents alike: fold, find legal references and ages,
 * tokenise, stem, and mark synonym phrases. Queries become groups of alternative keys ("terms");
 * documents become a set of keys.
 */
import { ageSpans, extractAges } from '../text/age.js';
import type { LegalRefRecogniser } from '../text/legalRefs.js';
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
  refs: string[];
  ages: number[];
  terms: QueryTerm[];
}

export interface Analyser {
  analyse(text: string): Analysis;
  /** Keys under which a document text is indexed. */
  documentKeys(text: string): string[];
}

const WORD = /[\p{L}\p{N}]+/gu;

/**
 * Folded words of the text outside the given spans, with where each starts. Folding keeps Swedish
 * text the same length, so positions line up with the typed text.
 */
function wordsOutside(folded: string, spans: ReadonlyArray<readonly [number, number]>): { words: string[]; starts: number[] } {
  const words: string[] = [];
  const starts: number[] = [];
  for (const m of folded.matchAll(WORD)) {
    const start = m.index;
    if (spans.length > 0 && spans.some(([a, b]) => start >= a && start < b)) continue;
    words.push(m[0]);
    starts.push(start);
  }
  return { words, starts };
}

/** Whether a word was typed in capitals ("SIG" rather than "sig"); asked only for abbreviations that need it. */
function typedInCapitals(text: string, folded: string, start: number, length: number): boolean {
  if (text.length !== folded.length) return false;
  const typed = text.slice(start, start + length);
  return typed.length > 1 && typed === typed.toUpperCase() && typed !== typed.toLowerCase();
}

const isSearchWord = (word: string) => !STOPWORDS.has(word) && !/^\d+$/.test(word) && word.length > 1;

export function createAnalyser(synonyms: SynonymTable, refs: LegalRefRecogniser): Analyser {
  function analyse(text: string): Analysis {
    const nfc = text.normalize('NFC');
    const folded = fold(nfc);
    const refMatches = refs.find(folded);
    const spans: Array<readonly [number, number]> = [...refMatches.map((m) => [m.start, m.end] as const), ...ageSpans(folded)];
    const { words, starts } = wordsOutside(folded, spans);
    const stems = words.map(stem);
    const terms: QueryTerm[] = refMatches.map((m) => ({ keys: m.refs.map(refKey), kind: 'ref' as const, text: folded.slice(m.start, m.end), start: -1, end: -1 }));
    const covered = new Set<number>();
    for (const s of synonyms.match(stems, (i) => typedInCapitals(nfc, folded, starts[i]!, words[i]!.length))) {
      const inner: string[] = [];
      for (let i = s.start; i < s.end; i++) {
        covered.add(i);
        if (isSearchWord(words[i]!) && !inner.includes(stems[i]!)) inner.push(stems[i]!);
      }
      terms.push({ keys: [s.key, ...inner], kind: 'synonym', text: words.slice(s.start, s.end).join(' '), start: s.start, end: s.end });
    }
    const seen = new Set<string>();
    words.forEach((word, i) => {
      if (covered.has(i) || !isSearchWord(word) || seen.has(stems[i]!)) return;
      seen.add(stems[i]!);
      terms.push({ keys: [stems[i]!], kind: 'word', text: word, start: i, end: i + 1 });
    });
    return { folded, words, refs: [...new Set(refMatches.flatMap((m) => m.refs))], ages: extractAges(folded), terms };
  }

  return {
    analyse,
    documentKeys(text) {
      const a = analyse(text);
      const keys = new Set<string>();
      for (const t of a.terms) for (const k of t.keys) keys.add(k);
      return [...keys];
    },
  };
}
