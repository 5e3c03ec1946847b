/**
 * The knowledge cache: validated knowledge and its search postings, kept in the data directory so
 * that a restart with unchanged files skips YAML, zod and analysing every text again (together
 * nearly all of start-up at 10k functions and more). It is keyed by a hash of every knowledge file
 * and of the code that reads and indexes them, so an edit, or another version of Motpart, is never
 * answered from a stale cache. Anything wrong with it is a miss: the files are read as if there
 * were no cache, and the cache is written again.
 *
 * Layout: a first line naming the format, then sections of bytes (UTF-8 JSON chunks of records,
 * raw typed arrays of the postings), then a line of JSON, the index, saying how long each section
 * is, with the key and the sections' SHA-256. The writer streams section by section, so writing
 * never holds the whole cache in memory. Hashing the files and reading the cache run in a worker
 * thread (cacheWorker.ts) while the main thread imports the chat adapters.
 */
import { createHash, type Hash } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import type { Postings } from '../core/search/termIndex.js';
import type { Knowledge } from '../core/knowledge/knowledge.js';
import type { KnowledgeIssue } from '../core/knowledge/knowledge.js';
// The files' own schema: a second copy here dropped every field added later (offTopic did).
import { KNOWLEDGE_LISTS, synonymsSchema, type KnowledgeData, type KnowledgeList } from '../core/knowledge/schema.js';

/** The cache's name in MOTPART_DATA_DIR. */
export const CACHE_FILE_NAME = 'knowledge-cache.bin';

/** First line of a cache file; a new layout gets a new number. */
const MAGIC = 'motpart-knowledge-cache/2\n';

/**
 * Records per JSON chunk. One JSON text of the whole knowledge (14 MB at 10k functions) is a
 * large object that stays in the heap until the next full collection; texts this small are
 * collected young.
 */
const RECORDS_PER_CHUNK = 100;

/** Bytes of a file hashed at a time (see hashFiles). */
const HASH_BYTES_PER_TURN = 1 << 20;

const length = z.number().int().nonnegative();

/**
 * The parts of a cache, in the order they are written: per list its records as JSON chunks, the
 * synonyms, which file each id came from, the two indexes' postings, and the linter's warnings
 * with the day they were worked out for. The index says how many bytes each part has; the payload
 * holds the parts themselves.
 */
function partsSchema<Text extends z.ZodType, Words extends z.ZodType, Floats extends z.ZodType>(part: { text: Text; words: Words; floats: Floats }) {
  const postings = z.object({ keys: part.text, starts: part.words, docs: part.words, weights: part.floats, documents: length });
  return z.object({
    lists: z.object(Object.fromEntries(KNOWLEDGE_LISTS.map((list) => [list, z.array(part.text)])) as Record<KnowledgeList, z.ZodArray<Text>>),
    synonyms: part.text,
    /** JSON: file → `<list>:<id>` keys from it. */
    origins: part.text,
    functions: postings,
    guidance: postings,
    warnings: part.text,
  });
}

/** The last line of a cache file. */
const indexSchema = partsSchema({ text: length, words: length, floats: length }).extend({
  key: z.string().regex(/^[0-9a-f]{64}$/),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

type Index = z.infer<typeof indexSchema>;

/** What the worker hands over: UTF-8 JSON texts and the postings' arrays. */
const payloadSchema = partsSchema({ text: z.instanceof(Uint8Array), words: z.instanceof(Uint32Array), floats: z.instanceof(Float32Array) });

type Payload = z.infer<typeof payloadSchema>;

/**
 * The decoded knowledge's shape. The records themselves are not checked against the knowledge
 * schema again: that took as long as the YAML the cache saves. They were validated when they were
 * read from the files whose hash is the key, by the code whose hash is part of the key, and the
 * payload's own hash is checked before it is read; the postings are checked to fit together when
 * indexed.
 */
// z.custom passes a record on as it is: an object schema would copy every record (a third of the decoding).
const recordsSchema = z.array(z.custom<{ id: string }>((r) => typeof r === 'object' && r !== null && typeof (r as { id?: unknown }).id === 'string', 'a record with an id'));
const originsSchema = z.record(z.string(), z.array(z.string()));
const keysSchema = z.array(z.string());
const warningsSchema = z.object({
  date: z.string().nullable(),
  issues: z.array(z.object({ severity: z.literal('warning'), file: z.string(), path: z.string(), line: z.number().int().optional(), message: z.string() })),
});

export interface CachedKnowledge {
  data: KnowledgeData;
  origins: Map<string, string>;
  postings: { functions: Postings; guidance: Postings };
  /**
   * The linter's warnings and the day they hold for. Linting is a tenth of a restart at 10k
   * functions, and the same files on the same day give the same warnings (a cache is only written
   * for knowledge without errors); on another day they are worked out again.
   */
  warnings?: { date: string; issues: KnowledgeIssue[] };
}

/** What the worker finds: the key of the files as they are, and the cache's payload or why it cannot be used. */
export interface CacheInspection {
  key: string;
  miss?: string;
  payload?: Payload;
}

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

/** The directory of Motpart's own modules (src/ under vitest, dist/src/ when built). */
const CODE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Adds each file's path (relative to `root`) and bytes to the hash, through one reused buffer:
 * read whole, or in a stream's new buffers, the knowledge files were freed to the allocator but
 * stayed in the process, 14 MB of resident memory at 10k functions.
 */
async function hashFiles(hash: Hash, root: string, files: readonly string[]): Promise<void> {
  const buffer = Buffer.allocUnsafe(HASH_BYTES_PER_TURN);
  for (const file of files) {
    hash.update('\0').update(path.relative(root, file)).update('\0');
    const handle = await open(file, 'r');
    try {
      for (let read = 1; read > 0; ) {
        ({ bytesRead: read } = await handle.read(buffer, 0, buffer.length));
        hash.update(buffer.subarray(0, read));
      }
    } finally {
      await handle.close();
    }
  }
}

let codeHash: Promise<string> | undefined;

/** A hash of Motpart's own modules: a change to how text is analysed must not meet postings made by the old code. */
function hashOfCode(): Promise<string> {
  codeHash ??= (async () => {
    const entries = await readdir(CODE_ROOT, { withFileTypes: true, recursive: true });
    const files = entries
      .filter((e) => e.isFile() && /\.(js|ts)$/.test(e.name) && !e.name.endsWith('.d.ts'))
      .map((e) => path.join(e.parentPath, e.name))
      .sort();
    const hash = createHash('sha256');
    await hashFiles(hash, CODE_ROOT, files);
    return hash.digest('hex');
  })();
  return codeHash;
}

/**
 * The key of the knowledge in these files, read by this code on this Node.js and this kind of
 * machine (the postings are stored in its byte order).
 */
export async function cacheKey(dir: string, files: readonly string[]): Promise<string> {
  const hash = createHash('sha256').update(MAGIC).update(`${process.version} ${process.arch} ${os.endianness()}`).update(await hashOfCode());
  await hashFiles(hash, dir, files);
  return hash.digest('hex');
}

/** The buffers of an inspection, to move them to the main thread without copying. */
export function transferList(inspection: CacheInspection): ArrayBuffer[] {
  const p = inspection.payload;
  if (!p) return [];
  const views: ArrayBufferView[] = [...KNOWLEDGE_LISTS.flatMap((list) => p.lists[list]), p.synonyms, p.origins];
  for (const postings of [p.functions, p.guidance]) views.push(postings.keys, postings.starts, postings.docs, postings.weights);
  views.push(p.warnings);
  return views.map((v) => v.buffer as ArrayBuffer);
}

/** The sections of a cache file as arrays that each own their memory (so they can be transferred). */
function sectionsOf(sections: Buffer, index: Index): Payload {
  let at = 0;
  // A copy of the next section in a buffer of its own: transferable, and aligned for typed arrays.
  const next = (bytes: number): ArrayBuffer => {
    const own = new Uint8Array(bytes);
    own.set(sections.subarray(at, at + bytes));
    at += bytes;
    return own.buffer;
  };
  const utf8Section = (bytes: number) => new Uint8Array(next(bytes));
  const postings = (p: Index['functions']) => ({
    keys: utf8Section(p.keys),
    starts: new Uint32Array(next(p.starts)),
    docs: new Uint32Array(next(p.docs)),
    weights: new Float32Array(next(p.weights)),
    documents: p.documents,
  });
  return {
    lists: Object.fromEntries(KNOWLEDGE_LISTS.map((list) => [list, index.lists[list].map(utf8Section)])) as Payload['lists'],
    synonyms: utf8Section(index.synonyms),
    origins: utf8Section(index.origins),
    functions: postings(index.functions),
    guidance: postings(index.guidance),
    warnings: utf8Section(index.warnings),
  };
}

const sectionBytes = (index: Index) =>
  [...KNOWLEDGE_LISTS.flatMap((list) => index.lists[list]), index.synonyms, index.origins, ...[index.functions, index.guidance].flatMap((p) => [p.keys, p.starts, p.docs, p.weights]), index.warnings].reduce((a, b) => a + b, 0);

/** Hashes the files and reads the cache (in the worker, or here when no worker can start). */
export async function inspectCache(dir: string, files: readonly string[], file: string): Promise<CacheInspection> {
  const key = await cacheKey(dir, files);
  let content: Buffer;
  try {
    content = await readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { key, miss: code === 'ENOENT' ? 'no cache' : `cache unreadable (${code ?? String(err)})` };
  }
  if (content.subarray(0, MAGIC.length).toString('utf8') !== MAGIC) return { key, miss: 'not a cache of this version' };
  const indexStart = content.lastIndexOf(0x0a) + 1;
  const index = indexSchema.safeParse((() => {
    try {
      return JSON.parse(content.subarray(indexStart).toString('utf8')) as unknown;
    } catch {
      return undefined;
    }
  })());
  if (!index.success || indexStart <= MAGIC.length) return { key, miss: 'cache index damaged' };
  if (index.data.key !== key) return { key, miss: 'knowledge files or Motpart changed' };
  const sections = content.subarray(MAGIC.length, indexStart - 1);
  if (sections.length !== sectionBytes(index.data) || sha256(sections) !== index.data.sha256) return { key, miss: 'cache damaged (checksum)' };
  try {
    return { key, payload: sectionsOf(sections, index.data) };
  } catch {
    return { key, miss: 'cache damaged (contents)' };
  }
}

/** {@link inspectCache} in a worker thread; undefined when the worker cannot run (under vitest, which runs the TypeScript sources). */
function inspectInWorker(dir: string, files: readonly string[], file: string): Promise<CacheInspection | undefined> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./cacheWorker.js', import.meta.url), { workerData: { dir, files, file } });
    worker.once('message', (message: CacheInspection) => resolve(message));
    worker.once('error', () => resolve(undefined));
    worker.once('exit', () => resolve(undefined));
  });
}

const decoder = new TextDecoder();
const json = (data: Uint8Array): unknown => JSON.parse(decoder.decode(data));

function decode(payload: Payload): CachedKnowledge {
  const data = { synonyms: synonymsSchema.parse(json(payload.synonyms)) } as KnowledgeData;
  for (const list of KNOWLEDGE_LISTS) {
    const records: unknown[] = [];
    for (const chunk of payload.lists[list]) for (const r of recordsSchema.parse(json(chunk))) records.push(r);
    (data as unknown as Record<string, unknown[]>)[list] = records;
  }
  const origins = new Map<string, string>();
  for (const [file, keys] of Object.entries(originsSchema.parse(json(payload.origins)))) for (const k of keys) origins.set(k, file);
  const postings = (p: Payload['functions']): Postings => ({ ...p, keys: keysSchema.parse(json(p.keys)) });
  const { date, issues } = warningsSchema.parse(json(payload.warnings));
  return { data, origins, postings: { functions: postings(payload.functions), guidance: postings(payload.guidance) }, ...(date === null ? {} : { warnings: { date, issues } }) };
}

/** The key of the files as they are, and the cached knowledge for it or why there is none ("no cache" when there is no file). */
export async function readKnowledgeCache(dir: string, files: readonly string[], file: string): Promise<{ key: string } & ({ cached: CachedKnowledge } | { miss: string })> {
  const inspection = (await inspectInWorker(dir, files, file)) ?? (await inspectCache(dir, files, file));
  if (!inspection.payload) return { key: inspection.key, miss: inspection.miss ?? 'no cache' };
  try {
    return { key: inspection.key, cached: decode(payloadSchema.parse(inspection.payload)) };
  } catch {
    return { key: inspection.key, miss: 'cache damaged (contents)' };
  }
}


/**
 * Writes the cache for this key atomically (a reader sees the old file or the new one, never
 * half). Section by section: each write lets requests in, and only one chunk is held at a time.
 */
export async function writeKnowledgeCache(file: string, key: string, knowledge: Knowledge): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    const hash = createHash('sha256');
    // Text goes to the file as a string: the bytes Node encodes it to are freed as soon as it is
    // written, where a Buffer per chunk waited for the garbage collector and left 25 MB resident.
    const json = async (value: unknown) => {
      const text = JSON.stringify(value);
      hash.update(text);
      await handle.write(text);
      return Buffer.byteLength(text);
    };
    const raw = async (view: ArrayBufferView) => {
      const section = Buffer.from(view.buffer, view.byteOffset, view.byteLength);
      hash.update(section);
      await handle.write(section);
      return section.length;
    };
    await handle.write(MAGIC);
    const lists = {} as Index['lists'];
    for (const list of KNOWLEDGE_LISTS) {
      const records = knowledge.data[list];
      lists[list] = [];
      for (let i = 0; i < records.length; i += RECORDS_PER_CHUNK) lists[list].push(await json(records.slice(i, i + RECORDS_PER_CHUNK)));
    }
    const synonyms = await json(knowledge.data.synonyms);
    const origins: Record<string, string[]> = {};
    for (const [k, from] of knowledge.origins) (origins[from] ??= []).push(k);
    const originsBytes = await json(origins);
    const postings = async (p: Postings) => ({
      keys: await json(p.keys),
      starts: await raw(p.starts),
      docs: await raw(p.docs),
      weights: await raw(p.weights),
      documents: p.documents,
    });
    const functions = await postings(knowledge.functions.terms.postings());
    const guidance = await postings(knowledge.guidance.terms.postings());
    const warnings = await json({ date: knowledge.warningsFor ?? null, issues: knowledge.warnings });
    const index: Index = { key, sha256: hash.digest('hex'), lists, synonyms, origins: originsBytes, functions, guidance, warnings };
    await handle.write(`\n${JSON.stringify(index)}`);
    await handle.close();
    await rename(temporary, file);
  } catch (err) {
    await handle.close().catch(() => undefined);
    await rm(temporary, { force: true });
    throw err;
  }
}
