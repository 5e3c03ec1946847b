/**
 * A keyv store adapter over one SQLite table (better-sqlite3). keyv hands it the strings made by
 * codec.ts; each `set` and `delete` is one SQLite statement, so it is committed entirely or not at
 * all, whatever happens to the process. (@keyv/sqlite would do, but it is built on the `sqlite3`
 * package, another native module with its own build, and its writes are asynchronous; this is the
 * handful of methods keyv needs.)
 */
import { EventEmitter } from 'node:events';
import type Database from 'better-sqlite3';
import type { KeyvStoreAdapter, StoredData } from 'keyv';

/**
 * Every better-sqlite3 object (database, statement) this process creates stays reachable until the
 * process ends. better-sqlite3 12 on Node 24 aborts the whole process when the garbage collector
 * frees one: Node 24's ObjectWrap looks up its environment in the destructor and finds none inside
 * a GC pass (WiseLibs/better-sqlite3#1515; 13 avoids it but needs Node 22, and this package
 * supports Node 20). Found by the store kill test on Node 24. There is one database per process
 * (a few per test file) and a fixed set of statements, so keeping them costs nothing; Node frees
 * them itself when the process exits.
 */
const keptAlive: object[] = [];

export function keepAlive<T extends object>(object: T): T {
  keptAlive.push(object);
  return object;
}

/** A statement that is never garbage-collected (see {@link keepAlive}); use instead of `db.prepare` and `db.pragma`. */
export function prepare<Params extends unknown[] = unknown[], Row = unknown>(db: Database.Database, sql: string): Database.Statement<Params, Row> {
  return keepAlive(db.prepare<Params, Row>(sql));
}

/** keyv passes ttl 0 or undefined for "never expires". */
const expiresAt = (ttl: number | undefined) => (ttl ? Date.now() + ttl : null);

export const ENTRIES_TABLE = 'entries';

/** The table, created if missing. `expires` is only for the sweep; keyv checks expiry itself on read. */
export function ensureEntriesTable(db: Database.Database): void {
  db.exec(`CREATE TABLE IF NOT EXISTS ${ENTRIES_TABLE} (key TEXT PRIMARY KEY, value TEXT NOT NULL, expires INTEGER) WITHOUT ROWID`);
}

export class SqliteKeyvStore extends EventEmitter implements KeyvStoreAdapter {
  readonly opts = { dialect: 'sqlite' };
  namespace?: string;
  private readonly selectOne: Database.Statement<[string], { value: string }>;
  private readonly upsert: Database.Statement<[string, string, number | null]>;
  private readonly deleteOne: Database.Statement<[string]>;

  constructor(private readonly db: Database.Database) {
    super();
    ensureEntriesTable(db);
    // Keys that expired (rate-limit windows) are dropped by keyv only when read again; a user who
    // never comes back would keep theirs forever, so each start clears what has run out.
    prepare(db, `DELETE FROM ${ENTRIES_TABLE} WHERE expires IS NOT NULL AND expires <= ?`).run(Date.now());
    this.selectOne = prepare(db, `SELECT value FROM ${ENTRIES_TABLE} WHERE key = ?`);
    this.upsert = prepare(
      db,
      `INSERT INTO ${ENTRIES_TABLE} (key, value, expires) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, expires = excluded.expires`,
    );
    this.deleteOne = prepare(db, `DELETE FROM ${ENTRIES_TABLE} WHERE key = ?`);
  }

  async get<Value>(key: string): Promise<StoredData<Value> | undefined> {
    return this.selectOne.get(key)?.value as StoredData<Value> | undefined;
  }

  async set(key: string, value: string, ttl?: number): Promise<void> {
    this.upsert.run(key, value, expiresAt(ttl));
  }

  async delete(key: string): Promise<boolean> {
    return this.deleteOne.run(key).changes > 0;
  }

  async clear(): Promise<void> {
    this.db.exec(`DELETE FROM ${ENTRIES_TABLE}`);
  }

  async disconnect(): Promise<void> {
    this.db.close();
  }
}
