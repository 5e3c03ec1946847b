/**
 * Legal references in every spelling people use ("10:18a", "10 kap. 18 a §", "18a OSL", "1018a",
 * "OSL 26:1") mapped to one canonical form ("OSL 10:18 a"), and back to the Swedish display form
 * ("10 kap. 18 a § OSL").
 */
import { fold } from './normalise.js';

/** Folded law names and abbreviations → canonical abbreviation. */
const LAWS: ReadonlyArray<[string, string]> = [
  ['offentlighets- och sekretesslagen', 'OSL'],
  ['offentlighets och sekretesslagen', 'OSL'],
  ['offentlighets-och sekretesslagen', 'OSL'],
  ['sekretesslagen', 'OSL'],
  ['osl', 'OSL'],
  ['socialtjanstlagen', 'SoL'],
  ['sol', 'SoL'],
  ['skollagen', 'SkolL'],
  ['skoll', 'SkolL'],
  ['polislagen', 'PL'],
  ['pl', 'PL'],
  ['lvu', 'LVU'],
  ['lul', 'LUL'],
  ['brottsbalken', 'BrB'],
  ['brb', 'BrB'],
  ['foraldrabalken', 'FB'],
  ['fb', 'FB'],
  // English names, as colleagues who write English cite them; the longer name first where one ends another.
  ['public access to information and secrecy act', 'OSL'],
  ['secrecy act', 'OSL'],
  ['social services act', 'SoL'],
  ['education act', 'SkolL'],
  ['police act', 'PL'],
  ['care of young persons act', 'LVU'],
  ['young offenders act', 'LUL'],
  ['penal code', 'BrB'],
  ['criminal code', 'BrB'],
  ['children and parents code', 'FB'],
  ['parental code', 'FB'],
];
// Matched text may differ from the listed name in spaces and hyphens ("offentlighets-och sekretesslagen").
const LAW_BY_SQUASHED_NAME = new Map(LAWS.map(([name, abbreviation]) => [name.replace(/[\s-]/g, ''), abbreviation]));
/** Laws cited by section only ("12 § PL"), without chapters. */
const CHAPTERLESS = new Set(['PL', 'LVU', 'LUL']);

const LAW = `(${LAWS.map(([name]) => name.replace(/[-\s]/g, (c) => (c === '-' ? '-?' : '\\s*'))).join('|')})(?![\\p{L}])`;
const LETTER = `(?:\\s*([a-h])(?![\\p{L}]))?`;
// "21–23" and "21 och 22" are ranges; "26:1 och 10:18" is two references, hence the lookahead.
const SECTION_TAIL = `(\\d{1,3})${LETTER}(?:\\s*(?:-|–|—|och|till)\\s*(\\d{1,3})(?!\\d|\\s*(?::|kap))${LETTER})?\\s*§*`;
/** "OSL 10:18 a", "10:18a", "10:21-23 OSL", "26:1". */
const COLON_FORM = new RegExp(`(?<![\\p{L}\\d])(?:${LAW}\\s*)?(\\d{1,2})\\s*:\\s*${SECTION_TAIL}(?:\\s*${LAW})?`, 'gu');
/** "10 kap. 18 a §", "10 kap 18a", "OSL 10 kap 21–23 §§", "26 kapitlet 1 § osl". */
const CHAPTER_FORM = new RegExp(`(?<![\\p{L}\\d])(?:${LAW}\\s*)?(\\d{1,2})\\s*kap(?:\\.|itlet|itel)?\\s*${SECTION_TAIL}(?:\\s*${LAW})?`, 'gu');
/** "chapter 10 section 27", "OSL chapter 10, section 18 a", "chapter 26 section 1 of the OSL": English. */
const ENGLISH_CHAPTER_FORM = new RegExp(`(?<![\\p{L}\\d])(?:${LAW}\\s*)?chapter\\s*(\\d{1,2})\\s*,?\\s*(?:section|sec\\.?|§)\\s*${SECTION_TAIL}(?:\\s*(?:of\\s+(?:the\\s+)?)?${LAW})?`, 'gu');
/** "18a OSL", "18 a § OSL", "12 § PL", "PL 12 §". */
const SECTION_LAW_FORM = new RegExp(`(?<![\\p{L}\\d:])(?:(\\d{1,3})${LETTER}\\s*§*\\s*${LAW}|${LAW}\\s*(\\d{1,3})${LETTER}\\s*§)`, 'gu');
/** "section 3 of the Police Act", "Police Act, section 12": English, with the same groups as SECTION_LAW_FORM. */
const ENGLISH_SECTION_FORM = new RegExp(
  `(?<![\\p{L}\\d:])(?:(?:section|sec\\.?|s\\.)\\s*(\\d{1,3})${LETTER}\\s*(?:(?:of|in)\\s+(?:the\\s+)?)?${LAW}|${LAW}\\s*,?\\s*(?:section|sec\\.?|s\\.)\\s*(\\d{1,3})${LETTER}(?![\\p{L}\\d]))`,
  'gu',
);
/**
 * "lul 6", "lvu 43", "pl 12", as typed in a hurry without "§": a law cited by section only, then the
 * section; accepted only when the result is a known reference ("pl 12 personer" is not one).
 */
const CHAPTERLESS_BARE_FORM = /(?<![\p{L}\d])(lul|lvu|pl)\s*(\d{1,3})(?:\s*([a-h])(?![\p{L}]))?(?![\p{L}\d:])/gu;
/** "1018a", "261": chapter and section written together; accepted only when the result is a known reference. */
const COMPACT_FORM = /(?<![\p{L}\d:])(\d{3,4})([a-h])?(?![\p{L}\d:])/gu;
/** Short forms such as "18 a" or "18c", looked up in the synonyms file. */
const SHORT_FORM = /(?<![\p{L}\d:])(\d{1,3}\s*[a-h]?)(?![\p{L}\d])/gu;
/** Words such as "generalklausulen", looked up in the synonyms file: whole words of letters only. */
const SHORT_WORD = /(?<![\p{L}\d:])\p{L}{4,}(?![\p{L}\d])/u;
const TOKEN = /[\p{L}\p{N}]+/gu;
/** A law named after the section that is not one of LAWS: "arbetsmiljölagen", "i skadeståndslagen", "the Work Environment Act". */
const OTHER_LAW = /^\s*(?:i\s+|enligt\s+|of\s+the\s+|in\s+the\s+)?\p{L}*(?:lagen|balken|forordningen|lag|balk)(?![\p{L}])/u;
/** The same law named before the section: "hyreslagen 12 kap. 46 §", "trafikförordningen 3 kap. 17 §". */
const OTHER_LAW_BEFORE = /(?<![\p{L}])\p{L}*(?:lagen|balken|forordningen)\s*$/u;
const DIGIT = /\d/;

export interface RefMatch {
  refs: string[];
  start: number;
  end: number;
}

export interface LegalRefRecogniser {
  /** Canonical references found in the text, with the spans they came from. */
  find(text: string): RefMatch[];
}

function canonical(law: string, chapter: string | undefined, section: string, letter: string | undefined): string {
  const base = chapter === undefined ? `${law} ${Number(section)}` : `${law} ${Number(chapter)}:${Number(section)}`;
  return letter ? `${base} ${letter}` : base;
}

function range(law: string, chapter: string | undefined, from: string, fromLetter: string | undefined, to: string | undefined, toLetter: string | undefined): string[] {
  const first = canonical(law, chapter, from, fromLetter);
  if (to === undefined) return [first];
  const a = Number(from);
  const b = Number(to);
  if (b <= a || b - a > 10) return [first, canonical(law, chapter, to, toLetter)];
  const refs = [first];
  for (let s = a + 1; s <= b; s++) refs.push(canonical(law, chapter, String(s), s === b ? toLetter : undefined));
  return refs;
}

/** Key for looking up a short form: folded, without spaces and §. */
export function shortFormKey(text: string): string {
  return fold(text).replace(/[\s§.]/g, '');
}

/**
 * @param knownRefs canonical references that exist in the knowledge; forms without a law name or
 *   chapter marker ("10:18a", "1018a") are only accepted when they name one of these, so clock times
 *   and years are not mistaken for references.
 * @param shortForms short form key (see {@link shortFormKey}) → canonical reference.
 */
export function createLegalRefRecogniser(knownRefs: ReadonlySet<string>, shortForms: ReadonlyMap<string, string>): LegalRefRecogniser {
  const lawOf = (name: string | undefined) => (name === undefined ? undefined : lawByName(name));
  // Word short forms are found by looking each word up, not by a pattern over the text: most texts
  // have no digits, and then these words are all there is to find.
  const shortWords = new Map([...shortForms].filter(([key]) => !DIGIT.test(key)));
  // One scan that rules out most texts before they are split into words.
  const anyShortWord = new RegExp([...shortWords.keys()].map((w) => w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|') || '(?!)', 'u');
  const findShortWords = (folded: string, add: (start: number, end: number, refs: string[]) => void) => {
    if (!anyShortWord.test(folded)) return;
    for (const m of folded.matchAll(TOKEN)) {
      const ref = shortWords.get(m[0]);
      if (ref && SHORT_WORD.test(folded.slice(Math.max(0, m.index - 1), m.index + m[0].length + 1))) add(m.index, m.index + m[0].length, [ref]);
    }
  };
  return {
    find(text: string): RefMatch[] {
      const folded = fold(text);
      const matches: RefMatch[] = [];
      // Spans citing a law Motpart does not know ("3 kap. 2 a § arbetsmiljölagen"): no reference, and
      // no shorter form inside them ("2 a") either.
      const foreign: Array<{ start: number; end: number }> = [];
      const overlaps = (start: number, end: number) => (m: { start: number; end: number }) => start < m.end && end > m.start;
      const taken = (start: number, end: number) => matches.some(overlaps(start, end)) || foreign.some(overlaps(start, end));
      const add = (start: number, end: number, refs: string[]) => {
        if (refs.length > 0 && !taken(start, end)) matches.push({ refs, start, end });
      };
      // Every other form has a number in it.
      if (!DIGIT.test(folded)) {
        findShortWords(folded, add);
        return matches;
      }

      for (const form of [CHAPTER_FORM, ENGLISH_CHAPTER_FORM, COLON_FORM]) {
        for (const m of folded.matchAll(form)) {
          const [, lawBefore, chapter, section, letter, to, toLetter, lawAfter] = m;
          const explicitLaw = lawOf(lawBefore) ?? lawOf(lawAfter);
          if (explicitLaw === undefined && (OTHER_LAW.test(folded.slice(m.index + m[0].length)) || OTHER_LAW_BEFORE.test(folded.slice(0, m.index)))) {
            foreign.push({ start: m.index, end: m.index + m[0].length });
            continue;
          }
          const refs = range(explicitLaw ?? 'OSL', chapter, section!, letter, to, toLetter);
          // A bare "16:30" is a clock time; accept unnamed colon forms only when they name known references.
          const trusted = explicitLaw !== undefined || form !== COLON_FORM || refs.some((r) => knownRefs.has(r));
          if (trusted) add(m.index, m.index + m[0].length, refs);
        }
      }
      for (const m of [...folded.matchAll(SECTION_LAW_FORM), ...folded.matchAll(ENGLISH_SECTION_FORM)]) {
        const [, section, letter, lawAfter, lawBefore, section2, letter2] = m;
        const law = lawOf(lawAfter ?? lawBefore)!;
        const sec = section ?? section2!;
        const let_ = letter ?? letter2;
        const viaShort = shortForms.get(`${Number(sec)}${let_ ?? ''}`);
        if (viaShort && viaShort.startsWith(`${law} `)) add(m.index, m.index + m[0].length, [viaShort]);
        else if (CHAPTERLESS.has(law)) add(m.index, m.index + m[0].length, [canonical(law, undefined, sec, let_)]);
      }
      for (const m of folded.matchAll(CHAPTERLESS_BARE_FORM)) {
        const ref = canonical(lawOf(m[1])!, undefined, m[2]!, m[3]);
        if (knownRefs.has(ref)) add(m.index, m.index + m[0].length, [ref]);
      }
      for (const m of folded.matchAll(COMPACT_FORM)) {
        const digits = m[1]!;
        for (const split of [1, 2]) {
          const ref = canonical('OSL', digits.slice(0, split), digits.slice(split), m[2]);
          if (digits.length - split >= 1 && knownRefs.has(ref)) {
            add(m.index, m.index + m[0].length, [ref]);
            break;
          }
        }
      }
      for (const m of folded.matchAll(SHORT_FORM)) {
        const ref = shortForms.get(shortFormKey(m[1]!));
        if (ref) add(m.index, m.index + m[0].length, [ref]);
      }
      findShortWords(folded, add);
      return matches.sort((a, b) => a.start - b.start);
    },
  };
}

function lawByName(name: string): string | undefined {
  return LAW_BY_SQUASHED_NAME.get(name.replace(/[\s-]/g, ''));
}

const CANONICAL = /^(\S+) (\d+)(?::(\d+))?(?: ([a-z]))?$/;

/** "OSL 10:18 a" → "10 kap. 18 a § OSL"; "PL 12" → "12 § PL". Unknown shapes are returned unchanged. */
export function formatRef(ref: string): string {
  const m = CANONICAL.exec(ref);
  if (!m) return ref;
  const [, law, first, second, letter] = m;
  const section = `${second ?? first}${letter ? ` ${letter}` : ''} §`;
  return second === undefined ? `${section} ${law}` : `${first} kap. ${section} ${law}`;
}

/**
 * Several references for display, runs of sections joined: ["OSL 10:21", "OSL 10:22", "OSL 10:23"]
 * → "10 kap. 21–23 §§ OSL".
 */
export function formatRefs(refs: readonly string[]): string {
  const out: string[] = [];
  for (let i = 0; i < refs.length; ) {
    const m = CANONICAL.exec(refs[i]!);
    let j = i + 1;
    if (m && m[3] !== undefined && m[4] === undefined) {
      const prefix = `${m[1]} ${m[2]}:`;
      let last = Number(m[3]);
      while (j < refs.length && refs[j] === `${prefix}${last + 1}`) {
        last++;
        j++;
      }
      if (j - i >= 2) {
        out.push(`${m[2]} kap. ${m[3]}–${last} §§ ${m[1]}`);
        i = j;
        continue;
      }
    }
    out.push(formatRef(refs[i]!));
    i++;
  }
  return out.join(', ');
}
