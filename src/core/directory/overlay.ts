/**
 * The directory as the chat has changed it: approved changes from the store laid over the
 * knowledge's functions, without touching the files. Pure: the same changes and date always give
 * the same functions, so the answers, the export and the digest agree.
 */
import type { Holder, OrgFunction } from '../knowledge/schema.js';
import { addDays, spokenDate } from '../dates.js';
import type { DirectoryChange } from '../ports.js';
import { fold } from '../text/normalise.js';

/** A name as people compare it: folded, without "(fiktiv)" and the like. */
export const personKey = (name: string) => fold(name.replace(/\([^)]*\)/g, '')).replace(/\s+/g, ' ').trim();

/** "Sara" names "Sara Exempelsson (fiktiv)": a first name alone is how colleagues say it. */
export function samePerson(said: string, holder: string): boolean {
  const a = personKey(said);
  const b = personKey(holder);
  return a === b || b.startsWith(`${a} `);
}

/** The changes that hold for a function, in the order they were made. */
export const approvedFor = (changes: readonly DirectoryChange[], functionId: string) => changes.filter((c) => c.functionId === functionId && c.status === 'approved');

/**
 * Adds a holder unless the files already have them for the same period: once an export is merged
 * into the files, the change that led to it changes nothing more.
 */
function adding(holders: Holder[], added: Holder): Holder[] {
  const present = holders.some((h) => h.kind === added.kind && h.from === added.from && h.to === added.to && samePerson(added.name, h.name));
  return present ? holders : [...holders, added];
}

function applyOne(holders: Holder[], change: DirectoryChange): Holder[] {
  const dayBefore = addDays(change.from, -1);
  const stillOn = (h: Holder) => h.to === undefined || h.to >= change.from;
  switch (change.kind) {
    case 'standin':
      return adding(holders, { name: change.person, kind: 'vikarie', from: change.from, ...(change.to ? { to: change.to } : {}) });
    case 'handover':
      // The ordinary holder (or holders) before the handover hand over the day before it.
      return adding(
        holders.map((h) => (h.kind === 'ordinarie' && h.from < change.from && stillOn(h) ? { ...h, to: dayBefore } : h)),
        { name: change.person, kind: 'ordinarie', from: change.from },
      );
    case 'left':
      return holders.map((h) => (samePerson(change.person, h.name) && h.from < change.from && stillOn(h) ? { ...h, to: dayBefore } : h));
  }
}

/** The function with every approved change applied, or the function itself when there is none. */
export function overlaid(fn: OrgFunction, changes: readonly DirectoryChange[]): OrgFunction {
  const mine = approvedFor(changes, fn.id);
  if (mine.length === 0) return fn;
  return { ...fn, holders: mine.reduce(applyOne, [...fn.holders]) };
}

/**
 * What the answer says about the chat's changes, so nobody is surprised by a name that is not in
 * the files: "Vikarie till 30 december: Kim Exempel" while it runs, "Från 1 januari: Sara" before
 * a handover starts.
 */
export function overlayNotes(fn: OrgFunction, changes: readonly DirectoryChange[], today: string): string[] {
  const notes: string[] = [];
  for (const c of approvedFor(changes, fn.id)) {
    if (c.kind === 'standin' && c.from <= today && (c.to === undefined || c.to >= today)) {
      notes.push(`Vikarie${c.to ? ` till ${spokenDate(c.to, today)}` : ''}: ${c.person}.`);
    } else if (c.kind === 'standin' && c.from > today) {
      notes.push(`Vikarie ${spokenDate(c.from, today)}–${c.to ? spokenDate(c.to, today) : ''}: ${c.person}.`);
    } else if (c.kind === 'handover' && c.from > today) {
      notes.push(`Från ${spokenDate(c.from, today)}: ${c.person} har funktionen.`);
    }
  }
  return notes;
}

/** The overlay as answers use it: one function at a time, with its notes. */
export interface DirectoryOverlay {
  readonly changes: readonly DirectoryChange[];
  apply(fn: OrgFunction): OrgFunction;
  notes(fn: OrgFunction): string[];
}

export function directoryOverlay(changes: readonly DirectoryChange[], today: string): DirectoryOverlay {
  return {
    changes,
    apply: (fn) => overlaid(fn, changes),
    notes: (fn) => overlayNotes(fn, changes, today),
  };
}

export const NO_OVERLAY = directoryOverlay([], '');
