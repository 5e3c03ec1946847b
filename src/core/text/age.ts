/**
 * Ages in a question ("17-åring", "19 år", "en 16 årig kille", "hon är 15", "en tjej på 15"), so a route with an age
 * limit (10 kap. 18 a § OSL: under 21) is never presented as applying to someone it does not cover.
 */
import { fold } from './normalise.js';

const PATTERNS: RegExp[] = [
  // 17-åring, 16 årig, 16-åriga, 15-åringen
  /(?<![\d:])(\d{1,3})\s*-?\s*ari(?:ng(?:en|ar|arna)?|g[ae]?)(?![\p{L}])/gu,
  // 15-year-old, 13-year-olds, a 16 year old
  /(?<![\d:])(\d{1,3})\s*-?\s*years?\s*-?\s*olds?(?![\p{L}])/gu,
  // 19 år, 19 år och 11 månader, 19 years, 19 yo — but not "under 21 år", "i 2 år", "för 3 år sedan"
  /(?<!\b(?:under|over|innan|fore|i|pa|sedan|efter|inom|for|om|till|in|after|within|than|an)\s)(?<![\d:,.])(\d{1,3})\s*(?:ar|years?|yrs|yo|y\/o)(?:\s+(?:och|and)\s+\d{1,2}\s+(?:manader|manad|months?))?(?![\p{L}])(?!\s+(?:sedan|ago|senare|later|gammal\s+lag))/gu,
  // hon är 15, killen e 16 (as typed in a hurry), en av de misstänkta är 17, he is 17, he's 19, one of our students is 19 — not "är 15 minuter", "är 10 kap"
  /\b(?:hon|han|hen|den unge|ungdomen|killen|tjejen|pojken|flickan|grabben|eleven|barnet|sonen|dottern|klienten|patienten|personen|individen|misstankte|misstankta|malsaganden|offret|he|she|they|students?|pupils?|boy|girl|son|daughter|kid|client|patient|suspect|victim)\s*(?:\s(?:ar|e|is|was|var|blir|fyller|har fyllt)|['’]s)\s+(\d{1,3})(?!\s*(?:kap|:|%|min|timm|dag|vecko|manad|kr\b))(?![\p{L}\d])/gu,
  // en tjej på 15, en pojke på 13 år, en man på 34, a boy of 13 — not "på 10 minuter", "på 13:e"
  /\b(?:pojke|pojken|kille|killen|tjej|tjejen|flicka|flickan|grabb|grabben|son|sonen|dotter|dottern|barn|barnet|elev|eleven|klient|klienten|ungdom|ungdomen|unge|man|kvinna|mamma|pappa|bror|brorsa|syster|syrra|boy|girl|daughter|kid|child|client|woman)\s+(?:pa|of)\s+(\d{1,3})(?!\s*(?:kap|:|%|min|timm|dag|vecko|manad|kr\b))(?![\p{L}\d])/gu,
  // kille 17, tjej 16, elev 14, elev (15), boy 15: typed on a phone, the number right after the person — not "elev 14 dagar", "barn 2 st"
  /\b(?:kille|killen|tjej|tjejen|pojke|pojken|flicka|flickan|grabb|grabben|elev|eleven|ungdom|ungdomen|son|sonen|dotter|dottern|boy|girl|kid)(?:\s+|\s*\(\s*)(\d{1,2})(?:\s*\))?(?![\p{L}\d:.,]|\s*(?:kap|%|min|timm|dag|vecko|manad|kr\b|st\b|ganger|times))/gu,
  // i 30-årsåldern, i tonåren är ingen ålder
  /(?<![\d:])(\d{1,3})\s*-?\s*arsaldern(?![\p{L}])/gu,
  // fyllt 19, fyller 21, fyllde 21, ska fylla 18, aged 15, age 15, turned 21, turns 18
  /\b(?:fyllt|fyller|fyllde|fylla|aged?|turned|turns|turning)\s+(\d{1,3})(?![\p{L}\d])/gu,
];

/** Ages written in words, as children's ages are: "en treåring", "femåringen", "a three-year-old". */
const NUMBER_WORDS: ReadonlyMap<string, number> = new Map([
  ...['ett', 'tva', 'tre', 'fyra', 'fem', 'sex', 'sju', 'atta', 'nio', 'tio', 'elva', 'tolv', 'tretton', 'fjorton', 'femton', 'sexton', 'sjutton', 'arton'].map(
    (w, i) => [w, i + 1] as const,
  ),
  ...['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen'].map(
    (w, i) => [w, i + 1] as const,
  ),
]);
/** The number a folded word names ("sju", "seven"), if it is one of one to eighteen. */
export const numberOfWord = (word: string): number | undefined => NUMBER_WORDS.get(word);
const NUMBER_WORD = `(${[...NUMBER_WORDS.keys()].sort((a, b) => b.length - a.length).join('|')})`;
const WORD_PATTERNS: RegExp[] = [
  // treåring, femåriga, sexåringen, en tvåårig pojke
  new RegExp(`(?<![\\p{L}])${NUMBER_WORD}\\s*-?\\s*ari(?:ng(?:en|ar|arna)?|g[ae]?)(?![\\p{L}])`, 'gu'),
  // a three-year-old, two-year-olds
  new RegExp(`(?<![\\p{L}])${NUMBER_WORD}\\s*-?\\s*years?\\s*-?\\s*olds?(?![\\p{L}])`, 'gu'),
];

/** Every digit pattern needs a number, and most texts have none; most have no age in words either. */
const DIGIT = /\d/;
const ANY_NUMBER_WORD = new RegExp(`${NUMBER_WORD}\\s*-?\\s*(?:ari|year)`, 'u');

function* ageMatches(folded: string): Generator<{ age: number; start: number; end: number }> {
  if (DIGIT.test(folded)) {
    for (const pattern of PATTERNS) for (const m of folded.matchAll(pattern)) yield { age: Number(m[1]), start: m.index, end: m.index + m[0].length };
  }
  if (ANY_NUMBER_WORD.test(folded)) {
    for (const pattern of WORD_PATTERNS) for (const m of folded.matchAll(pattern)) yield { age: NUMBER_WORDS.get(m[1]!)!, start: m.index, end: m.index + m[0].length };
  }
}

/** Ages mentioned in the text, in order, without duplicates; only plausible ages (0–120). */
export function extractAges(text: string): number[] {
  const folded = fold(text);
  const ages: number[] = [];
  for (const { age } of ageMatches(folded)) if (age <= 120 && !ages.includes(age)) ages.push(age);
  // "som vi utredde när han var 17 fyllde 18 förra veckan": an age he had is not his age now.
  const past = new Set([...folded.matchAll(PAST_AGE)].map((m) => Number(m[1])));
  // "fyller 21 om tio dagar", "turns 18 next week": the birthday is ahead, so the age now is one less.
  const ahead = new Set([...folded.matchAll(BIRTHDAY_AHEAD)].map((m) => Number(m[1])));
  const now = ages.filter((a) => !past.has(a)).map((a) => (ahead.has(a) ? a - 1 : a));
  return now.length > 0 ? [...new Set(now)] : ages;
}

/** "fyller 21 om tio dagar", "ska fylla 18 nästa vecka", "turns 18 next month", folded: a birthday still to come. */
const BIRTHDAY_AHEAD =
  /\b(?:fyller|ska fylla|kommer att fylla|turns|will turn|is turning|turning)\s+(\d{1,3})\s+(?:om|nasta|snart|i (?:morgon|overmorgon|helgen|host|var|sommar|vinter|januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)|pa (?:mandag|tisdag|onsdag|torsdag|fredag|lordag|sondag)|next|in|soon|tomorrow|on)\b/gu;

/** "när han var 17", "when she was 15": an age someone had, folded. */
const PAST_AGE = /\b(?:nar|when)\s+(?:han|hon|hen|he|she|they)\s+(?:var|was|were)\s+(\d{1,2})(?![\p{L}\d])/gu;

/**
 * Harm done to the one whose age is named: "misshandel av en 14-åring", "rånade en 13-åring", "en
 * 14-åring blev misshandlad", "a 15-year-old was assaulted". Folded stems; the age is the victim's.
 */
const HARM_BEFORE =
  /\b(?:(?:misshandel(?:n)?|overgrepp(?:et)?|valdtakt(?:en)?) (?:av|mot|pa)|(?:ran(?:et)?|hot(?:et)?|mordforsok(?:et)?) (?:mot|pa)|(?:assault|robbery|abuse|rape|attack) (?:on|of|against))(?: en| ett| a| an| the)? $|\b(?:misshandlade|misshandlat|ranade|ranat|slog|slagit|hotade|hotat|knivhogg|knivhuggit|sparkade|valdtog|assaulted|robbed|beat|stabbed|threatened|attacked|raped)(?: en| ett| a| an| the)? $/;
const HARMED = '(?:blev|har blivit|blivit|hade blivit|was|has been|had been|got) (?:misshandlad|slagen|ranad|hotad|knivhuggen|knivskuren|sparkad|valdtagen|assaulted|beaten|robbed|threatened|stabbed|attacked|raped|hit)\\b';
const HARM_AFTER = new RegExp(`^(?:en |ett |som )?${HARMED}`);
/** "… he was stabbed", "hon blev slagen": harm told of someone by a pronoun, in a story that names only one age. */
const HARMED_BY_PRONOUN = new RegExp(`\\b(?:han|hon|hen|he|she) (?:\\w+ )?${HARMED}`);
/** How much text around an age is read for the harm done ("misshandel av en " before, " blev misshandlad" after). */
const HARM_REACH = 40;

/** Ages of people the text says were harmed (see {@link HARM_BEFORE}), folded text. */
export function harmedAges(folded: string): number[] {
  const ages: number[] = [];
  for (const { age, start, end } of ageMatches(folded)) {
    const before = folded.slice(Math.max(0, start - HARM_REACH), start);
    const after = folded.slice(end, end + HARM_REACH).trimStart();
    if ((HARM_BEFORE.test(before) || HARM_AFTER.test(after)) && !ages.includes(age)) ages.push(age);
  }
  const named = [...new Set([...ageMatches(folded)].map((m) => m.age))];
  if (ages.length === 0 && named.length === 1 && HARMED_BY_PRONOUN.test(folded)) ages.push(named[0]!);
  return ages;
}

/** Spans of age phrases, so search does not treat "17" or "åring" as words of the question. */
export function ageSpans(folded: string): Array<[number, number]> {
  return [...ageMatches(folded)].map(({ start, end }) => [start, end]);
}

export interface AgeLimit {
  min?: number;
  max?: number;
}

/** True when every age mentioned falls outside the limit: the route then does not apply. */
export function outsideAgeLimit(ages: readonly number[], limit: AgeLimit): boolean {
  if (ages.length === 0) return false;
  return ages.every((age) => (limit.min !== undefined && age < limit.min) || (limit.max !== undefined && age > limit.max));
}
