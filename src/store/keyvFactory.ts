/**
 * The keyv instances behind each backend, configured alike: no keyv namespace prefix (our keys
 * carry their own `motpart:` prefix), JSON serialisation shared with the Redis atomic path, and
 * errors thrown rather than swallowed (keyv's default turns a failed read into "missing", which
 * would make a store outage look like an empty store).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Keyv, type DeserializedData, type KeyvStoreAdapter } from 'keyv';
import { KeyvFile } from 'keyv-file';
import { deserialize, serialize } from './codec.js';

export function keyvOver(store: KeyvStoreAdapter | Map<unknown, unknown>): Keyv {
  return new Keyv({
    store,
    namespace: undefined,
    useKeyPrefix: false,
    serialize,
    deserialize: <Value>(raw: string) => deserialize(raw) as DeserializedData<Value> | undefined,
    throwOnErrors: true,
    emitErrors: false,
  });
}

export function memoryKeyv(): Keyv {
  return keyvOver(new Map());
}

export const STORE_FILE = 'motpart-store.json';

/**
 * The embedded store: one JSON file, held in memory and written shortly after each change.
 * keyv-file is pure JavaScript, so a fresh machine needs nothing built or installed.
 */
export function fileKeyv(dataDir: string): Keyv {
  const filename = path.join(dataDir, STORE_FILE);
  return keyvOver(
    new KeyvFile({
      filename,
      // Writes are awaited, so this is the latency of every saved change; concurrent changes
      // within the window share one write.
      writeDelay: 10,
    }),
  );
}

/**
 * keyv-file starts empty when its file cannot be parsed and would then overwrite it. A damaged
 * file (a crash in the middle of a write, a bad hand edit) is moved aside first, so nothing is
 * lost silently; returns where it went.
 */
export function setAsideIfDamaged(dataDir: string): string | undefined {
  const filename = path.join(dataDir, STORE_FILE);
  let text: string;
  try {
    text = fs.readFileSync(filename, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed !== null && typeof parsed === 'object' && 'cache' in parsed) return undefined;
  } catch {
    // damaged: set aside below
  }
  const aside = `${filename}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  fs.renameSync(filename, aside);
  return aside;
}
