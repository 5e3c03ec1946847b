/**
 * The weekly digest for the directory's editors (issue 22): the health report's reminders (periods
 * ending within 30 days, functions without a holder or deputy, snippets past review with their
 * owner, common unanswered questions) and the changes waiting for approval, posted before the
 * damage rather than found afterwards. A function that owns guidance past its review date gets
 * its own list too, where its `reminders` name. When it is due is worked out here; posting it once
 * per week per destination is the scheduler's (src/digest.ts).
 */
import type { Knowledge } from './knowledge/knowledge.js';
import type { OrgFunction } from './knowledge/schema.js';
import { addDays } from './dates.js';
import { DAYS, type Day, type LocalTime } from './hours.js';
import type { Store } from './ports.js';
import { reply, type Reply } from './reply.js';
import { buildHealthReport, overdueLine, overdueSnippets, section } from './report.js';

export interface DigestSchedule {
  day: Day;
  /** Minutes after local midnight. */
  minutes: number;
}

/** "mon 08:00" → the schedule; the format is checked where it is configured (config.ts). */
export function parseSchedule(text: string): DigestSchedule {
  const [day, clock] = text.trim().split(/\s+/) as [Day, string];
  return { day, minutes: Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5)) };
}

/**
 * The week (its Monday, ÅÅÅÅ-MM-DD) whose digest is due at `local`, or undefined before this week's
 * time. A bot that was down at the time posts when it comes back, later in the same week.
 */
export function dueWeek(local: LocalTime, schedule: DigestSchedule): string | undefined {
  const today = DAYS.indexOf(local.day);
  const planned = DAYS.indexOf(schedule.day);
  if (today < planned || (today === planned && local.minutes < schedule.minutes)) return undefined;
  return addDays(local.date, -today);
}

export async function buildDigest(knowledge: Knowledge, store: Store, now: Date, timezone: string): Promise<Reply> {
  const report = await buildHealthReport(knowledge, store, now, { timezone });
  return { ...report, headline: 'Veckans påminnelser om katalogen och vägledningen', ephemeral: false };
}

/** One owner function's reminder: where its `reminders` say, the guidance it owns that is past review. */
export interface OwnerDigest {
  functionId: string;
  to: NonNullable<OrgFunction['reminders']>;
  reply: Reply;
}

/** The owners' reminders due on `today`: one per function that has somewhere to post and something overdue. */
export function ownerDigests(knowledge: Knowledge, today: string): OwnerDigest[] {
  const byOwner = new Map<string, string[]>();
  for (const { snippet, due } of overdueSnippets(knowledge, today)) byOwner.set(snippet.owner, [...(byOwner.get(snippet.owner) ?? []), overdueLine(snippet, due)]);
  return [...byOwner].flatMap(([owner, lines]) => {
    const fn = knowledge.functions.get(owner);
    if (!fn?.reminders) return [];
    const message = reply({
      intent: 'report',
      headline: `Vägledning att granska för ${fn.name}`,
      parts: [
        { type: 'text', text: `${fn.name} står som ansvarig (owner) för vägledning som har passerat sitt granskningsdatum. Läs igenom den, rätta det som har ändrats och sätt ett nytt granskningsdatum (reviewed), eller be katalogens redaktörer om hjälp.` },
        section('Att granska', lines, ''),
      ],
    });
    return [{ functionId: fn.id, to: fn.reminders, reply: message }];
  });
}
