/**
 * When a directory question asks about ("vem ringer jag i natt", "socialjouren på lördag", "kl 23",
 * "outside office hours"): the contact that answers then may not be the one open now. `now` is
 * the asker's local time.
 */
import { addDays } from '../dates.js';
import { DAYS, type Day, type LocalTime } from '../hours.js';
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

/** "kl 23", "klockan 22.30", "22:30", "9 pm", "1 a.m.": a clock time, today. */
const CLOCK = /\b(?:(?:kl\.?|klockan|at)\s*(\d{1,2})(?:[:.](\d{2}))?|(\d{1,2})[:.](\d{2})|(\d{1,2})\s*(am|pm|a\.m\.|p\.m\.))(?!\w)/;

function clockTime(folded: string): number | undefined {
  const m = CLOCK.exec(folded);
  if (!m) return undefined;
  const hour = Number(m[1] ?? m[3] ?? m[5]) + (m[6]?.startsWith('p') && Number(m[5]) < 12 ? 12 : 0);
  const minute = Number(m[2] ?? m[4] ?? 0);
  return hour <= 23 && minute < 60 ? hour * 60 + minute : undefined;
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
      const minutes = clock ?? part?.minutes ?? MIDDAY;
      return { at: moment(now, minutes, weekday), label: `på ${DAY_NAME[weekday]}${clock !== undefined ? ` ${clockLabel(clock)}` : part ? ` ${part.label}` : ''}` };
    }
    const phrase = PHRASES.find((p) => at(words, i, p.words));
    if (phrase) return { at: moment(now, clock ?? phrase.minutes, phrase.day), label: clock !== undefined ? clockLabel(clock) : phrase.label };
  }
  return clock !== undefined ? { at: moment(now, clock), label: clockLabel(clock) } : undefined;
}
