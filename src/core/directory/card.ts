/**
 * A function as a contact card: the function first (name, organisation, areas, functional contact,
 * hours), then who holds it today, then where to turn when it is closed or vacant.
 */
import type { Knowledge } from '../knowledge/knowledge.js';
import type { Holder, OrgFunction } from '../knowledge/schema.js';
import { formatHours, isOpen, type LocalTime } from '../hours.js';
import type { ContactCard, HolderView } from '../reply.js';
import { holdersOn } from './holders.js';
import { NO_OVERLAY, type DirectoryOverlay } from './overlay.js';

const holderView = (h: Holder): HolderView => ({ name: h.name, kind: h.kind, ...(h.title ? { title: h.title } : {}), from: h.from, ...(h.to ? { to: h.to } : {}) });

/**
 * `overlay`: the changes made in chat (stand-ins, handovers), applied to this function and its
 * fallback. `when`: the time the question asked about ("i natt"), when `local` is that time, not now.
 */
export function contactCard(knowledge: Knowledge, filed: OrgFunction, local: LocalTime, overlay: DirectoryOverlay = NO_OVERLAY, withFallback = true, when?: string): ContactCard {
  const fn = overlay.apply(filed);
  const { holder, deputy, ended } = holdersOn(fn, local.date);
  const openNow = isOpen(fn.hours, local);
  const fallbackFn = fn.outOfHours ? knowledge.functions.get(fn.outOfHours) : undefined;
  const needsFallback = !openNow || !holder;
  const fallback = withFallback && needsFallback && fallbackFn ? contactCard(knowledge, fallbackFn, local, overlay, false, when) : undefined;
  const elsewhere = fallback ? ` eller ${fallback.name} nedan` : '';

  const notes: string[] = overlay.notes(fn);
  // A fallback (jour, växel) is reached through its functional contact, so its holders are not news.
  if (withFallback && !holder) {
    notes.push(
      ended[0]
        ? `Uppgiften om innehavare gällde till ${ended[0].to} och är inte uppdaterad. Använd funktionens kontaktvägar${elsewhere}.`
        : `Tjänsten är vakant just nu. Använd funktionens kontaktvägar${elsewhere}.`,
    );
  }
  // With a fallback, every renderer opens with "Stängt nu – ring <fallback>" (closedNowLead); a note would repeat it.
  if (!openNow && !fallback) notes.push(`Stängt ${when ?? 'just nu'}. Vid akut fara: ring 112.`);

  const contact = Object.fromEntries(Object.entries(fn.contact).filter(([, v]) => v !== undefined));
  return {
    functionId: fn.id,
    name: fn.name,
    organisation: knowledge.organisations.get(fn.organisation)?.name ?? fn.organisation,
    areas: fn.areas.map((a) => knowledge.areas.name(a)),
    ...(fn.description ? { description: fn.description.trim() } : {}),
    contact,
    hours: formatHours(fn.hours),
    openNow,
    ...(when ? { when } : {}),
    ...(holder ? { holder: holderView(holder) } : {}),
    ...(deputy ? { deputy: holderView(deputy) } : {}),
    notes,
    ...(fallback ? { fallback } : {}),
  };
}
