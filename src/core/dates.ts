/** Calendar dates as ÅÅÅÅ-MM-DD strings, which compare correctly as strings. */

/** The date `months` after `date`, clamped to the month's last day (2026-01-31 + 1 → 2026-02-28). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

/** The date a snippet is due for review. */
export function reviewDue(snippet: { reviewed: string; reviewIntervalMonths: number }): string {
  return addMonths(snippet.reviewed, snippet.reviewIntervalMonths);
}

/** The date `days` after (or, negative, before) `date`. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export const SWEDISH_MONTHS = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'] as const;

/** "30 december", with the year only when it is not `today`'s: how people say a date in a sentence. */
export function spokenDate(date: string, today: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${d} ${SWEDISH_MONTHS[m - 1]}${date.slice(0, 4) === today.slice(0, 4) ? '' : ` ${y}`}`;
}
