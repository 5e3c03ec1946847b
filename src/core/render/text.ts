/**
 * The terminal renderer: a Reply as plain Swedish text for the console and the CLI. Everything a
 * user can press is numbered, in the order given by `pressables`, so typing the number presses it.
 */
import { VERDICT_LABEL, type Action, type ContactCard, type GuidanceView, type ChecklistView, type Reply, type ReplyPart } from '../reply.js';

export interface Pressable {
  label: string;
  action: Action;
}

/** Checklist items (tick/untick), then suggestions, then buttons: the numbers shown by `renderText`. */
export function pressables(reply: Reply): Pressable[] {
  const out: Pressable[] = [];
  for (const part of reply.parts) {
    if (part.type !== 'checklist' || part.checklist.status !== 'open') continue;
    for (const item of part.checklist.items) {
      out.push({ label: item.text, action: { type: 'checklist.toggle', runId: part.checklist.runId, itemId: item.id } });
    }
  }
  for (const b of [...reply.suggestions, ...reply.buttons]) out.push({ label: b.label, action: b.action });
  return out;
}

const HOLDER_KIND = { ordinarie: '', vikarie: ' (vikarie)', ersattare: '' } as const;

const stockholm = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'short', timeStyle: 'short' });

function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : stockholm.format(d);
}

function contactLines(c: Omit<ContactCard, 'fallback'>, marker: string, base: string): string[] {
  const indent = base;
  const lines = [`${marker}${c.name}`, `${indent}  ${c.organisation}${c.areas.length > 0 ? ` · ${c.areas.join(', ')}` : ''}`];
  if (c.description) lines.push(`${indent}  ${c.description}`);
  if (c.contact.email) lines.push(`${indent}  E-post: ${c.contact.email}`);
  if (c.contact.phone) lines.push(`${indent}  Telefon: ${c.contact.phone}`);
  if (c.contact.chat) lines.push(`${indent}  Chatt: ${c.contact.chat}`);
  if (c.contact.url) lines.push(`${indent}  Webb: ${c.contact.url}`);
  const open = c.openNow === undefined ? '' : c.openNow ? ' (öppet nu)' : ' (stängt nu)';
  lines.push(`${indent}  Öppet: ${c.hours}${open}`);
  if (c.holder) lines.push(`${indent}  Innehavare: ${c.holder.name}${c.holder.title ? `, ${c.holder.title}` : ''}${HOLDER_KIND[c.holder.kind]}${c.holder.to ? ` (t.o.m. ${c.holder.to})` : ''}`);
  if (c.deputy) lines.push(`${indent}  Ersättare: ${c.deputy.name}${c.deputy.title ? `, ${c.deputy.title}` : ''}`);
  for (const note of c.notes) lines.push(`${indent}  ! ${note}`);
  return lines;
}

function contact(c: ContactCard): string[] {
  const lines = contactLines(c, '▸ ', '');
  if (c.fallback) lines.push('  Reservväg:', ...contactLines(c.fallback, '    ', '    '));
  return lines;
}

function guidance(g: GuidanceView): string[] {
  const lines = [`${VERDICT_LABEL[g.verdict]}: ${g.title}`, g.answer];
  if (g.conditions.length > 0) lines.push('Villkor:', ...g.conditions.map((c) => `  • ${c}`));
  if (g.references.length > 0) lines.push(`Lagrum: ${g.references.map((r) => r.display).join(', ')}`);
  if (g.sources.length > 0) lines.push('Källor:', ...g.sources.map((s) => `  • ${s.title} – ${s.url}`));
  lines.push(`Granskad: ${g.reviewed}${g.reviewOverdue ? ' (granskningen är försenad)' : ''}`);
  if (g.uncertainty) lines.push(`Osäkert: ${g.uncertainty}`);
  if (g.owner) lines.push(`Ansvarig: ${g.owner.name}`);
  return lines;
}

function checklist(c: ChecklistView, numbers: Map<string, number>): string[] {
  const lines = [`${c.title} – ${c.done} av ${c.total} klara${c.status === 'closed' ? ' (avslutad)' : ''}`];
  if (c.description) lines.push(c.description);
  for (const item of c.items) {
    const n = numbers.get(`${c.runId}/${item.id}`);
    const who = item.done && item.doneBy ? ` (${item.doneBy}${item.doneAt ? `, ${when(item.doneAt)}` : ''})` : '';
    const ref = item.reference ? ` [${item.reference.display}]` : '';
    lines.push(`${n === undefined ? '    ' : `[${n}] `}${item.done ? '☑' : '☐'} ${item.text} – ${item.responsible}${ref}${who}`);
  }
  return lines;
}

function part(p: ReplyPart, numbers: Map<string, number>): string[] {
  switch (p.type) {
    case 'text':
      return p.title ? [`${p.title}:`, p.text] : [p.text];
    case 'notice':
      return [`${p.level === 'warning' ? '⚠' : 'ℹ'} ${p.text}`];
    case 'contact':
      return contact(p.contact);
    case 'guidance':
      return guidance(p.guidance);
    case 'checklist':
      return checklist(p.checklist, numbers);
    case 'list':
      return [...(p.title ? [`${p.title}:`] : []), ...p.items.map((i) => `  • ${i}`)];
  }
}

export function renderText(reply: Reply): string {
  const press = pressables(reply);
  const numbers = new Map<string, number>();
  press.forEach((p, i) => {
    if (p.action.type === 'checklist.toggle') numbers.set(`${p.action.runId}/${p.action.itemId}`, i + 1);
  });
  const blocks: string[] = [reply.headline];
  for (const p of reply.parts) blocks.push(part(p, numbers).join('\n'));
  const firstSuggestion = press.length - reply.suggestions.length - reply.buttons.length;
  if (reply.suggestions.length > 0) {
    blocks.push(['Förslag:', ...reply.suggestions.map((s, i) => `  [${firstSuggestion + i + 1}] ${s.label}`)].join('\n'));
  }
  if (reply.buttons.length > 0) {
    const first = firstSuggestion + reply.suggestions.length;
    blocks.push(reply.buttons.map((b, i) => `[${first + i + 1}] ${b.label}`).join('  '));
  }
  return `${blocks.join('\n\n')}\n`;
}
