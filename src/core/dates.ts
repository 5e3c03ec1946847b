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
