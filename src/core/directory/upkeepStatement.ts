/**
 * Statements that change the directory, in the words people use: "jag är ledig 15–30 december, Kim
 * Exempel vikarierar", "från 1 januari är det Sara som har funktionen", "jag har slutat". Read
 * before a message is routed as a question, so they must be statements beyond doubt: a question
 * ("har Sara slutat?", "vem vikarierar för kommunpolisen?") is never one.
 */
import { addDays, SWEDISH_MONTHS } from '../dates.js';

/** Who the statement is about: the asker ("jag") or someone named ("Sara Exempelsson är ledig …"). */
export type Subject = { self: true } | { self: false; name: string };

export type Statement =
  | { kind: 'standin'; subject: Subject; person: string; from: string; to: string }
  | { kind: 'handover'; person: string; from: string }
  | { kind: 'left'; subject: Subject; from: string };

// Months by their first three letters, which every written form shares ("dec", "dec.", "december").
const MONTH_STEMS = SWEDISH_MONTHS.map((m) => m.slice(0, 3));
const MONTH = String.raw`(jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec)[a-zä]*\.?`;
// The three written forms: 2026-12-15, 15 december [2026], 15/12[/2026]. Positional groups, as one
// regex cannot name the same group twice in Node 20.
const DATE = String.raw`(?:(\d{4})-(\d{2})-(\d{2})|(\d{1,2})(?:\.|:e|:a)?\s+${MONTH}(?:\s+(\d{4}))?|(\d{1,2})\/(\d{1,2})(?:\/(\d{2}|\d{4}))?)`;
const DATE_RE = new RegExp(DATE, 'gu');
/** "15-30 december": one month for both days. */
const DAY_SPAN = new RegExp(String.raw`(?<![\d-])(\d{1,2})\s*-\s*(\d{1,2})\s+${MONTH}(?:\s+(\d{4}))?`, 'u');
const RANGE_JOIN = /^\s*(?:-|till|t\.?\s?o\.?\s?m\.?|och)\s*$/u;
const UNTIL = /(?:till|t\.?\s?o\.?\s?m\.?)\s*$/u;

/** A name as written: one to four capitalised words, with an optional "(fiktiv)". Checked on the original text. */
const NAME = String.raw`([\p{L}][\p{L}'’-]*(?:\s+[\p{L}][\p{L}'’-]*){0,3}(?:\s*\([^)]{1,20}\))?)`;
const SUBJECT = String.raw`(jag|${NAME})`;
const ABSENT = String.raw`(?:är|ar|blir|e|kommer att vara|kommer vara)\s+(?:ledig|föräldraledig|tjänstledig|sjukskriven|sjuk|bortrest|borta|på semester|på utbildning|på kurs)|har\s+(?:semester|ledigt|föräldraledigt|föräldraledighet)|går på (?:semester|föräldraledighet)`;
const STAND_IN_AFTER = String.raw`(?:^|[,;.]\s*|\s+och\s+|\s+så\s+|\s+medan\s+)${NAME}\s+(?:vikarierar|går in|hoppar in|ersätter (?:mig|henne|honom|hen)|är vikarie|täcker upp|har hand om funktionen|sköter funktionen)`;
const STAND_IN_BEFORE = String.raw`(?:vikarie(?:n)?\s+(?:är|blir)|vikarierar gör|med)\s+${NAME}`;
const QUESTION_START = /^\s*(?:vem|vad|hur|när|nar|var|vart|vilken|vilka|får|far|kan|ska|måste|maste|finns|har|är|ar)\b/u;

type DateParts = { year?: number; month: number; day: number };

function partsOf(m: RegExpMatchArray, offset = 1): DateParts | undefined {
  const g = (i: number) => m[offset + i];
  if (g(0)) return { year: Number(g(0)), month: Number(g(1)), day: Number(g(2)) };
  if (g(3)) return { day: Number(g(3)), month: MONTH_STEMS.indexOf(g(4)!) + 1, ...(g(5) ? { year: Number(g(5)) } : {}) };
  if (g(6)) {
    const y = g(8);
    return { day: Number(g(6)), month: Number(g(7)), ...(y ? { year: y.length === 2 ? 2000 + Number(y) : Number(y) } : {}) };
  }
  return undefined;
}

const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

function validIso(date: string): boolean {
  const d = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === date;
}

/**
 * The date meant: a date without a year is the next one to come, give or take the last two months
 * ("jag är ledig 20–30 november" said on 24 November is this November, "1 januari" is the coming one).
 */
function resolve(parts: DateParts, today: string, notBefore?: string): string | undefined {
  const year = Number(today.slice(0, 4));
  let date = iso(parts.year ?? year, parts.month, parts.day);
  if (parts.year === undefined) {
    const floor = notBefore ?? addDays(today, -60);
    if (date < floor) date = iso(year + 1, parts.month, parts.day);
  }
  return validIso(date) ? date : undefined;
}

interface Found {
  parts: DateParts;
  start: number;
  end: number;
}

function datesIn(text: string): Found[] {
  return [...text.matchAll(DATE_RE)].flatMap((m) => {
    const parts = partsOf(m);
    return parts && parts.month >= 1 ? [{ parts, start: m.index, end: m.index + m[0].length }] : [];
  });
}

/** A period in the text: "15–30 december", "15 december till 6 januari", "t.o.m. 30 december" (from today). */
export function periodIn(text: string, today: string): { from: string; to: string } | undefined {
  const span = DAY_SPAN.exec(text);
  if (span) {
    const month = MONTH_STEMS.indexOf(span[3]!) + 1;
    const year = span[4] ? Number(span[4]) : undefined;
    const from = resolve({ day: Number(span[1]), month, ...(year ? { year } : {}) }, today);
    const to = from && resolve({ day: Number(span[2]), month, ...(year ? { year } : {}) }, today, from);
    return from && to && to >= from ? { from, to } : undefined;
  }
  const found = datesIn(text);
  for (let i = 0; i + 1 < found.length; i++) {
    if (!RANGE_JOIN.test(text.slice(found[i]!.end, found[i + 1]!.start))) continue;
    const from = resolve(found[i]!.parts, today);
    const to = from && resolve(found[i + 1]!.parts, today, from);
    // A period that is not in the calendar is no period; "till" alone must not read it as one.
    return from && to && to >= from ? { from, to } : undefined;
  }
  const until = found.find((f) => UNTIL.test(text.slice(0, f.start)));
  const to = until && resolve(until.parts, today, today);
  return to ? { from: today, to } : undefined;
}

/** The first date in the text. */
export function dateIn(text: string, today: string): string | undefined {
  const first = datesIn(text)[0];
  return first ? resolve(first.parts, today) : undefined;
}

/** The name as typed, when every word of it is capitalised (a name, not "hon" or "kollegan"). */
function nameAt(original: string, lower: string, match: RegExpExecArray, group: number): string | undefined {
  const [start, end] = match.indices?.[group] ?? [];
  if (start === undefined || end === undefined) return undefined;
  const name = original.slice(start, end).trim();
  const words = name.replace(/\s*\([^)]*\)$/, '').split(/\s+/);
  return lower.slice(start, end) === name.toLowerCase() && words.every((w) => /^\p{Lu}/u.test(w)) ? name : undefined;
}

function subjectAt(original: string, lower: string, match: RegExpExecArray): Subject | undefined {
  if (match[1] === 'jag') return { self: true };
  const name = nameAt(original, lower, match, 2);
  return name ? { self: false, name } : undefined;
}

/** Lower case, one kind of dash: what the patterns are written for. Same length as the text, so positions carry over. */
const prepare = (text: string) => text.normalize('NFC').replace(/[\u2010-\u2015\u2212]/g, '-');

/** The change a message states, or undefined for anything else (questions included). */
export function parseStatement(text: string, today: string): Statement | undefined {
  const original = prepare(text).trim();
  const lower = original.toLowerCase();
  if (lower.length !== original.length || original.includes('?') || QUESTION_START.test(lower)) return undefined;
  return standIn(original, lower, today) ?? handover(original, lower, today) ?? left(original, lower, today);
}

function standIn(original: string, lower: string, today: string): Statement | undefined {
  const absent = new RegExp(String.raw`(?:^|[,;.:]\s*)${SUBJECT}\s+(?:${ABSENT})\b`, 'du').exec(lower);
  if (!absent) return undefined;
  const subject = subjectAt(original, lower, absent);
  const period = periodIn(lower, today);
  const who = new RegExp(STAND_IN_AFTER, 'du').exec(lower) ?? new RegExp(STAND_IN_BEFORE, 'du').exec(lower);
  const person = who ? nameAt(original, lower, who, 1) : undefined;
  return subject && period && person ? { kind: 'standin', subject, person, ...period } : undefined;
}

function handover(original: string, lower: string, today: string): Statement | undefined {
  const patterns: Array<{ re: RegExp; name: number; date: number }> = [
    // "från 1 januari är det Sara som har funktionen"
    { re: new RegExp(String.raw`(?:^|[,;.:]\s*)(?:från|fr\.o\.m\.?|fom)\s+([^,]{3,30}?)\s*,?\s+(?:är det|blir det)\s+${NAME}\s+som\s+(?:har|tar över|sköter|innehar|tar)\b`, 'du'), date: 1, name: 2 },
    // "från 1 januari tar Sara över (funktionen)"
    { re: new RegExp(String.raw`(?:^|[,;.:]\s*)(?:från|fr\.o\.m\.?|fom)\s+([^,]{3,30}?)\s*,?\s+tar\s+${NAME}\s+över\b`, 'du'), date: 1, name: 2 },
    // "Sara tar över funktionen från 1 januari"
    { re: new RegExp(String.raw`(?:^|[,;.:]\s*)${NAME}\s+tar över(?:\s+(?:funktionen|tjänsten|uppdraget|rollen|efter mig))?\s+(?:från|fr\.o\.m\.?|fom|den)\s+(.{3,30})$`, 'du'), date: 2, name: 1 },
  ];
  for (const { re, name, date } of patterns) {
    const m = re.exec(lower);
    if (!m) continue;
    const person = nameAt(original, lower, m, name);
    const from = dateIn(m[date]!, today);
    if (person && from) return { kind: 'handover', person, from };
  }
  return undefined;
}

function left(original: string, lower: string, today: string): Statement | undefined {
  const done = new RegExp(String.raw`^${SUBJECT}\s+har\s+(?:slutat|gått i pension|bytt (?:jobb|tjänst))(?=\s*(?:$|[,.;!]|(?:här|hos|på|som|i|vid|nu|idag|i dag)(?!\p{L})))`, 'du').exec(lower);
  if (done) {
    const subject = subjectAt(original, lower, done);
    return subject ? { kind: 'left', subject, from: today } : undefined;
  }
  const leaving = new RegExp(String.raw`^${SUBJECT}\s+slutar\s+(?:den\s+|efter\s+)?(.{3,30})$`, 'du').exec(lower);
  const lastDay = leaving ? dateIn(leaving[3]!, today) : undefined;
  const subject = leaving && subjectAt(original, lower, leaving);
  return subject && lastDay ? { kind: 'left', subject, from: addDays(lastDay, 1) } : undefined;
}
