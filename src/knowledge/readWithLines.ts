/**
 * The slow path of the loader: a knowledge file that js-yaml or the schema refused is read again
 * with `yaml`, which keeps positions, so every problem is reported with its line and in plain Swedish.
 */
import { isMap, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import type { z } from 'zod';
import type { KnowledgeIssue } from '../core/knowledge/knowledge.js';
import { knowledgeFileSchema, type KnowledgeFile } from '../core/knowledge/schema.js';

export type FileRead = { content: KnowledgeFile } | { issues: KnowledgeIssue[] };

function pathToString(p: ReadonlyArray<PropertyKey>): string {
  return p.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '');
}

/** The line of the deepest YAML node that exists along a zod issue path. */
function lineOf(doc: ReturnType<typeof parseDocument>, counter: LineCounter, p: ReadonlyArray<PropertyKey>): number | undefined {
  let node: unknown = doc.contents;
  let best: YamlNode | undefined = doc.contents ?? undefined;
  for (const key of p) {
    if (isMap(node)) node = node.get(String(key), true);
    else if (isSeq(node) && typeof key === 'number') node = node.get(key, true);
    else break;
    if (!node) break;
    best = node as YamlNode;
  }
  const offset = best?.range?.[0];
  return offset === undefined ? undefined : counter.linePos(offset).line;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'en text',
  number: 'ett tal',
  array: 'en lista, t.ex. [a, b]',
  object: 'fält med värden (namn: värde)',
  boolean: 'true eller false',
};

/** zod's messages in plain Swedish, with what to do; the schema's own messages are kept. */
function messageOf(issue: z.core.$ZodIssue, doc: ReturnType<typeof parseDocument>): string {
  if (issue.code === 'unrecognized_keys') return `okänt fält ${issue.keys.map((k) => `"${k}"`).join(', ')}: ta bort det eller rätta stavningen`;
  if (issue.code === 'invalid_value') return `okänt värde: skriv ett av ${issue.values.map(String).join(', ')}`;
  if (issue.code === 'invalid_type') {
    const field = String(issue.path.at(-1) ?? '');
    if (!doc.hasIn(issue.path)) return `fältet "${field}" saknas: lägg till det`;
    return `fel typ: ska vara ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
  }
  return issue.message;
}

/**
 * Problems reported per file. A file that is wrong throughout (a list pasted in the wrong format)
 * has one per record, hundreds of thousands in a large file; the first ones show what is wrong, and
 * logging every one would hold the bot for seconds.
 */
const MAX_ISSUES_PER_FILE = 50;

function capped(file: string, issues: KnowledgeIssue[], total: number): KnowledgeIssue[] {
  if (total <= issues.length) return issues;
  return [...issues, { severity: 'error', file, path: '', message: `och ${total - issues.length} fel till av samma slag i filen: rätta dem ovan och kontrollera igen` }];
}

function zodIssues(file: string, error: z.ZodError, doc: ReturnType<typeof parseDocument>, counter: LineCounter): KnowledgeIssue[] {
  return capped(file, error.issues.slice(0, MAX_ISSUES_PER_FILE).map((issue) => {
    // Point at the unknown key itself, not at the object holding it.
    const at = issue.code === 'unrecognized_keys' && issue.keys.length === 1 ? [...issue.path, issue.keys[0]!] : issue.path;
    return { severity: 'error' as const, file, path: pathToString(at), line: lineOf(doc, counter, at), message: messageOf(issue, doc) };
  }), error.issues.length);
}

/** The file's content (when `yaml` reads what js-yaml could not), or its problems with lines. */
export function readWithLines(file: string, text: string): FileRead {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      issues: capped(
        file,
        doc.errors.slice(0, MAX_ISSUES_PER_FILE).map((err) => ({
          severity: 'error' as const,
          file,
          path: '',
          line: err.linePos?.[0]?.line ?? counter.linePos(err.pos[0]).line,
          message: `YAML-fel: ${err.message.split('\n')[0]} (kontrollera indrag, kolon och citattecken)`,
        })),
        doc.errors.length,
      ),
    };
  }
  const parsed = knowledgeFileSchema.safeParse(doc.toJS() ?? {});
  return parsed.success ? { content: parsed.data } : { issues: zodIssues(file, parsed.error, doc, counter) };
}
