/**
 * Synonym groups from knowledge/synonyms.yaml: "soc" = "socialtjänsten", "anmälan om oro" =
 * "orosanmälan". Phrases are matched on stems, so inflected forms ("socialtjänstens") match too.
 * A match yields one key per group (`syn:<canonical>`), shared by queries and indexed documents.
 */
import { englishKey } from './english.js';
import { fold, sameLetters, stem, STOPWORDS, tokenise } from './normalise.js';

interface Phrase {
  stems: readonly string[];
  /** The member's words in lower case with å, ä and ö kept, where they line up with its folded words. */
  letters?: readonly string[];
  key: string;
  /** A one-word abbreviation that is also an everyday word ("SIG" / "sig"): needs capitals in the text. */
  needsCapitals: boolean;
}

export interface SynonymMatch {
  key: string;
  /** Token positions [start, end) covered by the phrase. */
  start: number;
  end: number;
}

export interface SynonymTable {
  /**
   * Longest non-overlapping phrase matches in a sequence of stems. `capitalised(i)` says whether
   * word i was typed in capitals, for abbreviations that are also everyday words. For an English
   * question, `english` holds its words' English stems: where no phrase matches the Swedish stems,
   * a member's English stems may ("sharing" is "share"). `typed` holds the words as typed (lower
   * case, å, ä and ö kept): folding makes "gånger" and "gänget" one stem, and a letter typed with its
   * ring or dots that the member spells otherwise is not that member.
   */
  match(stems: readonly string[], capitalised?: (i: number) => boolean, english?: readonly string[], typed?: readonly string[]): SynonymMatch[];
  /** The canonical display term of a key, e.g. "syn:socialtjansten" → "socialtjänsten". */
  canonical(key: string): string | undefined;
  /** The key of the group a word or phrase belongs to. */
  keyOf(text: string): string | undefined;
  /**
   * The key of the group with this one-word member, given as its stem ("samtyck" → "syn:samtycke");
   * undefined for abbreviations that need capitals, which a looked-up word cannot show.
   */
  groupOfStem(stem: string): string | undefined;
}

export const synonymKey = (canonicalTerm: string) => `syn:${tokenise(canonicalTerm).join(' ')}`;

const LETTERS = /[\p{L}\p{N}]+/gu;

function add(index: Map<string, Phrase[]>, phrase: Phrase): void {
  const list = index.get(phrase.stems[0]!);
  if (list) list.push(phrase);
  else index.set(phrase.stems[0]!, [phrase]);
}

/** Nouns an abbreviation names a kind of ("SIG-ärende", "SSPF-möte"), as stems of folded words. */
const ABBREVIATED_NOUNS = new Set(['ärende', 'ärendet', 'ärenden', 'möte', 'mötet', 'möten', 'koordinator', 'koordinatorn', 'samordnare', 'samordnaren', 'case', 'cases', 'meeting', 'meetings', 'coordinator'].map((w) => stem(fold(w))));
/** Whether one of those nouns comes right after `end`, or one word later ("sig nytt ärende"). */
const beforeItsNoun = (stems: readonly string[], end: number) => ABBREVIATED_NOUNS.has(stems[end] ?? '') || ABBREVIATED_NOUNS.has(stems[end + 1] ?? '');

export function buildSynonymTable(groups: ReadonlyArray<ReadonlyArray<string>>): SynonymTable {
  const byFirst = new Map<string, Phrase[]>();
  const byFirstEnglish = new Map<string, Phrase[]>();
  const display = new Map<string, string>();
  const byPhrase = new Map<string, string>();
  const byWordStem = new Map<string, string>();
  for (const group of groups) {
    const key = synonymKey(group[0]!);
    display.set(key, group[0]!);
    for (const member of group) {
      const words = tokenise(member);
      const stems = words.map(stem);
      if (stems.length === 0) continue;
      byPhrase.set(stems.join(' '), key);
      const needsCapitals = words.length === 1 && STOPWORDS.has(words[0]!);
      if (stems.length === 1 && !needsCapitals && !byWordStem.has(stems[0]!)) byWordStem.set(stems[0]!, key);
      const letters = member.normalize('NFC').toLowerCase().match(LETTERS) ?? [];
      add(byFirst, { stems, key, needsCapitals, ...(letters.length === words.length ? { letters } : {}) });
      if (!needsCapitals) add(byFirstEnglish, { stems: words.map(englishKey), key, needsCapitals });
    }
  }
  // Longest phrases first, so "sociala insatsgrupper" wins over a shorter member starting the same way.
  for (const list of [...byFirst.values(), ...byFirstEnglish.values()]) list.sort((a, b) => b.stems.length - a.stems.length);
  const phraseStems = new Set([...byFirst.values()].flatMap((list) => list.flatMap((p) => p.stems)));
  // "samtycket", "barnet": Snowball keeps the definite "-et" where the word ends in two consonants,
  // so the group's "samtyck" is met only without it.
  const definite = (s: string) => (!phraseStems.has(s) && s.endsWith('et') && phraseStems.has(s.slice(0, -2)) ? s.slice(0, -2) : s);

  return {
    // "sig-ärende", "sig nytt ärende", "sspf möte": an abbreviation typed in lower case is still one
    // before the noun it names a kind of; the pronoun "sig" never stands there.
    match(words, capitalised = () => false, english, typed) {
      const stems = words.map(definite);
      const found: SynonymMatch[] = [];
      const spelledAlike = (p: Phrase, i: number) => !typed || !p.letters || p.letters.every((m, j) => sameLetters(typed[i + j] ?? '', m, p.stems[j]!));
      for (let i = 0; i < stems.length; ) {
        const phrase =
          byFirst.get(stems[i]!)?.find((p) => p.stems.every((s, j) => stems[i + j] === s) && (!p.needsCapitals || capitalised(i) || beforeItsNoun(stems, i + p.stems.length)) && spelledAlike(p, i)) ??
          (english && byFirstEnglish.get(english[i]!)?.find((p) => p.stems.every((s, j) => english[i + j] === s)));
        if (phrase) {
          found.push({ key: phrase.key, start: i, end: i + phrase.stems.length });
          i += phrase.stems.length;
        } else i++;
      }
      return found;
    },
    canonical: (key) => display.get(key),
    keyOf: (text) => byPhrase.get(tokenise(fold(text)).map(stem).join(' ')),
    groupOfStem: (s) => byWordStem.get(s),
  };
}
