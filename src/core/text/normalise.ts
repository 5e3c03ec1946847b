/**
 * Swedish text for matching: people type in a hurry, on phones, often without å/ä/ö. Matching uses a
 * folded form; display text is never folded.
 */
import { BoundedMemo } from '../boundedMemo.js';

function foldFully(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/æ/g, 'ae').replace(/ø/g, 'o').normalize('NFC');
}

/**
 * Lower-case Latin letters whose full fold is plain ASCII ("å" → "a", "æ" → "ae"), computed from
 * the full fold itself and indexed by char code. Text made of ASCII and these letters, which is
 * nearly all Swedish text, is folded in one pass over its characters: the Unicode normalisations,
 * and then the regular expressions that picked the letters out, were most of the cost of indexing.
 */
const LATIN_FIRST = 0xc0;
const LATIN_FOLDS: Array<string | undefined> = [];
for (let code = LATIN_FIRST; code <= 0x24f; code++) {
  const lower = String.fromCharCode(code).toLowerCase();
  const folded = foldFully(lower);
  if (lower.length === 1 && lower.charCodeAt(0) === code && /^[\x20-\x7e]+$/.test(folded)) LATIN_FOLDS[code - LATIN_FIRST] = folded;
}

/** NFC, lower case, diacritics removed (å→a, ä→a, ö→o, é→e): only for matching, never for display. */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  let out = '';
  let copied = 0;
  for (let i = 0; i < lower.length; i++) {
    const code = lower.charCodeAt(i);
    if (code < 0x80) continue;
    const folded = LATIN_FOLDS[code - LATIN_FIRST];
    if (folded === undefined) return foldFully(text);
    out += lower.slice(copied, i) + folded;
    copied = i + 1;
  }
  return copied === 0 ? lower : out + lower.slice(copied);
}

const WORD = /[\p{L}\p{N}]+/gu;

/** Folded words (letters and digits), in order. */
/**
 * A word typed with å, ä or ö is read as typed: "gånger" is not "gäng", though both fold to "gang".
 * Typed without them (on a phone), it may be either, and it counts. The stem of the word written in
 * the knowledge (a cue, a synonym) is lined up where it sits in the typed word ("gängkriminalitet",
 * "sexövergreppen") and compared letter by letter.
 */
export function sameLetters(typed: string, written: string, writtenStem: string): boolean {
  if (!SWEDISH_LETTERS.test(typed) || written === '') return true;
  const at = fold(typed).indexOf(writtenStem);
  return at < 0 || typed.slice(at, at + writtenStem.length) === written.slice(0, writtenStem.length);
}
const SWEDISH_LETTERS = /[åäö]/;

export function tokenise(text: string): string[] {
  return fold(text).match(WORD) ?? [];
}

/** Words that carry no meaning for search (folded). Kept small: "utan", "under" and "inte" can matter. */
export const STOPWORDS: ReadonlySet<string> = new Set([
  'och', 'att', 'en', 'ett', 'om', 'i', 'pa', 'for', 'till', 'av', 'med', 'det', 'den', 'de', 'dem', 'som', 'ar', 'var', 'vara',
  'jag', 'vi', 'du', 'ni', 'man', 'har', 'hade', 'kan', 'kunna', 'far', 'fa', 'ska', 'skall', 'bor', 'maste', 'nar', 'vad', 'vem',
  'vilka', 'vilken', 'vilket', 'hur', 'eller', 'men', 'sa', 'nagon', 'nagot', 'nagra', 'min', 'mitt', 'mina', 'sin', 'sitt', 'sina',
  'han', 'hon', 'hen', 'oss', 'mig', 'dig', 'er', 'ert', 'era', 'sig', 'nu', 'da', 'bara', 'ocksa', 'kanske', 'ju', 'val', 'lite',
  'alla', 'allt', 'denna', 'detta', 'dessa', 'hej', 'tack', 'snalla', 'ok', 'okej', 'hos', 'fran', 'vid', 'at', 'ut', 'ur', 'in', 'upp',
  'gar', 'gor', 'gora', 'blir', 'bli', 'finns', 'the', 'a', 'an', 'of', 'to', 'is', 'are', 'who', 'what', 'can', 'may', 'we', 'you',
  'about', 'and', 'or', 'for', 'on', 'it', 'do', 'does', 'my', 'our', 'me', 'with', 'us', 'if', 'them', 'they', 'their', 'he', 'she',
  'his', 'her', 'there', 'this', 'that', 'be', 'your', 'should', 'would', 'could', 'allowed', 'permitted',
  'as', 'by', 'from', 'into', 'than', 'then', 'so', 'was', 'were', 'been', 'being', 'has', 'have', 'had', 'will', 'am',
  'any', 'some', 'just', 'even', 'actually', 'really', 'like', 'looks', 'get', 'got', 'im', 'its', 'which', 'when', 'how', 'here',
  'between', 'him', 'up', 'too', 'someone', 'another', 'around', 'out', 'because', 'well', 'things', 'says', 're', 'won', 'during', 'very',
  // "I couldn't answer that. Did I do the right thing?": English auxiliaries and fillers of a story.
  'did', 'didn', 'couldn', 'don', 'doesn', 'isn', 'wasn', 'whether', 'certain', 'thing', 'said', 'also', 'still',
  // Everyday words that say nothing about a rule; unknown to the knowledge, they would weigh the most.
  'nan', 'nat', 'vet', 'tror', 'haller', 'ja', 'nej', 'sager', 'henne', 'honom', 'hans', 'hennes', 'dom', 'nara',
]);

/**
 * Function words left out of STOPWORDS because they change what a search means ("sekretess mot
 * föräldrarna", "utan samtycke"); still never a word for what happened in a case.
 */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set(['mot', 'utan', 'under', 'inte', 'over', 'efter', 'not', 'without', 'against']);

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y']);
// Snowball's Swedish stemmer on folded text (å/ä → a, ö → o), so "polisen", "polisens" and "polis" meet.
const STEP1 = [
  'heterna', 'hetens', 'anden', 'andes', 'andet', 'arens', 'arnas', 'ernas', 'ornas', 'heten', 'heter', 'arna', 'erna', 'orna',
  'ande', 'arne', 'aste', 'aren', 'ades', 'erns', 'ade', 'are', 'ern', 'ens', 'het', 'ast', 'ad', 'en', 'ar', 'er', 'or', 'as',
  'es', 'at', 'a', 'e',
];
const S_ENDING = new Set([...'bcdfghjklmnoprtvy']);
/**
 * Snowball's "-et" rule (2021): "beslutet" → "beslut", "hotet" → "hot", but not where "-et" is part
 * of the word ("paket", "frihet", "identitet"): a consonant after a vowel must come before it, and
 * none of these endings; "-ets" likewise. ("barnet" keeps its "-et" in Snowball; the term index finds "barn" for it.)
 */
const ET_KEEPS = ['h', 'iet', 'uit', 'fab', 'cit', 'dit', 'alit', 'ilit', 'mit', 'nit', 'pit', 'rit', 'sit', 'tit', 'ivit', 'kvit', 'xit', 'kom', 'rak', 'pak', 'stak'];

function etRemovable(stemmed: string): boolean {
  const n = stemmed.length;
  return n >= 3 && !VOWELS.has(stemmed[n - 1]!) && VOWELS.has(stemmed[n - 2]!) && !ET_KEEPS.some((e) => stemmed.endsWith(e));
}
const STEP2 = ['dd', 'gd', 'nn', 'dt', 'gt', 'kt', 'tt'];

function region1(word: string): number {
  for (let i = 1; i < word.length; i++) {
    if (!VOWELS.has(word[i]!) && VOWELS.has(word[i - 1]!)) return Math.max(i + 1, 3);
  }
  return word.length;
}

/**
 * Stems seen before: indexing stems the same few thousand words hundreds of thousands of times.
 * Bounded, so questions full of odd words cannot grow it without end.
 */
const stems = new BoundedMemo<string>(50_000);

/** A light Swedish stem of a folded word; digits and short words are kept as they are. */
export function stem(word: string): string {
  return word.length < 4 ? word : stems.get(word, stemUncached);
}

function stemUncached(word: string): string {
  if (/\d/.test(word)) return word;
  const r1 = region1(word);
  let w = word;
  const suffix = STEP1.find((s) => w.endsWith(s) && w.length - s.length >= r1);
  // Longest suffix wins, as in Snowball: "-et" only where no longer one ("-andet", "-het") matched.
  if (w.endsWith('et') && w.length - 2 >= r1 && (suffix === undefined || suffix.length <= 2) && !w.endsWith('het') && !w.endsWith('andet')) {
    if (etRemovable(w.slice(0, -2))) w = w.slice(0, -2);
  } else if (suffix) w = w.slice(0, -suffix.length);
  // "bibliotekets", "beslutets": the genitive of the same rule; where it keeps its "-et" ("identitets"), only the "s" goes.
  else if (w.endsWith('ets') && w.length - 3 >= r1 && etRemovable(w.slice(0, -3))) w = w.slice(0, -3);
  else if (w.endsWith('s') && w.length - 1 >= r1 && S_ENDING.has(w[w.length - 2]!)) w = w.slice(0, -1);
  if (STEP2.some((s) => w.endsWith(s) && w.length - s.length >= r1)) w = w.slice(0, -1);
  if (w.endsWith('fullt') && w.length - 5 >= r1) w = w.slice(0, -1);
  else if (w.endsWith('lost') && w.length - 4 >= r1) w = w.slice(0, -1);
  else {
    const s3 = ['lig', 'els', 'ig'].find((s) => w.endsWith(s) && w.length - s.length >= r1);
    if (s3) w = w.slice(0, -s3.length);
  }
  return w;
}

/**
 * A period that ends a sentence: not the one after an abbreviation ("10 kap. 18 a §", "t.ex. skolan"),
 * which would cut a provision from its section. A regular-expression source, for sentence and clause breaks.
 */
export const SENTENCE_PERIOD = String.raw`(?<!\b(?:kap|t\.ex|bl\.a|m\.m|nr|jfr|ca|resp|prop|st|dvs|fr\.o\.m|t\.o\.m))\.`;
const SENTENCE_BREAK = new RegExp(`(?<=[!?]|${SENTENCE_PERIOD})\\s+`, 'iu');

/** The sentences of a text, each with its end mark ("?" says it asks); those without a word are left out. */
export function sentencesOf(text: string): string[] {
  return text.split(SENTENCE_BREAK).filter((s) => !isContentless(s));
}

/** True when the text has no letters or digits at all (empty, whitespace, emoji, punctuation). */
export function isContentless(text: string): boolean {
  return !/[\p{L}\p{N}]/u.test(text);
}
