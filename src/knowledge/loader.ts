/**
 * Reads every YAML file under the knowledge directory, validates it with zod and merges the lists.
 * Errors name the file, the path inside it (with the line where YAML can tell) and what to do.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { CORE_SCHEMA, load as loadYaml } from 'js-yaml';
import { isMap, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import type { z } from 'zod';
import { knowledgeFileSchema, type KnowledgeData, type KnowledgeFile } from './schema.js';

export interface KnowledgeIssue {
  severity: 'error' | 'warning';
  /** Path relative to the knowledge directory. */
  file: string;
  /** Dotted path inside the file, e.g. `functions[3].holders[0].from`. */
  path: string;
  line?: number;
  message: string;
}

export class KnowledgeLoadError extends Error {
  constructor(readonly issues: KnowledgeIssue[]) {
    super(`Kunskapsbasen kunde inte läsas:\n${issues.map(formatIssue).join('\n')}`);
    this.name = 'KnowledgeLoadError';
  }
}

export function formatIssue(issue: KnowledgeIssue): string {
  const where = `${issue.file}${issue.line ? `:${issue.line}` : ''}${issue.path ? ` (${issue.path})` : ''}`;
  return `${issue.severity === 'error' ? 'FEL' : 'VARNING'} ${where}: ${issue.message}`;
}

async function listYamlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && /\.ya?ml$/i.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

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
  if (issue.code === 'invalid_type') {
    const field = String(issue.path.at(-1) ?? '');
    if (!doc.hasIn(issue.path)) return `fältet "${field}" saknas: lägg till det`;
    return `fel typ: ska vara ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
  }
  return issue.message;
}

function zodIssues(file: string, error: z.ZodError, doc: ReturnType<typeof parseDocument>, counter: LineCounter): KnowledgeIssue[] {
  return error.issues.map((issue) => {
    // Point at the unknown key itself, not at the object holding it.
    const at = issue.code === 'unrecognized_keys' && issue.keys.length === 1 ? [...issue.path, issue.keys[0]!] : issue.path;
    return { severity: 'error' as const, file, path: pathToString(at), line: lineOf(doc, counter, at), message: messageOf(issue, doc) };
  });
}

export interface LoadResult {
  data: KnowledgeData;
  /** Which file each id came from, so cross-reference errors can name the file. */
  origins: Map<string, string>;
  files: string[];
}

/**
 * One file's content, or what is wrong with it. Nearly every file is valid, and js-yaml reads it
 * about ten times faster than `yaml` builds a document with positions (which dominated start-up at
 * 10k functions); only a file that fails is read again with positions, to say on which line.
 */
function readKnowledgeFile(file: string, text: string): { content: KnowledgeFile } | { issues: KnowledgeIssue[] } {
  try {
    // CORE_SCHEMA is YAML 1.2's, as `yaml` uses: dates stay strings, "no" stays a word.
    const quick = knowledgeFileSchema.safeParse(loadYaml(text, { schema: CORE_SCHEMA, filename: file }) ?? {});
    if (quick.success) return { content: quick.data };
  } catch {
    // A syntax error: the slow path below says where.
  }

  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      issues: doc.errors.map((err) => ({
        severity: 'error' as const,
        file,
        path: '',
        line: err.linePos?.[0]?.line ?? counter.linePos(err.pos[0]).line,
        message: `YAML-fel: ${err.message.split('\n')[0]} (kontrollera indrag, kolon och citattecken)`,
      })),
    };
  }
  const parsed = knowledgeFileSchema.safeParse(doc.toJS() ?? {});
  return parsed.success ? { content: parsed.data } : { issues: zodIssues(file, parsed.error, doc, counter) };
}

/** Loads and validates the knowledge directory; throws {@link KnowledgeLoadError} listing every problem. */
export async function loadKnowledge(dir: string): Promise<LoadResult> {
  const files = await listYamlFiles(dir).catch((err: NodeJS.ErrnoException) => {
    throw new KnowledgeLoadError([{ severity: 'error', file: dir, path: '', message: `katalogen kan inte läsas (${err.code ?? err.message}); ange rätt katalog i MOTPART_KNOWLEDGE_DIR` }]);
  });
  if (files.length === 0) {
    throw new KnowledgeLoadError([{ severity: 'error', file: dir, path: '', message: 'inga .yaml-filer hittades; ange rätt katalog i MOTPART_KNOWLEDGE_DIR' }]);
  }
  const issues: KnowledgeIssue[] = [];
  const data: KnowledgeData = { organisations: [], areas: [], functions: [], guidance: [], checklists: [], synonyms: { groups: [], references: {}, defaultOwner: '' } };
  const origins = new Map<string, string>();
  let synonymsFile: string | undefined;

  for (const absolute of files) {
    const file = path.relative(dir, absolute);
    const read = readKnowledgeFile(file, await readFile(absolute, 'utf8'));
    if ('issues' in read) {
      issues.push(...read.issues);
      continue;
    }
    const content = read.content;
    for (const key of ['organisations', 'areas', 'functions', 'guidance', 'checklists'] as const) {
      for (const entry of content[key] ?? []) {
        const qualified = `${key}:${entry.id}`;
        const earlier = origins.get(qualified);
        if (earlier) {
          issues.push({ severity: 'error', file, path: `${key}`, message: `id "${entry.id}" finns redan i ${earlier}; varje id måste vara unikt` });
          continue;
        }
        origins.set(qualified, file);
        (data[key] as Array<typeof entry>).push(entry);
      }
    }
    if (content.synonyms) {
      if (synonymsFile) {
        issues.push({ severity: 'error', file, path: 'synonyms', message: `synonymer finns redan i ${synonymsFile}; samla dem i en fil` });
      } else {
        synonymsFile = file;
        origins.set('synonyms', file);
        data.synonyms = content.synonyms;
      }
    }
  }
  if (!synonymsFile) {
    issues.push({ severity: 'error', file: '(katalogen)', path: 'synonyms', message: 'ingen fil har "synonyms:" med "defaultOwner"; lägg till synonyms.yaml' });
  }
  if (issues.length > 0) throw new KnowledgeLoadError(issues);
  return { data, origins, files: files.map((f) => path.relative(dir, f)) };
}
