/**
 * The one platform-neutral reply model. The core returns it; the Block Kit, Adaptive Card and
 * terminal renderers turn the same values into platform output. Nothing here knows a platform.
 */
import { z } from 'zod';

export type Verdict = 'far' | 'far_inte' | 'beror_pa' | 'information' | 'ska';

/** Swedish labels shown to users; renderers must use these rather than their own wording. */
export const VERDICT_LABEL: Record<Verdict, string> = {
  far: 'Får delas',
  far_inte: 'Får inte delas',
  beror_pa: 'Beror på',
  information: 'Information',
  ska: 'Skyldighet',
};

/**
 * How strongly each verdict is coloured: renderers map the tone to their own styles. A verdict
 * without an entry (a new one) is shown neutrally rather than refused.
 */
export type VerdictTone = 'good' | 'attention' | 'warning' | 'accent';
// A duty is said as strongly as a yes or a no: it is what the person must do.
const VERDICT_TONES: Record<Verdict, VerdictTone> = { far: 'good', far_inte: 'attention', beror_pa: 'warning', information: 'accent', ska: 'warning' };
export const verdictTone = (verdict: Verdict): VerdictTone => VERDICT_TONES[verdict];

/**
 * Words shown beside values, the same on every platform: the person who holds a function is its
 * "Kontaktperson"; the function that owns a guidance snippet is "Innehållsansvarig"; the role that
 * does a checklist step is "Ansvarig".
 */
export const LABEL = {
  holder: 'Kontaktperson',
  deputy: 'Ersättare',
  vacancy: 'Vakant',
  owner: 'Innehållsansvarig',
  responsible: 'Ansvarig',
  reviewed: 'Granskad',
  references: 'Lagrum',
  sources: 'Källor',
  conditions: 'Villkor',
  uncertain: 'Osäkert',
  hours: 'Öppettider',
  fallback: 'Reservväg',
  ticked: 'klar',
} as const;

/** "Sara Exempelsson, Gruppledare (vikarie, t.o.m. 2026-12-31)": the kind is said only where the label does not say it. */
export function holderText(holder: HolderView): string {
  const notes = [holder.kind === 'vikarie' ? 'vikarie' : '', holder.to ? `t.o.m. ${holder.to}` : ''].filter(Boolean);
  return `${holder.name}${holder.title ? `, ${holder.title}` : ''}${notes.length > 0 ? ` (${notes.join(', ')})` : ''}`;
}

/**
 * What to do now when a function is closed and has a fallback: "Stängt nu – ring Socialjouren
 * Malmö, 040-…", or, when the fallback is closed as well, that and 112 for acute danger. Every
 * renderer shows it first, before the closed unit's details.
 */
export function closedNowLead(contact: ContactCard): string | undefined {
  const fb = contact.fallback;
  if (contact.openNow !== false || !fb) return undefined;
  // A fallback that is closed too (a socialjour at ten on a Thursday) is no number to call now.
  if (fb.openNow === false) return `Stängt ${contact.when ?? 'nu'}, och ${fb.name} också – vid akut fara: ring 112`;
  const how = fb.contact.phone ? `ring ${fb.name}, ${fb.contact.phone}` : fb.contact.email ? `mejla ${fb.name}, ${fb.contact.email}` : `vänd dig till ${fb.name}`;
  return `Stängt ${contact.when ?? 'nu'} – ${how}`;
}

/** "öppet nu", "stängt i natt": whether the function is open at the time asked about; undefined when unknown. */
export function openLabel(contact: Pick<ContactCard, 'openNow' | 'when'>): string | undefined {
  if (contact.openNow === undefined) return undefined;
  return `${contact.openNow ? 'öppet' : 'stängt'} ${contact.when ?? 'nu'}`;
}

/** The first closed-now lead of a reply, if any: it goes first in notifications too. */
export function replyLead(reply: Reply): string | undefined {
  for (const part of reply.parts) {
    if (part.type !== 'contact') continue;
    const lead = closedNowLead(part.contact);
    if (lead) return lead;
  }
  return undefined;
}

/** The single guidance part of a reply, whose title the headline already says. */
export function soleGuidance(reply: Reply): GuidanceView | undefined {
  const all = reply.parts.flatMap((p) => (p.type === 'guidance' ? [p.guidance] : []));
  return all.length === 1 ? all[0] : undefined;
}

/**
 * The short text a notification, a chat list or a screen reader shows for a reply: the
 * closed-now lead, else the headline with the verdict and answer of a guidance reply.
 */
export function summaryText(reply: Reply): string {
  const lead = replyLead(reply);
  if (lead) return `${lead} (${reply.headline})`;
  const g = soleGuidance(reply);
  if (g) return `${VERDICT_LABEL[g.verdict]}: ${reply.headline} – ${g.answer}`;
  return reply.headline;
}

export type Intent = 'directory' | 'guidance' | 'checklist' | 'help' | 'report' | 'profile' | 'upkeep' | 'unknown';

export interface Source {
  title: string;
  url: string;
}

/** A legal reference in canonical form (`OSL 10:18 a`) with its Swedish display form (`10 kap. 18 a § OSL`). */
export interface LegalRef {
  canonical: string;
  display: string;
}

export interface ContactChannel {
  email?: string;
  phone?: string;
  chat?: string;
  url?: string;
}

export type HolderKind = 'ordinarie' | 'vikarie' | 'ersattare';

export interface HolderView {
  name: string;
  kind: HolderKind;
  title?: string;
  from: string;
  to?: string;
}

/** A function (role) first, the person second: people change, functions stay. */
export interface ContactCard {
  functionId: string;
  name: string;
  organisation: string;
  areas: string[];
  /** What the function does, in the editors' words: "Vid akut fara, ring 112" belongs here. */
  description?: string;
  contact: ContactChannel;
  /** Opening hours as Swedish text, e.g. "mån–fre 08.00–16.30". */
  hours: string;
  /** Whether the function is open at the time of the question; undefined when hours are unknown. */
  openNow?: boolean;
  /** The time the question asked about ("i natt", "på lördag"), when it was not now. */
  when?: string;
  holder?: HolderView;
  deputy?: HolderView;
  /** Honest notes such as a vacancy or an ended holder period. */
  notes: string[];
  /** The out-of-hours or vacancy fallback, one level deep. */
  fallback?: Omit<ContactCard, 'fallback'>;
}

export interface GuidanceView {
  snippetId: string;
  title: string;
  verdict: Verdict;
  answer: string;
  conditions: string[];
  references: LegalRef[];
  sources: Source[];
  reviewed: string;
  /** True when the review date plus interval has passed at the time of answering. */
  reviewOverdue: boolean;
  /** Set when some of the content is not settled law; the text says what and whom to ask. */
  uncertainty?: string;
  owner?: { functionId: string; name: string };
}

export interface ChecklistItemView {
  id: string;
  text: string;
  responsible: string;
  done: boolean;
  doneBy?: string;
  doneAt?: string;
  reference?: LegalRef;
  guidanceId?: string;
}

export interface ChecklistView {
  checklistId: string;
  runId: string;
  title: string;
  description?: string;
  items: ChecklistItemView[];
  done: number;
  total: number;
  status: 'open' | 'closed';
}

const actionId = z.string().trim().min(1).max(200);
// The core refuses questions over 4,000 characters itself; no platform's button value holds more than 2,000.
const actionText = z.string().trim().min(1).max(2_000);

/**
 * What a button does when pressed. Adapters encode it in their own payloads and hand it back; it
 * comes back over the network, so both adapters validate it with this one schema.
 */
export const actionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ask'), text: actionText }),
  // `question`: what was answered, so the vote can show the same answer again with a thanks in place.
  z.object({ type: z.literal('feedback'), target: z.enum(['snippet', 'directory']), targetId: actionId, helpful: z.boolean(), question: z.string().trim().min(1).max(500).optional() }),
  z.object({ type: z.literal('checklist.start'), checklistId: actionId }),
  z.object({ type: z.literal('checklist.toggle'), runId: actionId, itemId: actionId }),
  z.object({ type: z.literal('checklist.set'), runId: actionId, itemId: actionId, done: z.boolean() }),
  z.object({ type: z.literal('checklist.reset'), runId: actionId }),
  z.object({ type: z.literal('checklist.close'), runId: actionId }),
  z.object({ type: z.literal('share'), text: actionText }),
  z.object({ type: z.literal('profile.set'), functionId: actionId }),
  // A change to the directory stated in chat, confirmed by its button; checked again when pressed.
  z.object({
    type: z.literal('directory.propose'),
    functionId: actionId,
    kind: z.enum(['standin', 'handover', 'left']),
    person: z.string().trim().min(1).max(120),
    from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  }),
  z.object({ type: z.literal('directory.decide'), changeId: actionId, approve: z.boolean() }),
  z.object({ type: z.literal('directory.undo'), changeId: actionId }),
]);
export type Action = z.infer<typeof actionSchema>;

export interface Button {
  label: string;
  action: Action;
  style?: 'primary' | 'danger';
}

export type ReplyPart =
  | { type: 'text'; title?: string; text: string }
  | { type: 'notice'; level: 'info' | 'warning'; text: string }
  | { type: 'contact'; contact: ContactCard }
  | { type: 'guidance'; guidance: GuidanceView }
  | { type: 'checklist'; checklist: ChecklistView }
  | { type: 'list'; title?: string; items: string[] };

export interface Reply {
  intent: Intent;
  headline: string;
  parts: ReplyPart[];
  /** Follow-up questions offered as buttons; pressing one asks that text. */
  suggestions: Button[];
  /** Other buttons (share, feedback, checklist controls). */
  buttons: Button[];
  /** Only the asker should see it (personal-number warning, slash-command answers by default). */
  ephemeral: boolean;
  /** 0..1; below the core's threshold the reply says plainly that there is no sure answer. */
  confidence: number;
}

export function reply(fields: Partial<Reply> & Pick<Reply, 'intent' | 'headline'>): Reply {
  return { parts: [], suggestions: [], buttons: [], ephemeral: false, confidence: 1, ...fields };
}
