/**
 * Opening hours: whether a function is open at a moment in its time zone, and the hours as short
 * Swedish text ("mån–fre 08.00–16.30"). Periods may wrap past midnight (16:30–08:00 for a jour).
 */
import type { OpeningHours } from './knowledge/schema.js';

export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Day = (typeof DAYS)[number];
const DAY_LABEL: Record<Day, string> = { mon: 'mån', tue: 'tis', wed: 'ons', thu: 'tors', fri: 'fre', sat: 'lör', sun: 'sön' };

export interface LocalTime {
  /** ÅÅÅÅ-MM-DD in the time zone. */
  date: string;
  day: Day;
  /** Minutes since local midnight. */
  minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock date, weekday and time at `instant` in `timeZone` (DST handled by Intl). */
export function localTime(instant: Date, timeZone: string): LocalTime {
  let fmt = formatters.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, fmt);
  }
  const parts: Record<string, string> = {};
  for (const p of fmt.formatToParts(instant)) parts[p.type] = p.value;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    day: parts.weekday!.toLowerCase().slice(0, 3) as Day,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

const toMinutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

/** The last date asked about and the day before it: every function of a reply asks for the same one. */
let lastDate = '';
let dayBeforeLast = '';

function previousDate(date: string): string {
  if (date === lastDate) return dayBeforeLast;
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  lastDate = date;
  dayBeforeLast = d.toISOString().slice(0, 10);
  return dayBeforeLast;
}

/** Open at the given local time? A period that wraps midnight belongs to the day it starts on. */
export function isOpen(hours: OpeningHours, at: LocalTime): boolean {
  if (hours === 'dygnet-runt') return true;
  const yesterday = DAYS[(DAYS.indexOf(at.day) + 6) % 7]!;
  const closedToday = hours.closed.includes(at.date);
  // Only a period past midnight asks about yesterday, and most functions close no day at all.
  const closedYesterday = () => hours.closed.length > 0 && hours.closed.includes(previousDate(at.date));
  return hours.periods.some((p) => {
    const from = toMinutes(p.from);
    const to = toMinutes(p.to);
    if (from < to) return !closedToday && p.days.includes(at.day) && at.minutes >= from && at.minutes < to;
    // Wraps midnight: the evening part today, or the early-morning tail of yesterday's period.
    return (!closedToday && p.days.includes(at.day) && at.minutes >= from) || (p.days.includes(yesterday) && at.minutes < to && !closedYesterday());
  });
}

function dayRanges(days: readonly Day[]): string {
  const sorted = DAYS.filter((d) => days.includes(d));
  const groups: Day[][] = [];
  for (const d of sorted) {
    const last = groups.at(-1);
    if (last && DAYS.indexOf(last.at(-1)!) === DAYS.indexOf(d) - 1) last.push(d);
    else groups.push([d]);
  }
  return groups.map((g) => (g.length >= 3 ? `${DAY_LABEL[g[0]!]}–${DAY_LABEL[g.at(-1)!]}` : g.map((d) => DAY_LABEL[d]).join(', '))).join(', ');
}

const clockText = (clock: string) => clock.replace(':', '.');

/** "mån–fre 08.00–16.30", "mån–fre 16.30–08.00, lör–sön hela dygnet", "dygnet runt". */
export function formatHours(hours: OpeningHours): string {
  if (hours === 'dygnet-runt') return 'dygnet runt';
  const wholeDay = (p: { from: string; to: string }) => toMinutes(p.from) === 0 && toMinutes(p.to) === 24 * 60;
  if (hours.periods.every(wholeDay) && DAYS.every((d) => hours.periods.some((p) => p.days.includes(d)))) return 'dygnet runt';
  const text = hours.periods
    .map((p) => `${dayRanges(p.days)} ${wholeDay(p) ? 'hela dygnet' : `${clockText(p.from)}–${clockText(p.to)}`}`)
    .join(', ');
  return hours.note ? `${text} (${hours.note})` : text;
}
