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
 * is, with the key and the sections' SHA-256. Writer and reader go section by section, so neither
 * holds the whole cache in memory. Everything runs on the main thread, between the chat adapters'
 * imports: hashing the files for the key is some 30 ms at 10k functions, and a worker thread to do
 * it cost more than that to start (its own isolate, zod and the schema imported again).
 */
import { createHash, type Hash } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, type FileHandle } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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
 * The last line of a cache file: the key and the sections' hash, and how many bytes each section
 * has, in the order they are written: per list its records as JSON chunks, the synonyms, which file
 * each id came from (JSON: file → `<list>:<id>` keys from it), the two indexes' postings, and the
 * linter's warnings with the day they were worked out for.
 */
const postingsIndexSchema = z.object({ keys: length, starts: length, docs: length, weights: length, documents: length });
const indexSchema = z.object({
  key: z.string().regex(/^[0-9a-f]{64}$/),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  lists: z.object(Object.fromEntries(KNOWLEDGE_LISTS.map((list) => [list, z.array(length)])) as Record<KnowledgeList, z.ZodArray<typeof length>>),
  synonyms: length,
  origins: length,
  functions: postingsIndexSchema,
  guidance: postingsIndexSchema,
  warnings: length,
});

type Index = z.infer<typeof indexSchema>;

const sectionBytes = (index: Index) =>
  [...KNOWLEDGE_LISTS.flatMap((list) => index.lists[list]), index.synonyms, index.origins, ...[index.functions, index.guidance].flatMap((p) => [p.keys, p.starts, p.docs, p.weights]), index.warnings].reduce((a, b) => a + b, 0);

/**
 * The decoded knowledge's shape. The records themselves are not checked against the knowledge
 * schema again: that took as long as the YAML the cache saves. They were validated when they were
 * read from the files whose hash is the key, by the code whose hash is part of the key, and
 * nothing decoded is used before the sections' own hash is checked; the postings are checked to
 * fit together when indexed.
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

/** Bytes at the end of a cache read to find its index line (about 5 KB at 50k functions). */
const INDEX_TAIL_BYTES = 1 << 20;

type Miss = { miss: string };

/** The magic line and the index of an open cache file, checked against `key`, or why it cannot be used. */
async function readIndex(handle: FileHandle, key: string): Promise<{ index: Index; sectionsEnd: number } | Miss> {
  const { size } = await handle.stat();
  const head = Buffer.alloc(Math.min(size, MAGIC.length));
  await handle.read(head, 0, head.length, 0);
  if (head.toString('utf8') !== MAGIC) return { miss: 'not a cache of this version' };
  const tailStart = Math.max(0, size - INDEX_TAIL_BYTES);
  const tail = Buffer.alloc(size - tailStart);
  await handle.read(tail, 0, tail.length, tailStart);
  const newline = tail.lastIndexOf(0x0a);
  const sectionsEnd = tailStart + newline;
  const index = indexSchema.safeParse((() => {
    try {
      return JSON.parse(tail.subarray(newline + 1).toString('utf8')) as unknown;
    } catch {
      return undefined;
    }
  })());
  if (!index.success || newline < 0 || sectionsEnd < MAGIC.length) return { miss: 'cache index damaged' };
  if (index.data.key !== key) return { miss: 'knowledge files or Motpart changed' };
  if (sectionsEnd - MAGIC.length !== sectionBytes(index.data)) return { miss: 'cache damaged (checksum)' };
  return { index: index.data, sectionsEnd };
}

/**
 * Reads and decodes the sections section by section: JSON through one reused buffer, each
 * posting array straight into its own memory. Read whole, the file (21 MB at 10k functions) and
 * copies of its sections were external memory that no collection had freed by the time the
 * server was ready. Decoding goes along with reading; nothing decoded is used unless the sections'
 * hash matches.
 */
async function readSections(handle: FileHandle, index: Index): Promise<CachedKnowledge | Miss> {
  const hash = createHash('sha256');
  let at = MAGIC.length;
  let scratch = Buffer.alloc(0);
  const bytes = async <T extends ArrayBufferView>(view: T): Promise<T> => {
    const target = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
    for (let read = 0; read < target.length; ) {
      const { bytesRead } = await handle.read(target, read, target.length - read, at + read);
      if (bytesRead === 0) throw new Error('cache ends early');
      read += bytesRead;
    }
    at += target.length;
    hash.update(target);
    return view;
  };
  let undecodable = false;
  const json = async <T>(length: number, schema: z.ZodType<T>): Promise<T | undefined> => {
    if (scratch.length < length) scratch = Buffer.alloc(length);
    const text = decoder.decode(await bytes(scratch.subarray(0, length)));
    if (undecodable) return undefined;
    const parsed = schema.safeParse(parseJson(text));
    undecodable = !parsed.success;
    return parsed.data;
  };
  const data = {} as Record<string, unknown>;
  for (const list of KNOWLEDGE_LISTS) {
    const records: unknown[] = [];
    for (const length of index.lists[list]) for (const r of (await json(length, recordsSchema)) ?? []) records.push(r);
    data[list] = records;
  }
  data.synonyms = await json(index.synonyms, synonymsSchema);
  const origins = await json(index.origins, originsSchema);
  const postings = async (p: Index['functions']) => ({
    keys: (await json(p.keys, keysSchema)) ?? [],
    starts: await bytes(new Uint32Array(p.starts / 4)),
    docs: await bytes(new Uint32Array(p.docs / 4)),
    weights: await bytes(new Float32Array(p.weights / 4)),
    documents: p.documents,
  });
  const functions = await postings(index.functions);
  const guidance = await postings(index.guidance);
  const warnings = await json(index.warnings, warningsSchema);
  if (hash.digest('hex') !== index.sha256) return { miss: 'cache damaged (checksum)' };
  if (undecodable || !origins || !warnings) return { miss: 'cache damaged (contents)' };
  const originOf = new Map<string, string>();
  for (const [file, keys] of Object.entries(origins)) for (const k of keys) originOf.set(k, file);
  return {
    data: data as unknown as KnowledgeData,
    origins: originOf,
    postings: { functions, guidance },
    ...(warnings.date === null ? {} : { warnings: { date: warnings.date, issues: warnings.issues } }),
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const decoder = new TextDecoder();

/** The key of the files as they are, and the cached knowledge for it or why there is none ("no cache" when there is no file). */
export async function readKnowledgeCache(dir: string, files: readonly string[], file: string): Promise<{ key: string } & ({ cached: CachedKnowledge } | Miss)> {
  const key = await cacheKey(dir, files);
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { key, miss: code === 'ENOENT' ? 'no cache' : `cache unreadable (${code ?? String(err)})` };
  }
  try {
    const found = await readIndex(handle, key);
    if ('miss' in found) return { key, ...found };
    const read = await readSections(handle, found.index);
    return 'miss' in read ? { key, ...read } : { key, cached: read };
  } catch (err) {
    return { key, miss: `cache unreadable (${(err as NodeJS.ErrnoException).code ?? (err instanceof Error ? err.message : String(err))})` };
  } finally {
    await handle.close();
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
