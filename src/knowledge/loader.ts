/**
 * Reads every YAML file under the knowledge directory, validates it with zod and merges the lists.
 * Errors name the file, the path inside it (with the line where YAML can tell) and what to do.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { CORE_SCHEMA, load as loadYaml } from 'js-yaml';
import { oneAtATime, runInTurns } from './inTurns.js';
import type { Work } from '../core/turns.js';
import type { KnowledgeIssue } from '../core/knowledge/knowledge.js';
import type { FileRead } from './readWithLines.js';
import { KNOWLEDGE_LISTS, knowledgeFileSchema, type KnowledgeData, type KnowledgeFile } from '../core/knowledge/schema.js';

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

/**
 * The largest knowledge file read (MOTPART_KNOWLEDGE_MAX_BYTES). The shipped files are a few kB and
 * 5,000 functions are about 8 MB; a 60 MB file (a paste gone wrong, a log saved into the folder)
 * took 20 s and 3 GB to read and report on, so a file over the limit is refused unread.
 */
export const DEFAULT_KNOWLEDGE_MAX_BYTES = 10_000_000;

export interface ReadOptions {
  /** Files larger than this many bytes are refused; default {@link DEFAULT_KNOWLEDGE_MAX_BYTES}. */
  maxBytes?: number;
}

const megabytes = (bytes: number) => `${(bytes / 1_000_000).toFixed(1).replace('.', ',')} MB`;

/**
 * Every YAML file under the directory, sorted; throws {@link KnowledgeLoadError} when there is none,
 * the directory cannot be read, or a file is over the size limit (before anything reads it).
 */
export async function listKnowledgeFiles(dir: string, options: ReadOptions = {}): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch((err: NodeJS.ErrnoException) => {
    throw new KnowledgeLoadError([{ severity: 'error', file: dir, path: '', message: `katalogen kan inte läsas (${err.code ?? err.message}); ange rätt katalog i MOTPART_KNOWLEDGE_DIR` }]);
  });
  const files = entries
    .filter((e) => e.isFile() && /\.ya?ml$/i.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
  if (files.length === 0) {
    throw new KnowledgeLoadError([{ severity: 'error', file: dir, path: '', message: 'inga .yaml-filer hittades; ange rätt katalog i MOTPART_KNOWLEDGE_DIR' }]);
  }
  const maxBytes = options.maxBytes ?? DEFAULT_KNOWLEDGE_MAX_BYTES;
  const sizes = await Promise.all(files.map(async (f) => (await stat(f)).size));
  const tooLarge: KnowledgeIssue[] = files.flatMap((f, i) =>
    sizes[i]! > maxBytes
      ? [{ severity: 'error' as const, file: path.relative(dir, f), path: '', message: `filen är ${megabytes(sizes[i]!)}, över gränsen ${megabytes(maxBytes)} (MOTPART_KNOWLEDGE_MAX_BYTES), och lästes inte: dela upp den i flera filer, ta bort den om den inte hör hit, eller höj gränsen` }]
      : [],
  );
  if (tooLarge.length > 0) throw new KnowledgeLoadError(tooLarge);
  return files;
}

export interface LoadResult {
  data: KnowledgeData;
  /** Which file each id came from, so cross-reference errors can name the file. */
  origins: Map<string, string>;
  files: string[];
}

/**
 * The content of a valid file, or undefined for one that needs {@link readKnowledgeFile}'s slow
 * path. Nearly every file is valid, and js-yaml reads it about ten times faster than `yaml` builds
 * a document with positions (which dominated start-up at 10k functions).
 */
export function readValidFile(file: string, text: string): KnowledgeFile | undefined {
  try {
    // CORE_SCHEMA is YAML 1.2's, as `yaml` uses: dates stay strings, "no" stays a word.
    const quick = knowledgeFileSchema.safeParse(loadYaml(text, { schema: CORE_SCHEMA, filename: file }) ?? {});
    return quick.success ? quick.data : undefined;
  } catch {
    // A syntax error: the slow path says where.
    return undefined;
  }
}

/** One file's content, or what is wrong with it: only a file that fails is read again with positions (readWithLines.ts), to say on which line. */
async function readKnowledgeFile(file: string, text: string): Promise<FileRead> {
  const valid = readValidFile(file, text);
  if (valid) return { content: valid };
  // Imported only here: the `yaml` package is needed only for a file with errors, and importing it cost every start.
  const { readWithLines } = await import('./readWithLines.js');
  return readWithLines(file, text);
}

/** Below this many bytes of YAML a worker costs more to start than the files take to parse (the CLI reads a small directory per command). */
const WORKER_MIN_BYTES = 1_000_000;

/**
 * The files to parse, largest first, and a counter in shared memory through which the parse
 * workers each claim the next one, so all of them stay busy until the last file.
 */
export interface FileQueue {
  /** The knowledge directory: issues name files relative to it. */
  dir: string;
  files: readonly string[];
  /** Positions in `files`, largest file first. */
  order: readonly number[];
  next: Int32Array;
}

/** The position in `files` of the next unclaimed file, or undefined when none is left. */
export function claimFile(queue: FileQueue): number | undefined {
  return queue.order[Atomics.add(queue.next, 0, 1)];
}

/**
 * What a parse worker sends: a slice of one of a file's long lists (`list` set), or the rest of the
 * file, which closes it (null when the file is not valid, with its `issues`).
 */
export interface ParsedFile {
  index: number;
  list?: string;
  json: string | null;
  issues?: KnowledgeIssue[];
}

/**
 * Records per message from a parse worker. Whole files of several MB as one JSON string left that
 * much garbage in the main heap's large-object space until the next full collection, about 13 MB
 * of the resident memory at 10k functions; slices this small are collected young.
 */
export const RECORDS_PER_MESSAGE = 500;

/**
 * Parses the files in worker threads (parseWorker.ts), one per core: parsing is most of the
 * start-up, the main thread meanwhile imports the chat adapters, and the parsers' garbage is freed
 * with their heaps instead of growing the main one (a third of the resident memory at 10k).
 * Content comes back as JSON, which carries it whole (validated knowledge is plain data: the schema
 * has no transforms) and copies faster than a structured clone. Resolves, when the workers are
 * done, to each file's content, or its issues with lines (worked out in the worker too); a file
 * missing from it (a worker failed, as under vitest, which runs the TypeScript sources) is left to
 * the caller.
 */
async function parseInWorkers(dir: string, files: readonly string[], sizes: readonly number[]): Promise<Array<FileRead | undefined>> {
  const queue: FileQueue = { dir, files, order: files.map((_, i) => i).sort((a, b) => sizes[b]! - sizes[a]!), next: new Int32Array(new SharedArrayBuffer(4)) };
  const contents = new Array<FileRead | undefined>(files.length);
  const lists = new Map<number, Record<string, unknown[]>>();
  const parse = oneAtATime(({ index, list, json, issues }: ParsedFile) => {
    if (json === null) {
      if (issues) contents[index] = { issues };
      return;
    }
    const sliced = lists.get(index) ?? {};
    if (list !== undefined) {
      (sliced[list] ??= []).push(...(JSON.parse(json) as unknown[]));
      lists.set(index, sliced);
      return;
    }
    lists.delete(index);
    contents[index] = { content: { ...(JSON.parse(json) as KnowledgeFile), ...sliced } };
  });
  const run = () =>
    new Promise<void>((resolve) => {
      const worker = new Worker(new URL('./parseWorker.js', import.meta.url), { workerData: queue });
      worker.on('message', (message: ParsedFile) => parse.push(message));
      worker.once('error', () => resolve());
      worker.once('exit', () => resolve());
    });
  await Promise.all(Array.from({ length: Math.min(availableParallelism(), files.length) }, run));
  await parse.idle();
  return contents;
}

/** Each file's content or issues, in the order of `files`. */
async function readFiles(dir: string, files: readonly string[]): Promise<FileRead[]> {
  const sizes = await Promise.all(files.map(async (f) => (await stat(f)).size));
  const parsed = sizes.reduce((a, b) => a + b, 0) >= WORKER_MIN_BYTES ? await parseInWorkers(dir, files, sizes) : [];
  const reads: FileRead[] = [];
  for (const [index, file] of files.entries()) {
    reads.push(parsed[index] ?? (await readKnowledgeFile(path.relative(dir, file), await readFile(file, 'utf8'))));
  }
  return reads;
}

/** Loads and validates the knowledge directory; throws {@link KnowledgeLoadError} listing every problem. */
export async function loadKnowledge(dir: string, options: ReadOptions = {}): Promise<LoadResult> {
  const files = await listKnowledgeFiles(dir, options);
  const reads = await readFiles(dir, files);
  const relative = files.map((f) => path.relative(dir, f));
  const { data, origins, issues } = await runInTurns(mergeFiles(relative, reads));
  if (issues.length > 0) throw new KnowledgeLoadError(issues);
  return { data, origins, files: relative };
}

/**
 * The files' lists merged into one knowledge, with the file of every id, pausing after each record
 * (see turns.ts): at 50k functions the merge held a reload's event loop for over 100 ms.
 */
function* mergeFiles(files: readonly string[], reads: readonly FileRead[]): Work<{ data: KnowledgeData; origins: Map<string, string>; issues: KnowledgeIssue[] }> {
  const issues: KnowledgeIssue[] = [];
  const data: KnowledgeData = { organisations: [], areas: [], functions: [], guidance: [], checklists: [], situations: [], synonyms: { groups: [], references: {}, offTopic: [], defaultOwner: '' } };
  const origins = new Map<string, string>();
  let synonymsFile: string | undefined;
  for (const [index, file] of files.entries()) {
    const read = reads[index]!;
    if ('issues' in read) {
      issues.push(...read.issues);
      continue;
    }
    const content = read.content;
    for (const key of KNOWLEDGE_LISTS) {
      for (const entry of content[key] ?? []) {
        const qualified = `${key}:${entry.id}`;
        const earlier = origins.get(qualified);
        if (earlier) {
          issues.push({ severity: 'error', file, path: `${key}`, message: `id "${entry.id}" finns redan i ${earlier}; varje id måste vara unikt` });
          continue;
        }
        origins.set(qualified, file);
        (data[key] as Array<typeof entry>).push(entry);
        yield;
      }
    }
    if (content.authoritativeSources) (data.authoritativeSources ??= []).push(...content.authoritativeSources);
    if (content.provisions) (data.provisions ??= []).push(...content.provisions);
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
  return { data, origins, issues };
}
