/**
 * When a directory question asks about ("vem ringer jag i natt", "socialjouren på lördag", "kl 23",
 * "outside office hours"): the contact that answers then may not be the one open now. Read from
 * the folded words of the question; `now` is the asker's local time.
 */
import { addDays } from '../dates.js';
import { DAYS, type Day, type LocalTime } from '../hours.js';

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

/** Phrases, folded, and the time of day they mean (today, or the next such day). */
const NIGHTLY = { minutes: NIGHT, label: 'i natt' };
const EVENINGS = { minutes: EVENING, label: 'i kväll' };
const OFF_HOURS = { minutes: EVENING, label: 'utanför kontorstid' };
const WEEKEND = { minutes: MIDDAY, day: 'sat' as Day, label: 'i helgen' };
const PHRASES: ReadonlyArray<{ words: readonly string[]; minutes: number; label: string; day?: Day }> = [
  { words: ['i', 'natt'], ...NIGHTLY },
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
  { words: ['i', 'helgen'], ...WEEKEND },
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

/** "kl 23", "klockan 22.30", "23:00": a clock time, today. */
function clockTime(words: readonly string[], i: number): number | undefined {
  if (words[i] !== 'kl' && words[i] !== 'klockan' && words[i] !== 'at') return undefined;
  const hour = Number(words[i + 1]);
  if (!Number.isInteger(hour) || hour < 0 || hour > 23 || words[i + 1] === undefined) return undefined;
  const minute = Number(words[i + 2]);
  return hour * 60 + (Number.isInteger(minute) && minute >= 0 && minute < 60 && words[i + 2]!.length === 2 ? minute : 0);
}

export function statedTime(words: readonly string[], now: LocalTime): StatedTime | undefined {
  for (let i = 0; i < words.length; i++) {
    const clock = clockTime(words, i);
    if (clock !== undefined) return { at: moment(now, clock), label: `kl. ${String(Math.floor(clock / 60)).padStart(2, '0')}.${String(clock % 60).padStart(2, '0')}` };
    const weekday = WEEKDAYS[words[i]!.replace(/en$/, '')];
    if (weekday) return { at: moment(now, MIDDAY, weekday), label: `på ${DAY_NAME[weekday]}` };
    const phrase = PHRASES.find((p) => at(words, i, p.words));
    if (phrase) return { at: moment(now, phrase.minutes, phrase.day), label: phrase.label };
  }
  return undefined;
}
