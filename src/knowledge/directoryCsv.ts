/**
 * The directory as a spreadsheet (municipal HR and coordinators live in Excel): one row per holder,
 * with the function's contact on each row, for `motpart directory export --csv` and `import --csv`.
 * An import is checked like the knowledge files themselves (the same zod schema, the same linter),
 * and every problem names its row and column.
 */
import { functionSchema, holderSchema, type Holder, type KnowledgeData, type OrgFunction } from '../core/knowledge/schema.js';
import { checkKnowledge } from './check.js';
import type { KnowledgeIssue } from '../core/knowledge/knowledge.js';

export const CSV_COLUMNS = [
  'function_id',
  'function_name',
  'contact_email',
  'contact_phone',
  'contact_chat',
  'contact_url',
  'holder_name',
  'holder_kind',
  'holder_title',
  'holder_from',
  'holder_to',
  'holder_email',
  'holder_phone',
  'holder_chat',
] as const;
type Column = (typeof CSV_COLUMNS)[number];

type Contact = OrgFunction['contact'];
/** The function's contact, column by column, checked with the knowledge's own schema for it. */
const CONTACT_COLUMNS = { email: 'contact_email', phone: 'contact_phone', chat: 'contact_chat', url: 'contact_url' } as const satisfies Record<keyof Contact, Column>;
const CONTACT_KEYS = Object.keys(CONTACT_COLUMNS) as Array<keyof Contact>;
const ALL_CONTACT_COLUMNS = Object.values(CONTACT_COLUMNS).join(', ');
const CONTACT_LABEL: Record<keyof Contact, string> = { email: 'e-post', phone: 'telefon', chat: 'chatt', url: 'webbadress' };
const contactSchema = functionSchema.shape.contact;

// Swedish Excel opens a semicolon-separated file in columns; a byte-order mark makes it read UTF-8.
const SEPARATOR = ';';
const BOM = '\uFEFF';

const quote = (value: string) => (/[;"\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value);

/** The functions as CSV, in the order given. */
export function functionsToCsv(functions: readonly OrgFunction[]): string {
  const rows: string[][] = [[...CSV_COLUMNS]];
  for (const fn of functions) {
    const common = [fn.id, fn.name, ...CONTACT_KEYS.map((k) => fn.contact[k] ?? '')];
    if (fn.holders.length === 0) rows.push([...common, ...CSV_COLUMNS.filter((c) => c.startsWith('holder_')).map(() => '')]);
    for (const h of fn.holders) rows.push([...common, h.name, h.kind, h.title ?? '', h.from, h.to ?? '', h.email ?? '', h.phone ?? '', (h.chat ?? []).join(' ')]);
  }
  return `${BOM}${rows.map((r) => r.map(quote).join(SEPARATOR)).join('\r\n')}\r\n`;
}

/** RFC 4180 fields, with `;` or `,` (whichever the header uses), quotes and line breaks inside quotes. */
export function parseCsv(text: string): string[][] {
  const body = text.startsWith(BOM) ? text.slice(1) : text;
  const firstLine = body.split(/\r?\n/, 1)[0] ?? '';
  const sep = firstLine.includes(';') ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === sep) row.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i++;
      row.push(field), rows.push(row), (row = []), (field = '');
    } else field += c;
  }
  if (field !== '' || row.length > 0) row.push(field), rows.push(row);
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

export interface CsvImport {
  /** Errors and warnings, each naming the file, the row (as `line`) and the column (as `path`). */
  issues: KnowledgeIssue[];
  /** The functions that would change, as they would be. */
  changed: Map<string, OrgFunction>;
  /** What would change, one line each, for the dry run. */
  differences: string[];
}

const HOLDER_COLUMNS: Partial<Record<string, Column>> = { name: 'holder_name', kind: 'holder_kind', title: 'holder_title', from: 'holder_from', to: 'holder_to', email: 'holder_email', phone: 'holder_phone', chat: 'holder_chat' };

const holderLine = (h: Holder) => `${h.name} (${h.kind}, ${h.from}–${h.to ?? ''})`;
/** A holder's fields in a fixed order, for comparing holders read from a file with ones read from a row. */
const holderKey = (h: Holder) => JSON.stringify([h.name, h.kind, h.title, h.from, h.to, h.email, h.phone, h.chat?.join(' ') || undefined]);

/**
 * Reads a CSV against `current` (the directory as it is now, the chat's changes included): every
 * function in the file gets exactly the holders and contact its rows give; functions not in the
 * file are left alone. `data` is the whole knowledge, for the linter.
 */
export function importCsv(text: string, file: string, current: readonly OrgFunction[], data: KnowledgeData, today: string): CsvImport {
  const issues: KnowledgeIssue[] = [];
  const error = (line: number, column: string, message: string) => issues.push({ severity: 'error', file, line, path: column, message });
  const [header = [], ...rows] = parseCsv(text);
  const names = header.map((h) => h.trim());
  const missing = CSV_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length > 0) {
    error(1, missing.join(', '), `kolumnen saknas i rubrikraden; rubrikerna ska vara ${CSV_COLUMNS.join(';')} (exportera med "motpart directory export --csv" för en mall)`);
    return { issues, changed: new Map(), differences: [] };
  }
  const byId = new Map(current.map((f) => [f.id, f]));
  const planned = new Map<string, { contact: Contact; contactRow: number; holders: Holder[] }>();
  rows.forEach((cells, i) => {
    const line = i + 2;
    const cell = (c: Column) => (cells[names.indexOf(c)] ?? '').trim();
    const fn = byId.get(cell('function_id'));
    if (!fn) return error(line, 'function_id', `funktionen "${cell('function_id')}" finns inte i katalogen; använd ett id från exporten`);
    const read = contactSchema.safeParse(Object.fromEntries(CONTACT_KEYS.flatMap((k) => (cell(CONTACT_COLUMNS[k]) ? [[k, cell(CONTACT_COLUMNS[k])]] : []))));
    if (!read.success) {
      // "At least one way" has no one field: it names all four columns.
      for (const issue of read.error.issues) error(line, CONTACT_COLUMNS[issue.path[0] as keyof Contact] ?? ALL_CONTACT_COLUMNS, issue.message);
      return;
    }
    const contact = read.data;
    const plan = planned.get(fn.id) ?? { contact, contactRow: line, holders: [] };
    planned.set(fn.id, plan);
    if (CONTACT_KEYS.some((k) => plan.contact[k] !== contact[k])) error(line, ALL_CONTACT_COLUMNS, `funktionens kontaktuppgifter skiljer sig från rad ${plan.contactRow}; skriv samma på varje rad för funktionen`);
    if (!cell('holder_name')) {
      const stray = CSV_COLUMNS.filter((c) => c.startsWith('holder_') && cell(c) !== '');
      if (stray.length > 0) error(line, 'holder_name', 'namn saknas men andra uppgifter om innehavaren finns; fyll i namnet eller töm raden');
      return;
    }
    const parsed = holderSchema.safeParse({
      name: cell('holder_name'),
      kind: cell('holder_kind') || undefined,
      title: cell('holder_title') || undefined,
      from: cell('holder_from'),
      to: cell('holder_to') || undefined,
      email: cell('holder_email') || undefined,
      phone: cell('holder_phone') || undefined,
      chat: cell('holder_chat') ? cell('holder_chat').split(/\s+/) : undefined,
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) error(line, HOLDER_COLUMNS[String(issue.path[0])] ?? 'holder_name', issue.message);
      return;
    }
    if (parsed.data.to !== undefined && parsed.data.to < parsed.data.from) return error(line, 'holder_to', `slutdatum ${parsed.data.to} är före startdatum ${parsed.data.from}; rätta datumen`);
    plan.holders.push(Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)) as Holder);
  });
  const changed = new Map<string, OrgFunction>();
  const differences: string[] = [];
  for (const [id, plan] of planned) {
    const before = byId.get(id)!;
    const { contact } = plan;
    const after: OrgFunction = { ...before, contact, holders: plan.holders };
    const lines = [
      ...CONTACT_KEYS.flatMap((k) => (before.contact[k] !== contact[k] ? [`kontakt ${CONTACT_LABEL[k]}: ${before.contact[k] ?? '(tom)'} → ${contact[k] ?? '(tom)'}`] : [])),
      ...before.holders.filter((h) => !plan.holders.some((n) => holderKey(n) === holderKey(h))).map((h) => `tas bort: ${holderLine(h)}`),
      ...plan.holders.filter((n) => !before.holders.some((h) => holderKey(n) === holderKey(h))).map((h) => `läggs till: ${holderLine(h)}`),
    ];
    // Only the order differs: nothing to write.
    if (lines.length === 0) continue;
    changed.set(id, after);
    differences.push(...lines.map((l) => `${before.name} (${id}): ${l}`));
  }
  if (issues.length === 0 && changed.size > 0) {
    // The same linter as `knowledge check`, on the knowledge as it would be; only what the import causes.
    const functions = data.functions.map((f) => changed.get(f.id) ?? f);
    const before = new Set(checkKnowledge(data, today).map((i) => `${i.path}:${i.message}`));
    issues.push(...checkKnowledge({ ...data, functions }, today).filter((i) => i.severity === 'error' && !before.has(`${i.path}:${i.message}`)));
  }
  return { issues, changed, differences };
}
