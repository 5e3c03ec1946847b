/**
 * When a directory question asks about ("vem ringer jag i natt", "socialjouren på lördag", "kl 23",
 * "outside office hours"): the contact that answers then may not be the one open now. `now` is
 * the asker's local time.
 */
import { addDays } from '../dates.js';
import { DAYS, type Day, type LocalTime } from '../hours.js';
import { numberOfWord } from './age.js';
import { fold, tokenise } from './normalise.js';

/** The stated moment, and how the reply says it ("i natt", "på lördag", "kl. 23.00"). */
export interface StatedTime {
  at: LocalTime;
  label: string;
}

const EVENING = 20 * 60;
const NIGHT = 23 * 60 + 30;
const MIDDAY = 12 * 60;

const DAY_NAME: Record<Day, string> = { mon: 'måndag', tue: 'tisdag', wed: 'onsdag', thu: 'torsdag', fri: 'fredag', sat: 'lördag', sun: 'söndag' };

const WEEKDAYS: Record<string, Day> = {
  mandag: 'mon', tisdag: 'tue', onsdag: 'wed', torsdag: 'thu', fredag: 'fri', lordag: 'sat', sondag: 'sun',
  monday: 'mon', tuesday: 'tue', wednesday: 'wed', thursday: 'thu', friday: 'fri', saturday: 'sat', sunday: 'sun',
};

const NIGHTLY = { minutes: NIGHT, label: 'i natt' };
const EVENINGS = { minutes: EVENING, label: 'i kväll' };
const OFF_HOURS = { minutes: EVENING, label: 'utanför kontorstid' };
const WEEKEND = { minutes: MIDDAY, day: 'sat' as Day, label: 'i helgen' };
/** Phrases, folded, and the time of day they mean (today, or the next such day). "i natt" is found by "natt". */
const PHRASES: ReadonlyArray<{ words: readonly string[]; minutes: number; label: string; day?: Day }> = [
  { words: ['inatt'], ...NIGHTLY },
  { words: ['natt'], ...NIGHTLY },
  { words: ['natten'], ...NIGHTLY },
  { words: ['nattetid'], ...NIGHTLY },
  { words: ['at', 'night'], ...NIGHTLY },
  { words: ['overnight'], ...NIGHTLY },
  { words: ['tonight'], ...EVENINGS },
  { words: ['i', 'kvall'], ...EVENINGS },
  { words: ['ikvall'], ...EVENINGS },
  { words: ['kvallstid'], ...EVENINGS },
  { words: ['this', 'evening'], ...EVENINGS },
  { words: ['utanfor', 'kontorstid'], ...OFF_HOURS },
  { words: ['efter', 'kontorstid'], ...OFF_HOURS },
  { words: ['outside', 'office', 'hours'], ...OFF_HOURS },
  { words: ['after', 'office', 'hours'], ...OFF_HOURS },
  { words: ['out', 'of', 'hours'], ...OFF_HOURS },
  { words: ['after', 'hours'], ...OFF_HOURS },
  { words: ['helgen'], ...WEEKEND },
  // "soc jour kinda helg", typed like a search: the bare word is the weekend too.
  { words: ['helg'], ...WEEKEND },
  { words: ['weekend'], ...WEEKEND },
];

const at = (words: readonly string[], i: number, phrase: readonly string[]) => phrase.every((w, k) => words[i + k] === w);

/** The date of the next `day` from `now` (today if it is that day). */
function nextDay(now: LocalTime, day: Day): LocalTime['date'] {
  const ahead = (DAYS.indexOf(day) - DAYS.indexOf(now.day) + 7) % 7;
  return addDays(now.date, ahead);
}

function moment(now: LocalTime, minutes: number, day?: Day): LocalTime {
  return day === undefined ? { ...now, minutes } : { date: nextDay(now, day), day, minutes };
}

/** "kl 23", "klockan 22.30", "klockan e 20", "22:30", "9 pm", "1 a.m.": a clock time, today. */
const CLOCK = /\b(?:(?:kl\.?|klockan|at)\s*(?:(?:ar|e|is)\s+)?(\d{1,2})(?:[:.](\d{2}))?|(\d{1,2})[:.](\d{2})|(\d{1,2})\s*(am|pm|a\.m\.|p\.m\.))(?!\w)/;
/**
 * A time in words: "halv åtta" (7.30), "kvart i fem" (4.45), "kvart över fem", "half past seven",
 * "quarter to five", "quarter past six"; the hour in words or digits.
 */
const WORD_CLOCK = /\b(halv|kvart i|kvart over|half past|quarter past|quarter to)\s+(\w+)\b/;
const OFFSETS: Record<string, number> = { halv: -30, 'kvart i': -15, 'kvart over': 15, 'half past': 30, 'quarter past': 15, 'quarter to': -15 };
/** An hour in the afternoon, evening or night said as the clock of a 12-hour day ("halv åtta i kväll"). */
const AFTERNOON = /\b(?:kvall|kvallen|ikvall|evening|tonight|eftermiddag|eftermiddagen|afternoon)\b/;

const NIGHT_OR_MORNING = /\b(?:natt|natten|inatt|morgon|morgonen|imorse|night|morning|am|a\.m\.)\b/;

function clockTime(folded: string): number | undefined {
  const m = CLOCK.exec(folded);
  const words = m ? undefined : WORD_CLOCK.exec(folded);
  let minutes: number | undefined;
  if (m) {
    // "at 9 pm": the hour after "at" may have its "pm" after it.
    const pm = (m[6] ?? /^\s*(am|pm|a\.m\.|p\.m\.)/.exec(folded.slice(m.index + m[0].length))?.[1])?.startsWith('p');
    const given = Number(m[1] ?? m[3] ?? m[5]);
    const hour = given + (pm && given < 12 ? 12 : 0);
    const minute = Number(m[2] ?? m[4] ?? 0);
    minutes = hour <= 23 && minute < 60 ? hour * 60 + minute : undefined;
  } else if (words) {
    const hour = /^\d{1,2}$/.test(words[2]!) ? Number(words[2]) : numberOfWord(words[2]!);
    if (hour !== undefined && hour >= 1 && hour <= 12) minutes = ((hour * 60 + OFFSETS[words[1]!]!) + 24 * 60) % (24 * 60);
    // Said in words at work, "kvart i fem" is a quarter to five in the afternoon, unless it is night or morning.
    if (minutes !== undefined && minutes < 7 * 60 && !NIGHT_OR_MORNING.test(folded)) minutes += 12 * 60;
  }
  // "halv åtta i kväll", "kl 7 på kvällen", "half past seven in the evening": the later of the two.
  if (minutes !== undefined && minutes < 12 * 60 && minutes >= 60 && AFTERNOON.test(folded)) minutes += 12 * 60;
  return minutes;
}

const clockLabel = (minutes: number) => `kl. ${String(Math.floor(minutes / 60)).padStart(2, '0')}.${String(minutes % 60).padStart(2, '0')}`;

/** The time of day a word after a weekday gives: "lördag kväll", "saturday night". */
const PART_OF_DAY: Record<string, { minutes: number; label: string }> = {
  kvall: { minutes: EVENING, label: 'kväll' },
  kvallen: { minutes: EVENING, label: 'kväll' },
  natt: { minutes: NIGHT, label: 'natt' },
  natten: { minutes: NIGHT, label: 'natt' },
  evening: { minutes: EVENING, label: 'kväll' },
  night: { minutes: NIGHT, label: 'natt' },
};

/** "tisdagskväll", "fredagsnatten", "lördagskvällen": a weekday and a part of the day in one word (the tables' own words). */
const WEEKDAY_COMPOUND = new RegExp(`^(${Object.keys(WEEKDAYS).join('|')})s(${Object.keys(PART_OF_DAY).join('|')})$`);
function weekdayCompound(word: string): { day: Day; part: (typeof PART_OF_DAY)[string] } | undefined {
  const m = WEEKDAY_COMPOUND.exec(word);
  return m ? { day: WEEKDAYS[m[1]!]!, part: PART_OF_DAY[m[2]!]! } : undefined;
}

/**
 * The moment a text names, in the asker's week: a clock time, a weekday (with "kväll" or "natt"
 * after it), or a phrase such as "i natt" or "utanför kontorstid". `text` is folded or as typed.
 */
export function statedTime(text: string, now: LocalTime): StatedTime | undefined {
  const folded = fold(text);
  const words = tokenise(folded);
  const clock = clockTime(folded);
  for (let i = 0; i < words.length; i++) {
    const compound = weekdayCompound(words[i]!);
    const weekday = WEEKDAYS[words[i]!.replace(/en$/, '')] ?? compound?.day;
    if (weekday) {
      const part = compound?.part ?? PART_OF_DAY[words[i + 1] ?? ''];
      // "halv nio en torsdagskväll": the clock of a 12-hour day, in the evening.
      const evening = clock !== undefined && part?.minutes === EVENING && clock >= 60 && clock < 12 * 60;
      const minutes = evening ? clock + 12 * 60 : (clock ?? part?.minutes ?? MIDDAY);
      return { at: moment(now, minutes, weekday), label: `på ${DAY_NAME[weekday]}${clock !== undefined ? ` ${clockLabel(minutes)}` : part ? ` ${part.label}` : ''}` };
    }
    const phrase = PHRASES.find((p) => at(words, i, p.words));
    if (phrase) return { at: moment(now, clock ?? phrase.minutes, phrase.day), label: clock !== undefined ? clockLabel(clock) : phrase.label };
  }
  return clock !== undefined ? { at: moment(now, clock), label: clockLabel(clock) } : undefined;
}
