/**
 * Writes functions back into the knowledge's own files, for `motpart directory export --yaml` (the
 * chat's approved changes folded in) and `import --csv`. Only the holders and contact of a changed
 * function are touched, through the `yaml` package's Document API, so the layout and the comments
 * the editors wrote stay where they were and the result reads well in a pull request.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isMap, isSeq, parseDocument, type Document, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Holder, OrgFunction } from '../core/knowledge/schema.js';

export interface FunctionFile {
  /** Relative to the knowledge directory, as `origins` names it. */
  file: string;
  text: string;
  changed: boolean;
}

/** A holder as an editor would write it: no empty fields. */
function holderEntry(h: Holder): Record<string, unknown> {
  return Object.fromEntries(Object.entries(h).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)));
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Replaces the holders that differ, one entry at a time, so untouched entries keep their comments. */
function setHolders(doc: Document, node: YAMLMap, before: readonly Holder[], after: readonly Holder[]): void {
  let seq = node.get('holders', true) as YAMLSeq | undefined;
  if (!isSeq(seq)) {
    seq = doc.createNode([]) as YAMLSeq;
    node.set('holders', seq);
  }
  const flow = seq.items.length === 0 || seq.items.some((i) => isMap(i) && i.flow);
  const entry = (h: Holder) => Object.assign(doc.createNode(holderEntry(h)), { flow });
  after.forEach((h, i) => {
    if (i >= before.length) seq.items.push(entry(h));
    else if (!same(holderEntry(before[i]!), holderEntry(h))) seq.items[i] = entry(h);
  });
  seq.items.splice(after.length);
}

function setContact(doc: Document, node: YAMLMap, before: OrgFunction['contact'], after: OrgFunction['contact']): void {
  if (same(before, after)) return;
  const contact = node.get('contact', true);
  if (!isMap(contact)) {
    node.set('contact', doc.createNode(after));
    return;
  }
  for (const key of ['email', 'phone', 'chat', 'url'] as const) {
    if (after[key] === undefined) contact.delete(key);
    else if (after[key] !== before[key]) contact.set(key, after[key]);
  }
}

/**
 * Every file that holds functions, with `replacements` (function id → the function as it should
 * be) written in. `current` is each function as the files have it now.
 */
export async function writeFunctions(dir: string, current: readonly OrgFunction[], origins: ReadonlyMap<string, string>, replacements: ReadonlyMap<string, OrgFunction>): Promise<FunctionFile[]> {
  const byId = new Map(current.map((f) => [f.id, f]));
  const files = [...new Set(current.flatMap((f) => origins.get(`functions:${f.id}`) ?? []))].sort();
  return Promise.all(
    files.map(async (file) => {
      const text = await readFile(path.join(dir, file), 'utf8');
      const doc = parseDocument(text);
      const list = doc.get('functions', true);
      let changed = false;
      for (const item of isSeq(list) ? list.items : []) {
        if (!isMap(item)) continue;
        const id = String(item.get('id'));
        const before = byId.get(id);
        const after = replacements.get(id);
        if (!before || !after || origins.get(`functions:${id}`) !== file) continue;
        if (same(before.holders, after.holders) && same(before.contact, after.contact)) continue;
        setHolders(doc, item, before.holders, after.holders);
        setContact(doc, item, before.contact, after.contact);
        changed = true;
      }
      // Lines are never folded: a long description stays one line, as the editor wrote it.
      return { file, text: changed ? doc.toString({ lineWidth: 0 }) : text, changed };
    }),
  );
}
