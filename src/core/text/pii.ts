/**
 * The personal-number guard. Motpart needs no personal data: a Swedish personnummer or
 * samordningsnummer in a message gets a private warning and the text is neither stored nor logged.
 * `redact` is applied to anything that is persisted (gap log, feedback notes).
 */

// YYMMDD or YYYYMMDD, optional separator (-, +, spaces) and four digits. Boundaries keep case
// numbers such as "5000-K123456-25" and phone numbers out.
const CANDIDATE = /(?<![\p{L}\d-])((?:19|20)?)(\d{2})(\d{2})(\d{2})[ \t]?([-+])?[ \t]?(\d{4})(?![\d])/gu;

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

function* personalNumberCandidates(text: string): Generator<NumberMatch> {
  for (const m of text.matchAll(CANDIDATE)) {
    const [whole, century = '', yy, mm, dd, , last4] = m;
    if (!validDate(century, yy!, mm!, dd!)) continue;
    yield { start: m.index, end: m.index + whole.length, checksumValid: luhnValid(`${yy}${mm}${dd}${last4}`) };
  }
}

/** True when the text holds a personnummer or samordningsnummer with a valid check digit. */
export function containsPersonalNumber(text: string): boolean {
  for (const candidate of personalNumberCandidates(text)) if (candidate.checksumValid) return true;
  return false;
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
