/**
 * The personal-number guard. Motpart needs no personal data: a Swedish personnummer or
 * samordningsnummer in a message gets a private warning and the text is neither stored nor logged.
 * `redact` is applied to anything that is persisted (gap log, feedback notes).
 */

/**
 * The guard matches on a normalised copy of the text, so that no spelling slips through: NFKC
 * (full-width digits, compatibility forms), every dash (hyphen, en and em dash, minus, ...) as
 * `-`, `/` and `_` as `-`, every space (non-breaking, thin, ideographic, ...) as a space, and
 * zero-width characters and soft hyphens removed. Each normalised character remembers where it
 * came from, so that redaction replaces the right span of the original text.
 */
const DASHES = /[\u2010-\u2015\u2212\u2E3A\u2E3B\uFE58\uFE63\uFF0D\/_]/u;
const SPACES = /[\s\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/u;
const INVISIBLE = /[\u00AD\u034F\u180E\u200B-\u200F\u2060-\u2064\uFEFF]/u;

interface Normalised {
  text: string;
  /** For each character of `text`, the index in the original of the character it came from. */
  from: number[];
}

function normalise(original: string): Normalised {
  let text = '';
  const from: number[] = [];
  let index = 0;
  for (const char of original) {
    let mapped: string;
    if (INVISIBLE.test(char)) mapped = '';
    else if (DASHES.test(char)) mapped = '-';
    else if (SPACES.test(char)) mapped = ' ';
    else {
      mapped = char.normalize('NFKC');
      if (DASHES.test(mapped)) mapped = '-';
      else if (SPACES.test(mapped)) mapped = ' ';
    }
    for (let i = 0; i < mapped.length; i++) from.push(index);
    text += mapped;
    index += char.length;
  }
  from.push(original.length);
  return { text, from };
}

// YYMMDD or YYYYMMDD (groups may be spaced: "33 04 22-2114"), optional separator (-, +, spaces)
// and four digits. Boundaries keep case numbers such as "5000-K123456-25" and phone numbers out;
// a prefix people write before the number ("pnr", "pnr-", "personnr:", "personnummer") is a boundary too.
const PREFIX = String.raw`(?:p(?:ers(?:on)?)?\.?\s?nr|personnummer|samordningsnr|samordningsnummer)[\s:.-]*`;
const CANDIDATE = new RegExp(
  String.raw`(?:(?<=${PREFIX})|(?<![\p{L}\d-]))((?:19|20)?)(\d{2}) ?(\d{2}) ?(\d{2}) ?([-+])? ?(\d{4})(?!\d)`,
  'giu',
);

function luhnValid(tenDigits: string): boolean {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    let d = tenDigits.charCodeAt(i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function validDate(century: string, yy: string, mm: string, dd: string): boolean {
  const month = Number(mm);
  let day = Number(dd);
  if (day > 60) day -= 60; // samordningsnummer: day + 60
  if (month < 1 || month > 12 || day < 1) return false;
  // Without a century any year works; Feb 29 is then judged on a leap year.
  const year = century ? Number(century + yy) : 2000 + Number(yy);
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

interface NumberMatch {
  start: number;
  end: number;
  checksumValid: boolean;
}

/** Candidates in the original text's positions. */
function* personalNumberCandidates(original: string): Generator<NumberMatch> {
  // Most texts hold no digit of any script (full-width, mathematical, circled digits fold to ASCII under NFKC).
  if (!/\p{N}/u.test(original)) return;
  const { text, from } = normalise(original);
  for (const m of text.matchAll(CANDIDATE)) {
    const [whole, century = '', yy, mm, dd, , last4] = m;
    if (!validDate(century, yy!, mm!, dd!)) continue;
    // The end is just past the original character that gave the last matched one.
    const last = from[m.index + whole.length - 1]!;
    const end = last + (original.codePointAt(last)! > 0xffff ? 2 : 1);
    yield { start: from[m.index]!, end, checksumValid: luhnValid(`${yy}${mm}${dd}${last4}`) };
  }
}

/** True when the text holds a personnummer or samordningsnummer with a valid check digit. */
export function containsPersonalNumber(text: string): boolean {
  for (const candidate of personalNumberCandidates(text)) if (candidate.checksumValid) return true;
  return false;
}

/** The text with every personal number that has a valid check digit redacted; text without one is returned as it is. */
export function withoutPersonalNumbers(text: string): string {
  return containsPersonalNumber(text) ? redact(text) : text;
}

const EMAIL = /[\p{L}\d._%+-]+@[\p{L}\d.-]+\.\p{L}{2,}/gu;
// Swedish phone numbers: 040-123 45 67, 070-123 45 67, 0701234567, +46 70 123 45 67, 08-123 456 78.
const PHONE = /(?<![\p{L}\d])(?:\+46[ -]?\(?0?\)?|0)\d{1,3}(?:[ -]?\d{2,4}){2,4}(?![\p{L}\d])/gu;

/**
 * Replaces personal numbers (anything shaped like one, check digit or not), e-mail addresses and
 * phone numbers. `isName` marks capitalised words to replace as names (words the knowledge does not
 * know); the first word of the text is kept, as it is capitalised anyway.
 */
export function redact(text: string, isName?: (word: string) => boolean): string {
  let out = text;
  const numbers = [...personalNumberCandidates(out)].reverse();
  for (const n of numbers) out = `${out.slice(0, n.start)}[personnummer]${out.slice(n.end)}`;
  out = out.replace(EMAIL, '[e-post]').replace(PHONE, '[telefon]');
  if (isName) {
    out = out.replace(/(?<=[\p{L}\d,;:)]\s+)\p{Lu}[\p{Ll}\p{Lu}-]+/gu, (word) => (isName(word) ? '[namn]' : word));
  }
  return out;
}
