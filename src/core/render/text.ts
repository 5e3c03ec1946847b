/**
 * The terminal renderer: a Reply as plain Swedish text for the console and the CLI. What a user
 * can press is marked so typing the mark presses it: checklist steps by their number in the
 * checklist (the same "3" after every reply that shows it), suggestions and buttons by letters
 * (a, b, c), so a number never means a suggestion after one reply and a step after another.
 */
import { closedNowLead, formatDateTime, graphemeCount, holderText, LABEL, openLabel, soleGuidance, VERDICT_LABEL } from './kit.js';
import type { Action, ChecklistView, ContactCard, GuidanceView, Reply, ReplyPart } from './kit.js';

export interface Pressable {
  /** What the user types: "3" for the third checklist step, "a" for the first suggestion or button. */
  key: string;
  label: string;
  action: Action;
}

/** The letter for the i-th suggestion or button: a … z, then aa, ab, … */
export function letter(i: number): string {
  const a = 'a'.charCodeAt(0);
  return i < 26 ? String.fromCharCode(a + i) : `${letter(Math.floor(i / 26) - 1)}${String.fromCharCode(a + (i % 26))}`;
}

/** The open checklist a reply shows, whose steps the numbers tick. */
export function openChecklist(reply: Reply): ChecklistView | undefined {
  for (const part of reply.parts) if (part.type === 'checklist' && part.checklist.status === 'open') return part.checklist;
  return undefined;
}

/** Checklist steps (numbers), then suggestions and buttons (letters): the marks `renderText` shows. */
export function pressables(reply: Reply): Pressable[] {
  const out: Pressable[] = [];
  const checklist = openChecklist(reply);
  checklist?.items.forEach((item, i) => {
    out.push({ key: String(i + 1), label: item.text, action: { type: 'checklist.toggle', runId: checklist.runId, itemId: item.id } });
  });
  [...reply.suggestions, ...reply.buttons].forEach((b, i) => out.push({ key: letter(i), label: b.label, action: b.action }));
  return out;
}

function contactLines(c: Omit<ContactCard, 'fallback'>, marker: string, indent: string): string[] {
  const lines = [`${marker}${c.name}`, `${indent}  ${c.organisation}${c.areas.length > 0 ? ` · ${c.areas.join(', ')}` : ''}`];
  if (c.description) lines.push(`${indent}  ${c.description}`);
  if (c.contact.email) lines.push(`${indent}  E-post: ${c.contact.email}`);
  if (c.contact.phone) lines.push(`${indent}  Telefon: ${c.contact.phone}`);
  if (c.contact.chat) lines.push(`${indent}  Chatt: ${c.contact.chat}`);
  if (c.contact.url) lines.push(`${indent}  Webb: ${c.contact.url}`);
  const label = openLabel(c);
  const open = label ? ` (${label})` : '';
  lines.push(`${indent}  ${LABEL.hours}: ${c.hours}${open}`);
  if (c.holder) lines.push(`${indent}  ${LABEL.holder}: ${holderText(c.holder)}`);
  if (c.deputy) lines.push(`${indent}  ${LABEL.deputy}: ${holderText(c.deputy)}`);
  for (const note of c.notes) lines.push(`${indent}  ! ${note}`);
  return lines;
}

function contact(c: ContactCard): string[] {
  // Closed now: what to do now comes first, before the closed unit's details.
  const lead = closedNowLead(c);
  const lines = [...(lead ? [`→ ${lead}`] : []), ...contactLines(c, '▸ ', '')];
  if (c.fallback) lines.push(`  ${LABEL.fallback}:`, ...contactLines(c.fallback, '    ', '    '));
  return lines;
}

function guidance(g: GuidanceView, sole: boolean): string[] {
  // The verdict first, on its own line; the title only when the headline does not already say it.
  const lines = [sole ? `${VERDICT_LABEL[g.verdict]}` : `${VERDICT_LABEL[g.verdict]}: ${g.title}`, g.answer];
  if (g.conditions.length > 0) lines.push(`${LABEL.conditions}:`, ...g.conditions.map((c) => `  • ${c}`));
  if (g.references.length > 0) lines.push(`${LABEL.references}: ${g.references.map((r) => r.display).join(', ')}`);
  if (g.sources.length > 0) lines.push(`${LABEL.sources}:`, ...g.sources.map((s) => `  • ${s.title} – ${s.url}`));
  lines.push(`${LABEL.reviewed}: ${g.reviewed}${g.reviewOverdue ? ' (granskningen är försenad)' : ''}`);
  if (g.uncertainty) lines.push(`${LABEL.uncertain}: ${g.uncertainty}`);
  if (g.owner) lines.push(`${LABEL.owner}: ${g.owner.name}`);
  return lines;
}

function checklist(c: ChecklistView, headline: string): string[] {
  const title = headline.endsWith(c.title) ? '' : `${c.title} – `;
  const lines = [`${title}${c.done} av ${c.total} klara${c.status === 'closed' ? ' (avslutad)' : ''}`];
  if (c.description) lines.push(c.description);
  c.items.forEach((item, i) => {
    const who = item.done && item.doneBy ? ` (${item.doneBy}${item.doneAt ? `, ${formatDateTime(item.doneAt)}` : ''})` : '';
    const ref = item.reference ? ` [${item.reference.display}]` : '';
    const mark = c.status === 'open' ? `[${i + 1}] ` : `${i + 1}. `;
    lines.push(`${mark}${item.done ? '☑' : '☐'} ${item.text} – ${item.responsible}${ref}${who}`);
  });
  return lines;
}

function part(p: ReplyPart, reply: Reply): string[] {
  switch (p.type) {
    case 'text':
      return p.title ? [`${p.title}:`, p.text] : [p.text];
    case 'notice':
      return [`${p.level === 'warning' ? '⚠' : 'ℹ'} ${p.text}`];
    case 'contact':
      return contact(p.contact);
    case 'guidance':
      return guidance(p.guidance, soleGuidance(reply) !== undefined);
    case 'checklist':
      return checklist(p.checklist, reply.headline);
    case 'list':
      return [...(p.title ? [`${p.title}:`] : []), ...p.items.map((i) => `  • ${i}`)];
  }
}

/** Leading spaces plus a bullet or a mark ("  • ", "[3] ☐ ", "2. ☑ ", "[a] "): continuation lines align after it. */
const HANGING = /^(\s*(?:(?:[•!▸→⚠ℹ]|\[\w+\]|\d+\.)\s(?:[☐☑]\s)?)?)/u;

/**
 * Wraps one line at word boundaries to `width` columns, continuation lines indented under the
 * text after the bullet. A word longer than the line (a URL) is kept whole on a line of its own.
 */
export function wrapLine(line: string, width: number): string[] {
  if (graphemeCount(line) <= width) return [line];
  const prefix = HANGING.exec(line)?.[1] ?? '';
  const indent = ' '.repeat(Math.min(graphemeCount(prefix), Math.floor(width / 2)));
  const words = line.slice(prefix.length).split(/ +/).filter(Boolean);
  const out: string[] = [];
  let current = prefix.trimEnd() === '' ? prefix : prefix;
  let empty = true;
  for (const word of words) {
    const candidate = empty ? `${current}${word}` : `${current} ${word}`;
    if (!empty && graphemeCount(candidate) > width) {
      out.push(current);
      current = `${indent}${word}`;
    } else {
      current = candidate;
    }
    empty = false;
  }
  out.push(current);
  return out;
}

export function wrapText(text: string, width: number): string {
  return text
    .split('\n')
    .flatMap((line) => wrapLine(line, width))
    .join('\n');
}

export interface TextOptions {
  /** Terminal width in columns; lines are wrapped at word boundaries. Unset: not wrapped (pipes, files). */
  width?: number;
}

export function renderText(reply: Reply, options: TextOptions = {}): string {
  const blocks: string[] = [reply.headline];
  for (const p of reply.parts) blocks.push(part(p, reply).join('\n'));
  if (reply.suggestions.length > 0) {
    blocks.push(['Förslag:', ...reply.suggestions.map((s, i) => `  [${letter(i)}] ${s.label}`)].join('\n'));
  }
  if (reply.buttons.length > 0) {
    const first = reply.suggestions.length;
    blocks.push(reply.buttons.map((b, i) => `[${letter(first + i)}] ${b.label}`).join('  '));
  }
  const text = `${blocks.join('\n\n')}\n`;
  return options.width && options.width >= 20 ? wrapText(text, options.width) : text;
}
