/**
 * The embedded store: one SQLite database under the data directory, in WAL mode. A change is
 * committed by appending it to the write-ahead log; the database file itself is never truncated
 * or rewritten as a whole, so a process killed at any moment (kill -9, out of memory, power cut)
 * leaves every acknowledged change in place and the rest absent. The JSON file that keyv-file
 * kept before (rewritten in full about every 10 ms, left empty by a badly timed kill) is imported
 * on the first start and then renamed aside, never deleted.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Keyv } from 'keyv';
import { z } from 'zod';
import type { Logger } from '../logger.js';
import { keyvOver } from './keyvFactory.js';
import { ENTRIES_TABLE, SqliteKeyvStore, ensureEntriesTable, keepAlive, prepare } from './sqliteStore.js';

export const STORE_FILE = 'motpart-store.sqlite';
/** Where keyv-file kept the store before; imported once, then renamed to `<name>.migrated-<time>`. */
export const LEGACY_STORE_FILE = 'motpart-store.json';

/** SQLite result codes that mean the file is not (or no longer) a readable database. */
const DAMAGE_CODES = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);

/** The store file cannot be opened for a reason that setting it aside would not cure. */
class EmbeddedStoreError extends Error {}

const stamp = () => new Date().toISOString().replace(/[:.]/g, '-');

export function openEmbeddedKeyv(dataDir: string, logger: Logger): Keyv {
  const file = path.join(dataDir, STORE_FILE);
  const db = openOrSetAside(file, logger);
  try {
    ensureEntriesTable(db);
    importLegacyFile(db, dataDir, logger);
    return keyvOver(new SqliteKeyvStore(db));
  } catch (err) {
    db.close();
    throw err;
  }
}

/** Opens the database in WAL mode and checks it; exported for tests that plant raw values. */
export function openDatabase(file: string): Database.Database {
  const db = keepAlive(new Database(file));
  try {
    prepare(db, 'PRAGMA journal_mode = WAL').get();
    // FULL syncs the log on every commit: a tick the user was told is saved survives a power cut
    // too, not only a crash of the process. The sync runs on the event loop: 0.012 ms per write on
    // this machine's disk, a few milliseconds on a slow one, at the pace people tick checklists.
    prepare(db, 'PRAGMA synchronous = FULL').run();
    const check = prepare(db, 'PRAGMA quick_check').pluck().get();
    if (check !== 'ok') throw Object.assign(new Error(`quick_check: ${String(check)}`), { code: 'SQLITE_CORRUPT' });
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/**
 * A damaged database (hand-edited, overwritten by something else, a disk fault) is moved aside with
 * its log files and the store starts empty, so the bot runs and nothing is lost silently. Any other
 * failure (permissions, a full disk) is not the file's fault: start-up stops and says what to fix.
 */
function openOrSetAside(file: string, logger: Logger): Database.Database {
  try {
    return openDatabase(file);
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (typeof code !== 'string' || !DAMAGE_CODES.has(code)) {
      throw new EmbeddedStoreError(
        `Lagringsfilen ${file} kunde inte öppnas (${err instanceof Error ? err.message : String(err)}). ` +
          'Kontrollera att katalogen (MOTPART_DATA_DIR) finns, är skrivbar för Motpart och att disken inte är full.',
        { cause: err },
      );
    }
    const aside = `${file}.damaged-${stamp()}`;
    for (const suffix of ['', '-wal', '-shm']) {
      if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, aside + suffix);
    }
    logger.error({ file: aside, problem: code }, 'embedded store file was damaged; moved aside, starting with an empty store');
    return openDatabase(file);
  }
}

/** keyv-file's format: `[key, { value, expire }]` pairs; `value` is the string codec.ts made. */
const legacyFileSchema = z.object({ cache: z.array(z.unknown()) });
const legacyEntrySchema = z.tuple([z.string().min(1), z.object({ value: z.string(), expire: z.number().nullish() })]);

/**
 * Imports the old JSON store in one transaction, together with a record of the file's hash, then
 * renames the file aside. A crash before the rename finds the hash on the next start and only
 * renames; keys that the database already holds are kept (they are the newer ones).
 */
function importLegacyFile(db: Database.Database, dataDir: string, logger: Logger): void {
  const legacy = path.join(dataDir, LEGACY_STORE_FILE);
  if (!fs.existsSync(legacy)) return;
  const text = fs.readFileSync(legacy, 'utf8');
  const hash = createHash('sha256').update(text).digest('hex');
  db.exec('CREATE TABLE IF NOT EXISTS imported_files (sha256 TEXT PRIMARY KEY, file TEXT NOT NULL, at TEXT NOT NULL)');
  const alreadyImported = prepare(db, 'SELECT 1 FROM imported_files WHERE sha256 = ?').get(hash) !== undefined;

  if (!alreadyImported) {
    const parsed = legacyFileSchema.safeParse(parseJson(text));
    if (!parsed.success) {
      const aside = `${legacy}.damaged-${stamp()}`;
      fs.renameSync(legacy, aside);
      logger.error({ file: aside }, 'old JSON store file is not keyv-file JSON; moved aside, nothing imported');
      return;
    }
    const now = Date.now();
    const insert = prepare(db, `INSERT OR IGNORE INTO ${ENTRIES_TABLE} (key, value, expires) VALUES (?, ?, ?)`);
    let imported = 0;
    let skipped = 0;
    db.transaction(() => {
      for (const candidate of parsed.data.cache) {
        const entry = legacyEntrySchema.safeParse(candidate);
        if (!entry.success) {
          skipped++;
          continue;
        }
        const [key, { value, expire }] = entry.data;
        // Finished rate-limit windows are the only entries with an expiry; they are not worth a row.
        if (expire != null && expire <= now) continue;
        imported += insert.run(key, value, expire ?? null).changes;
      }
      prepare(db, 'INSERT INTO imported_files (sha256, file, at) VALUES (?, ?, ?)').run(hash, legacy, new Date(now).toISOString());
    })();
    logger.info({ file: legacy, imported, skipped }, 'old JSON store imported into the SQLite store');
    if (skipped > 0) logger.warn({ file: legacy, skipped }, 'old JSON store entries that are not [key, { value }] pairs were not imported');
  }
  const aside = `${legacy}.migrated-${stamp()}`;
  fs.renameSync(legacy, aside);
  logger.info({ file: aside }, 'old JSON store renamed aside; it is no longer read and may be deleted once the bot runs well');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
