/**
 * English questions. The knowledge is Swedish, and English reaches it through the synonym groups
 * and situation cues editors write in English ("share", "sexual abuse"). Those are written in one
 * form; an English question inflects them ("sharing", "sexually abusing"), which the Swedish stemmer
 * does not undo. A question that reads as English is therefore also stemmed the English way
 * (Porter, the `stemmer` package) and compared with the English stems of the synonyms and cues.
 */
import { stemmer } from 'stemmer';
import { BoundedMemo } from '../boundedMemo.js';

/** Words that only English uses, so a handful of them say the question is English (not "at": folded, it is "åt"). */
const ENGLISH_MARKERS: ReadonlySet<string> = new Set([
  'the', 'is', 'are', 'was', 'were', 'we', 'our', 'us', 'you', 'your', 'they', 'their', 'she', 'he', 'his', 'her', 'it', 'this', 'that',
  'what', 'who', 'which', 'when', 'how', 'can', 'could', 'should', 'would', 'may', 'must', 'does', 'do', 'did', 'has', 'have', 'had',
  'of', 'to', 'and', 'or', 'with', 'about', 'from', 'without', 'if', 'my', 'me', 'any', 'there', 'be', 'been', 'not', 'an', 'on',
]);
/** Swedish words that English does not have; they outvote the markers in a Swedish question quoting English. */
const SWEDISH_MARKERS: ReadonlySet<string> = new Set([
  'och', 'att', 'ar', 'det', 'jag', 'vi', 'far', 'som', 'pa', 'med', 'for', 'har', 'kan', 'inte', 'till', 'om', 'hon', 'han', 'ni', 'vad',
  'vem', 'en', 'ett', 'eller', 'maste', 'ska', 'den', 'de', 'dom', 'hur', 'nar', 'var', 'sig', 'sin', 'mig', 'oss', 'utan', 'av',
]);

/** Whether a question's folded words read as English: at least two English-only words, more than Swedish ones. */
export function isEnglish(words: readonly string[]): boolean {
  let english = 0;
  let swedish = 0;
  for (const w of words) {
    if (ENGLISH_MARKERS.has(w)) english++;
    else if (SWEDISH_MARKERS.has(w)) swedish++;
  }
  return english >= 2 && english > swedish;
}

const stems = new BoundedMemo<string>(20_000);

/** The English (Porter) stem of a folded word: "abusing", "abused" and "abuse" meet in "abus". */
export function englishStem(word: string): string {
  return word.length < 4 || /\d/.test(word) ? word : stems.get(word, stemmer);
}

/**
 * What a word written in the knowledge (a synonym, a cue) stands for in an English question: written
 * plain ("abuse", "share"), every form of it; written with -ed or -ing ("assaulted", "evening"), that
 * form only, as Porter would make "evening" into "even" and "suspected" into "suspect".
 */
export function englishKey(written: string): string {
  return /(?:ed|ing)$/.test(written) ? written : englishStem(written);
}
